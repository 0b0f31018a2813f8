"""Reading: a stored original becomes the text of its pages (file kind → pages → OCR).

This is the expensive part of a document (OCR), kept free of the register so it can run in a
reader process; everything after it runs where the register is written. Failures raise the
kernel's coded errors (`IntakeError`); the pipeline turns them into a `failed` record.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from intake.kernel import EmailMeta, FileKind, Intake, NoText, PageText
from intake.ocr.corrections import correct_text
from intake.ocr.engines.base import OcrEngine
from intake.ocr.files import identify
from intake.ocr.pages import PageLimits, read_pages
from intake.ocr.script import is_traditional, to_simplified

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How much of a file is read at most (intake.toml [limits])."""
    max_bytes: int = 200_000_000
    max_pages: int = 200
    max_image_pixels: int = 150_000_000


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
    def simplified_text(self) -> str:
        """The text for understanding: a traditional-script document (a Hong Kong, Macao or Taiwan
        writer) as simplified characters, one for one; any other text as it is."""
        text = self.text
        return to_simplified(text) if is_traditional(text) else text

    @property
    def ocr_confidence(self) -> float:
        return min((t.confidence for t in self.texts if t.lines), default=1.0)


def read_document(intake: Intake, stored: Path, limits: ReadLimits, engine: Callable[[], OcrEngine]) -> Reading:
    """Pages in order, each read from its text layer or by OCR; `engine()` loads the model lazily,
    so e-mails and text PDFs never pay for it."""
    intake = identify(replace(intake, path=stored), max_bytes=limits.max_bytes)
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
