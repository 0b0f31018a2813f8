"""What the office reads: the nightly digest, the repeat-applicant list, the annual report's table."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.reports.annual import annual_table
    from intake.reports.annual_files import write_report
    from intake.reports.digest import build_digest, produce_digest
    from intake.reports.nightly import deliver, make_nightly_hook
    from intake.reports.repeats import repeat_applicants

__all__ = ["annual_table", "build_digest", "deliver", "make_nightly_hook", "produce_digest", "repeat_applicants", "write_report"]
_HOMES = {"annual_table": "intake.reports.annual", "build_digest": "intake.reports.digest", "deliver": "intake.reports.nightly", "make_nightly_hook": "intake.reports.nightly", "produce_digest": "intake.reports.digest", "repeat_applicants": "intake.reports.repeats", "write_report": "intake.reports.annual_files"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing one light name does not import the heavy readers.
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
