"""Plain data passed between the pipeline's stages.

Stages exchange these frozen dataclasses; only `Record.to_json()` turns them into the
contract's keys (../shared/contract/RECORD.md).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class Channel(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    FAX = "fax"
    ONLINE = "online"
    IN_PERSON = "in_person"
    UNKNOWN = "unknown"


class Route(StrEnum):
    APPLICATION = "application"
    PETITION = "petition"
    COMPLAINT = "complaint"
    REPORT = "report"
    CONSULTATION = "consultation"
    OTHER = "other"


class Status(StrEnum):
    ACCEPTED = "accepted"
    NEEDS_CORRECTION = "needs_correction"
    DUPLICATE = "duplicate"
    ROUTED = "routed"
    NEEDS_REVIEW = "needs_review"
    FAILED = "failed"


class Missing(StrEnum):
    """The items of Article 29 that an application must give."""
    APPLICANT_NAME = "applicant_name"
    APPLICANT_ID = "applicant_id"
    APPLICANT_CONTACT = "applicant_contact"
    REQUEST_DESCRIPTION = "request_description"
    DELIVERY_FORMAT = "delivery_format"


class FileKind(StrEnum):
    PNG = "png"
    JPEG = "jpeg"
    BMP = "bmp"
    TIFF = "tiff"
    GIF = "gif"
    WEBP = "webp"
    PDF = "pdf"
    EML = "eml"
    DOCX = "docx"
    TXT = "txt"
    UNKNOWN = "unknown"


# ---------------------------------------------------------------- ingest and pages
@dataclass(frozen=True, slots=True)
class Intake:
    """A file as it entered: who it is, not yet what it says."""
    source: str                 # the path as given
    path: Path                  # where to read the bytes from
    sha256: str
    size: int
    kind: FileKind
    received_on: dt.date
    arrived_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a document: either text already (text layer, e-mail body) or an image."""
    number: int                          # 1-based, in document order
    origin: str                          # "image", "pdf-text", "pdf-image", "tiff", "email-body", "attachment:NAME", "docx", "txt"
    text: str | None = None              # set when the page carries text already
    image: Any = None                    # PIL.Image.Image when the page must be read by OCR
    fax: bool = False                    # a fax page (bilevel, often half vertical resolution)


@dataclass(frozen=True, slots=True)
class EmailMeta:
    subject: str
    sender_name: str | None
    sender_address: str | None
    date: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Document:
    """All pages of one file, plus what the container told us (e-mail headers)."""
    pages: tuple[Page, ...]
    email: EmailMeta | None = None
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- OCR
@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    box: tuple[float, float, float, float]   # x0, y0, x1, y1 in page pixels
    score: float


@dataclass(frozen=True, slots=True)
class Tick:
    """A check box found on the image next to an option's words."""
    label: str            # the option's words, e.g. 纸质文本
    ticked: bool
    box: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    text: str                              # the page's text in reading order, lines joined by \n
    lines: tuple[TextLine, ...] = ()
    confidence: float = 1.0                # mean recogniser score, 1.0 for a text layer
    rotated: int = 0                       # degrees the page was turned to read it
    ticks: tuple[Tick, ...] = ()
    ocr_seconds: float = 0.0


# ---------------------------------------------------------------- understanding
@dataclass(frozen=True, slots=True)
class Classification:
    route: Route
    confidence: float
    marked: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Applicant:
    kind: str | None = None          # person | organization
    category: str | None = None      # individual | business | research | nonprofit | legal_services | other_org
    name: str | None = None
    id_type: str | None = None       # resident_id | passport | uscc | other
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    postcode: str | None = None
    contact_person: str | None = None


@dataclass(frozen=True, slots=True)
class Request:
    description: str | None = None
    titles: tuple[str, ...] = ()
    doc_numbers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Delivery:
    media: tuple[str, ...] = ()      # paper | electronic | disc | other
    methods: tuple[str, ...] = ()    # post | email | pickup | fax | inspect | online


@dataclass(frozen=True, slots=True)
class Extraction:
    applicant: Applicant
    request: Request
    delivery: Delivery
    confidence: float = 1.0
    notes: tuple[str, ...] = ()      # where each field came from, doubts


@dataclass(frozen=True, slots=True)
class Check:
    missing: tuple[Missing, ...]
    status: Status
    confidence: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Deadlines:
    correction_due: dt.date | None
    reply_due: dt.date | None
    provisional: bool = False
    explanation: tuple[str, ...] = ()


# ---------------------------------------------------------------- the record
@dataclass(frozen=True, slots=True)
class Record:
    source: str
    sha256: str
    channel: Channel
    marked: bool
    route: Route
    status: Status
    applicant: Applicant | None
    request: Request | None
    delivery: Delivery | None
    missing: tuple[Missing, ...]
    received_on: dt.date
    correction_due: dt.date | None
    reply_due: dt.date | None
    duplicate_of: str | None
    confidence: float
    text: str
    error: str | None
    pages: int = 0
    reasons: tuple[str, ...] = ()
    provisional_deadline: bool = False

    def to_json(self) -> dict[str, Any]:
        """The contract's record: exactly the keys of record.schema.json."""
        def date(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None
        return {
            "source": self.source,
            "sha256": self.sha256,
            "channel": str(self.channel),
            "marked": self.marked,
            "route": str(self.route),
            "status": str(self.status),
            "applicant": _applicant_json(self.applicant),
            "request": None if self.request is None else {
                "description": self.request.description,
                "titles": list(self.request.titles),
                "doc_numbers": list(self.request.doc_numbers),
            },
            "delivery": None if self.delivery is None else {
                "media": list(self.delivery.media),
                "methods": list(self.delivery.methods),
            },
            "missing": [str(m) for m in self.missing],
            "received_on": self.received_on.isoformat(),
            "correction_due": date(self.correction_due),
            "reply_due": date(self.reply_due),
            "duplicate_of": self.duplicate_of,
            "confidence": round(min(1.0, max(0.0, self.confidence)), 3),
            "text": self.text,
            "error": self.error,
        }


def _applicant_json(applicant: Applicant | None) -> dict[str, Any] | None:
    if applicant is None:
        return None
    return {name: getattr(applicant, name) for name in Applicant.__slots__}
