"""Read a saved e-mail (.eml) into its headers, readable body text and attachments.

Applications arrive from every mail client in China, old and new, so the reader assumes
nothing: GB2312/GBK labels are read as GB18030 (their superset, which Outlook and Foxmail
really send), Big5 falls back to Big5-HKSCS, unknown or missing charsets are guessed in a
fixed order, and a malformed mail yields whatever could be read plus plain-English warnings.
Only bytes that are not an e-mail at all raise `EmailReadError`.

The top-level headers are split and decoded here rather than through the `email` header
registry, whose parsers raise on malformed input and decode a mislabelled charset with
replacement characters; the `email` package is used for the MIME structure only
(`policy.default`, then `compat32` when that raises, then the body read as one text).
"""
from __future__ import annotations

import binascii
import codecs
import datetime as dt
import email.errors
import email.message
import email.policy
import email.utils
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.parser import BytesParser
from html.parser import HTMLParser

from intake.kernel.model import EmailMeta

__all__ = ["Attachment", "EmailContent", "EmailReadError", "looks_like_email", "read_email"]


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


# ---------------------------------------------------------------- tables
# Labels mail clients write that Python does not know, or knows as a narrower codec.
_CHARSET_ALIASES: dict[str, str] = {
    "x-gbk": "gb18030", "gb_2312-80": "gb18030", "gb2312-80": "gb18030", "x-euc-cn": "gb18030",
    "csgb2312": "gb18030", "chinese": "gb18030", "windows-936": "gb18030", "x-cp936": "gb18030",
    "x-big5": "big5", "cn-big5": "big5", "csbig5": "big5", "big-5": "big5",
    "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949", "ks_c_5601-1989": "cp949", "ksc5601": "cp949",
    "windows-949": "cp949", "x-sjis": "cp932", "windows-31j": "cp932", "unicode-1-1-utf-8": "utf-8",
    "iso-8859-8-i": "iso8859-8", "iso-8859-6-i": "iso8859-6",
}
# Codec names (as `codecs.lookup` gives them) replaced by the superset real mail uses.
_UPGRADES: dict[str, str] = {
    "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "iso8859-1": "cp1252",
    "latin-1": "cp1252",
}
# Tried, in order, after the labelled codec fails strictly.
_SUPERSETS: dict[str, tuple[str, ...]] = {
    "big5": ("big5hkscs",), "cp1252": ("latin-1",), "shift_jis": ("cp932",), "euc_jp": ("cp932",),
    "iso2022_jp": ("iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_3"),
}
# Codecs that are not a text charset of a mail, or are slow/unsafe on hostile bytes.
_REFUSED_CODECS = frozenset({
    "idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "base64", "bz2",
    "hex", "quopri", "uu", "zlib", "rot-13", "mbcs", "oem",
})
_PYTHON_DECODES = frozenset({"base64", "quoted-printable", "x-uuencode", "uuencode", "uue", "x-uue"})
_KNOWN_TRANSFER_ENCODINGS = frozenset({
    "", "7bit", "8bit", "binary", "base64", "quoted-printable", "uuencode", "x-uuencode", "uue",
    "x-uue",
})
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
_BLOCK_TAGS = frozenset({
    "p", "div", "tr", "li", "ul", "ol", "dl", "dt", "dd", "table", "blockquote", "pre", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "address",
    "center", "form", "fieldset", "caption", "body", "html",
})
_HIDDEN_TAGS = frozenset({"script", "style", "template", "title"})
_KNOWN_HEADERS = frozenset({
    b"from", b"received", b"subject", b"mime-version", b"return-path", b"content-type", b"date",
    b"to", b"cc", b"bcc", b"message-id", b"reply-to", b"sender", b"delivered-to", b"in-reply-to",
    b"references", b"content-transfer-encoding", b"dkim-signature", b"authentication-results",
    b"thread-topic", b"thread-index", b"user-agent", b"importance", b"list-id", b"precedence",
})
_MULTIBYTE_CODECS = frozenset({
    "gb18030", "big5", "big5hkscs", "cp949", "cp932", "shift_jis", "euc_jp", "cp950", "johab",
})
_HIGH_BYTES = bytes(range(0x80, 0x100))
# (codecs tried, codec of the common characters, their code ranges): GB2312 punctuation
# and hanzi; Big5 punctuation and level-1 (frequent) hanzi.
_CJK_SCORING: tuple[tuple[tuple[str, ...], str, tuple[tuple[int, int], ...]], ...] = (
    (("gb18030",), "gb2312", ((0xA1A1, 0xA3FE), (0xB0A1, 0xF7FE))),
    (("big5", "big5hkscs"), "big5", ((0xA140, 0xA3BF), (0xA440, 0xC67E))),
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_LATIN_PAIR = re.compile(rb"[\x80-\xff][A-Za-z]")
_MAX_DEPTH = 30
_SNIFF_BYTES = 4096

_FIELD_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
# A MIME delimiter line followed by a part's first header field.
_DELIMITER_LINE = re.compile(rb"(?m)^--([^\s\"]{1,70})[ \t]*\r?\n(?=[!-9;-~]+[ \t]*:)")
# Lines before the headers of a saved mail: the mbox envelope, Outlook's saved-headers banner.
_PREAMBLE_LINE = re.compile(rb"From |Microsoft Mail Internet Headers")
_ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_UNSAFE_NAME_CHARS = re.compile(r'[:*?"<>|]')

# The `email` package raises these on malformed input: the header registry, boundary and
# parameter parsing (fuzzing found a TypeError sorting broken RFC 2231 continuations), deep
# nesting. Each is answered by the next, simpler way of reading.
_PARSER_FAULTS = (email.errors.MessageError, ValueError, LookupError, IndexError, TypeError,
                  AttributeError, AssertionError, RecursionError)


# ---------------------------------------------------------------- sniffing
def looks_like_email(head: bytes) -> bool:
    """True when the first bytes look like RFC 822 header lines (optionally after an mbox line)."""
    window = bytes(head[:_SNIFF_BYTES])
    if b"\x00" in window:
        return False
    lines = window.splitlines(keepends=True)
    if len(window) >= _SNIFF_BYTES and lines and not lines[-1].endswith((b"\n", b"\r")):
        lines = lines[:-1]      # cut by the window: it says nothing
    fields = known = junk = 0
    ended = False
    for line in lines:
        bare = line.rstrip(b"\r\n")
        if not bare.strip(b" \t\xef\xbb\xbf"):
            ended = fields > 0
            if ended:
                break
            continue
        if fields == 0 and _PREAMBLE_LINE.match(bare) and not _FIELD_LINE.match(bare):
            continue
        if _FIELD_LINE.match(bare.lstrip(b"\xef\xbb\xbf")):
            name = bare.lstrip(b"\xef\xbb\xbf").split(b":", 1)[0].strip().lower()
            fields += 1
            known += name in _KNOWN_HEADERS or name.startswith((b"x-", b"arc-", b"list-", b"resent-"))
        elif fields == 0:
            return False        # the first real line is not a header field
        elif bare[:1] not in (b" ", b"\t"):
            junk += 1
    if known >= 2:
        return junk * 5 <= fields
    # A single header line is only believed when a blank line closes a clean header block.
    return known == 1 and junk == 0 and ended


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


# ---------------------------------------------------------------- charsets and transfer encodings
def _codec(label: str | None) -> str | None:
    name = (label or "").strip().strip("\"'").strip().lower()
    if not name:
        return None
    name = _CHARSET_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except (LookupError, ValueError):
        return None
    if codec.replace("_", "-") in _REFUSED_CODECS or codec.endswith("_codec"):
        return None
    return _UPGRADES.get(codec, codec)


def _decode_bytes(data: bytes, label: str | None,
                  hints: Sequence[str] = ()) -> tuple[str, str | None]:
    """The text, and a warning when the label could not be followed."""
    codec = _codec(label)
    if codec is None or codec == "ascii":
        text = _guess(data, hints)
        return text or data.decode("latin-1"), f"unknown charset {label!r}; decoded by guess" if (
            label and codec is None) else None
    if _is_mislabelled_utf8(data, codec):
        return data.decode("utf-8"), f"text labelled {label!r} is really UTF-8"
    for candidate in (codec, *_SUPERSETS.get(codec, ())):
        text = _try_decode(data, candidate)
        if text is not None:
            return text, None
    lenient = _try_decode(data, codec, "replace") or ""
    if lenient.count("\ufffd") <= 1 + len(lenient) // 100:
        return lenient, f"a few bytes are not valid {label}; they were replaced"
    guessed = _guess(data, hints)
    if guessed is not None:
        return guessed, f"text labelled {label!r} is not valid in that charset; decoded by guess"
    return lenient or data.decode("latin-1"), f"text labelled {label!r} is not valid in that charset"


def _is_mislabelled_utf8(data: bytes, codec: str) -> bool:
    """Valid UTF-8 with enough non-ASCII bytes is UTF-8 whatever the label says: legacy text
    passes as UTF-8 by accident only when very short (a CJK pair has a few % chance)."""
    if codec.startswith("utf"):
        return False
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return high >= (6 if codec in _MULTIBYTE_CODECS else 2) and _try_decode(data, "utf-8") is not None


def _guess(data: bytes, hints: Sequence[str]) -> str | None:
    if data.isascii() and b"\x1b" not in data:
        return data.decode("ascii")
    # UTF-8 first: legacy CJK bytes almost never pass as UTF-8 by accident.
    guesses = ["utf-8", *hints]
    if b"\x1b$" in data or b"\x1b(" in data:
        guesses.insert(0, "iso2022_jp")
    for codec in guesses:
        text = _try_decode(data, codec)
        if text is not None:
            return text
    return _chinese(data) or _try_decode(data, "cp1252")


def _chinese(data: bytes) -> str | None:
    """GB18030 or Big5, whichever reads as common characters of its own script; None for
    bytes that are neither (Latin text whose accents pair up with the next letter).

    Big5 bytes usually decode as GB18030 too, into rare characters: the share of GB2312
    characters (simplified) against the share of common Big5 ones (traditional) decides."""
    scored: list[tuple[float, str]] = []
    for decoders, common, ranges in _CJK_SCORING:
        text = next((t for t in (_try_decode(data, c) for c in decoders) if t is not None), None)
        if text is not None and not _PRIVATE_USE.search(text):
            scored.append((_share(text, common, ranges), text))
    if not scored:
        return None
    score, text = max(scored, key=lambda pair: pair[0])    # first (GB18030) wins a tie
    # No common character, and an 8-bit byte paired with a Latin letter: 'Müller', not CJK.
    return None if score == 0 and _LATIN_PAIR.search(data) else text


def _share(text: str, codec: str, ranges: tuple[tuple[int, int], ...]) -> float:
    sample = [ch for ch in text[:2000] if not ch.isascii()]
    hits = 0
    for ch in sample:
        try:
            code = int.from_bytes(ch.encode(codec), "big")
        except UnicodeEncodeError:
            continue
        hits += any(low <= code <= high for low, high in ranges)
    return hits / max(1, len(sample))


def _try_decode(data: bytes, codec: str, errors: str = "strict") -> str | None:
    try:
        return data.decode(codec, errors)
    except (UnicodeDecodeError, LookupError):
        return None


def _to_bytes(text: str) -> bytes:
    """The bytes a parsed header or payload came from (8-bit bytes are surrogates or latin-1)."""
    try:
        return text.encode("latin-1", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _decode_base64(payload: bytes) -> bytes:
    # Padding inside the data marks where one mailer concatenated separately encoded chunks.
    chunks = []
    for chunk in re.split(rb"=+", payload):
        letters = re.sub(rb"[^A-Za-z0-9+/]", b"", chunk)
        letters = letters[: len(letters) - (len(letters) % 4 == 1)]
        chunks.append(binascii.a2b_base64(letters + b"=" * (-len(letters) % 4)) if letters else b"")
    return b"".join(chunks)


def _decode_transfer(encoded: bytes, encoding: str) -> tuple[bytes, str | None]:
    """The payload decoded, and a warning when its transfer encoding is unknown."""
    if encoding == "base64":
        return _decode_base64(encoded), None
    if encoding == "quoted-printable":
        return binascii.a2b_qp(encoded), None
    if encoding in _KNOWN_TRANSFER_ENCODINGS:
        return encoded, None
    compact = encoded.strip()
    if len(compact) >= 16 and re.fullmatch(rb"[A-Za-z0-9+/]+=*(?:\r?\n[A-Za-z0-9+/]+=*)*", compact):
        return _decode_base64(compact), f"unknown transfer encoding {encoding!r}; read as base64"
    if re.search(rb"=[0-9A-F]{2}|=\r?\n", encoded):
        return binascii.a2b_qp(encoded), f"unknown transfer encoding {encoding!r}; read as QP"
    return encoded, f"unknown transfer encoding {encoding!r}; read as it stands"


# ---------------------------------------------------------------- HTML and flowed text
class _HtmlText(HTMLParser):
    """Visible text of an HTML body, with line breaks where the browser would break lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "br":
            self.chunks.append("\n")
        elif tag in ("td", "th"):
            self.chunks.append("\t")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")
            self._pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")
            self._pre = max(0, self._pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data if self._pre else re.sub(r"[ \t\r\n\f]+", " ", data))


def _html_to_text(markup: str, warnings: list[str]) -> str:
    parser = _HtmlText()
    try:
        parser.feed(markup)
        parser.close()
        text = "".join(parser.chunks)
    except AssertionError:
        # html.parser asserts on unknown '<![keyword[' sections; strip tags crudely instead.
        warnings.append("the HTML body is malformed; its tags were stripped")
        visible = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", markup)
        text = html.unescape(re.sub(r"<[^>]*>", " ", visible))
    lines = (re.sub(r" {2,}", " ", line.replace("\xa0", " ")).strip(" \t") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending in a space continues on the next line of the
    same quote depth (Thunderbird wraps long CJK lines this way)."""
    lines: list[tuple[int, str]] = []       # (quote depth, content)
    flowing = False
    for line in text.split("\n"):
        content = line.lstrip(">")
        depth = len(line) - len(content)
        content = content[1:] if content.startswith(" ") else content     # space-stuffing
        continued = flowing and bool(lines) and lines[-1][0] == depth
        flowing = content.endswith(" ") and content != "-- "
        if flowing and delsp:
            content = content[:-1]
        if continued:
            lines[-1] = (depth, lines[-1][1] + content)
        else:
            lines.append((depth, content))
    return "\n".join(">" * depth + (" " if depth and content else "") + content for depth, content in lines)


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


def _charset_of(content_type: bytes | None) -> str | None:
    match = re.search(rb"charset\s*=\s*[\"']?([\w.:-]+)", content_type or b"", re.I)
    return match.group(1).decode("ascii") if match else None


def _body(texts: Iterable[str]) -> str:
    # A malformed multipart can hold the same text twice (plain and HTML both seen as body).
    unique = dict.fromkeys(text.strip() for text in texts if text.strip())
    return "\n\n".join(unique)


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
