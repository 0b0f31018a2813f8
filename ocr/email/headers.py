"""The top-level header block, split and decoded by hand: the `email` header registry raises on malformed input."""
from __future__ import annotations

import binascii
import datetime as dt
import email.errors
import email.message
import email.policy
import email.utils
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from intake.ocr.email.decoding import _decode_base64, _decode_bytes, _to_bytes
from intake.ocr.email.parts import EmailReadError
from intake.ocr.email.sniff import _FIELD_LINE, _PREAMBLE_LINE

_ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=")


_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


# The `email` package raises these on malformed input: the header registry, boundary and
# parameter parsing (fuzzing found a TypeError sorting broken RFC 2231 continuations), deep
# nesting. Each is answered by the next, simpler way of reading.
_PARSER_FAULTS = (email.errors.MessageError, ValueError, LookupError, IndexError, TypeError,
                  AttributeError, AssertionError, RecursionError)


# ---------------------------------------------------------------- top-level headers
@dataclass(frozen=True, slots=True)
class _Headers:
    fields: tuple[tuple[str, bytes], ...]   # (lower-case name, unfolded raw value), in order
    cleaned: bytes                          # the mail without envelope line and stray header lines
    body: bytes                             # everything after the headers
    dropped_lines: int


def _split_headers(raw: bytes) -> _Headers:
    lines = raw.splitlines(keepends=True)
    index = 0
    while index < len(lines) and not lines[index].strip(b" \t\r\n\xef\xbb\xbf"):
        index += 1
    if index < len(lines) and _PREAMBLE_LINE.match(lines[index]) and not _FIELD_LINE.match(lines[index]):
        index += 1
    if index < len(lines) and lines[index].startswith(b"\xef\xbb\xbf"):
        lines[index] = lines[index][3:]
    block: list[bytes] = []
    while index < len(lines) and lines[index].rstrip(b"\r\n"):
        block.append(lines[index])
        index += 1
    kinds = ["field" if _FIELD_LINE.match(line) else "fold" if line[:1] in (b" ", b"\t") else "junk"
             for line in block]
    if not kinds or kinds[0] != "field":
        raise EmailReadError("no e-mail header field at the start")
    last_field = max(i for i, kind in enumerate(kinds) if kind == "field")
    # A stray line between header fields is dropped; a line after the last field that is no
    # header is where a mail without the blank separator line starts its body.
    end = next((i for i in range(last_field + 1, len(block)) if kinds[i] == "junk"), len(block))
    head = [line for line, kind in zip(block[:end], kinds[:end]) if kind != "junk"]
    tail = b"".join(block[end:])
    rest = b"".join(lines[index:])
    fields: list[tuple[str, bytes]] = []
    for line, kind in zip(block[:end], kinds[:end]):
        if kind == "field":
            name, _, value = line.partition(b":")
            fields.append((name.strip().decode("ascii").lower(), value))
        elif kind == "fold" and fields:
            fields[-1] = (fields[-1][0], fields[-1][1] + line)
    unfolded = tuple((name, re.sub(rb"\r\n|\r|\n", b"", value).strip()) for name, value in fields)
    if tail:
        cleaned, body = b"".join(head) + b"\n" + tail + rest, tail + rest
    else:
        cleaned, body = b"".join(head) + rest, rest.split(b"\n", 1)[1] if b"\n" in rest else b""
    return _Headers(unfolded, cleaned, body, end - len(head))


def _first(fields: Iterable[tuple[str, bytes]], *names: str) -> bytes | None:
    for name in names:
        for key, value in fields:
            if key == name:
                return value
    return None


def _decode_header(raw: bytes, hints: Sequence[str], warnings: list[str]) -> str:
    """RFC 2047 encoded words and raw 8-bit bytes to text.

    Adjacent encoded words of one charset are joined before decoding because clients split
    a multi-byte character across two words."""
    pieces: list[tuple[str | None, bytes]] = []
    position = 0
    for match in _ENCODED_WORD.finditer(raw):
        between = raw[position:match.start()]
        if between and not (between.isspace() and pieces and pieces[-1][0] is not None):
            pieces.append((None, between))
        label = match.group(1).split(b"*")[0].decode("ascii", "replace").lower()
        payload = match.group(3)
        data = (binascii.a2b_qp(payload, header=True) if match.group(2) in (b"q", b"Q")
                else _decode_base64(payload))
        if pieces and pieces[-1][0] == label:
            pieces[-1] = (label, pieces[-1][1] + data)
        else:
            pieces.append((label, data))
        position = match.end()
    if position < len(raw):
        pieces.append((None, raw[position:]))
    texts: list[str] = []
    for label, data in pieces:
        text, warning = _decode_bytes(data, label, hints)
        texts.append(text)
        if warning:
            warnings.append(f"header: {warning}")
    return "".join(texts)


def _clean_line(text: str) -> str:
    """One line of visible text: control characters become spaces, runs of space collapse."""
    visible = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)
    return " ".join(visible.split())


def _sender(raw: bytes | None, hints: Sequence[str],
            warnings: list[str]) -> tuple[str | None, str | None]:
    if raw is None:
        return None, None
    text = raw.decode("latin-1")    # byte for byte, so the name can be turned back into bytes
    try:
        pairs = [pair for pair in email.utils.getaddresses([text]) if any(pair)]
    except _PARSER_FAULTS as exc:
        warnings.append(f"the sender's address is malformed ({type(exc).__name__})")
        pairs = []
    name, address = next((p for p in pairs if "@" in p[1]), pairs[0] if pairs else ("", ""))
    if "@" not in address:
        found = _ADDRESS.search(text)
        address = found.group(0) if found else ""
        name = name or ("" if found else text)
    decoded = _clean_line(_decode_header(_to_bytes(name), hints, warnings)).strip("\"' ")
    clean_address = _clean_line(address).strip("<>").lower()
    usable = "@" in clean_address and clean_address.isascii()
    return decoded or None, clean_address if usable else None


def _date(raw: bytes | None, warnings: list[str]) -> dt.datetime | None:
    if raw is None:
        warnings.append("the mail has no Date header")
        return None
    text = raw.decode("ascii", "replace")
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError, OverflowError):
        warnings.append(f"the Date header {text[:60]!r} could not be read")
        return None
    if parsed.tzinfo is None:
        # RFC 5322 '-0000', or no zone at all: the time is UTC with no local zone known.
        warnings.append("the Date header has no time zone; UTC assumed")
        return parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


def _charset_of(content_type: bytes | None) -> str | None:
    match = re.search(rb"charset\s*=\s*[\"']?([\w.:-]+)", content_type or b"", re.I)
    return match.group(1).decode("ascii") if match else None
