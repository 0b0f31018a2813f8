"""Failed records: a file that could not be read still ends as one row, its error saying why."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from intake.kernel import Channel, FileKind, IntakeError, NotARegularFile, Record, Route, Status


def failed_record(*, source: str, sha256: str, received_on: dt.date, error: IntakeError,
                  kind: FileKind = FileKind.UNKNOWN) -> Record:
    return Record(source=source, sha256=sha256, channel=Channel.EMAIL if kind == FileKind.EML else Channel.UNKNOWN,
                  marked=False, route=Route.OTHER, status=Status.FAILED, applicant=None, request=None,
                  delivery=None, missing=(), received_on=received_on, correction_due=None, reply_due=None,
                  duplicate_of=None, confidence=1.0, text="", error=str(error))


def unreadable_path_record(path: Path, source: str, received_on: dt.date | None, exc: Exception) -> Record:
    """A path that cannot even be hashed (symlink, FIFO, vanished): its name stands for its content."""
    if isinstance(exc, IntakeError):
        error = exc
    else:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        error = NotARegularFile(f"cannot open the file: {reason}")
    sha256 = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()
    return failed_record(source=source, sha256=sha256, received_on=received_on or dt.date.today(), error=error)
