"""The office's review page (`intake review`): queues, one document beside its scan, corrections.

`create_app` is imported on first use, so that `intake.office.actions` (plain functions, no web
layer) can use this package's tables without loading Flask.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.review.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from intake.review.app import create_app
        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
