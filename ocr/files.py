"""What a file is, by its content: magic bytes, never the name (mailroom scanners and mail
clients name files carelessly)."""
from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from intake.kernel import EmptyFile, FileKind, Intake, TooLarge
from intake.ocr.email.sniff import looks_like_email

_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
    (b"\xff\xd8\xff", FileKind.JPEG),
    (b"BM", FileKind.BMP),
    (b"II*\x00", FileKind.TIFF),
    (b"MM\x00*", FileKind.TIFF),
    (b"GIF87a", FileKind.GIF),
    (b"GIF89a", FileKind.GIF),
    (b"%PDF-", FileKind.PDF),
)


def sniff(head: bytes, path: Path | None = None) -> FileKind:
    """The file's kind from its first bytes (and, for ZIP, its members)."""
    stripped = head.lstrip(b"\xef\xbb\xbf")
    for magic, kind in _MAGIC:
        if stripped.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.WEBP
    # A PDF may carry junk before its header (some scanners add a few bytes).
    if b"%PDF-" in head[:1024]:
        return FileKind.PDF
    if head.startswith(b"PK\x03\x04") and path is not None and _is_docx(path):
        return FileKind.DOCX
    if looks_like_email(head):
        return FileKind.EML
    if _is_utf16_text(head) or _is_text(head):
        return FileKind.TXT
    return FileKind.UNKNOWN


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _is_utf16_text(head: bytes) -> bool:
    """Notepad's "Unicode" (UTF-16 with its byte-order mark) is text, NUL bytes and all."""
    if head[:2] not in (b"\xff\xfe", b"\xfe\xff") or len(head) < 4:
        return False
    sample = head[:4096 - len(head[:4096]) % 2]
    try:
        text = sample.decode("utf-16")
    except UnicodeDecodeError as exc:
        # A surrogate pair cut by the sample's end is still text.
        return exc.start >= len(sample) - 4
    return "\x00" not in text


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    sample = head[:4096]
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            # A multi-byte character cut by the sample's end is still text.
            if exc.start >= len(sample) - 4:
                return True
    return False


def identify(intake: Intake, max_bytes: int | None = None) -> Intake:
    """Fill in the kind; raise for files that cannot be a document at all."""
    if intake.size == 0:
        raise EmptyFile()
    if max_bytes is not None and intake.size > max_bytes:
        raise TooLarge(f"{intake.size / 1e6:.1f} MB over the limit of {max_bytes / 1e6:.0f} MB")
    with intake.path.open("rb") as handle:
        head = handle.read(8192)
    return replace(intake, kind=sniff(head, intake.path))
