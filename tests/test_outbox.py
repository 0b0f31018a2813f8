"""The outbox follows the register: one file per record in its route's folder, a review copy while
the office has work with it, and nothing stale after a change."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from intake.kernel import Channel, Missing, Record, Route, Status
from intake.outbox import write_record

RECORD = Record(source="a.png", sha256="a" * 64, channel=Channel.LETTER, marked=True, route=Route.APPLICATION,
                status=Status.NEEDS_CORRECTION, applicant=None, request=None, delivery=None,
                missing=(Missing.APPLICANT_ID,), received_on=dt.date(2025, 9, 26),
                correction_due=dt.date(2025, 10, 13), reply_due=None, duplicate_of=None, confidence=0.9, text="",
                error=None)


def files(outbox: Path) -> set[str]:
    return {str(path.relative_to(outbox)) for path in outbox.rglob("*") if path.is_file()}


def test_a_record_is_written_where_the_office_looks_and_moves_when_it_changes(tmp_path: Path) -> None:
    name = "20250926-000007-aaaaaaaaaaaa.json"
    write_record(tmp_path, 7, RECORD)
    assert files(tmp_path) == {f"application/{name}", f"review/{name}"}
    assert json.loads((tmp_path / "application" / name).read_text(encoding="utf-8"))["status"] == "needs_correction"
    write_record(tmp_path, 7, replace(RECORD, status=Status.ACCEPTED, missing=()))
    assert files(tmp_path) == {f"application/{name}"}
    write_record(tmp_path, 7, replace(RECORD, route=Route.PETITION, status=Status.ROUTED, missing=()))
    assert files(tmp_path) == {f"petition/{name}"}
    write_record(tmp_path, 7, replace(RECORD, status=Status.FAILED, error="[E003] …"))
    assert files(tmp_path) == {f"failed/{name}", f"review/{name}"}


def test_another_documents_files_are_left_alone(tmp_path: Path) -> None:
    write_record(tmp_path, 7, RECORD)
    write_record(tmp_path, 8, replace(RECORD, sha256="b" * 64, status=Status.ACCEPTED, missing=()))
    write_record(tmp_path, 7, replace(RECORD, status=Status.ACCEPTED, missing=()))
    assert len(files(tmp_path)) == 2 and not list(tmp_path.rglob("*.tmp"))
