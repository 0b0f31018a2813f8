"""The office's side: changes to records (review page and CLI), their vocabulary, the letters."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.office.actions import ReviewActionError, StaleRecord, change_route, change_status, confirm_notice, correct_fields, extend, record_correction_received, record_notice_sent, record_reply, version_of
    from intake.office.notices import draft_notice

__all__ = ["ReviewActionError", "StaleRecord", "change_route", "change_status", "confirm_notice", "correct_fields", "draft_notice", "extend", "record_correction_received", "record_notice_sent", "record_reply", "version_of"]
_HOMES = {"ReviewActionError": "intake.office.actions", "StaleRecord": "intake.office.actions", "change_route": "intake.office.actions", "change_status": "intake.office.actions", "confirm_notice": "intake.office.actions", "correct_fields": "intake.office.actions", "draft_notice": "intake.office.notices", "extend": "intake.office.actions", "record_correction_received": "intake.office.actions", "record_notice_sent": "intake.office.actions", "record_reply": "intake.office.actions", "version_of": "intake.office.actions"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing one light name does not import the heavy readers.
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
