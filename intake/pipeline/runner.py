"""The pipeline: one file → one record, through the stages, with every failure caught here.

`intake process` and the watcher both call `process()`; this is the only place that turns a
stage's exception into a `failed` record.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from intake.classifiers.channel import detect_channel
from intake.classifiers.agency import AgencyFacts
from intake.classifiers.repeats import find_repeat
from intake.config import Config
from intake.deadlines.periods import DeadlineEvent, compute_deadlines
from intake.kernel.errors import IntakeError, TimedOut
from intake.pipeline.ingest import ingest
from intake.kernel.model import Channel, FileKind, Intake, Record, Route, Status
from intake.pipeline.reading import Reading, read_document
from intake.outbox import write_record
from intake.register.store import Register
from intake.classifiers.understand import understand
from intake.deadlines.workdays import WorkdayCalendar

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Heavy objects, created once per process and passed in (STYLE.md: no globals)."""
    config: Config
    register: Register
    calendar: WorkdayCalendar
    engine_factory: Callable[[], Any]
    nlp: Any = None              # the spaCy understanding pipeline (classifiers/nlp.py)
    _engine: Any = field(default=None, init=False)
    config_debug: bool = False   # full tracebacks in the log (`-v`), never on stdout

    def engine(self) -> Any:
        # Loaded on first image page only: e-mails and text PDFs never pay for the model.
        if self._engine is None:
            started = time.monotonic()
            self._engine = self.engine_factory()
            log.info("OCR engine %s loaded in %.1f s", getattr(self._engine, "name", "?"), time.monotonic() - started)
        return self._engine

    @property
    def agency(self) -> AgencyFacts:
        agency = self.config.agency
        return AgencyFacts(phones=(agency.phone, agency.fax), address_words=("黄河路101号",))


@dataclass(frozen=True, slots=True)
class Claim:
    """A file whose row is committed and whose original is archived, ready to be read."""
    path: Path
    intake: Intake
    document_id: int
    archived: Path
    from_inbox: bool
    started: float


def process(path: Path, services: Services, *, source: str | None = None, received_on: dt.date | None = None,
            from_inbox: bool = False) -> Record:
    """Record one file. The original is never modified; from the inbox it is moved to the
    archive only after its row is committed."""
    claim = prepare(path, services, source=source, received_on=received_on, from_inbox=from_inbox)
    if isinstance(claim, Record):
        return claim
    try:
        with _time_limit(services.config.watch.file_timeout_seconds):
            reading: Reading | str = read_document(claim.intake, claim.archived, services.config.limits,
                                                   services.engine)
    except IntakeError as exc:
        reading = str(exc)
    except Exception as exc:  # noqa: BLE001 - the one place a stage's failure becomes a record
        reading = f"[E099] unexpected error while reading: {type(exc).__name__}: {exc}"
        log.error("%s: unexpected error", claim.intake.source, exc_info=services.config_debug)
    return finish(claim, reading, services)


def process_many(paths: list[Path], services: Services, *, received_on: dt.date | None = None,
                 workers: int = 1) -> Iterator[Record]:
    """Many files at once: rows claimed in input order, pages read by a pool of worker
    processes, records finished (understood, checked for repeats, written) in input order."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield process(path, services, source=str(path), received_on=received_on)
        return
    from intake.pipeline.workers import ReaderPool
    config = services.config
    with ReaderPool(config.ocr_engine, workers) as pool:
        pending: list[tuple[Claim | Record, Any]] = []
        for path in paths:
            claim = prepare(path, services, source=str(path), received_on=received_on)
            future = None if isinstance(claim, Record) else pool.submit(
                claim.intake, claim.archived, config.limits, config.watch.file_timeout_seconds)
            pending.append((claim, future))
        for claim, future in pending:
            if isinstance(claim, Record):
                yield claim
                continue
            try:
                reading = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died still leaves a record
                reading = f"[E099] the reader process failed: {type(exc).__name__}: {exc}"
            yield finish(claim, reading, services)


def prepare(path: Path, services: Services, *, source: str | None = None, received_on: dt.date | None = None,
            from_inbox: bool = False) -> Claim | Record:
    """Hash, claim a row and archive the original; a Record when nothing more can be done."""
    source = printable_path(source if source is not None else str(path))
    register = services.register
    try:
        intake = ingest(path, source=source, received_on=received_on)
    except (IntakeError, OSError) as exc:
        record = _unreadable(path, source, received_on, exc, services)
        if from_inbox:
            _set_aside(path, services)
        return record
    inbox_key = printable_path(str(path)) if from_inbox else None
    resumed = register.pending_for_inbox_file(inbox_key, intake.sha256) if inbox_key else None
    if resumed is not None and resumed.state == "done" and resumed.record is not None:
        # A crash came between committing the row and releasing the original: finish that only.
        _archive(path, intake, services, resumed.id, move=True)
        services.register.release_inbox_file(resumed.id)
        return _record_from_json(resumed.record)
    document_id = resumed.id if resumed is not None else register.claim(
        sha256=intake.sha256, source=source, original_name=printable_path(path.name), inbox_path=inbox_key,
        arrived_at=intake.arrived_at)
    archived = _archive(path, intake, services, document_id, move=False)
    return Claim(path, intake, document_id, archived, from_inbox, time.monotonic())


def finish(claim: Claim, reading: Reading | str, services: Services) -> Record:
    """Understand what was read, commit the row, write the outbox, then release the original."""
    intake = claim.intake
    if isinstance(reading, str):
        record = _failed(intake, reading)
        log.warning("%s: %s", intake.source, reading)
    else:
        try:
            record = _understand(intake, reading, services)
        except Exception as exc:  # noqa: BLE001 - the one place a stage's failure becomes a record
            record = _failed(intake, f"[E099] unexpected error while understanding: {type(exc).__name__}: {exc}")
            log.error("%s: unexpected error", intake.source, exc_info=services.config_debug)
    services.register.complete(claim.document_id, record)
    write_record(services.config.outbox, claim.document_id, record)
    if record.status == Status.NEEDS_CORRECTION:
        _draft_notice(services, claim.document_id, record)
    if claim.from_inbox:
        _remove_inbox_original(claim.path, claim.archived, intake.sha256)
        services.register.release_inbox_file(claim.document_id)
    log.info("%s → %s/%s in %.1f s", intake.source, record.route, record.status, time.monotonic() - claim.started)
    return record


# ---------------------------------------------------------------- stages
def _understand(intake: Intake, reading: Reading, services: Services) -> Record:
    text = reading.text
    channel = detect_channel(reading.kind, reading.email is not None, reading.fax, text)
    meaning = understand(text, email=reading.email, agency=services.agency,
                         ocr_confidence=reading.ocr_confidence, nlp=services.nlp)
    route = meaning.classification.route
    status = meaning.check.status
    if not text.strip():
        status = Status.NEEDS_REVIEW     # an empty e-mail: nothing to route on
    extraction = meaning.extraction
    reasons = list(meaning.classification.reasons) + list(meaning.check.reasons) + list(reading.warnings)
    duplicate_of: str | None = None
    events: list[DeadlineEvent] = []
    if route == Route.APPLICATION and extraction is not None:
        earlier_rows = [dict(payload, _id=row_id) for row_id, payload in
                        services.register.records("state = 'done' and route = 'application'")]
        earlier = find_repeat(intake.sha256, extraction.applicant, extraction.request, earlier_rows)
        if earlier is not None and earlier.get("status") == Status.NEEDS_CORRECTION and \
                earlier.get("sha256") != intake.sha256 and status == Status.ACCEPTED:
            # Art. 30: the corrected application; its own receipt starts the reply clock.
            reasons.append(f"correction of the earlier application #{earlier['_id']} ({earlier['sha256'][:12]})")
            services.register.add_event(int(earlier["_id"]), "correction_received",
                                        detail={"on": intake.received_on.isoformat(), "by": intake.sha256})
        elif earlier is not None:
            duplicate_of = str(earlier["sha256"])
            status = Status.DUPLICATE
            reasons.append(f"repeats the earlier application #{earlier['_id']} ({duplicate_of[:12]})")
    deadlines = compute_deadlines(intake.received_on, status, events, services.calendar)
    return Record(
        source=intake.source, sha256=intake.sha256, channel=channel, marked=meaning.classification.marked,
        route=route, status=status,
        applicant=extraction.applicant if extraction else None,
        request=extraction.request if extraction else None,
        delivery=extraction.delivery if extraction else None,
        missing=meaning.check.missing if route == Route.APPLICATION else (),
        received_on=intake.received_on, correction_due=deadlines.correction_due, reply_due=deadlines.reply_due,
        duplicate_of=duplicate_of, confidence=meaning.confidence, text=text, error=None,
        pages=len(reading.texts), reasons=tuple(reasons), provisional_deadline=deadlines.provisional)


def _draft_notice(services: Services, document_id: int, record: Record) -> None:
    from intake.office.notices import draft_notice
    try:
        paths = draft_notice(services.config, document_id, record.to_json())
    except OSError as exc:
        # The record stands; the office can draft the notice from the review page.
        log.error("correction notice for #%d not written: %s", document_id, exc)
        return
    services.register.add_event(document_id, "notice_drafted", detail={"files": [str(p) for p in paths]})


# ---------------------------------------------------------------- originals
def _archive(path: Path, intake: Intake, services: Services, document_id: int, *, move: bool) -> Path:
    """Copy the original into HOME/archive/YYYY/MM/ (never overwriting) and note where."""
    existing = services.register.get(document_id)
    if existing is not None and existing.archive_path and Path(existing.archive_path).exists():
        target = Path(existing.archive_path)
    else:
        folder = services.config.archive / f"{intake.arrived_at:%Y}" / f"{intake.arrived_at:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(folder, f"{document_id:06d}-{intake.sha256[:12]}-{_safe_name(path.name)}")
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(path, partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        services.register.set_archive_path(document_id, str(target))
    if move:
        _remove_inbox_original(path, target, intake.sha256)
    return target


def printable_path(path: str) -> str:
    """File names that are not valid UTF-8 (e.g. GBK from an old share) shown with U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _set_aside(path: Path, services: Services) -> None:
    """Symlinks, pipes and vanished entries leave the inbox (moved as they are, never followed)
    so the rescan does not record them again."""
    folder = services.config.archive / "set-aside"
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.rename(path, _free_name(folder, _safe_name(printable_path(path.name))))


def _remove_inbox_original(path: Path, archived: Path, sha256: str) -> None:
    """Remove the inbox copy only once the archived copy is proven identical."""
    digest = hashlib.sha256(archived.read_bytes()).hexdigest()
    if digest != sha256:
        log.error("archived copy of %s differs from the original; the original is kept", path)
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _safe_name(name: str) -> str:
    cleaned = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in name)
    return cleaned.encode("utf-8", "replace").decode("utf-8")[-120:] or "file"


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    counter = 1
    while target.exists() or target.with_name(target.name + ".partial").exists():
        target = folder / f"{counter}-{name}"
        counter += 1
    return target


# ---------------------------------------------------------------- failures
def _failed(intake: Intake, error: str) -> Record:
    return Record(source=intake.source, sha256=intake.sha256, channel=_channel_of_kind(intake.kind), marked=False,
                  route=Route.OTHER, status=Status.FAILED, applicant=None, request=None, delivery=None,
                  missing=(), received_on=intake.received_on, correction_due=None, reply_due=None,
                  duplicate_of=None, confidence=1.0, text="", error=error)


def _channel_of_kind(kind: FileKind) -> Channel:
    return Channel.EMAIL if kind == FileKind.EML else Channel.UNKNOWN


def _unreadable(path: Path, source: str, received_on: dt.date | None, exc: Exception, services: Services) -> Record:
    """A path that cannot even be hashed (symlink, FIFO, vanished): still one row."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    error = str(exc) if isinstance(exc, IntakeError) else f"[E006] cannot open the file: {reason}"
    now = dt.datetime.now().astimezone()
    sha256 = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()
    record = Record(source=source, sha256=sha256, channel=Channel.UNKNOWN, marked=False, route=Route.OTHER,
                    status=Status.FAILED, applicant=None, request=None, delivery=None, missing=(),
                    received_on=received_on or now.date(), correction_due=None, reply_due=None,
                    duplicate_of=None, confidence=1.0, text="", error=error)
    document_id = services.register.claim(sha256=sha256, source=source, original_name=printable_path(path.name),
                                          inbox_path=None, arrived_at=now)
    services.register.complete(document_id, record)
    write_record(services.config.outbox, document_id, record)
    log.warning("%s: %s", source, error)
    return record


def record_vanished(services: Services, document_id: int, sha256: str, source: str) -> Record:
    """A claimed file that disappeared before it was archived (removed by hand during a crash):
    its row still ends as a record, failed, so nothing stays half-done."""
    today = dt.date.today()
    record = Record(source=source, sha256=sha256, channel=Channel.UNKNOWN, marked=False, route=Route.OTHER,
                    status=Status.FAILED, applicant=None, request=None, delivery=None, missing=(), received_on=today,
                    correction_due=None, reply_due=None, duplicate_of=None, confidence=1.0, text="",
                    error="[E009] the original left the inbox before it could be archived")
    services.register.complete(document_id, record)
    write_record(services.config.outbox, document_id, record)
    return record


def _record_from_json(payload: dict[str, Any]) -> Record:
    from intake.kernel.records import record_from_json
    return record_from_json(payload)


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """A per-file time limit, so one file cannot hang the service (main thread only)."""
    if seconds <= 0 or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None) \
            or not _in_main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimedOut(f"more than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_main_thread() -> bool:
    import threading
    return threading.current_thread() is threading.main_thread()
