"""Repeats (Art. 35 context): the same file again, or the same applicant asking again for the
same information. Compared against earlier records in the register."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from intake.kernel.model import Applicant, Request

SIMILAR_DESCRIPTION = 0.8


def _bag(text: str) -> Counter[str]:
    return Counter(c for c in re.sub(r"[\W_]", "", text))


def similarity(first: str, second: str) -> float:
    a, b = _bag(first), _bag(second)
    if not a or not b:
        return 0.0
    common = sum((a & b).values())
    return 2 * common / (sum(a.values()) + sum(b.values()))


def same_applicant(applicant: Applicant, earlier: dict[str, Any]) -> bool:
    if applicant.id_number and earlier.get("id_number"):
        return bool(applicant.id_number == earlier["id_number"])
    if not applicant.name or applicant.name != earlier.get("name"):
        return False
    return any(getattr(applicant, key) and getattr(applicant, key) == earlier.get(key)
               for key in ("phone", "email", "address"))


def same_request(request: Request, earlier: dict[str, Any]) -> bool:
    if set(request.doc_numbers) & set(earlier.get("doc_numbers") or []):
        return True
    if set(request.titles) & set(earlier.get("titles") or []) and not request.description:
        return True
    if request.description and earlier.get("description"):
        return similarity(request.description, earlier["description"]) >= SIMILAR_DESCRIPTION
    return False


def find_repeat(sha256: str, applicant: Applicant | None, request: Request | None,
                earlier_records: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The earliest earlier application this one repeats, or None."""
    for record in earlier_records:
        if record.get("route") != "application" or record.get("status") == "failed":
            continue
        if record.get("sha256") == sha256:
            return record
        if applicant is None or request is None:
            continue
        if same_applicant(applicant, record.get("applicant") or {}) and same_request(request, record.get("request") or {}):
            return record
    return None
