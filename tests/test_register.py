"""The register: typed rows and events, named queries, migrations that upgrade an old file."""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

from intake.kernel import Applicant, Channel, ClauseRole, Delivery, Missing, Record, Request, Route, Status
from intake.register import Register, RowState
from intake.register.migrations import LATEST, MIGRATIONS

NOW = dt.datetime(2025, 9, 26, 9, 30).astimezone()


def record(sha: str, **changes: object) -> Record:
    base = Record(source=f"{sha}.png", sha256=sha * 64, channel=Channel.LETTER, marked=True, route=Route.APPLICATION,
                  status=Status.ACCEPTED, applicant=Applicant(kind="person", category="individual", name="郑十一",
                                                              id_type="resident_id", id_number="110101199003070011"),
                  request=Request(description="2024年度抽检结果", titles=("《通报》",)),
                  delivery=Delivery(media=("paper",), methods=("post",)), missing=(),
                  received_on=dt.date(2025, 9, 26), correction_due=None, reply_due=dt.date(2025, 10, 30),
                  duplicate_of=None, confidence=0.9, text="…", error=None, pages=2, reasons=("why",),
                  clauses=(ClauseRole("请公开2024年度抽检结果", "ask_info", 0.97),))
    return replace(base, **changes)


def claimed(register: Register, sha: str) -> int:
    return register.claim(sha256=sha * 64, source=f"{sha}.png", original_name=f"{sha}.png", inbox_path=None,
                          arrived_at=NOW)


def test_a_claimed_row_is_unfinished_until_its_record_is_committed(tmp_path: Path) -> None:
    register = Register(tmp_path / "register.db")
    document_id = claimed(register, "a")
    assert [row.id for row in register.unfinished()] == [document_id]
    register.complete(document_id, record("a"))
    row = register.get(document_id)
    assert row is not None and row.state == RowState.DONE and not register.unfinished()
    assert row.record == record("a")                  # typed, pages, reasons and clause roles included
    assert [event.kind for event in register.events(document_id)] == ["received", "classified"]


def test_named_queries(tmp_path: Path) -> None:
    register = Register(tmp_path / "register.db")
    first, second, third = (claimed(register, sha) for sha in "abc")
    register.complete(first, record("a"))
    register.complete(second, record("b", status=Status.NEEDS_CORRECTION, missing=(Missing.APPLICANT_ID,),
                                     reply_due=None, correction_due=dt.date(2025, 10, 13)))
    register.complete(third, record("c", route=Route.COMPLAINT, status=Status.ROUTED, applicant=None))
    assert [document_id for document_id, _ in register.applications_before(third)] == [first, second]
    assert [document_id for document_id, _ in register.applications_before(second)] == [first]
    assert {document_id for document_id, _ in register.open_deadlines()} == {first, second}
    assert register.count(statuses=(Status.NEEDS_CORRECTION,)) == 1
    assert register.find("#2") == register.get(second) and register.find("b" * 8) == register.get(second)
    assert register.by_sha256("c" * 64) == register.get(third)
    assert {(count.route, count.status, count.count) for count in register.counts()} == {
        ("application", "accepted", 1), ("application", "needs_correction", 1), ("complaint", "routed", 1)}
    register.add_event(first, "replied", actor="clerk", detail={"on": "2025-10-20", "outcome": "予以公开"})
    [reply] = register.events_of_kind("replied")
    assert reply.document_id == first and reply.detail["outcome"] == "予以公开" and reply.actor == "clerk"
    assert register.latest_event_id(first) == reply.id


def test_an_old_register_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    old = sqlite3.connect(path)
    MIGRATIONS[0](old)                                # a register made by the first release
    old.execute("create table meta (key text primary key, value text)")
    old.execute("insert into meta values ('schema_version', '1')")
    old.execute("insert into documents (sha256, state) values ('x', 'processing')")
    old.commit()
    old.close()
    register = Register(path)
    tables = {name for (name,) in register.conn.execute("select name from sqlite_master where type = 'table'")}
    assert {"documents", "events", "meta", "digests", "review_users"} <= tables
    version = register.conn.execute("select value from meta where key = 'schema_version'").fetchone()[0]
    assert int(version) == LATEST and len(register.unfinished()) == 1


def test_an_all_digit_sha256_prefix_is_not_read_as_a_row_number_and_a_key_naming_two_records_is_refused(tmp_path):
    import pytest

    from intake.register import AmbiguousKey
    register = Register(tmp_path / "register.db")
    first = register.claim(sha256="0849" + "a" * 60, source="a.png", original_name="a.png", inbox_path=None,
                           arrived_at=NOW)
    register.conn.execute("insert into documents (id, sha256, state) values (1234, ?, 'processing')", ["f" * 64])
    register.claim(sha256="1234" + "b" * 60, source="b.png", original_name="b.png", inbox_path=None, arrived_at=NOW)
    register.conn.commit()
    assert register.find("0849") == register.get(first)         # a sha256 prefix, not row 849
    assert register.find("#1234") == register.get(1234)
    with pytest.raises(AmbiguousKey, match="#1234, #1235"):
        register.find("1234")                                    # row 1234, and a sha256 starting 1234
    assert register.find("99999999999999999999999") is None and register.find("#99999999999999999999999") is None


def test_migration_4_counts_read_attempts_and_a_committed_record_resets_them(tmp_path):
    register = Register(tmp_path / "register.db")
    document_id = claimed(register, "a")
    assert [register.start_attempt(document_id) for _ in range(3)] == [1, 2, 3]
    register.complete(document_id, record("a"))
    row = register.get(document_id)
    assert row is not None and row.read_attempts == 0
