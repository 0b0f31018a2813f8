"""Ingest: a path becomes an `Intake` — its bytes hashed before anything else touches them (as
paperless-ngx does). What kind of file it is, `intake.ocr.files.identify` decides when it is read."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

from intake.kernel import FileKind, Intake, NotARegularFile


def hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def ingest(path: Path, *, source: str, received_on: dt.date | None = None) -> Intake:
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
