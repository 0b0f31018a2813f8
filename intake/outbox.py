"""Outbox: one JSON record per document under outbox/<route>/, plus a review queue.

Files are written atomically (temporary name, fsync, rename) so a reader never sees half a
record, even if the service is killed mid-write.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from intake.kernel.model import Record, Status

REVIEW_STATUSES = {Status.NEEDS_REVIEW, Status.NEEDS_CORRECTION, Status.FAILED}


def record_name(document_id: int, record: Record) -> str:
    return f"{record.received_on:%Y%m%d}-{document_id:06d}-{record.sha256[:12]}.json"


def write_record(outbox: Path, document_id: int, record: Record) -> list[Path]:
    payload = json.dumps(record.to_json(), ensure_ascii=False, indent=2) + "\n"
    folder = "failed" if record.status == Status.FAILED else str(record.route)
    written = [write_atomic(outbox / folder / record_name(document_id, record), payload)]
    if record.status in REVIEW_STATUSES:
        written.append(write_atomic(outbox / "review" / record_name(document_id, record), payload))
    return written


def remove_review_copy(outbox: Path, document_id: int, record: Record) -> None:
    path = outbox / "review" / record_name(document_id, record)
    if path.exists():
        path.unlink()


def write_atomic(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return path
