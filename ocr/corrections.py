"""Post-OCR corrections from the agency's own gazetteer.

The recogniser misreads rare characters of local place names (茌平 is read 在平). The names of
the agency's administrative divisions are known (FACTS §5: 聊城 and its districts), so a misread
that turns one into a non-name is put back. Only whole names followed by their division word are
touched, never a single character on its own.
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
