"""The clauses of a text: sentences and lines, each with where it stands, so a clause the model
marks (the information asked for) can be taken from the text as written."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Chinese sentence ends and line breaks; an English sentence ends at a full stop before a capital
# (or before the Chinese that a bilingual writer puts after it).
_END = re.compile(r"[。！？!?；;\n\r]+|(?<=[a-z0-9)])(?<!\bNo)(?<!\bArt)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)"
                  r"\.\s+(?=[A-Z\u4e00-\u9fff])")
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
            for begin, end_of in _unpunctuated_parts(stripped):
                part = stripped[begin:end_of]
                found.append(Clause(part[:MAX_CHARS], (offset + begin, offset + begin + min(len(part), MAX_CHARS))))
        start = match.end() if match else len(text)
    return found


# A writer who does not punctuate runs many clauses together, with a space, or nothing, between them.
UNPUNCTUATED = 50
_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
_FIRST_PERSON = re.compile(r"(?<=[\u4e00-\u9fff])(?=我)")


def _unpunctuated_parts(clause: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a long run without commas: split at the writer's spaces, then
    where the writer begins again with 我 (我就想要…)."""
    if len(clause) <= UNPUNCTUATED or re.search(r"[，,、：:]", clause):
        return [(0, len(clause))]
    parts: list[tuple[int, int]] = []
    for begin, end in _split_at(clause, 0, len(clause), _GAP):
        if end - begin > UNPUNCTUATED:
            parts.extend(_split_at(clause, begin, end, _FIRST_PERSON))
        else:
            parts.append((begin, end))
    return [(begin, end) for begin, end in parts if end - begin >= MIN_CHARS] or [(0, len(clause))]


def _split_at(text: str, begin: int, end: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    cuts = [m for m in boundary.finditer(text, begin, end)]
    edges = [begin, *[point for m in cuts for point in (m.start(), m.end())], end]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2) if edges[i + 1] > edges[i]]
