"""OCR engines: the interface (`OcrEngine`), and `create_engine` to build one by name.

Names are loaded on first use: `intake.ocr.engines.base` (what reading needs to type an engine)
does not import the engines, numpy or the models.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.ocr.engines.base import OcrEngine, OcrUnavailable
    from intake.ocr.engines.factory import ENGINES, create_engine

__all__ = ["ENGINES", "OcrEngine", "OcrUnavailable", "create_engine"]
_HOMES = {"ENGINES": "factory", "OcrEngine": "base", "OcrUnavailable": "base", "create_engine": "factory"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"intake.ocr.engines.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
