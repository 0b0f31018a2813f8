"""Bytes of a mail part into text: charset labels as mail clients write them, guesses when they lie, transfer encodings."""
from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Sequence

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
    return decode_chinese(data) or _try_decode(data, "cp1252")


def decode_chinese(data: bytes) -> str | None:
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
