"""The heavy objects of one HOME, created once per process and passed in (STYLE.md: no globals).

The OCR engine and the spaCy pipeline are built on first use, so office commands (status, show,
due …) never import onnxruntime, OpenCV or spaCy, and e-mails never load the OCR model.
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from intake.classifiers.agency import AgencyFacts
from intake.config import Config
from intake.deadlines.workdays import WorkdayCalendar
from intake.register import Register

if TYPE_CHECKING:
    from spacy.language import Language

    from intake.classifiers.decide import ReviewRules
    from intake.ocr.engines import OcrEngine
    from intake.ocr.reading import ReadLimits
    from intake.pipeline.workers import ReaderPool

log = logging.getLogger(__name__)


@dataclass
class Services:
    config: Config
    register: Register
    calendar: WorkdayCalendar
    engine_factory: Callable[[], OcrEngine]
    nlp_factory: Callable[[], Language] | None = None
    # Reader processes, when the caller (a command, the watcher) opened them; else files are read here.
    readers: ReaderPool | None = None
    _engine: OcrEngine | None = field(default=None, init=False, repr=False)
    _nlp: Language | None = field(default=None, init=False, repr=False)

    def engine(self) -> OcrEngine:
        # Loaded on the first image page only: e-mails and text PDFs never pay for the model.
        if self._engine is None:
            started = time.monotonic()
            self._engine = self.engine_factory()
            log.info("OCR engine %s loaded in %.1f s", getattr(self._engine, "name", "?"), time.monotonic() - started)
        return self._engine

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            if self.nlp_factory is None:
                from intake.classifiers.nlp import build_pipeline
                self.nlp_factory = build_pipeline
            self._nlp = self.nlp_factory()
        return self._nlp

    @property
    def agency(self) -> AgencyFacts:
        return agency_facts(self.config)

    @property
    def read_limits(self) -> ReadLimits:
        from intake.ocr.reading import ReadLimits as Limits
        limits = self.config.limits
        return Limits(max_bytes=limits.max_file_megabytes * 1_000_000, max_pages=limits.max_pages,
                      max_image_pixels=limits.max_image_pixels,
                      max_unpacked_bytes=limits.max_unpacked_megabytes * 1_000_000,
                      max_email_bytes=limits.max_email_megabytes * 1_000_000,
                      max_text_characters=limits.max_text_characters)

    @property
    def review_rules(self) -> ReviewRules:
        from intake.classifiers.decide import ReviewRules as Rules
        review = self.config.review
        return Rules(review_below=review.review_below, poorly_read_below=review.poorly_read_below)


def agency_facts(config: Config) -> AgencyFacts:
    """What belongs to the agency (its phones, its street address, its mailbox), so extraction never
    takes it for the applicant's."""
    agency = config.agency
    street = re.search(r"[^省市区县]+\d+号$", agency.address)
    return AgencyFacts(phones=tuple(p for p in (agency.phone, agency.fax) if p),
                       address_words=(street.group(0),) if street else (),
                       email=agency.email, names=tuple(n for n in (agency.name, agency.office) if n))


def open_services(config: Config) -> Services:
    register = Register(config.database)
    calendar = WorkdayCalendar.load(config.home)

    def engine_factory() -> OcrEngine:
        from intake.ocr.engines.factory import create_engine
        return create_engine(config.ocr_engine)

    return Services(config=config, register=register, calendar=calendar, engine_factory=engine_factory)
