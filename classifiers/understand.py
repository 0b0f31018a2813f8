"""Understanding: the text of a document becomes route, fields, completeness — no I/O here,
so the benchmark and the tests can call it directly. The work is done by the spaCy pipeline
in classifiers/nlp.py, built once per process and passed in."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language

from intake.classifiers.agency import AgencyFacts
from intake.classifiers.nlp import build_pipeline, run
from intake.classifiers.fields.reflow import collapse_spaced_letters, reflow
from intake.classifiers.route.rules import is_marked
from intake.kernel.model import Check, Classification, EmailMeta, Extraction, Route, Status

# Below this the office decides (needs_review) rather than the service.
REVIEW_BELOW = 0.5
# A page read this poorly (mean recogniser score) may hide what Article 29 needs: a person looks.
POORLY_READ_BELOW = 0.7


@dataclass(frozen=True, slots=True)
class Understanding:
    classification: Classification
    extraction: Extraction | None
    check: Check
    confidence: float


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """For callers without a pipeline of their own (tests, one-off scripts)."""
    return build_pipeline()


def understand(text: str, *, email: EmailMeta | None = None, agency: AgencyFacts = AgencyFacts(),
               ocr_confidence: float = 1.0, nlp: Language | None = None) -> Understanding:
    original = collapse_spaced_letters(text)
    text = reflow(original)
    doc = run(nlp or default_pipeline(), text, email=email, agency=agency)
    classification: Classification = doc._.classification
    # The heading is judged on the lines as printed, before wrapped lines were joined.
    marked = is_marked(original, email.subject if email else "")
    if marked != classification.marked:
        classification = replace(classification, marked=marked)
    extraction = Extraction(applicant=doc._.applicant, request=doc._.request, delivery=doc._.delivery,
                            confidence=ocr_confidence)
    result: Check = doc._.check
    confidence = _confidence(classification, result, ocr_confidence)
    if confidence < REVIEW_BELOW and result.status != Status.ROUTED:
        result = Check(missing=result.missing, status=Status.NEEDS_REVIEW, confidence=confidence,
                       reasons=result.reasons + (f"confidence {confidence:.2f} below {REVIEW_BELOW}",))
    elif ocr_confidence < POORLY_READ_BELOW and result.status == Status.NEEDS_CORRECTION:
        # Do not send a correction notice for items the recogniser may simply have missed.
        confidence = min(confidence, 0.45)
        result = Check(missing=result.missing, status=Status.NEEDS_REVIEW, confidence=confidence,
                       reasons=result.reasons + (f"page poorly read (OCR {ocr_confidence:.2f})",))
    route = classification.route
    return Understanding(classification, extraction if route == Route.APPLICATION else None, result, confidence)


def _confidence(classification: Classification, result: Check, ocr: float) -> float:
    confidence = classification.confidence * (0.6 + 0.4 * min(1.0, ocr))
    if classification.route == Route.APPLICATION and len(result.missing) >= 3:
        confidence *= 0.8   # many items missing: perhaps not read well
    return round(max(0.0, min(1.0, confidence)), 3)
