"""The text every identifier finder works on: full-width forms made half-width, one character for one
character, so the spans a finder reports index the caller's text as well."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# ---------------------------------------------------------------- normalisation
# Full-width forms that Chinese text uses as its own punctuation stay as they are: the
# extractors split sentences on them and the contract's text keeps them.
FULLWIDTH_KEPT = "，：；！？（）"


_HALF_WIDTH: Mapping[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in FULLWIDTH_KEPT}


def normalise_text(s: str) -> str:
    """Full-width ASCII letters, digits and symbols made half-width; one character per character."""
    return s.translate(_HALF_WIDTH)


@dataclass(frozen=True, slots=True)
class IdCandidate:
    """A resident ID or USCC found in text."""
    value: str                 # the identifier, separators removed, upper-case, repaired if `corrected`
    valid: bool                # passes the format and check-character rules
    corrected: bool            # a character differs from what was written (an OCR repair)
    span: tuple[int, int]      # where it was written, end exclusive
    raw: str = ""              # the characters as written, separators included


@dataclass(frozen=True, slots=True)
class Found:
    """A phone, e-mail, postcode or 文号 found in text."""
    value: str
    span: tuple[int, int]
