"""Post-OCR corrections: local place names, and traditional glyphs in simplified text.

The recogniser misreads rare characters of local place names (茌平 is read 在平). The names of
the agency's administrative divisions are known (FACTS §5: 聊城 and its districts), so a misread
that turns one into a non-name is put back. Only whole names followed by their division word are
touched, never a single character on its own.

On a page written in simplified Chinese, traditional glyphs are misreads and are put back
(script.py explains how the page's script is told).
"""
from __future__ import annotations

import re

from intake.ocr.script import is_traditional, tables, to_simplified

# (pattern of the misread name, the name) — each row has a test in tests/test_corrections.py.
PLACE_NAMES: tuple[tuple[str, str], ...] = (
    (r"[在荏茬芢]平(?=区|县|镇|街道)", "茌平"),
    (r"[辛华苹]县(?=[\u4e00-\u9fff]{0,6}(镇|街道|乡|路))", "莘县"),
    (r"东河(?=县)", "东阿"),
)


def correct_place_names(text: str) -> str:
    for pattern, name in PLACE_NAMES:
        text = re.sub(pattern, name, text)
    return text


def simplify_variants(text: str) -> str:
    """A simplified page's traditional glyphs as simplified characters; a traditional page as written."""
    if is_traditional(text) or not any(char in tables()[1] for char in text):
        return text
    return to_simplified(text)


def correct_text(text: str) -> str:
    """Every post-OCR correction, in order."""
    return correct_place_names(simplify_variants(text))
