"""The runner: one file → one record, claim → read → understand → decide → commit.

`intake process`, the watcher, `intake reprocess` and the watcher's start-up resume all go
through `run()`; it is the only place where a stage's exception becomes a `failed` record.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from intake.classifiers.channel import detect_channel
from intake.classifiers.decide import EarlierApplication, decide_status
from intake.classifiers.repeats import find_repeat
from intake.classifiers.understand import understand
from intake.deadlines.periods import clock_events, compute_deadlines
from intake.kernel import Intake, IntakeError, NotARegularFile, OriginalVanished, Record, Route, Status, UnexpectedError
from intake.ocr.reading import Reading, read_document
from intake.outbox import write_record
from intake.pipeline.failures import failed_record, unreadable_path_record
from intake.pipeline.ingest import ingest
from intake.pipeline.originals import archive_copy, printable_path, remove_inbox_original, set_aside
from intake.pipeline.services import Services
from intake.pipeline.timelimit import time_limit
from intake.register import DocumentRow

log = logging.getLogger(__name__)

Read = Callable[[], Reading]


@dataclass(frozen=True, slots=True)
class Claim:
    """A file whose row is committed and whose original is archived, ready to be read."""
    intake: Intake
    document_id: int
    stored: Path                      # the archived copy: what is read
    inbox_file: Path | None = None    # the inbox file to remove once the record is committed
    started: float = 0.0


# ---------------------------------------------------------------- entry points
def process(path: Path, services: Services, *, source: str | None = None, received_on: dt.date | None = None,
            from_inbox: bool = False) -> Record:
    """Record one file. The original is never modified; from the inbox it is removed only after
    its row is committed and its archived copy proven identical."""
    claimed = claim(path, services, source=source, received_on=received_on, from_inbox=from_inbox)
    if isinstance(claimed, Record):
        return claimed
    return run(claimed, services, read_here(claimed, services))


def process_many(paths: list[Path], services: Services, *, received_on: dt.date | None = None,
                 workers: int = 1) -> Iterator[Record]:
    """Many files at once: rows claimed in input order, pages read by a pool of reader processes,
    records finished (understood, checked for repeats, written) in input order."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield process(path, services, source=str(path), received_on=received_on)
        return
    from intake.pipeline.workers import ReaderPool
    config = services.config
    with ReaderPool(config.ocr_engine, workers) as pool:
        pending: list[tuple[Claim | Record, Read | None]] = []
        for path in paths:
            claimed = claim(path, services, source=str(path), received_on=received_on)
            read = None if isinstance(claimed, Record) else pool.reader(
                claimed.intake, claimed.stored, services.read_limits, config.watch.file_timeout_seconds)
            pending.append((claimed, read))
        for claimed, read in pending:
            if isinstance(claimed, Record) or read is None:
                yield claimed  # type: ignore[misc]
                continue
            yield run(claimed, services, read)


def reprocess(row: DocumentRow, services: Services) -> Record:
    """Read a row's archived original again (after the cause of a failure was fixed). The row keeps
    its id, its events (extension, corrections, replies) and the links of later records to it; what
    depends on the reading is computed anew."""
    claimed = claim_from_row(row, services)
    if isinstance(claimed, Record):
        return claimed
    before = str(row.record.status) if row.record else None
    return run(claimed, services, read_here(claimed, services), event="reprocessed",
               detail_before=before)


def resume(row: DocumentRow, services: Services) -> Record | None:
    """A row a crash left in `processing`. Its inbox file, if still there, is taken again by the
    watcher's start-up scan (the claim finds this row); otherwise it is finished from its archived
    copy, or recorded as failed when no copy exists."""
    if row.inbox_path and Path(row.inbox_path).exists():
        log.info("resuming #%d %s after an interruption", row.id, row.inbox_path)
        return None
    log.info("finishing #%d from its archived copy", row.id)
    return reprocess(row, services)


# ---------------------------------------------------------------- claim
def claim(path: Path, services: Services, *, source: str | None = None, received_on: dt.date | None = None,
          from_inbox: bool = False) -> Claim | Record:
    """Hash, claim a row and archive the original; a Record when nothing more can be done."""
    source = printable_path(source if source is not None else str(path))
    register = services.register
    try:
        intake = ingest(path, source=source, received_on=received_on)
    except (IntakeError, OSError) as exc:
        record = unreadable_path_record(path, source, received_on, exc)
        _commit_new(services, path, source, record)
        if from_inbox:
            set_aside(path, services.config.archive / "set-aside")
        return record
    inbox_key = printable_path(str(path)) if from_inbox else None
    resumed = register.pending_for_inbox_file(inbox_key, intake.sha256) if inbox_key else None
    if resumed is not None and resumed.record is not None:
        # A crash came between committing the row and releasing the original: finish that only.
        stored = _archived(path, intake, services, resumed)
        remove_inbox_original(path, stored, intake.sha256)
        register.release_inbox_file(resumed.id)
        return resumed.record
    document_id = resumed.id if resumed is not None else register.claim(
        sha256=intake.sha256, source=source, original_name=printable_path(path.name), inbox_path=inbox_key,
        arrived_at=intake.arrived_at)
    stored = _archived(path, intake, services, register.get(document_id))
    return Claim(intake, document_id, stored, path if from_inbox else None, time.monotonic())


def claim_from_row(row: DocumentRow, services: Services) -> Claim | Record:
    """The claim of a row that already exists, read from its archived copy; a failed Record when
    that copy is gone or cannot be opened."""
    received_on = row.record.received_on if row.record else dt.date.today()
    error: IntakeError
    if row.archive_path and Path(row.archive_path).exists():
        stored = Path(row.archive_path)
        try:
            intake = ingest(stored, source=row.source or str(stored), received_on=received_on)
            return Claim(intake, row.id, stored, None, time.monotonic())
        except (IntakeError, OSError) as exc:
            error = exc if isinstance(exc, IntakeError) else NotARegularFile(f"cannot open the archived copy: {exc}")
    else:
        error = OriginalVanished()
    log.warning("#%d: %s", row.id, error)
    record = failed_record(source=row.source or row.inbox_path or "", sha256=row.sha256, received_on=received_on,
                           error=error)
    services.register.complete(row.id, record)
    write_record(services.config.outbox, row.id, record)
    return record


def _archived(path: Path, intake: Intake, services: Services, row: DocumentRow | None) -> Path:
    """The row's archived copy, made now unless an earlier attempt left one."""
    if row is not None and row.archive_path and Path(row.archive_path).exists():
        return Path(row.archive_path)
    folder = services.config.archive / f"{intake.arrived_at:%Y}" / f"{intake.arrived_at:%m}"
    assert row is not None
    stored = archive_copy(path, folder, f"{row.id:06d}-{intake.sha256[:12]}-{path.name}")
    services.register.set_archive_path(row.id, str(stored))
    return stored


def read_here(claimed: Claim, services: Services) -> Read:
    """Read in this process, under the per-file time limit."""
    def read() -> Reading:
        with time_limit(services.config.watch.file_timeout_seconds):
            return read_document(claimed.intake, claimed.stored, services.read_limits, services.engine)
    return read


# ---------------------------------------------------------------- run: read → understand → decide → commit
def run(claimed: Claim, services: Services, read: Read, *, event: str = "classified",
        detail_before: str | None = None) -> Record:
    stage = "reading"
    corrects = None
    try:
        reading = read()
        stage = "understanding"
        record, corrects = judge(claimed, reading, services)
    except IntakeError as exc:
        record = failed_record(source=claimed.intake.source, sha256=claimed.intake.sha256,
                               received_on=claimed.intake.received_on, error=exc, kind=claimed.intake.kind)
        log.warning("%s: %s", claimed.intake.source, exc)
    except Exception as exc:  # noqa: BLE001 - the one place a stage's failure becomes a record
        error = UnexpectedError.during(stage, exc)
        record = failed_record(source=claimed.intake.source, sha256=claimed.intake.sha256,
                               received_on=claimed.intake.received_on, error=error, kind=claimed.intake.kind)
        log.error("%s: %s", claimed.intake.source, error)
        log.debug("%s: traceback", claimed.intake.source, exc_info=True)
    detail = None if detail_before is None else {"before": detail_before, "after": str(record.status)}
    _commit(claimed, record, services, event=event, detail=detail)
    if corrects is not None:
        _note_correction(services, corrects.document_id, record)
    log.info("%s → %s/%s in %.1f s", claimed.intake.source, record.route, record.status,
             time.monotonic() - claimed.started)
    return record


def judge(claimed: Claim, reading: Reading, services: Services) -> tuple[Record, EarlierApplication | None]:
    """What the reading says (route, fields, Art. 29) and what follows (status, deadlines)."""
    intake = claimed.intake
    text = reading.text
    meaning = understand(reading.simplified_text, written=text, email=reading.email, agency=services.agency,
                         ocr_confidence=reading.ocr_confidence, nlp=services.nlp)
    route = meaning.classification.route
    extraction = meaning.extraction
    earlier = None
    if route == Route.APPLICATION and extraction is not None:
        earlier = find_repeat(intake.sha256, extraction.applicant, extraction.request,
                              services.register.applications_before(claimed.document_id), text=text)
    decision = decide_status(route=route, missing=meaning.check.missing, sha256=intake.sha256,
                             confidence=meaning.confidence, ocr_confidence=reading.ocr_confidence,
                             has_text=bool(text.strip()), earlier=earlier, unread=meaning.unread,
                             rules=services.review_rules)
    deadlines = compute_deadlines(intake.received_on, decision.status,
                                  clock_events(services.register.events(claimed.document_id)), services.calendar)
    record = Record(
        source=intake.source, sha256=intake.sha256,
        channel=detect_channel(reading.kind, reading.email is not None, reading.fax, text),
        marked=meaning.classification.marked, route=route, status=decision.status,
        applicant=extraction.applicant if extraction else None,
        request=extraction.request if extraction else None,
        delivery=extraction.delivery if extraction else None,
        missing=decision.missing, received_on=intake.received_on,
        correction_due=deadlines.correction_due, reply_due=deadlines.reply_due,
        duplicate_of=decision.duplicate_of, confidence=decision.confidence, text=text, error=None,
        pages=len(reading.texts),
        reasons=meaning.classification.reasons + meaning.check.reasons + decision.reasons + reading.warnings,
        provisional_deadline=deadlines.provisional)
    return record, decision.corrects


# ---------------------------------------------------------------- commit
def _commit(claimed: Claim, record: Record, services: Services, *, event: str,
            detail: dict[str, str] | None = None) -> None:
    """The row, the outbox, the notice, and only then the inbox file."""
    services.register.complete(claimed.document_id, record, event=event, detail=detail)
    write_record(services.config.outbox, claimed.document_id, record)
    _draft_letters(services, claimed.document_id, record)
    if claimed.inbox_file is not None:
        remove_inbox_original(claimed.inbox_file, claimed.stored, claimed.intake.sha256)
        services.register.release_inbox_file(claimed.document_id)


def _commit_new(services: Services, path: Path, source: str, record: Record) -> None:
    """A row for a path that could not even be claimed (symlink, FIFO, vanished)."""
    now = dt.datetime.now().astimezone()
    document_id = services.register.claim(sha256=record.sha256, source=source,
                                          original_name=printable_path(path.name), inbox_path=None, arrived_at=now)
    services.register.complete(document_id, record)
    write_record(services.config.outbox, document_id, record)
    log.warning("%s: %s", source, record.error)


def _note_correction(services: Services, earlier_id: int, record: Record) -> None:
    """Art. 30: the earlier, incomplete application was corrected by this one (noted once)."""
    for event in services.register.events(earlier_id, "correction_received"):
        if event.detail.get("by") == record.sha256:
            return
    services.register.add_event(earlier_id, "correction_received",
                                detail={"on": record.received_on.isoformat(), "by": record.sha256})


def _draft_letters(services: Services, document_id: int, record: Record) -> None:
    """The correction notice, the Art. 39 notice, the e-mail channels letter, as the record needs."""
    from intake.office.correspondence import LetterActionError, draft_after_intake
    try:
        draft_after_intake(services, document_id, record)
    except (LetterActionError, OSError) as exc:
        # The record stands; the office drafts the letter from the review page.
        log.error("letter for #%d not drafted: %s", document_id, exc)
