"""Which script a page is written in, and traditional glyphs put back into simplified ones.

The recogniser knows traditional characters, and on brush (kai) or worn print it often reads a
simplified character as its traditional form (们 as 們, 证 as 證). On a page written in simplified
Chinese such a glyph is a misread: it hides labels and names from the extraction and counts as an
OCR error. A page written in traditional Chinese (a Hong Kong, Macao or Taiwan writer) is left as
written. The two are told apart by the characters only simplified Chinese writes: a traditional
page has almost none (measured: ≤ 3 in 240), a simplified page read with variants many (≥ 17).

The character table is OpenCC's (TSCharacters, shipped in opencc-python-reimplemented): one
character for one character, so positions in the text do not move.
"""
from __future__ import annotations

import os
from functools import lru_cache

# A page is traditional when it has at least this many traditional-only characters and the
# simplified-only ones are at most this share of them.
MIN_TRADITIONAL = 5
SIMPLIFIED_SHARE = 0.1


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], frozenset[str]]:
    """(traditional character → simplified character, characters only simplified Chinese writes)."""
    import opencc
    folder = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
    to_simplified: dict[str, str] = {}
    with open(os.path.join(folder, "TSCharacters.txt"), encoding="utf-8") as handle:
        for line in handle:
            source, targets = line.rstrip("\n").split("\t")
            target = targets.split()[0]
            if len(source) == 1 and len(target) == 1 and source != target:
                to_simplified[source] = target
    simplified_only: set[str] = set()
    with open(os.path.join(folder, "STCharacters.txt"), encoding="utf-8") as handle:
        for line in handle:
            source, targets = line.rstrip("\n").split("\t")
            if len(source) == 1 and source not in targets.split():
                simplified_only.add(source)
    return to_simplified, frozenset(simplified_only)


def is_traditional(text: str) -> bool:
    to_simplified, simplified_only = tables()
    traditional = sum(1 for char in text if char in to_simplified)
    simplified = sum(1 for char in text if char in simplified_only)
    return traditional >= MIN_TRADITIONAL and simplified <= SIMPLIFIED_SHARE * traditional


def to_simplified(text: str) -> str:
    """Every traditional character as its simplified form; the same length as `text`."""
    to_simplified_table, _ = tables()
    return text.translate({ord(source): target for source, target in to_simplified_table.items()})
