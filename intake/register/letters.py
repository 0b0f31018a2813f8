"""The register's letters: each drafted letter's row and the yearly sequences its number comes
from. A number, once given, is never given again (the sequence only moves forward, in the same
transaction that stores the letter); a letter redrafted before it is sent keeps its number."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from intake.register.store import Register, _now

SENT_WAYS: dict[str, str] = {"post": "邮寄", "email": "电子邮件", "in_person": "当面送达", "fax": "传真",
                             "online": "网上申请平台"}


@dataclass(frozen=True, slots=True)
class LetterRow:
    id: int
    document_id: int
    kind: str
    series: str
    year: int
    number: int
    reference: str            # the printed number, e.g. 聊市监依复〔2026〕第3号
    decision: str | None
    dated: dt.date
    drafted_at: str
    drafted_by: str
    files: tuple[str, ...]
    sent_on: dt.date | None = None
    sent_way: str | None = None
    sent_by: str | None = None


def _letter(row: Any) -> LetterRow:
    return LetterRow(id=int(row["id"]), document_id=int(row["document_id"]), kind=row["kind"], series=row["series"],
                     year=int(row["year"]), number=int(row["number"]), reference=row["reference"],
                     decision=row["decision"], dated=dt.date.fromisoformat(row["dated"]),
                     drafted_at=row["drafted_at"], drafted_by=row["drafted_by"],
                     files=tuple(json.loads(row["files"] or "[]")),
                     sent_on=dt.date.fromisoformat(row["sent_on"]) if row["sent_on"] else None,
                     sent_way=row["sent_way"], sent_by=row["sent_by"])


class LetterBook:
    """The letters of one register (it shares the register's connection)."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.conn = register.conn

    def unsent(self, document_id: int, series: str) -> LetterRow | None:
        """The document's latest letter of this series not yet sent: a redraft takes its number."""
        row = self.conn.execute("select * from letters where document_id = ? and series = ? and sent_on is null "
                                "order by id desc limit 1", [document_id, series]).fetchone()
        return _letter(row) if row else None

    def store(self, *, document_id: int, kind: str, series: str, year: int,
              reference_of: Callable[[int], str], files_of: Callable[[int], Sequence[str]],
              decision: str | None, dated: dt.date, actor: str, event: dict[str, Any]) -> LetterRow:
        """A new letter with the next number of (series, year), or the unsent one redrafted, and its
        `letter_drafted` event, in one transaction. `reference_of(number)` prints the number,
        `files_of(number)` names the letter's files."""
        with self.conn:
            earlier = self.unsent(document_id, series)
            if earlier is not None and earlier.year == year:
                number, reference = earlier.number, earlier.reference
                files = list(files_of(number))
                self.conn.execute("update letters set kind = ?, decision = ?, dated = ?, drafted_at = ?, "
                                  "drafted_by = ?, files = ? where id = ?",
                                  [kind, decision, dated.isoformat(), _now(), actor, json.dumps(list(files)),
                                   earlier.id])
                letter_id = earlier.id
            else:
                self.conn.execute("insert into letter_sequences (series, year, last) values (?, ?, 0) "
                                  "on conflict (series, year) do nothing", [series, year])
                self.conn.execute("update letter_sequences set last = last + 1 where series = ? and year = ?",
                                  [series, year])
                number = int(self.conn.execute("select last from letter_sequences where series = ? and year = ?",
                                               [series, year]).fetchone()[0])
                reference = str(reference_of(number))
                files = list(files_of(number))
                cursor = self.conn.execute(
                    "insert into letters (document_id, kind, series, year, number, reference, decision, dated, "
                    "drafted_at, drafted_by, files) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [document_id, kind, series, year, number, reference, decision, dated.isoformat(), _now(), actor,
                     json.dumps(list(files))])
                letter_id = int(cursor.lastrowid or 0)
            self.register._event(document_id, "letter_drafted", actor=actor,
                                 detail={**event, "letter_id": letter_id, "reference": reference,
                                         "files": list(files), "redrafted": earlier is not None
                                         and earlier.year == year})
        found = self.get(letter_id)
        assert found is not None
        return found

    def set_files(self, letter_id: int, files: Sequence[str]) -> None:
        with self.conn:
            self.conn.execute("update letters set files = ? where id = ?", [json.dumps(list(files)), letter_id])

    def get(self, letter_id: int) -> LetterRow | None:
        row = self.conn.execute("select * from letters where id = ?", [letter_id]).fetchone()
        return _letter(row) if row else None

    def of_document(self, document_id: int) -> list[LetterRow]:
        return [_letter(row) for row in self.conn.execute(
            "select * from letters where document_id = ? order by id", [document_id]).fetchall()]

    def all(self) -> list[LetterRow]:
        return [_letter(row) for row in self.conn.execute("select * from letters order by id").fetchall()]

    def mark_sent(self, letter_id: int, *, on: dt.date, way: str, actor: str,
                  extra_event: tuple[str, dict[str, Any]] | None = None) -> None:
        """The day and the way the letter went out, with its `letter_sent` event (and, for a
        correction notice, the `notice_sent` event the deadlines read) in one transaction."""
        letter = self.get(letter_id)
        if letter is None:
            raise KeyError(letter_id)
        with self.conn:
            self.conn.execute("update letters set sent_on = ?, sent_way = ?, sent_by = ?, sent_at = ? where id = ?",
                              [on.isoformat(), way, actor, _now(), letter_id])
            detail = {"letter_id": letter_id, "reference": letter.reference, "on": on.isoformat(), "way": way}
            self.register._event(letter.document_id, "letter_sent", actor=actor, detail=detail,
                                 before={"sent_on": letter.sent_on.isoformat() if letter.sent_on else None},
                                 after={"sent_on": on.isoformat(), "way": way})
            if extra_event is not None:
                kind, extra = extra_event
                self.register._event(letter.document_id, kind, actor=actor, detail=extra,
                                     after={"notice_sent_on": on.isoformat()})
