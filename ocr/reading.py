"""Reading: a stored original becomes the text of its pages (file kind → pages → OCR).

This is the expensive part of a document (OCR), kept free of the register so it can run in a
reader process; everything after it runs where the register is written. Failures raise the
kernel's coded errors (`IntakeError`); the pipeline turns them into a `failed` record.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from intake.kernel import Document, EmailMeta, FileKind, Intake, NoText, Page, PageText, TooLarge
from intake.ocr.corrections import correct_text
from intake.ocr.engines.base import OcrEngine
from intake.ocr.files import identify
from intake.ocr.pages import NeedsOcr, PageLimits, page_stream
from intake.ocr.script import is_traditional, to_simplified

__all__ = ["NeedsOcr", "ReadLimits", "Reading", "read_document"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How much of a file is read at most (intake.toml [limits])."""
    max_bytes: int = 200_000_000
    max_pages: int = 200
    max_image_pixels: int = 150_000_000
    max_unpacked_bytes: int = 100_000_000
    # An e-mail is parsed whole (the parser holds several copies of it): larger ones are refused.
    max_email_bytes: int = 50_000_000
    # The understanding stage's language pipeline takes at most this many characters (spaCy's
    # max_length); a longer text is refused here with the limit named, not with spaCy's E088.
    max_text_characters: int = 1_000_000
    # False: no OCR here (the text lane); an image page raises NeedsOcr.
    ocr: bool = True


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
    if intake.kind == FileKind.EML and intake.size > limits.max_email_bytes:
        raise TooLarge(f"an e-mail of {intake.size / 1e6:.0f} MB, over the limit of "
                       f"{limits.max_email_bytes / 1e6:.0f} MB for e-mails")
    stream = page_stream(intake, PageLimits(limits.max_pages, limits.max_image_pixels, limits.max_unpacked_bytes,
                                            images=limits.ocr))
    document = stream if isinstance(stream, Document) else None
    pages: Iterable[Page] = stream.pages if isinstance(stream, Document) else stream
    texts: list[PageText] = []
    fax = False
    characters = 0
    for page in pages:
        fax = fax or page.fax
        texts.append(_page_text(page, engine))
        characters += len(texts[-1].text)
        if characters > limits.max_text_characters:
            raise TooLarge(f"more than {limits.max_text_characters:,} characters of text, the limit")
    reading = Reading(kind=intake.kind, texts=tuple(texts), email=document.email if document else None,
                      warnings=document.warnings if document else (), fax=fax)
    # An e-mail that says nothing was still read (its headers): a person decides what it is.
    if not reading.text.strip() and intake.kind != FileKind.EML:
        raise NoText(f"{len(texts)} page(s) read, none with text")
    return reading


def _page_text(page: Page, engine: Callable[[], OcrEngine]) -> PageText:
    if page.text is not None:
        return PageText(number=page.number, text=page.text)
    read = engine().read(page.image, page_number=page.number, fax=page.fax)
    return replace(read, text=correct_text(read.text))
