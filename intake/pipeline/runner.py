"""The runner: one file → one record, claim → read → understand → decide → commit.

`intake process`, the watcher, `intake reprocess` and the watcher's start-up resume all go
through `run()`; it is the only place where a stage's exception becomes a `failed` record (a
claim that failed arrives as `Claim.refused`). Claiming is claims.py; reading happens here or in
the reader pool (`services.readers`); the environment's faults (E1xx) and TakenTooEarly are the
only exceptions `run()` lets through.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from intake.classifiers.channel import detect_channel
from intake.classifiers.decide import EarlierApplication, decide_status
from intake.classifiers.repeats import find_repeat
from intake.classifiers.understand import understand
from intake.deadlines.periods import clock_events, compute_deadlines
from intake.kernel import EnvironmentFault, IntakeError, Record, Route, Status, UnexpectedError
from intake.ocr.boxes import line_boxes
from intake.ocr.reading import Reading, read_document
from intake.outbox import write_record
from intake.pipeline.claims import Claim, TakenTooEarly, claim, claim_from_row, release, settled_state
from intake.pipeline.failures import failed_record
from intake.pipeline.services import Services
from intake.pipeline.timelimit import time_limit
from intake.register import DocumentRow

__all__ = ["Claim", "Read", "TakenTooEarly", "claim", "judge", "process", "process_many", "read_for", "read_here",
           "reprocess", "resume", "run"]

log = logging.getLogger(__name__)

Read = Callable[[], Reading]


# ---------------------------------------------------------------- entry points
def process(path: Path, services: Services, *, source: str | None = None, received_on: dt.date | None = None,
            from_inbox: bool = False) -> Record:
    """Record one file. The original is never modified; from the inbox it is removed only after
    its row is committed and its archived copy proven identical to it."""
    claimed = claim(path, services, source=source, received_on=received_on, from_inbox=from_inbox)
    if isinstance(claimed, Record):
        return claimed
    return run(claimed, services, read_for(claimed, services))


def process_many(paths: list[Path], services: Services, *, received_on: dt.date | None = None) -> Iterator[Record]:
    """Many files at once: rows claimed in input order, pages read by the reader pool when there
    is one (`services.readers`), records finished (understood, checked for repeats, written) in
    input order."""
    pending: list[tuple[Claim | Record, Read | None]] = []
    for path in paths:
        claimed = claim(path, services, source=str(path), received_on=received_on)
        read = None if isinstance(claimed, Record) or services.readers is None else read_for(claimed, services)
        pending.append((claimed, read))
    for claimed, read in pending:
        if isinstance(claimed, Record):
            yield claimed
            continue
        yield run(claimed, services, read or read_for(claimed, services))


def reprocess(row: DocumentRow, services: Services, *, resuming: bool = False) -> Record:
    """Read a row's archived original again (after the cause of a failure was fixed). The row keeps
    its id, its events (extension, corrections, replies) and the links of later records to it; what
    depends on the reading is computed anew."""
    claimed = claim_from_row(row, services, resuming=resuming)
    if isinstance(claimed, Record):
        return claimed
    before = str(row.record.status) if row.record else None
    return run(claimed, services, read_for(claimed, services), event="reprocessed", detail_before=before)


def resume(row: DocumentRow, services: Services) -> Record | None:
    """A row a crash left in `processing`. Its inbox file, if still there, is for the watcher to
    take again (the claim finds this row); otherwise it is finished from its archived copy, or
    recorded as failed when no copy exists — or when reading it has stopped the service too often."""
    if row.inbox_path and Path(row.inbox_path).exists():
        log.info("resuming #%d %s after an interruption", row.id, row.inbox_path)
        return None
    log.info("finishing #%d from its archived copy", row.id)
    return reprocess(row, services, resuming=True)


def read_for(claimed: Claim, services: Services) -> Read:
    """Read through the reader pool when the caller opened one, else here."""
    if services.readers is None or claimed.stored is None or claimed.refused is not None:
        return read_here(claimed, services)
    return services.readers.reader(claimed.intake, claimed.stored, services.read_limits,
                                   services.config.watch.file_timeout_seconds)


def read_here(claimed: Claim, services: Services) -> Read:
    """Read in this process, under the per-file time limit."""
    def read() -> Reading:
        if claimed.stored is None:
            raise UnexpectedError("reading", "no archived copy to read")
        with time_limit(services.config.watch.file_timeout_seconds):
            return read_document(claimed.intake, claimed.stored, services.read_limits, services.engine)
    return read


# ---------------------------------------------------------------- run: read → understand → decide → commit
def run(claimed: Claim, services: Services, read: Read, *, event: str = "classified",
        detail_before: str | None = None) -> Record:
    """Read → understand → decide → commit. Raises only TakenTooEarly (nothing committed) and the
    environment's faults."""
    stage = "reading"
    corrects = None
    try:
        if claimed.refused is not None:
            raise claimed.refused
        reading = read()
        stage = "understanding"
        record, corrects = judge(claimed, reading, services)
    except EnvironmentFault:
        raise
    except IntakeError as exc:
        record = failed_record(source=claimed.intake.source, sha256=claimed.intake.sha256,
                               received_on=claimed.intake.received_on, error=exc, kind=claimed.intake.kind)
        log.warning("%s: %s", claimed.intake.source, exc)
    except Exception as exc:  # noqa: BLE001 - the one place a stage's failure becomes a record
        error = UnexpectedError.during(stage, exc)
        record = failed_record(source=claimed.intake.source, sha256=claimed.intake.sha256,
                               received_on=claimed.intake.received_on, error=error, kind=claimed.intake.kind)
        log.error("%s: %s", claimed.intake.source, error)
        log.debug("%s: %s failed", claimed.intake.source, stage, exc_info=True)
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
                         ocr_confidence=reading.ocr_confidence, nlp=services.nlp,
                         typed=not any(page.lines for page in reading.texts))
    route = meaning.classification.route
    extraction = meaning.extraction
    earlier = None
    if route == Route.APPLICATION and extraction is not None:
        earlier = find_repeat(intake.sha256, extraction.applicant, extraction.request,
                              services.register.applications_before(claimed.document_id), text=text)
    decision = decide_status(route=route, missing=meaning.check.missing, sha256=intake.sha256,
                             confidence=meaning.confidence, ocr_confidence=reading.ocr_confidence,
                             has_text=bool(text.strip()), earlier=earlier, unread=meaning.unread,
                             doubts=meaning.doubts,
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
        provisional_deadline=deadlines.provisional, clauses=meaning.clauses,
        line_boxes=line_boxes(reading.texts))
    return record, decision.corrects


# ---------------------------------------------------------------- commit
def _commit(claimed: Claim, record: Record, services: Services, *, event: str,
            detail: dict[str, str] | None = None) -> None:
    """The row, the outbox, the notice, and only then the inbox file — unless the inbox file
    changed while it was read (then nothing: it is claimed again when it settles)."""
    if not settled_state(claimed):
        raise TakenTooEarly(f"{claimed.intake.source} changed while it was being read")
    services.register.complete(claimed.document_id, record, event=event, detail=detail)
    try:
        write_record(services.config.outbox, claimed.document_id, record)
    except OSError as exc:
        fault = EnvironmentFault.from_os_error(exc, "outbox")
        if fault is None:
            raise
        raise fault from exc
    _draft_letters(services, claimed.document_id, record)
    release(claimed, services)


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
