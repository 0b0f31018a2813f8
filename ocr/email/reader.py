"""Read a saved e-mail (.eml) into its headers, readable body text and attachments.

Applications arrive from every mail client in China, old and new, so the reader assumes
nothing: GB2312/GBK labels are read as GB18030 (their superset, which Outlook and Foxmail
really send), Big5 falls back to Big5-HKSCS, unknown or missing charsets are guessed in a
fixed order, and a malformed mail yields whatever could be read plus plain-English warnings.
Only bytes that are not an e-mail at all raise `EmailReadError`.

The top-level headers are split and decoded (headers.py) rather than through the `email` header
registry, whose parsers raise on malformed input and decode a mislabelled charset with
replacement characters; the `email` package is used for the MIME structure only (structure.py:
`policy.default`, then `compat32` when that raises, then the body read as one text).
"""
from __future__ import annotations

from intake.kernel.model import EmailMeta
from intake.ocr.email.decoding import _codec
from intake.ocr.email.headers import _charset_of, _clean_line, _date, _decode_header, _first, _sender, _split_headers
from intake.ocr.email.parts import Attachment, EmailContent, EmailReadError
from intake.ocr.email.sniff import looks_like_email
from intake.ocr.email.structure import _EXTENSIONS, _body, _read_structure

__all__ = ["Attachment", "EmailContent", "EmailReadError", "looks_like_email", "read_email"]


def read_email(raw: bytes, *, max_attachment_bytes: int = 25_000_000,
               max_attachments: int = 50) -> EmailContent:
    """Headers, body text and attachments of one saved e-mail.

    Raises EmailReadError only when the bytes are not an e-mail at all; anything odd in an
    e-mail is reported in `warnings` instead."""
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise EmailReadError(f"expected the mail's bytes, got {type(raw).__name__}")
    headers = _split_headers(bytes(raw))
    warnings: list[str] = []
    if headers.dropped_lines:
        warnings.append(f"{headers.dropped_lines} malformed header line(s) ignored")
    found = _read_structure(headers, max_attachment_bytes, warnings)
    top_codec = _codec(_charset_of(_first(headers.fields, "content-type")))
    hints = [c for c in dict.fromkeys([top_codec, *found.charsets]) if c not in (None, "ascii", "utf-8")]
    subject = _clean_line(_decode_header(_first(headers.fields, "subject") or b"", hints, warnings))
    if _first(headers.fields, "from") is None:
        warnings.append("the mail has no From header")
    name, address = _sender(_first(headers.fields, "from", "sender"), hints, warnings)
    date = _date(_first(headers.fields, "date"), warnings)
    # A forwarded mail often carries its parent's attachments again: read each document once.
    unique = list(dict.fromkeys(found.attachments))
    if len(unique) < len(found.attachments):
        warnings.append(f"{len(found.attachments) - len(unique)} repeated attachment(s) read once")
    kept = unique[:max(0, max_attachments)]
    if len(unique) > len(kept):
        warnings.append(f"{len(unique) - len(kept)} attachment(s) beyond the first {len(kept)} dropped")
    attachments = tuple(
        Attachment(filename or f"attachment-{number}{_EXTENSIONS.get(kind, '.bin')}", kind, data)
        for number, (filename, kind, data) in enumerate(kept, start=1))
    return EmailContent(
        meta=EmailMeta(subject=subject, sender_name=name, sender_address=address, date=date),
        body=_body(found.texts),
        attachments=attachments,
        warnings=tuple(dict.fromkeys(warnings + found.warnings + found.text_warnings)),
    )
