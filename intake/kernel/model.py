"""The kernel's data: the contract's record and its parts, and what stages pass between them.

Stages exchange these frozen dataclasses; only `Record.to_json()` / `Record.from_json()` cross
to and from the contract's keys (../shared/contract/RECORD.md). Every enum of the contract is a
`StrEnum`, so a value compares equal to its JSON string.
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


class ApplicantKind(StrEnum):
    PERSON = "person"                 # 自然人
    ORGANIZATION = "organization"     # 法人或者其他组织


class Category(StrEnum):
    """The annual report's columns (国办公开办函〔2021〕30号 table 三)."""
    INDIVIDUAL = "individual"         # 自然人
    BUSINESS = "business"             # 商业企业
    RESEARCH = "research"             # 科研机构
    NONPROFIT = "nonprofit"           # 社会公益组织
    LEGAL_SERVICES = "legal_services"  # 法律服务机构
    OTHER_ORG = "other_org"           # 其他


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"       # 居民身份证
    PASSPORT = "passport"             # 护照
    USCC = "uscc"                     # 统一社会信用代码
    OTHER = "other"                   # 回乡证、台胞证 and other papers


class Medium(StrEnum):
    PAPER = "paper"                   # 纸质
    ELECTRONIC = "electronic"         # 电子文档
    DISC = "disc"                     # 光盘/磁盘
    OTHER = "other"


class Method(StrEnum):
    POST = "post"                     # 邮寄
    EMAIL = "email"                   # 电子邮件
    PICKUP = "pickup"                 # 当面领取
    FAX = "fax"                       # 传真
    INSPECT = "inspect"               # 现场查阅
    ONLINE = "online"                 # 网上获取


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
    size: tuple[int, int] = (0, 0)         # width, height of the image the boxes are on (after turning)


@dataclass(frozen=True, slots=True)
class LineBox:
    """Where a recognised line stands on the original page: x0, y0, x1, y1 as fractions of the
    page's width and height, in the page's orientation as scanned (so the review page can mark
    where a value was read)."""
    page: int
    text: str
    box: tuple[float, float, float, float]

    def to_json(self) -> list[Any]:
        return [self.page, self.text, [round(value, 4) for value in self.box]]

    @classmethod
    def from_json(cls, payload: list[Any]) -> LineBox:
        x0, y0, x1, y1 = (float(value) for value in payload[2])
        return cls(int(payload[0]), str(payload[1]), (x0, y0, x1, y1))


# ---------------------------------------------------------------- understanding
@dataclass(frozen=True, slots=True)
class Classification:
    route: Route
    confidence: float
    marked: bool
    reasons: tuple[str, ...] = ()


def _coerce(instance: object, name: str, kind: type[StrEnum]) -> None:
    """A plain string given for an enum field (from JSON, a form) becomes the enum; an unknown
    value raises ValueError here rather than reaching the register."""
    value = getattr(instance, name)
    if value is not None and not isinstance(value, kind):
        object.__setattr__(instance, name, kind(value))


@dataclass(frozen=True, slots=True)
class Applicant:
    kind: ApplicantKind | None = None
    category: Category | None = None
    name: str | None = None
    id_type: IdType | None = None
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    postcode: str | None = None
    contact_person: str | None = None

    def __post_init__(self) -> None:
        _coerce(self, "kind", ApplicantKind)
        _coerce(self, "category", Category)
        _coerce(self, "id_type", IdType)

    def to_json(self) -> dict[str, Any]:
        return {name: (None if getattr(self, name) is None else str(getattr(self, name)))
                for name in Applicant.__slots__}

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> Applicant:
        return cls(**{name: payload.get(name) for name in cls.__slots__})


@dataclass(frozen=True, slots=True)
class Request:
    description: str | None = None
    titles: tuple[str, ...] = ()
    doc_numbers: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"description": self.description, "titles": list(self.titles), "doc_numbers": list(self.doc_numbers)}

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> Request:
        return cls(description=payload.get("description"), titles=tuple(payload.get("titles") or ()),
                   doc_numbers=tuple(payload.get("doc_numbers") or ()))


@dataclass(frozen=True, slots=True)
class Delivery:
    media: tuple[Medium, ...] = ()
    methods: tuple[Method, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "media", tuple(Medium(item) for item in self.media))
        object.__setattr__(self, "methods", tuple(Method(item) for item in self.methods))

    def to_json(self) -> dict[str, Any]:
        return {"media": [str(m) for m in self.media], "methods": [str(m) for m in self.methods]}

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> Delivery:
        return cls(media=tuple(payload.get("media") or ()), methods=tuple(payload.get("methods") or ()))


@dataclass(frozen=True, slots=True)
class Extraction:
    applicant: Applicant
    request: Request
    delivery: Delivery
    confidence: float = 1.0
    notes: tuple[str, ...] = ()      # where each field came from, doubts


@dataclass(frozen=True, slots=True)
class Check:
    """Article 29: which of its items an application lacks, and why each was judged absent."""
    missing: tuple[Missing, ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Deadlines:
    correction_due: dt.date | None
    reply_due: dt.date | None
    provisional: bool = False
    explanation: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClauseRole:
    """One clause of the reading and the role the clause model gave it (ask_info, demand_redress …),
    kept so the review page can show why a letter was routed as it was."""
    text: str
    role: str
    probability: float

    def to_json(self) -> list[Any]:
        return [self.text, self.role, round(self.probability, 3)]

    @classmethod
    def from_json(cls, payload: list[Any]) -> ClauseRole:
        return cls(str(payload[0]), str(payload[1]), float(payload[2]))


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
    clauses: tuple[ClauseRole, ...] = ()     # beside the contract, like pages and reasons
    line_boxes: tuple[LineBox, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The contract's record: exactly the keys of record.schema.json."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "channel": str(self.channel),
            "marked": self.marked,
            "route": str(self.route),
            "status": str(self.status),
            "applicant": None if self.applicant is None else self.applicant.to_json(),
            "request": None if self.request is None else self.request.to_json(),
            "delivery": None if self.delivery is None else self.delivery.to_json(),
            "missing": [str(m) for m in self.missing],
            "received_on": self.received_on.isoformat(),
            "correction_due": _iso(self.correction_due),
            "reply_due": _iso(self.reply_due),
            "duplicate_of": self.duplicate_of,
            "confidence": round(min(1.0, max(0.0, self.confidence)), 3),
            "text": self.text,
            "error": self.error,
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any], *, pages: int = 0, reasons: tuple[str, ...] = (),
                  provisional_deadline: bool = False, clauses: tuple[ClauseRole, ...] = (),
                  line_boxes: tuple[LineBox, ...] = ()) -> Record:
        """The contract's JSON back into a record; what the register keeps beside the contract
        (page count, reasons, a provisional deadline, clause roles, line boxes) is passed in."""
        applicant, request, delivery = payload.get("applicant"), payload.get("request"), payload.get("delivery")
        return cls(
            source=payload["source"], sha256=payload["sha256"], channel=Channel(payload["channel"]),
            marked=bool(payload["marked"]), route=Route(payload["route"]), status=Status(payload["status"]),
            applicant=Applicant.from_json(applicant) if applicant else None,
            request=Request.from_json(request) if request else None,
            delivery=Delivery.from_json(delivery) if delivery else None,
            missing=tuple(Missing(m) for m in payload.get("missing") or ()),
            received_on=dt.date.fromisoformat(payload["received_on"]),
            correction_due=_date(payload.get("correction_due")), reply_due=_date(payload.get("reply_due")),
            duplicate_of=payload.get("duplicate_of"), confidence=float(payload.get("confidence", 0)),
            text=payload.get("text") or "", error=payload.get("error"),
            pages=pages, reasons=reasons, provisional_deadline=provisional_deadline, clauses=clauses,
            line_boxes=line_boxes)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
