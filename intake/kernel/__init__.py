"""The kernel: the contract's record and its parts, and the coded errors.

The only part of `intake` that `intake.ocr` and `intake.classifiers` import (pinned by
tests/test_layers.py).
"""
from intake.kernel.errors import (
    ERROR_TEXTS,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    IntakeError,
    NotARegularFile,
    NoText,
    OriginalVanished,
    TimedOut,
    TooLarge,
    UnexpectedError,
    UnsupportedFile,
    error_code,
    office_error,
)
from intake.kernel.model import (
    Applicant,
    ApplicantKind,
    Category,
    Channel,
    Check,
    Classification,
    Deadlines,
    Delivery,
    Document,
    EmailMeta,
    Extraction,
    FileKind,
    IdType,
    Intake,
    Medium,
    Method,
    Missing,
    Page,
    PageText,
    Record,
    Request,
    Route,
    Status,
    TextLine,
    Tick,
)

__all__ = [
    "Applicant", "ApplicantKind", "Category", "Channel", "Check", "Classification", "CorruptFile", "Deadlines",
    "Delivery", "Document", "ERROR_TEXTS", "EmailMeta", "EmptyFile", "EncryptedFile", "Extraction", "FileKind",
    "IdType", "Intake", "IntakeError", "Medium", "Method", "Missing", "NoText", "NotARegularFile",
    "OriginalVanished", "Page", "PageText", "Record", "Request", "Route", "Status", "TextLine", "Tick",
    "TimedOut", "TooLarge", "UnexpectedError", "UnsupportedFile", "error_code", "office_error",
]
