"""Claiming: a file becomes a committed row and an archived copy before anything reads it.

Whatever goes wrong here is that file's failed row (E006: it cannot be opened; E010: it cannot
be archived), never the end of the service. Only the environment's faults (E1xx: a read-only
register, a full disk) go up, for the caller to report and retry: a row already claimed stays
`processing` and the next claim of the same inbox file finds it again.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from intake.kernel import (
    ClaimFailed,
    EnvironmentFault,
    Intake,
    IntakeError,
    NotARegularFile,
    OriginalVanished,
    ReaderCrashed,
    Record,
)
from intake.outbox import write_record
from intake.pipeline.failures import failed_record, unreadable_path_record
from intake.pipeline.ingest import ingest
from intake.pipeline.originals import archive_copy, file_digest, printable_path, remove_inbox_original, set_aside
from intake.pipeline.services import Services
from intake.register import MAX_READ_ATTEMPTS, DocumentRow

log = logging.getLogger(__name__)

FileState = tuple[int, int, int]     # size, mtime in ns, inode: what a writer changes


@dataclass(frozen=True, slots=True)
class Claim:
    """A file whose row is committed and whose original is archived, ready to be read."""
    intake: Intake
    document_id: int
    stored: Path | None               # the archived copy (what is read); None when none could be made
    inbox_file: Path | None = None    # the inbox file to remove once the record is committed
    started: float = 0.0
    inbox_state: FileState | None = None
    refused: IntakeError | None = None   # recorded as the file's error without reading it


class TakenTooEarly(Exception):
    """The inbox file changed after it was claimed (a writer went on): nothing is committed, the
    row stays `processing`, and the file is claimed again once it has settled."""


def file_state(path: Path) -> FileState:
    info = os.lstat(path)
    return info.st_size, info.st_mtime_ns, info.st_ino


def claim(path: Path, services: Services, *, source: str | None = None, received_on: dt.date | None = None,
          from_inbox: bool = False) -> Claim | Record:
    """Hash, claim a row and archive the original; a Record when nothing more can be done."""
    source = printable_path(source if source is not None else str(path))
    try:
        state = file_state(path)
        intake = ingest(path, source=source, received_on=received_on)
    except (IntakeError, OSError) as exc:
        return _unreadable(path, source, received_on, exc, services, from_inbox)
    inbox_key = printable_path(str(path)) if from_inbox else None
    document_id: int | None = None
    try:
        pending = services.register.pending_for_inbox_file(inbox_key) if inbox_key else None
        if pending is not None and pending.record is not None and pending.sha256 == intake.sha256:
            return _release_committed(path, intake, services, pending)
        document_id = _row_for(path, intake, inbox_key, pending, services)
        attempts = services.register.start_attempt(document_id)
        stored = _archived(path, intake, services, services.register.get(document_id), from_inbox)
    except (EnvironmentFault, TakenTooEarly):
        raise
    except OSError as exc:
        fault = EnvironmentFault.from_os_error(exc, "archive")
        if fault is not None:
            raise fault from exc
        return _not_taken(path, intake, document_id, exc, services, from_inbox)
    except Exception as exc:  # noqa: BLE001 - any error while claiming is that file's failed row
        return _not_taken(path, intake, document_id, exc, services, from_inbox)
    refused = _given_up(document_id, attempts, stored) if attempts > MAX_READ_ATTEMPTS else None
    return Claim(intake, document_id, stored, path if from_inbox else None, time.monotonic(), state, refused)


def claim_from_row(row: DocumentRow, services: Services, *, resuming: bool = False) -> Claim | Record:
    """The claim of a row that already exists, read from its archived copy; a failed Record when
    that copy is gone or cannot be opened. `resuming` (the watcher's start-up): a row whose
    reading stopped the service too often is recorded as failed instead of read again."""
    received_on = row.record.received_on if row.record else dt.date.today()
    error: IntakeError
    if row.archive_path and Path(row.archive_path).exists():
        stored = Path(row.archive_path)
        try:
            intake = ingest(stored, source=row.source or str(stored), received_on=received_on)
        except (IntakeError, OSError) as exc:
            error = exc if isinstance(exc, IntakeError) else NotARegularFile(f"cannot open the archived copy: {exc}")
        else:
            attempts = services.register.start_attempt(row.id)
            refused = _given_up(row.id, attempts, stored) if resuming and attempts > MAX_READ_ATTEMPTS else None
            return Claim(intake, row.id, stored, None, time.monotonic(), refused=refused)
    else:
        error = OriginalVanished()
    log.warning("#%d: %s", row.id, error)
    record = failed_record(source=row.source or row.inbox_path or "", sha256=row.sha256, received_on=received_on,
                           error=error)
    services.register.complete(row.id, record)
    write_record(services.config.outbox, row.id, record)
    return record


def settled_state(claimed: Claim) -> bool:
    """Whether the inbox file is as it was when claimed (or gone: its copy is what was read)."""
    if claimed.inbox_file is None or claimed.inbox_state is None:
        return True
    try:
        return file_state(claimed.inbox_file) == claimed.inbox_state
    except FileNotFoundError:
        return True


def release(claimed: Claim, services: Services) -> None:
    """The inbox file leaves the inbox, once its archived copy is proven identical to it now."""
    if claimed.inbox_file is None:
        return
    if claimed.stored is not None and remove_inbox_original(claimed.inbox_file, claimed.stored,
                                                            claimed.intake.sha256):
        services.register.release_inbox_file(claimed.document_id)


# ---------------------------------------------------------------- the steps
def _row_for(path: Path, intake: Intake, inbox_key: str | None, pending: DocumentRow | None,
             services: Services) -> int:
    register = services.register
    if pending is not None and pending.record is None:
        # Claimed before and never finished (a crash, a fault, a writer that went on): the same row.
        if pending.sha256 != intake.sha256:
            log.info("%s changed since it was claimed as #%d; taken again", intake.source, pending.id)
            register.retake(pending.id, intake.sha256)
        return pending.id
    if pending is not None:
        # Recorded, but the file there now holds other bytes: those are a new arrival.
        register.release_inbox_file(pending.id, changed=True)
    return register.claim(sha256=intake.sha256, source=intake.source, original_name=printable_path(path.name),
                          inbox_path=inbox_key, arrived_at=intake.arrived_at)


def _archived(path: Path, intake: Intake, services: Services, row: DocumentRow | None, from_inbox: bool) -> Path:
    """The row's archived copy, made now unless an earlier attempt left one; a copy that differs
    from the bytes hashed (the file changed meanwhile) is not kept."""
    assert row is not None
    if row.archive_path and Path(row.archive_path).exists():
        return Path(row.archive_path)
    folder = services.config.archive / f"{intake.arrived_at:%Y}" / f"{intake.arrived_at:%m}"
    prefix = f"{row.id:06d}-{intake.sha256[:12]}"
    stored = archive_copy(path, folder, f"{prefix}-{path.name}", short_name=prefix + Path(path.name).suffix[:12])
    if file_digest(stored) != (intake.size, intake.sha256):
        stored.unlink()
        if from_inbox:
            raise TakenTooEarly(f"{intake.source} changed while it was being archived")
        raise ClaimFailed("the file changed while it was being copied into the archive")
    services.register.set_archive_path(row.id, str(stored))
    return stored


def _release_committed(path: Path, intake: Intake, services: Services, row: DocumentRow) -> Record:
    """A crash or a fault came between committing the row and releasing the original: finish that."""
    assert row.record is not None
    stored = _archived(path, intake, services, row, True)
    write_record(services.config.outbox, row.id, row.record)
    if remove_inbox_original(path, stored, intake.sha256):
        services.register.release_inbox_file(row.id)
    return row.record


def _given_up(document_id: int, attempts: int, stored: Path | None) -> IntakeError:
    return ReaderCrashed(f"the service stopped {attempts - 1} times while reading it, so it is not read again "
                         f"by itself; the original is kept ({stored}); `intake reprocess {document_id}` tries once more")


def _not_taken(path: Path, intake: Intake, document_id: int | None, exc: Exception, services: Services,
               from_inbox: bool) -> Claim | Record:
    """The file's failed row (E010); an inbox original is set aside whole, never lost or retried."""
    error = exc if isinstance(exc, IntakeError) else ClaimFailed(f"{type(exc).__name__}: {exc}")
    log.error("%s: %s", intake.source, error)
    log.debug("%s: claim failed", intake.source, exc_info=exc)
    kept: Path | None = None
    if from_inbox:
        try:
            kept = set_aside(path, services.config.archive / "set-aside")
        except OSError as moved:
            log.error("%s stays in the inbox: it could not be set aside either (%s)", intake.source, moved)
    if document_id is None:
        record = failed_record(source=intake.source, sha256=intake.sha256, received_on=intake.received_on,
                               error=error)
        _commit_new(services, path, intake.source, record)
        return record
    if kept is not None:
        services.register.set_archive_path(document_id, str(kept))
    return Claim(intake, document_id, kept, path if from_inbox else None, time.monotonic(), refused=error)


def _unreadable(path: Path, source: str, received_on: dt.date | None, exc: Exception, services: Services,
                from_inbox: bool) -> Record:
    record = unreadable_path_record(path, source, received_on, exc)
    _commit_new(services, path, source, record)
    if from_inbox:
        try:
            set_aside(path, services.config.archive / "set-aside")
        except OSError as moved:
            log.error("%s stays in the inbox: it could not be set aside (%s)", source, moved)
    return record


def _commit_new(services: Services, path: Path, source: str, record: Record) -> None:
    """A row for a path that could not even be claimed (symlink, FIFO, vanished)."""
    now = dt.datetime.now().astimezone()
    document_id = services.register.claim(sha256=record.sha256, source=source,
                                          original_name=printable_path(path.name), inbox_path=None, arrived_at=now)
    services.register.complete(document_id, record)
    write_record(services.config.outbox, document_id, record)
    log.warning("%s: %s", source, record.error)
