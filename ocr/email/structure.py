"""The MIME structure of a mail: which parts are body text, which are attachments, nested and forwarded mails."""
from __future__ import annotations

import email.errors
import email.message
import email.policy
import email.utils
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.parser import BytesParser

from intake.ocr.email.decoding import _PYTHON_DECODES, _codec, _decode_bytes, _decode_transfer, _to_bytes
from intake.ocr.email.headers import (
    _PARSER_FAULTS,
    _charset_of,
    _clean_line,
    _decode_header,
    _first,
    _Headers,
    _sender,
    _split_headers,
)
from intake.ocr.email.markup import _html_to_text, _unflow
from intake.ocr.email.sniff import _FIELD_LINE, _SNIFF_BYTES, looks_like_email

# Invented names get an extension so later stages can tell a PDF from a picture.
_EXTENSIONS: dict[str, str] = {
    "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/jpg": ".jpg",
    "image/pjpeg": ".jpg", "image/gif": ".gif", "image/tiff": ".tif", "image/bmp": ".bmp",
    "image/webp": ".webp", "text/plain": ".txt", "text/html": ".html", "message/rfc822": ".eml",
    "application/msword": ".doc", "application/rtf": ".rtf", "application/zip": ".zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}


# Machine-readable report parts of bounces and receipts: no text for a person, no document.
_SKIPPED_TYPES = frozenset({
    "message/delivery-status", "message/disposition-notification", "text/rfc822-headers",
    "message/partial", "message/external-body", "message/feedback-report",
})


_DEFECT_WARNINGS: dict[str, str] = {
    "StartBoundaryNotFoundDefect": "a multipart boundary never appears in its part",
    "CloseBoundaryNotFoundDefect": "a multipart part is never closed; the mail may be truncated",
    "NoBoundaryInMultipartDefect": "a multipart part declares no boundary",
    "MultipartInvariantViolationDefect": "a part labelled multipart has no sub-parts",
    "MissingHeaderBodySeparatorDefect": "a header line is malformed; what follows it was read as body",
    "FirstHeaderLineIsContinuationDefect": "a part's first header line is a continuation line",
    "MisplacedEnvelopeHeaderDefect": "an mbox 'From ' line sits among the headers",
    "InvalidMultipartContentTransferEncodingDefect": "a multipart part has a transfer encoding",
    "InvalidBase64PaddingDefect": "base64 data has wrong padding",
    "InvalidBase64CharactersDefect": "base64 data contains invalid characters",
    "InvalidBase64LengthDefect": "base64 data has an impossible length; its end may be lost",
}


_MAX_DEPTH = 30


# A MIME delimiter line followed by a part's first header field.
_DELIMITER_LINE = re.compile(rb"(?m)^--([^\s\"]{1,70})[ \t]*\r?\n(?=[!-9;-~]+[ \t]*:)")


_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


_UNSAFE_NAME_CHARS = re.compile(r'[:*?"<>|]')


# ---------------------------------------------------------------- MIME structure
@dataclass(slots=True)
class _Found:
    """What the walk over one mail's parts has found; private to one `read_email` call."""
    limit_bytes: int
    texts: list[str] = field(default_factory=list)
    attachments: list[tuple[str | None, str, bytes]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # About texts: dropped along with an alternative that is not used.
    text_warnings: list[str] = field(default_factory=list)
    # Charsets met so far: hints for raw 8-bit headers and unlabelled text.
    charsets: list[str] = field(default_factory=list)

    def absorb(self, other: _Found, *, with_text: bool) -> None:
        if with_text:
            self.texts.extend(other.texts)
            self.text_warnings.extend(other.text_warnings)
        self.attachments.extend(other.attachments)
        self.warnings.extend(other.warnings)
        self.charsets.extend(c for c in other.charsets if c not in self.charsets)


def _raw_header(part: email.message.Message, name: str) -> str | None:
    for key, value in part.raw_items():
        if key.lower() == name:
            return str(value)
    return None


def _params(part: email.message.Message, name: str,
            warnings: list[str]) -> tuple[str, dict[str, object]]:
    """A structured header's value and parameters (RFC 2231 values stay (charset, lang, text))."""
    raw = _raw_header(part, name)
    if raw is None:
        return "", {}
    # A compat32 probe parses parameters from the raw text without the header registry;
    # 8-bit bytes go in as latin-1 so that they come back out unchanged.
    text = _to_bytes(raw).decode("latin-1")
    probe = email.message.Message()
    probe[name] = text
    params: list[tuple[str, object]]
    try:
        params = list(probe.get_params(header=name) or [])
    except _PARSER_FAULTS as exc:   # e.g. TypeError sorting broken RFC 2231 continuations
        warnings.append(f"the {name} header is malformed ({type(exc).__name__}); read crudely")
        pieces = text.split(";")
        params = [(pieces[0].strip('" '), "")]
        pairs = (piece.partition("=") for piece in pieces[1:])
        params += [(key, value.strip().strip('"')) for key, _, value in pairs if value]
    value = params[0][0].strip().lower() if params else ""
    found: dict[str, object] = {}
    for key, param in params[1:]:
        found.setdefault(key.strip().lower(), param)
    return value, found


def _param_text(value: object, hints: Sequence[str], warnings: list[str]) -> str:
    if isinstance(value, tuple) and len(value) == 3:
        text, warning = _decode_bytes(_to_bytes(str(value[2])), str(value[0] or "") or None, hints)
        if warning:
            warnings.append(f"attachment name: {warning}")
        return text
    return _decode_header(_to_bytes(str(value)), hints, warnings) if value else ""


def _transfer_encoding(part: email.message.Message, warnings: list[str]) -> str:
    # 'Base64 (comment)' still means base64: the first token decides.
    value = _params(part, "content-transfer-encoding", warnings)[0]
    return next(iter(re.findall(r"[\w.-]+", value)), "")


def _payload(part: email.message.Message, warnings: list[str]) -> bytes:
    # get_payload(decode=True) is the only way to the raw 8-bit bytes (without decode it
    # re-decodes them lossily); it undoes the transfer encodings it knows and passes the rest.
    decoded = part.get_payload(decode=True)
    data = decoded if isinstance(decoded, bytes) else b""
    if str(part.get("content-transfer-encoding", "")).strip().lower() in _PYTHON_DECODES:
        return data
    data, warning = _decode_transfer(data, _transfer_encoding(part, warnings))
    if warning:
        warnings.append(warning)
    return data


def _part_text(part: email.message.Message, content_type: str, found: _Found) -> str:
    data = _payload(part, found.text_warnings)
    params = _params(part, "content-type", found.text_warnings)[1]
    label = str(params.get("charset") or "") or None
    codec = _codec(label)
    if codec not in (None, "ascii", "utf-8") and codec not in found.charsets:
        found.charsets.append(str(codec))
    hints = list(found.charsets)
    if content_type == "text/html":
        meta = _META_CHARSET.search(data[:_SNIFF_BYTES])
        meta_codec = _codec(meta.group(1).decode("ascii")) if meta else None
        if meta_codec and codec in (None, "ascii"):
            if label and codec is None:
                found.text_warnings.append(f"unknown charset {label!r}; the HTML's own charset was used")
            label = meta_codec
        elif meta_codec:
            hints.insert(0, meta_codec)     # tried should the label prove wrong
    text, warning = _decode_bytes(data, label, hints)
    if warning:
        found.text_warnings.append(f"body: {warning}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if content_type == "text/html":
        return _html_to_text(text, found.text_warnings)
    if str(params.get("format", "")).lower() == "flowed":
        text = _unflow(text, str(params.get("delsp", "")).lower() == "yes")
    return text.strip()


def _filename(part: email.message.Message, found: _Found) -> str | None:
    raw = (_params(part, "content-disposition", found.warnings)[1].get("filename")
           or _params(part, "content-type", found.warnings)[1].get("name"))
    if not raw:
        return None
    return _safe_filename(_param_text(raw, found.charsets, found.warnings)) or None


def _safe_filename(name: str) -> str:
    """A base name that is safe to write anywhere: directories and control characters go."""
    base = name.replace("\\", "/").split("/")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"))
    base = _UNSAFE_NAME_CHARS.sub("_", " ".join(base.split())).strip(" .")
    if len(base) > 150:
        stem, dot, suffix = base.rpartition(".")
        keep = "." + suffix if dot and 0 < len(suffix) <= 10 else ""
        base = base[: 150 - len(keep)].rstrip(" .") + keep
    return base


def _is_body(part: email.message.Message, content_type: str, found: _Found) -> bool:
    if content_type not in ("text/plain", "text/html"):
        return False
    disposition, params = _params(part, "content-disposition", found.warnings)
    return (disposition != "attachment" and not params.get("filename")
            and not _params(part, "content-type", found.warnings)[1].get("name"))


def _keep_attachment(name: str | None, content_type: str, data: bytes, found: _Found) -> None:
    shown = name or content_type
    if len(data) > found.limit_bytes:
        found.warnings.append(f"attachment {shown!r} ({len(data)} bytes) dropped: "
                              f"over the {found.limit_bytes}-byte limit")
    elif not data:
        found.warnings.append(f"attachment {shown!r} is empty and was skipped")
    else:
        found.attachments.append((name, content_type, data))


def _walk(part: email.message.Message, found: _Found, depth: int, want_body: bool) -> None:
    if depth > _MAX_DEPTH:
        found.warnings.append(f"parts nested deeper than {_MAX_DEPTH} levels were not read")
        return
    content_type = part.get_content_type()
    payload = part.get_payload()
    if content_type in _SKIPPED_TYPES:
        pass
    elif content_type in ("message/rfc822", "message/global", "message/news"):
        _walk_message(part, found, depth, want_body)
    elif isinstance(payload, list):
        children = [child for child in payload if isinstance(child, email.message.Message)]
        if content_type == "multipart/alternative" and want_body:
            _walk_alternative(children, found, depth)
        else:
            for child in children:
                _walk(child, found, depth + 1, want_body)
        _walk_epilogue(part, found, depth, want_body)
    elif content_type.startswith("multipart/"):
        # Its boundary never appears: the parser kept the part as one text.
        if not _walk_other_boundary(part, content_type, found, depth, want_body) and want_body:
            found.warnings.append("a multipart part without its boundary was read as plain text")
            found.texts.append(_part_text(part, "text/plain", found))
    elif _is_body(part, content_type, found):
        if want_body:
            found.texts.append(_part_text(part, content_type, found))
    else:
        _keep_attachment(_filename(part, found), content_type, _payload(part, found.warnings), found)
    for defect in part.defects:
        name = type(defect).__name__
        found.warnings.append(_DEFECT_WARNINGS.get(name, f"the mail has a MIME defect ({name})"))


def _walk_alternative(children: list[email.message.Message], found: _Found, depth: int) -> None:
    """Text from one alternative (plain text preferred), attachments from all of them."""
    results: list[tuple[str, _Found]] = []
    for child in children:
        sub = _Found(found.limit_bytes, charsets=list(found.charsets))
        _walk(child, sub, depth + 1, True)
        results.append((child.get_content_type(), sub))
    readable = [(kind, sub) for kind, sub in results if "".join(sub.texts).strip()]
    plain = [sub for kind, sub in readable if kind == "text/plain"]
    chosen = plain[0] if plain else readable[-1][1] if readable else None
    for _, sub in results:
        found.absorb(sub, with_text=sub is chosen)


def _walk_other_boundary(part: email.message.Message, content_type: str, found: _Found,
                         depth: int, want_body: bool) -> bool:
    """Read a multipart whose declared boundary never appears by the delimiter lines it has."""
    data = _payload(part, found.warnings)
    match = _DELIMITER_LINE.search(data)
    if match is None or match.group(1).decode("ascii", "replace") == part.get_boundary():
        return False
    header = f'Content-Type: {content_type}; boundary="'.encode() + match.group(1) + b'"\n\n'
    rebuilt = BytesParser(policy=part.policy).parsebytes(header + data)
    if not isinstance(rebuilt.get_payload(), list):
        return False
    found.warnings.append("the parts were found by their own delimiter lines")
    _walk(rebuilt, found, depth + 1, want_body)
    return True


def _walk_epilogue(part: email.message.Message, found: _Found, depth: int, want_body: bool) -> None:
    """Parts after the closing boundary: a sender that reused one boundary for nested parts
    closes the outer multipart early, and the real attachments follow it."""
    boundary = part.get_boundary()
    epilogue = part.epilogue or ""
    if not boundary or "--" + boundary not in epilogue:
        return
    delimiter = re.compile(r"(?m)^--" + re.escape(boundary) + r"(?:--)?[ \t]*\r?(?:\n|$)")
    for chunk in delimiter.split(epilogue)[1:]:
        data = _to_bytes(chunk)
        if data.strip() and _FIELD_LINE.match(data):
            found.warnings.append("parts after the closing MIME boundary were read")
            _walk(BytesParser(policy=part.policy).parsebytes(data), found, depth + 1, want_body)


def _walk_message(part: email.message.Message, found: _Found, depth: int, want_body: bool) -> None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    inner = inner if isinstance(inner, email.message.Message) else None
    encoding = _transfer_encoding(part, found.warnings)
    if inner is None or (not inner.keys() and encoding in ("base64", "quoted-printable")):
        # Sent transfer-encoded: the parser took the encoded text for the message.
        if inner is None:
            data = _payload(part, found.warnings)
        else:
            source = inner.get_payload(decode=True)
            data = _decode_transfer(source if isinstance(source, bytes) else b"", encoding)[0]
        if not looks_like_email(data[:_SNIFF_BYTES]):
            _keep_attachment(_filename(part, found), "message/rfc822", data, found)
            return
        inner = BytesParser(policy=part.policy).parsebytes(_split_headers(data).cleaned)
    if want_body:
        found.texts.append(_nested_heading(inner, found))
    _walk(inner, found, depth + 1, want_body)


def _nested_heading(inner: email.message.Message, found: _Found) -> str:
    fields = [(key.lower(), re.sub(rb"\r\n|\r|\n", b"", _to_bytes(str(value))).strip())
              for key, value in inner.raw_items()]
    lines = ["----- attached message -----"]
    name, address = _sender(_first(fields, "from"), found.charsets, found.text_warnings)
    if name or address:
        lines.append("From: " + (f"{name} <{address}>" if name and address else name or address or ""))
    raw_subject = _first(fields, "subject") or b""
    subject = _clean_line(_decode_header(raw_subject, found.charsets, found.text_warnings))
    if subject:
        lines.append(f"Subject: {subject}")
    return "\n".join(lines)


# ---------------------------------------------------------------- the reader
def _read_structure(headers: _Headers, limit_bytes: int, warnings: list[str]) -> _Found:
    for policy, name in ((email.policy.default, "default"), (email.policy.compat32, "compat32")):
        found = _Found(limit_bytes)
        try:
            _walk(BytesParser(policy=policy).parsebytes(headers.cleaned), found, 0, True)
            return found
        except _PARSER_FAULTS as exc:
            warnings.append(f"the {name} MIME parser failed ({type(exc).__name__}: {str(exc)[:80]})")
    # Last resort: no MIME structure at all, the body read as one text.
    found = _Found(limit_bytes)
    text, warning = _decode_bytes(headers.body, _charset_of(_first(headers.fields, "content-type")))
    found.texts.append(text.replace("\r\n", "\n").strip())
    if warning:
        found.text_warnings.append(f"body: {warning}")
    warnings.append("the mail's MIME structure could not be read; its body is given as it stands")
    return found


def _body(texts: Iterable[str]) -> str:
    # A malformed multipart can hold the same text twice (plain and HTML both seen as body).
    unique = dict.fromkeys(text.strip() for text in texts if text.strip())
    return "\n\n".join(unique)
