"""Where on the scan each field's value was read: the OCR lines that hold it, so the page can
mark them when the clerk looks at the field (a name read from the signature line instead of the
applicant's cell shows at once)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from intake.kernel import LineBox

# The fields whose values are words on the page (kinds and ticked choices are not).
TEXT_FIELDS = ("applicant.name", "applicant.id_number", "applicant.phone", "applicant.email", "applicant.address",
               "applicant.postcode", "applicant.contact_person", "request.description", "request.titles",
               "request.doc_numbers")
_SPACE = re.compile(r"\s+")
# A long value is found by its first or last words: OCR and the reading differ in a character here and there.
_END_CHARS = 8
# A line this long lying wholly inside a value is part of it (a description over several lines).
_PART_CHARS = 4


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def _holds(line: str, value: str) -> bool:
    if len(value) >= 2 and value in line:
        return True
    if len(line) >= _PART_CHARS and line in value:
        return True
    return len(value) >= _END_CHARS * 2 and (value[:_END_CHARS] in line or value[-_END_CHARS:] in line)


def _values(record: dict[str, Any], key: str) -> list[str]:
    part, name = key.split(".", 1)
    value = (record.get(part) or {}).get(name)
    items: Iterable[Any] = value if isinstance(value, list) else [value]
    return [compact for item in items if isinstance(item, str) and (compact := _compact(item).strip("《》"))]


def field_marks(record: dict[str, Any], lines: Sequence[LineBox]) -> dict[str, list[list[float]]]:
    """Field key → [[page, x0, y0, x1, y1], …] of the lines its value was read from (fractions of the page)."""
    compact_lines = [(_compact(line.text), line) for line in lines]
    marks: dict[str, list[list[float]]] = {}
    for key in TEXT_FIELDS:
        values = _values(record, key)
        found = [[float(line.page), *line.box] for text, line in compact_lines
                 if text and any(_holds(text, value) for value in values)]
        if found:
            marks[key] = found
    return marks
