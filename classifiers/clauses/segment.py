"""The clauses of a text: sentences and lines, each with where it stands, so a clause the model
marks (the information asked for) can be taken from the text as written."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Chinese sentence ends and line breaks; an English sentence ends at a full stop before a capital.
_END = re.compile(r"[。！？!?；;\n\r]+|(?<=[a-z0-9)])\.\s+(?=[A-Z])")
MIN_CHARS = 4
MAX_CHARS = 240


@dataclass(frozen=True, slots=True)
class Clause:
    text: str
    span: tuple[int, int]


def clauses(text: str) -> list[Clause]:
    found: list[Clause] = []
    start = 0
    for match in [*_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if len(stripped) >= MIN_CHARS:
            offset = start + piece.index(stripped)
            found.append(Clause(stripped[:MAX_CHARS], (offset, offset + min(len(stripped), MAX_CHARS))))
        start = match.end() if match else len(text)
    return found
