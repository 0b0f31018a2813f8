"""Reading (intake.ocr): what a file is, its pages, and their text by OCR. Knows nothing of the law."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.ocr.corrections import correct_text
    from intake.ocr.email import looks_like_email, read_email
    from intake.ocr.engines import OcrEngine, OcrUnavailable, create_engine
    from intake.ocr.files import identify, sniff
    from intake.ocr.reading import ReadLimits, Reading, read_document

__all__ = ["OcrEngine", "OcrUnavailable", "ReadLimits", "Reading", "correct_text", "create_engine", "identify", "looks_like_email", "read_document", "read_email", "sniff"]
_HOMES = {"OcrEngine": "intake.ocr.engines", "OcrUnavailable": "intake.ocr.engines", "ReadLimits": "intake.ocr.reading", "Reading": "intake.ocr.reading", "correct_text": "intake.ocr.corrections", "create_engine": "intake.ocr.engines", "identify": "intake.ocr.files", "looks_like_email": "intake.ocr.email", "read_document": "intake.ocr.reading", "read_email": "intake.ocr.email", "sniff": "intake.ocr.files"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing one light name does not import the heavy readers.
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
