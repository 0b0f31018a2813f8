"""What the e-mail reader gives: the mail's meta data, body text and attachments."""
from __future__ import annotations

from dataclasses import dataclass

from intake.kernel.model import EmailMeta


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str          # a safe base name: no directories, no control characters
    content_type: str      # lower-case, e.g. 'application/pdf'
    data: bytes


@dataclass(frozen=True, slots=True)
class EmailContent:
    meta: EmailMeta
    body: str
    attachments: tuple[Attachment, ...]
    warnings: tuple[str, ...]


class EmailReadError(ValueError):
    """The bytes are not an e-mail at all (no header field at the start)."""
