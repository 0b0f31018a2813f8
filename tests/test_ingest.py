"""Ingest and file kinds: the original hashed first; the kind told by content, never by name."""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from intake.kernel import EmptyFile, FileKind, NotARegularFile, TooLarge
from intake.ocr.files import identify, sniff
from intake.pipeline.ingest import ingest
from tests.helpers import minimal_pdf

PNG_HEAD = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_the_hash_is_of_the_bytes_as_they_came(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(PNG_HEAD)
    intake = ingest(path, source="scan.png")
    assert intake.sha256 == hashlib.sha256(PNG_HEAD).hexdigest() and intake.size == len(PNG_HEAD)
    assert intake.kind == FileKind.UNKNOWN          # decided when the file is read


def test_symlinks_and_pipes_are_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "real.png"
    target.write_bytes(PNG_HEAD)
    link = tmp_path / "link.png"
    link.symlink_to(target)
    with pytest.raises(NotARegularFile):
        ingest(link, source="link.png")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(NotARegularFile):
        ingest(pipe, source="pipe")


@pytest.mark.parametrize(("head", "kind"), [
    (PNG_HEAD, FileKind.PNG), (b"\xff\xd8\xff\xe0", FileKind.JPEG), (b"II*\x00", FileKind.TIFF),
    (minimal_pdf(text="x"), FileKind.PDF), (b"junk\n%PDF-1.4\n", FileKind.PDF),
    (b"From: a@example.com\r\nSubject: hi\r\nTo: b@example.com\r\n\r\nbody", FileKind.EML),
    ("政府信息公开申请书".encode("gb18030"), FileKind.TXT), (b"\x00\x01\x02\x03", FileKind.UNKNOWN),
    ("政府信息公开申请书".encode("utf-16"), FileKind.TXT), (b"\xfe\xff" + "申请书 Notepad".encode("utf-16-be"), FileKind.TXT),
])
def test_kind_by_content(head: bytes, kind: FileKind) -> None:
    assert sniff(head) == kind


def test_a_misnamed_file_is_known_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(PNG_HEAD)
    assert identify(ingest(path, source="letter.pdf")).kind == FileKind.PNG


def test_empty_and_oversized_files_are_refused_when_read(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFile):
        identify(ingest(empty, source="empty.png"))
    big = tmp_path / "big.png"
    big.write_bytes(PNG_HEAD * 100)
    with pytest.raises(TooLarge):
        identify(ingest(big, source="big.png"), max_bytes=100)
    assert identify(replace(ingest(big, source="big.png")), max_bytes=10_000).kind == FileKind.PNG
