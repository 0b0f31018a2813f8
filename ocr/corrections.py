"""Post-OCR corrections: local place names, and traditional glyphs in simplified text.

The recogniser misreads rare characters of local place names (茌平 is read 在平). The names of
the agency's administrative divisions are known (FACTS §5: 聊城 and its districts), so a misread
that turns one into a non-name is put back. Only whole names followed by their division word are
touched, never a single character on its own.

The recogniser also knows traditional characters, and some look all but identical to their
simplified forms in print (內/内, 戶/户): on a page written in simplified Chinese such a glyph
is a misread, and it would hide a label (所需信息內容描述) from the extraction.
"""
from __future__ import annotations

import re

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


# Traditional or old forms that print almost exactly like the simplified character.
VARIANT_GLYPHS = str.maketrans("內戶吿卽旣敎靑淸眞黃値兌稅", "内户告即既教青清真黄值兑税")
# Characters that only simplified Chinese writes; a page with two of them is simplified text.
SIMPLIFIED_ONLY = frozenset("们这说国时会为发对关门开书请单号码话邮处级证实现经过")


def simplify_variants(text: str) -> str:
    if sum(1 for char in text if char in SIMPLIFIED_ONLY) < 2:
        return text   # traditional (or no Chinese) text is left as written
    return text.translate(VARIANT_GLYPHS)


def correct_text(text: str) -> str:
    """Every post-OCR correction, in order."""
    return correct_place_names(simplify_variants(text))
