"""Ingest: a path becomes an `Intake` — its bytes hashed and its type known by content.

The type is decided by magic bytes, never by the file name, because mailroom scanners and
mail clients name files carelessly.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import zipfile
from pathlib import Path

from intake.kernel.errors import EmptyFile, NotARegularFile, TooLarge
from intake.kernel.model import FileKind, Intake

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
    from intake.ocr.email.reader import looks_like_email  # imported here: ingest must not pull in OCR
    if looks_like_email(head):
        return FileKind.EML
    if _is_text(head):
        return FileKind.TXT
    return FileKind.UNKNOWN


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


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


def hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def ingest(path: Path, *, source: str, received_on: dt.date | None = None,
           max_bytes: int | None = None) -> Intake:
    """Hash the original before anything else touches it (as paperless-ngx does)."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        raise NotARegularFile("symbolic links are not followed")
    if not stat.S_ISREG(mode):
        raise NotARegularFile("a folder, pipe or device cannot be read as a document")
    sha256, size = hash_file(path)
    now = dt.datetime.now().astimezone()
    intake = Intake(source=source, path=path, sha256=sha256, size=size, kind=FileKind.UNKNOWN,
                    received_on=received_on or now.date(), arrived_at=now)
    return intake


def identify(intake: Intake, max_bytes: int | None = None) -> Intake:
    """Fill in the kind; raise for files that cannot be a document at all."""
    if intake.size == 0:
        raise EmptyFile()
    if max_bytes is not None and intake.size > max_bytes:
        raise TooLarge(f"{intake.size / 1e6:.1f} MB over the limit of {max_bytes / 1e6:.0f} MB")
    with intake.path.open("rb") as handle:
        head = handle.read(8192)
    from dataclasses import replace
    return replace(intake, kind=sniff(head, intake.path))
