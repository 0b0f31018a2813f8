"""Understanding (intake.classifiers): a document's text becomes its route, its fields, the Art. 29
items it lacks, and the status that follows (decide.py)."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.classifiers.agency import AgencyFacts
    from intake.classifiers.channel import detect_channel
    from intake.classifiers.completeness import check
    from intake.classifiers.decide import Decision, EarlierApplication, ReviewRules, decide_status
    from intake.classifiers.nlp import build_pipeline
    from intake.classifiers.repeats import find_repeat
    from intake.classifiers.understand import Understanding, understand

__all__ = ["AgencyFacts", "Decision", "EarlierApplication", "ReviewRules", "Understanding", "build_pipeline", "check", "decide_status", "detect_channel", "find_repeat", "understand"]
_HOMES = {"AgencyFacts": "intake.classifiers.agency", "Decision": "intake.classifiers.decide", "EarlierApplication": "intake.classifiers.decide", "ReviewRules": "intake.classifiers.decide", "Understanding": "intake.classifiers.understand", "build_pipeline": "intake.classifiers.nlp", "check": "intake.classifiers.completeness", "decide_status": "intake.classifiers.decide", "detect_channel": "intake.classifiers.channel", "find_repeat": "intake.classifiers.repeats", "understand": "intake.classifiers.understand"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing one light name does not import the heavy readers.
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
