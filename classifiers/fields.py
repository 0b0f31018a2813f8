"""Extraction: text → `Extraction` (applicant, request, delivery), with notes on doubts."""
from __future__ import annotations

from dataclasses import dataclass

from classifiers.applicant import extract_applicant
from classifiers.delivery import extract_delivery
from classifiers.pairs import read_pairs
from classifiers.request import extract_request
from intake.model import EmailMeta, Extraction


@dataclass(frozen=True, slots=True)
class AgencyFacts:
    """What belongs to the agency, so it is never taken for the applicant's."""
    phones: tuple[str, ...] = ("0635-8519813", "0635-8519810")
    address_words: tuple[str, ...] = ("黄河路101号",)
    email: str = "lczj_bgs@lc.shandong.cn"


def extract(text: str, *, email: EmailMeta | None = None, agency: AgencyFacts = AgencyFacts(),
            ocr_confidence: float = 1.0) -> Extraction:
    pairs = read_pairs(text)
    sender_email = email.sender_address if email and email.sender_address != agency.email else None
    applicant = extract_applicant(text, pairs, sender_email=sender_email,
                                  sender_name=email.sender_name if email else None,
                                  excluded_phones=agency.phones, agency_address_words=agency.address_words)
    request = extract_request(text, pairs)
    delivery = extract_delivery(text, pairs, exclude=request.description)
    notes = tuple(f"{p.field} ← {p.label}: {p.value}" for p in pairs if p.value)
    return Extraction(applicant=applicant, request=request, delivery=delivery,
                      confidence=ocr_confidence, notes=notes)
