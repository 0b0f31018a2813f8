"""Every letter the Regulations require, drafted from the register: kinds, templates (packaged,
overridden by HOME/templates/letters/), the values they are filled with, the A4 公文 layout."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.letters.draft import LetterError, LetterRequest, check_letters, draft_letter, letter_path
    from intake.letters.kinds import KINDS, LetterKind
    from intake.letters.templates import LetterTemplateError

__all__ = ["KINDS", "LetterError", "LetterKind", "LetterRequest", "LetterTemplateError", "check_letters",
           "draft_letter", "letter_path"]
_HOMES = {"KINDS": "intake.letters.kinds", "LetterError": "intake.letters.draft", "LetterKind": "intake.letters.kinds",
          "LetterRequest": "intake.letters.draft", "LetterTemplateError": "intake.letters.templates",
          "check_letters": "intake.letters.draft", "draft_letter": "intake.letters.draft",
          "letter_path": "intake.letters.draft"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: `intake status` imports no python-docx.
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
