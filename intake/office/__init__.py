"""The office's side: changes to records (review page and CLI), their vocabulary, the letters they call for."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.office.actions import (
        ReviewActionError,
        StaleRecord,
        change_route,
        change_status,
        confirm_notice,
        correct_fields,
        extend,
        record_correction_received,
        record_notice_sent,
        record_reply,
        request_reasons,
        version_of,
    )
    from intake.office.correspondence import letter_sent

__all__ = ["ReviewActionError", "StaleRecord", "change_route", "change_status", "confirm_notice", "correct_fields",
           "extend", "letter_sent", "record_correction_received", "record_notice_sent", "record_reply",
           "request_reasons", "version_of"]
_HOMES = {name: "intake.office.actions" for name in __all__ if name != "letter_sent"} | {
    "letter_sent": "intake.office.correspondence"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing one light name does not import the heavy readers.
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
