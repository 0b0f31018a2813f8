"""The pipeline: every file, however it arrives, goes claim → read → understand → decide → commit
through `runner.run()`; the watcher is one way of feeding it.

Names are loaded on first use, so that importing `Services` (as every office command does) does
not import the readers and the understanding models.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.pipeline.runner import process, process_many, reprocess, resume
    from intake.pipeline.services import Services, open_services

__all__ = ["Services", "open_services", "process", "process_many", "reprocess", "resume"]
_HOMES = {"Services": "services", "open_services": "services", "process": "runner", "process_many": "runner",
          "reprocess": "runner", "resume": "runner"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"intake.pipeline.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'intake.pipeline' has no attribute {name!r}")
