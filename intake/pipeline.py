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
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from classifiers.channel import detect_channel
from classifiers.fields import AgencyFacts
from classifiers.repeats import find_repeat
from intake.config import Config
from intake.deadlines import DeadlineEvent, compute_deadlines
from intake.errors import IntakeError, NoText, TimedOut
from intake.ingest import identify, ingest
from intake.model import Channel, Document, FileKind, Intake, PageText, Record, Route, Status
from intake.outbox import write_record
from intake.register import Register
from intake.understand import understand
from intake.workdays import WorkdayCalendar
from ocr.pages import PageLimits, read_pages

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


def process(path: Path, services: Services, *, source: str | None = None, received_on: dt.date | None = None,
            from_inbox: bool = False) -> Record:
    """Record one file. The original is never modified; from the inbox it is moved to the
    archive only after its row is committed."""
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
        # A crash came between committing the row and archiving: finish the archiving only.
        _archive(path, intake, services, resumed.id, move=True)
        return _record_from_json(resumed.record)
    document_id = resumed.id if resumed is not None else register.claim(
        sha256=intake.sha256, source=source, original_name=printable_path(path.name), inbox_path=inbox_key,
        arrived_at=intake.arrived_at)
    archived = _archive(path, intake, services, document_id, move=False)
    started = time.monotonic()
    try:
        with _time_limit(services.config.watch.file_timeout_seconds):
            record = _read_and_understand(intake, archived, services)
    except IntakeError as exc:
        record = _failed(intake, str(exc))
        log.warning("%s: %s", source, exc)
    except Exception as exc:  # noqa: BLE001 - the one place a stage's failure becomes a record
        record = _failed(intake, f"[E099] unexpected error while reading: {type(exc).__name__}: {exc}")
        log.error("%s: unexpected error", source, exc_info=services.config_debug)
    register.complete(document_id, record)
    write_record(services.config.outbox, document_id, record)
    if record.status == Status.NEEDS_CORRECTION:
        _draft_notice(services, document_id, record)
    if from_inbox:
        _remove_inbox_original(path, archived, intake.sha256)
    log.info("%s → %s/%s in %.1f s", source, record.route, record.status, time.monotonic() - started)
    return record


# ---------------------------------------------------------------- stages
def _read_and_understand(intake: Intake, archived: Path, services: Services) -> Record:
    config = services.config
    intake = identify(replace(intake, path=archived), max_bytes=config.limits.max_file_megabytes * 1_000_000)
    document = read_pages(intake, PageLimits(config.limits.max_pages, config.limits.max_image_pixels))
    texts = [_page_text(page, services) for page in document.pages]
    text = "\n".join(t.text for t in texts if t.text.strip())
    if not text.strip():
        raise NoText(f"{len(texts)} page(s) read, none with text")
    ocr_confidence = min((t.confidence for t in texts if t.lines), default=1.0)
    channel = detect_channel(intake.kind, document, text)
    meaning = understand(text, email=document.email, agency=services.agency, ocr_confidence=ocr_confidence,
                         nlp=services.nlp)
    route = meaning.classification.route
    status = meaning.check.status
    extraction = meaning.extraction
    reasons = list(meaning.classification.reasons) + list(meaning.check.reasons) + list(document.warnings)
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
        pages=len(document.pages), reasons=tuple(reasons), provisional_deadline=deadlines.provisional)


def _draft_notice(services: Services, document_id: int, record: Record) -> None:
    from intake.notices import draft_notice
    try:
        paths = draft_notice(services.config, document_id, record.to_json())
    except OSError as exc:
        # The record stands; the office can draft the notice from the review page.
        log.error("correction notice for #%d not written: %s", document_id, exc)
        return
    services.register.add_event(document_id, "notice_drafted", detail={"files": [str(p) for p in paths]})


def _page_text(page: Any, services: Services) -> PageText:
    if page.text is not None:
        return PageText(number=page.number, text=page.text)
    result: PageText = services.engine().read(page.image, page_number=page.number, fax=page.fax)
    return result


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
    error = str(exc) if isinstance(exc, IntakeError) else f"[E006] cannot open the file: {exc.strerror or exc}"
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


def _record_from_json(payload: dict[str, Any]) -> Record:
    from intake.records import record_from_json
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
