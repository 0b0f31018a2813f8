"""Read an archived original again, updating its own row (after the cause of a failure is fixed)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from intake.kernel.errors import IntakeError
from intake.pipeline.ingest import ingest
from intake.kernel.model import Record
from intake.outbox import remove_review_copy, write_record
from intake.pipeline.runner import Services, _failed, _time_limit, _understand
from intake.pipeline.reading import read_document
from intake.kernel.records import record_from_json
from intake.register.store import DocumentRow


def reprocess_document(services: Services, row: DocumentRow) -> Record:
    assert row.archive_path is not None
    archived = Path(row.archive_path)
    old = row.record or {}
    received_on = dt.date.fromisoformat(old["received_on"]) if old.get("received_on") else None
    intake = ingest(archived, source=old.get("source") or str(archived), received_on=received_on)
    try:
        with _time_limit(services.config.watch.file_timeout_seconds):
            record = _understand(intake, read_document(intake, archived, services.config.limits,
                                                       services.engine), services)
    except IntakeError as exc:
        record = _failed(intake, str(exc))
    if old:
        remove_review_copy(services.config.outbox, row.id, record_from_json(old))
    services.register.complete(row.id, record, event="reprocessed",
                               detail={"before": old.get("status"), "after": str(record.status)})
    write_record(services.config.outbox, row.id, record)
    return record
