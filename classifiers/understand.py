"""Understanding: the text of a document becomes its route, fields and missing Art. 29 items —
no I/O here, so the benchmark and the tests call it directly. The work is done by the spaCy
pipeline in nlp.py, built once per process and passed in; what happens next (the status) is
decided in decide.py."""
from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from intake.classifiers.agency import AgencyFacts
from intake.classifiers.channel import without_cover_sheet, without_transmit_lines
from intake.classifiers.completeness import unread_hints
from intake.classifiers.fields.reflow import collapse_spaced_letters, reflow
from intake.classifiers import identifiers as ids
from intake.classifiers.identifiers.codes import typed_text
from intake.classifiers.route.clauses import CLEAR
from intake.classifiers.route.rules import is_marked
from intake.classifiers.written import as_written, plain_pronouns
from intake.kernel import Check, ClauseRole, Classification, EmailMeta, Extraction, Route

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True)
class Understanding:
    classification: Classification
    extraction: Extraction | None        # for applications only
    check: Check                         # Art. 29 items missing (applications only)
    confidence: float                    # in the route and the fields, OCR quality included
    unread: tuple[str, ...] = ()         # missing items the whole text may hold after all
    clauses: tuple[ClauseRole, ...] = ()  # each clause's likeliest role, for the review page
    doubts: tuple[str, ...] = ()         # values read as written that fail their checks (a typo to ask about)


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """For callers without a pipeline of their own (tests, one-off scripts)."""
    from intake.classifiers.nlp import build_pipeline
    return build_pipeline()


def understand(text: str, *, written: str | None = None, email: EmailMeta | None = None,
               agency: AgencyFacts = AgencyFacts(), ocr_confidence: float = 1.0,
               nlp: Language | None = None, typed: bool = False) -> Understanding:
    """`text` may be a simplified copy of a traditional-script document (the same length); then
    `written` is the document as written, and the values found are given back in its characters.
    Dialect pronouns (俺, 恁) are read through such a copy too. `typed`: no page was read by OCR
    (an e-mail, a text layer), so an ID that fails its check is kept as written, not repaired."""
    with typed_text() if typed else nullcontext():
        return _understand(text, written=written, email=email, agency=agency, ocr_confidence=ocr_confidence, nlp=nlp)


def _understand(text: str, *, written: str | None, email: EmailMeta | None, agency: AgencyFacts,
                ocr_confidence: float, nlp: Language | None) -> Understanding:
    from intake.classifiers.nlp import run
    simplified_copy = written is not None and written != text
    text = _lost_brackets(without_transmit_lines(without_cover_sheet(text)))
    written = _lost_brackets(without_transmit_lines(without_cover_sheet(written))) \
        if written is not None and simplified_copy else None
    plain = plain_pronouns(text)
    if plain != text:
        written, text = written if written is not None else text, plain
    original = collapse_spaced_letters(text)
    # The heading is judged on the lines as printed, before wrapped lines are joined.
    marked = is_marked(original, email.subject if email else "")
    doc = run(nlp or default_pipeline(), reflow(original), email=email, agency=agency, marked=marked)
    classification: Classification = doc._.classification
    application = classification.route == Route.APPLICATION
    extraction = Extraction(applicant=doc._.applicant, request=doc._.request, delivery=doc._.delivery,
                            confidence=ocr_confidence)
    if written is not None:
        extraction = as_written(extraction, text, written)
    result: Check = doc._.check if application else Check()
    confidence = _confidence(classification, result, ocr_confidence)
    # A specific request read in some clause while no description was found at all.
    asked = not extraction.request.description and any(
        p.get("ask_info", 0.0) >= CLEAR for _, p in doc._.clauses or [])
    unread = unread_hints(original, result.missing, asks_information=asked, agency_phones=agency.phones,
                          agency_words=agency.address_words) if application else ()
    return Understanding(classification, extraction if application else None, result, confidence, unread,
                         _roles(doc._.clauses or []), _doubts(extraction) if application else ())


def _doubts(extraction: Extraction) -> tuple[str, ...]:
    applicant = extraction.applicant
    if applicant.id_type == "resident_id" and applicant.id_number and not ids.resident_id_valid(applicant.id_number):
        return ("applicant_id: the ID number as written fails its check character (GB 11643): a typo to ask about",)
    return ()


def _roles(found: list[tuple[str, dict[str, float]]]) -> tuple[ClauseRole, ...]:
    return tuple(ClauseRole(text, role, probabilities[role]) for text, probabilities in found
                 if probabilities for role in [max(probabilities, key=probabilities.__getitem__)])


# A 文号's 〕 that OCR or a text layer lost where the line breaks: 〔2025 / 31号 (the same change in
# either script, so a simplified copy and the text as written stay aligned).
_LOST_CLOSE = re.compile(r"(?<=[〔\[【（(](?:19|20)\d{2})(?=[ \t]*\n\s*第?\d{1,5}\s?号)")


def _lost_brackets(text: str) -> str:
    return _LOST_CLOSE.sub("〕", text)


def _confidence(classification: Classification, result: Check, ocr: float) -> float:
    confidence = classification.confidence * (0.6 + 0.4 * min(1.0, ocr))
    if classification.route == Route.APPLICATION and len(result.missing) >= 3:
        confidence *= 0.8   # many items missing: perhaps not read well
    return round(max(0.0, min(1.0, confidence)), 3)
