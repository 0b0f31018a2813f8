"""Repeats (Art. 35, Art. 36(六)): the same applicant asking again for the same information,
whatever the file — another scan, a fax, an e-mail of the same letter — compared against earlier
applications in the register.

The same applicant: the same ID number (read as the same 18 characters allowing one OCR slip), or
the same name with the same phone, e-mail or address. The same information: a shared 文号 or title,
or descriptions that share most of their characters — or, where one copy's description was read
badly, the other copy's description found almost whole in this one's text.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from intake.classifiers.decide import EarlierApplication
from intake.kernel import Applicant, Record, Request, Route, Status

SIMILAR_DESCRIPTION = 0.75
# Share of an earlier description's characters found in this document's text.
CONTAINED = 0.85
MIN_COMPARED = 12
_SEPARATORS = re.compile(r"[\s\-－—_()（）]")


def _bag(text: str) -> Counter[str]:
    return Counter(c for c in re.sub(r"[\W_]", "", text))


def similarity(first: str, second: str) -> float:
    a, b = _bag(first), _bag(second)
    if not a or not b:
        return 0.0
    common = sum((a & b).values())
    return 2 * common / (sum(a.values()) + sum(b.values()))


def containment(part: str, whole: str) -> float:
    """How much of `part` (its characters, with repeats) occurs in `whole`."""
    a, b = _bag(part), _bag(whole)
    return sum((a & b).values()) / sum(a.values()) if a else 0.0


def _same_id(first: str, second: str) -> bool:
    a, b = _SEPARATORS.sub("", first).upper(), _SEPARATORS.sub("", second).upper()
    if a == b:
        return True
    return len(a) == len(b) == 18 and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def _same_text(first: str | None, second: str | None) -> bool:
    return bool(first and second and _SEPARATORS.sub("", first) == _SEPARATORS.sub("", second))


def same_applicant(applicant: Applicant, earlier: Applicant) -> bool:
    if applicant.id_number and earlier.id_number and _same_id(applicant.id_number, earlier.id_number):
        return True
    if not applicant.name or not _same_text(applicant.name, earlier.name):
        return False
    if applicant.id_number and earlier.id_number:
        return False      # the same name, two different ID numbers: two people
    phones = {re.sub(r"\D", "", p) for p in (applicant.phone, earlier.phone) if p}
    return (len(phones) == 1 and bool(applicant.phone and earlier.phone)) or \
        _same_text(applicant.email, earlier.email) or \
        bool(applicant.address and earlier.address and similarity(applicant.address, earlier.address) >= 0.9)


def same_request(request: Request, earlier: Request, text: str = "", earlier_text: str = "") -> bool:
    if set(request.doc_numbers) & set(earlier.doc_numbers):
        return True
    if set(request.titles) & set(earlier.titles):
        return True
    mine, theirs = request.description or "", earlier.description or ""
    if mine and theirs and similarity(mine, theirs) >= SIMILAR_DESCRIPTION:
        return True
    # One copy's description may be misread or missing: look for the other's in the whole text.
    return (len(theirs) >= MIN_COMPARED and containment(theirs, text) >= CONTAINED) or \
        (len(mine) >= MIN_COMPARED and containment(mine, earlier_text) >= CONTAINED)


def find_repeat(sha256: str, applicant: Applicant | None, request: Request | None,
                earlier_records: Iterable[tuple[int, Record]], text: str = "") -> EarlierApplication | None:
    """The earliest earlier application this one repeats, or None."""
    for document_id, record in earlier_records:
        if record.route != Route.APPLICATION or record.status == Status.FAILED:
            continue
        if record.sha256 == sha256:
            return EarlierApplication(document_id, record.sha256, record.status, record.missing)
        if applicant is None or request is None or record.applicant is None or record.request is None:
            continue
        if same_applicant(applicant, record.applicant) and same_request(request, record.request, text, record.text):
            return EarlierApplication(document_id, record.sha256, record.status, record.missing)
    return None
