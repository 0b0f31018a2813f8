"""The understanding stages as a spaCy pipeline: one registered component per job.

`spacy.blank("zh")` segments per character (no pretrained model is available offline). Each
component reads what earlier ones left on the Doc's extension attributes and adds its own:

    intake_fields       → doc._.pairs          (label → value pairs of forms and letters)
    intake_identifiers  → doc.spans["identifiers"]  (IDs, USCC, phones, e-mails, 文号, 《titles》)
    intake_applicant    → doc._.applicant
    intake_request      → doc._.request
    intake_delivery     → doc._.delivery
    intake_clauses      → doc._.clauses        (each clause's roles, classifiers/models/clauses)
    (trained textcat)   → doc.cats             (classifiers/models/route, via RouteModel)
    intake_route        → doc._.classification (rules + model + Article 39)
    intake_completeness → doc._.check          (Article 29)

Context that is not text (the e-mail's headers, the agency's own phone numbers) is set on
doc._.email / doc._.agency before the components run.
"""
from __future__ import annotations

import bisect
import itertools
import logging
from pathlib import Path
from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import load_config

from intake.classifiers import identifiers as ids
from intake.classifiers.applicant import extract_applicant
from intake.classifiers.completeness import check
from intake.classifiers.delivery import extract_delivery
from intake.classifiers.agency import AgencyFacts
from intake.classifiers.fields.pairs import label_lines, read_pairs
from intake.classifiers.fields.reflow import is_heading
from intake.classifiers.request import extract_request
from intake.classifiers.clauses.segment import clauses
from intake.classifiers.route.clauses import asks, asks_everything, in_request, reconcile
from intake.classifiers.route.rules import classify
from intake.kernel.model import Extraction

log = logging.getLogger(__name__)
CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
ROUTE_MODEL_PATH = Path(__file__).parent / "models" / "route"
CLAUSE_MODEL_PATH = Path(__file__).parent / "models" / "clauses"

for _name in ("pairs", "applicant", "request", "delivery", "classification", "check", "email", "agency", "marked",
              "clauses"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("intake_fields", assigns=["doc._.pairs"])
def fields_component(doc: Doc) -> Doc:
    doc._.pairs = read_pairs(doc.text)
    return doc


_SPAN_FINDERS: tuple[tuple[str, Callable[[str], list[tuple[tuple[int, int], str]]]], ...] = (
    ("RESIDENT_ID", lambda text: [(c.span, c.value) for c in ids.find_resident_ids(text)]),
    ("USCC", lambda text: [(c.span, c.value) for c in ids.find_usccs(text)]),
    ("PHONE", lambda text: [(f.span, f.value) for f in ids.phone_matches(text)]),
    ("EMAIL", lambda text: [(f.span, f.value) for f in ids.email_matches(text)]),
    ("DOC_NUMBER", lambda text: [(f.span, f.value) for f in ids.doc_number_matches(text)]),
    ("TITLE", lambda text: [(t.span, t.text) for t in ids.title_matches(text)]),
)


@Language.component("intake_identifiers", assigns=["doc.spans"])
def identifiers_component(doc: Doc) -> Doc:
    spans: list[Span] = []
    for label, finder in _SPAN_FINDERS:
        for (start, end), _value in finder(doc.text):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans["identifiers"] = spans
    return doc


@Language.component("intake_applicant", requires=["doc._.pairs"], assigns=["doc._.applicant"])
def applicant_component(doc: Doc) -> Doc:
    email = doc._.email
    agency: AgencyFacts = doc._.agency or AgencyFacts()
    sender = email.sender_address if email and email.sender_address != agency.email else None
    doc._.applicant = extract_applicant(doc.text, doc._.pairs, sender_email=sender,
                                        sender_name=email.sender_name if email else None,
                                        excluded_phones=agency.phones, agency_address_words=agency.address_words,
                                        agency_names=agency.names)
    return doc


@Language.component("intake_request", requires=["doc._.pairs", "doc._.clauses"], assigns=["doc._.request"])
def request_component(doc: Doc) -> Doc:
    asked = asks(doc._.clauses).best_information if doc._.clauses else None
    doc._.request = extract_request(doc.text, doc._.pairs, asked_clause=asked)
    return doc


@Language.component("intake_delivery", requires=["doc._.pairs", "doc._.request"], assigns=["doc._.delivery"])
def delivery_component(doc: Doc) -> Doc:
    request = doc._.request
    doc._.delivery = extract_delivery(doc.text, doc._.pairs, exclude=request.description if request else None)
    return doc


# The roles given to a clause that is a form's label.
LABEL_ROLE: dict[str, float] = {"other": 1.0}


class ClauseComponent:
    """Each clause of the letter with the probability of each role (classifiers/clauses)."""

    def __init__(self) -> None:
        self.model: Any = None

    def __call__(self, doc: Doc) -> Doc:
        found = clauses(doc.text)
        probabilities = self.model.predict([clause.text for clause in found]) if self.model and found else []
        # A form's labels ask for nothing (申请公开的政府 / 信息 is not a vague request).
        lines = doc.text.split("\n")
        # …and neither does the title (Request for Disclosure of Government Information).
        labels = label_lines(lines) | {number for number, line in enumerate(lines)
                                       if is_heading(line) and (number < 3 or line.isascii())}
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        doc._.clauses = [(clause.text, LABEL_ROLE if bisect.bisect_right(starts, clause.span[0]) - 1 in labels else p)
                         for clause, p in zip(found, probabilities, strict=True)]
        return doc


@Language.factory("intake_clauses", assigns=["doc._.clauses"])
def make_clauses(nlp: Language, name: str) -> ClauseComponent:
    return ClauseComponent()


class RouteComponent:
    """Rule cues and the Article 39 test, blended with the trained textcat's probabilities.

    The textcat runs through `RouteModel`, which prepares the text exactly as it was prepared
    for training (clipped, digits and Latin runs folded); doc.cats carries its answer."""

    def __init__(self, model_weight: float, article_39_overrides: bool,
                 clause_model: Callable[[], Any] = lambda: None) -> None:
        self.model_weight = model_weight
        self.article_39_overrides = article_39_overrides
        self.model: Any = None
        # The clause component's model, to read the request cell comma by comma.
        self.clause_model = clause_model

    def __call__(self, doc: Doc) -> Doc:
        subject = doc._.email.subject if doc._.email else ""
        request = doc._.request
        if self.model is not None and not doc.cats:
            doc.cats = self.model.predict(f"{subject}\n{doc.text}" if subject else doc.text)
        by_rules = classify(doc.text, subject=subject, request_text=request.description if request else None,
                            model_cats=dict(doc.cats) if doc.cats else None, model_weight=self.model_weight,
                            article_39_overrides=self.article_39_overrides, marked=doc._.marked)
        if doc._.clauses:
            description = request.description if request else None
            specific = bool(request and (request.titles or request.doc_numbers))
            clause_model = self.clause_model()
            request_asks = in_request(doc._.clauses, description, clause_model.predict if clause_model else None)
            by_rules = reconcile(by_rules, asks(doc._.clauses), request_asks, specific, description)
        doc._.classification = by_rules
        return doc


@Language.factory("intake_route", requires=["doc._.request", "doc._.clauses"], assigns=["doc._.classification"],
                  default_config={"model_weight": 0.35, "article_39_overrides": True})
def make_route(nlp: Language, name: str, model_weight: float, article_39_overrides: bool) -> RouteComponent:
    def clause_model() -> Any:
        return getattr(nlp.get_pipe("intake_clauses"), "model", None) if "intake_clauses" in nlp.pipe_names else None
    return RouteComponent(model_weight, article_39_overrides, clause_model)


@Language.component("intake_completeness", requires=["doc._.classification"], assigns=["doc._.check"])
def completeness_component(doc: Doc) -> Doc:
    extraction = Extraction(applicant=doc._.applicant, request=doc._.request, delivery=doc._.delivery)
    request = doc._.request
    doc._.check = check(extraction, vague=asks_everything(doc._.clauses or [], request.description if request else None))
    return doc


def build_pipeline(route_model: Path | None = ROUTE_MODEL_PATH) -> Language:
    """The pipeline from pipeline.cfg, with the trained textcat when its model is shipped."""
    config = load_config(CONFIG_PATH)
    nlp = spacy.blank("zh", config=config)
    if (CLAUSE_MODEL_PATH / "config.cfg").exists():
        from intake.classifiers.clauses.model import ClauseModel
        clause_component = nlp.get_pipe("intake_clauses")
        assert isinstance(clause_component, ClauseComponent)
        clause_component.model = ClauseModel.load(CLAUSE_MODEL_PATH)
    if route_model is not None and (route_model / "config.cfg").exists():
        from intake.classifiers.route.model import RouteModel
        component = nlp.get_pipe("intake_route")
        assert isinstance(component, RouteComponent)
        component.model = RouteModel.load(route_model)
    else:
        log.info("no trained route model at %s: rules only", route_model)
    return nlp


def run(nlp: Language, text: str, *, email: Any = None, agency: AgencyFacts | None = None,
        marked: bool | None = None) -> Doc:
    """`marked` is judged by the caller on the lines as printed (before wrapped lines are joined)."""
    doc = nlp.make_doc(text)
    doc._.email = email
    doc._.agency = agency or AgencyFacts()
    doc._.marked = marked
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc
