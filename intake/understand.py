"""Understanding: the text of a document becomes route, fields, completeness — no I/O here,
so the benchmark and the tests can call it directly."""
from __future__ import annotations

from dataclasses import dataclass

from classifiers.completeness import check
from classifiers.fields import AgencyFacts, extract
from classifiers.reflow import reflow
from classifiers.route import classify
from intake.model import Check, Classification, EmailMeta, Extraction, Route, Status

# Below this the office decides (needs_review) rather than the service.
REVIEW_BELOW = 0.5


@dataclass(frozen=True, slots=True)
class Understanding:
    classification: Classification
    extraction: Extraction | None
    check: Check
    confidence: float


def understand(text: str, *, email: EmailMeta | None = None, agency: AgencyFacts = AgencyFacts(),
               ocr_confidence: float = 1.0) -> Understanding:
    text = reflow(text)
    extraction = extract(text, email=email, agency=agency, ocr_confidence=ocr_confidence)
    subject = email.subject if email else ""
    classification = classify(text, subject=subject, request_text=extraction.request.description)
    route = classification.route
    result = check(extraction, route)
    confidence = _confidence(classification, extraction, result, ocr_confidence)
    if confidence < REVIEW_BELOW and result.status != Status.ROUTED:
        result = Check(missing=result.missing, status=Status.NEEDS_REVIEW, confidence=confidence,
                       reasons=result.reasons + (f"confidence {confidence:.2f} below {REVIEW_BELOW}",))
    return Understanding(classification, extraction if route == Route.APPLICATION else None, result, confidence)


def _confidence(classification: Classification, extraction: Extraction, result: Check, ocr: float) -> float:
    confidence = classification.confidence * (0.6 + 0.4 * min(1.0, ocr))
    if classification.route == Route.APPLICATION and len(result.missing) >= 3:
        confidence *= 0.8   # many items missing: perhaps not read well
    return round(max(0.0, min(1.0, confidence)), 3)
