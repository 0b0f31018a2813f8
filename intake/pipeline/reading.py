"""Reading: an archived original becomes the text of its pages (pages + OCR).

This is the expensive part of a document (OCR), kept free of the register so it can run in a
worker process; everything after it runs where the register is written.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from intake.config import Limits
from intake.kernel.errors import NoText
from intake.pipeline.ingest import identify
from intake.kernel.model import EmailMeta, FileKind, Intake, PageText
from intake.ocr.corrections import correct_text
from intake.ocr.pages import PageLimits, read_pages

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reading:
    kind: FileKind
    texts: tuple[PageText, ...]
    email: EmailMeta | None
    warnings: tuple[str, ...]
    fax: bool

    @property
    def text(self) -> str:
        return "\n".join(t.text for t in self.texts if t.text.strip())

    @property
    def ocr_confidence(self) -> float:
        return min((t.confidence for t in self.texts if t.lines), default=1.0)


def read_document(intake: Intake, archived: Path, limits: Limits, engine: Callable[[], Any]) -> Reading:
    """Pages in order, each read from its text layer or by OCR; `engine()` loads the model lazily."""
    intake = identify(replace(intake, path=archived), max_bytes=limits.max_file_megabytes * 1_000_000)
    document = read_pages(intake, PageLimits(limits.max_pages, limits.max_image_pixels))
    texts: list[PageText] = []
    for page in document.pages:
        if page.text is not None:
            texts.append(PageText(number=page.number, text=page.text))
        else:
            read = engine().read(page.image, page_number=page.number, fax=page.fax)
            texts.append(replace(read, text=correct_text(read.text)))
    reading = Reading(kind=intake.kind, texts=tuple(texts), email=document.email,
                      warnings=document.warnings, fax=any(page.fax for page in document.pages))
    # An e-mail that says nothing was still read (its headers): a person decides what it is.
    if not reading.text.strip() and intake.kind != FileKind.EML:
        raise NoText(f"{len(texts)} page(s) read, none with text")
    return reading
