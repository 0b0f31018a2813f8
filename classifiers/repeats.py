"""Repeats (Art. 35, Art. 36(六)): the same file again, or the same applicant asking again for the
same information. Compared against earlier applications in the register."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from intake.classifiers.decide import EarlierApplication
from intake.kernel import Applicant, Record, Request, Route, Status

SIMILAR_DESCRIPTION = 0.8


def _bag(text: str) -> Counter[str]:
    return Counter(c for c in re.sub(r"[\W_]", "", text))


def similarity(first: str, second: str) -> float:
    a, b = _bag(first), _bag(second)
    if not a or not b:
        return 0.0
    common = sum((a & b).values())
    return 2 * common / (sum(a.values()) + sum(b.values()))


def same_applicant(applicant: Applicant, earlier: Applicant) -> bool:
    if applicant.id_number and earlier.id_number:
        return applicant.id_number == earlier.id_number
    if not applicant.name or applicant.name != earlier.name:
        return False
    return any(getattr(applicant, key) and getattr(applicant, key) == getattr(earlier, key)
               for key in ("phone", "email", "address"))


def same_request(request: Request, earlier: Request) -> bool:
    if set(request.doc_numbers) & set(earlier.doc_numbers):
        return True
    if set(request.titles) & set(earlier.titles) and not request.description:
        return True
    if request.description and earlier.description:
        return similarity(request.description, earlier.description) >= SIMILAR_DESCRIPTION
    return False


def find_repeat(sha256: str, applicant: Applicant | None, request: Request | None,
                earlier_records: Iterable[tuple[int, Record]]) -> EarlierApplication | None:
    """The earliest earlier application this one repeats, or None."""
    for document_id, record in earlier_records:
        if record.route != Route.APPLICATION or record.status == Status.FAILED:
            continue
        if record.sha256 == sha256:
            return EarlierApplication(document_id, record.sha256, record.status)
        if applicant is None or request is None or record.applicant is None or record.request is None:
            continue
        if same_applicant(applicant, record.applicant) and same_request(request, record.request):
            return EarlierApplication(document_id, record.sha256, record.status)
    return None
