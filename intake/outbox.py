"""Outbox: one JSON record per document under outbox/<route>/ (outbox/failed/ for unreadable files),
plus a copy in outbox/review/ while the office has something to do with it.

The outbox follows the register: every write first removes the document's files from folders it no
longer belongs in (a record corrected to accepted leaves review/, a rerouted one changes folder).
Files are written atomically (temporary name, fsync, rename) so a reader never sees half a record,
even if the service is killed mid-write.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from intake.kernel import Record, Status

REVIEW_STATUSES = {Status.NEEDS_REVIEW, Status.NEEDS_CORRECTION, Status.FAILED}
REVIEW_FOLDER = "review"


def record_name(document_id: int, record: Record) -> str:
    return f"{record.received_on:%Y%m%d}-{document_id:06d}-{record.sha256[:12]}.json"


def record_folders(record: Record) -> list[str]:
    """The outbox folders a record belongs in."""
    folders = ["failed" if record.status == Status.FAILED else str(record.route)]
    if record.status in REVIEW_STATUSES:
        folders.append(REVIEW_FOLDER)
    return folders


def write_record(outbox: Path, document_id: int, record: Record) -> list[Path]:
    payload = json.dumps(record.to_json(), ensure_ascii=False, indent=2) + "\n"
    targets = [outbox / folder / record_name(document_id, record) for folder in record_folders(record)]
    for stale in _copies(outbox, document_id):
        if stale not in targets:
            stale.unlink(missing_ok=True)
    return [write_atomic(target, payload) for target in targets]


def _copies(outbox: Path, document_id: int) -> list[Path]:
    """The document's record files wherever they are (one folder level below the outbox)."""
    if not outbox.is_dir():
        return []
    return [path for path in outbox.glob(f"*/*-{document_id:06d}-*.json") if path.is_file()]


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
