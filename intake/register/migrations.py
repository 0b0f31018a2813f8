"""Schema migrations of the register, in order; each runs once and bumps `meta.schema_version`.

Every migration is self-contained (its columns written out here, never read from live code), so
editing the code cannot edit a migration that has shipped. Later versions append a function to
MIGRATIONS; never edit one that has shipped. Statements that earlier releases ran outside the
migrations (the digests and review tables) are `if not exists`, so an old register upgrades cleanly.
"""
from __future__ import annotations

from collections.abc import Callable

import sqlite3


def _v1_documents_and_events(db: sqlite3.Connection) -> None:
    db.execute("""create table if not exists documents (
        id integer primary key, sha256 text, source text, original_name text, inbox_path text,
        archive_path text, arrived_at text, state text, channel text, marked integer, route text,
        status text, applicant_kind text, applicant_category text, applicant_name text,
        applicant_id_number text, applicant_phone text, applicant_email text, description text,
        missing text, received_on text, correction_due text, reply_due text, duplicate_of text,
        confidence float, error text, text text, pages integer, reasons text,
        provisional_deadline integer, record_json text, updated_at text)""")
    for column in ("sha256", "inbox_path", "status", "applicant_id_number"):
        db.execute(f"create index if not exists idx_documents_{column} on documents ({column})")
    db.execute("""create table if not exists events (
        id integer primary key, document_id integer, at text, kind text, actor text, detail text,
        before text, after text)""")
    db.execute("create index if not exists idx_events_document_id on events (document_id)")


def _v2_digests(db: sqlite3.Connection) -> None:
    """The digests produced; `kind` nightly or manual, `recipients` a JSON list of the addresses
    that accepted the mail (empty when the digest was only written)."""
    db.execute("create table if not exists digests (id integer primary key, date text not null, "
               "kind text not null, sent_at text not null, recipients text not null, files text)")
    # The database itself refuses a second nightly digest for a day.
    db.execute("create unique index if not exists digests_nightly_date on digests (date) where kind = 'nightly'")


def _v3_review(db: sqlite3.Connection) -> None:
    """The review page's users, and the indexes its queues need."""
    db.execute("""create table if not exists review_users (
        name text primary key, password_hash text not null, created_at text not null,
        disabled integer not null default 0, sessions_valid_after real not null default 0)""")
    # Queue counts and lists read only these columns; without a covering index every count scans
    # whole rows, recognised text included (~25 ms per count at 5,000 records instead of < 1 ms).
    db.execute("create index if not exists review_queue on documents(status, state, route, correction_due, "
               "reply_due, received_on)")
    # "Was the notice sent / the reply given?" is asked for every row of a queue.
    db.execute("create index if not exists review_event_kind on events(document_id, kind)")


def _v4_letters(db: sqlite3.Connection) -> None:
    """The letters drafted for documents, and the sequences their numbers are drawn from (one per
    series 代字 and year: 聊市监依复〔2026〕第1号, 第2号 …)."""
    db.execute("""create table if not exists letter_sequences (
        series text not null, year integer not null, last integer not null,
        primary key (series, year))""")
    db.execute("""create table if not exists letters (
        id integer primary key, document_id integer not null, kind text not null, series text not null,
        year integer not null, number integer not null, reference text not null, decision text,
        dated text not null, drafted_at text not null, drafted_by text not null, files text not null,
        sent_on text, sent_way text, sent_by text, sent_at text,
        unique (series, year, number))""")
    db.execute("create index if not exists letters_document on letters (document_id)")


def _v5_read_attempts(db: sqlite3.Connection) -> None:
    """How many times reading a row started without its record being committed: a file that stopped
    the service that often is recorded as failed instead of being resumed again."""
    db.execute("alter table documents add column read_attempts integer not null default 0")


def _v6_clause_roles(db: sqlite3.Connection) -> None:
    """Each clause of the reading with its role (JSON [[text, role, probability], …]), for the review page."""
    db.execute("alter table documents add column clauses text")


def _v7_line_boxes(db: sqlite3.Connection) -> None:
    """Where each OCR line stands on its page (JSON [[page, text, [x0, y0, x1, y1]], …], fractions of
    the page), so the review page can mark where a value was read."""
    db.execute("alter table documents add column line_boxes text")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_documents_and_events, _v2_digests, _v3_review,
                                                          _v4_letters, _v5_read_attempts, _v6_clause_roles,
                                                          _v7_line_boxes]
LATEST = len(MIGRATIONS)


def current_version(db: sqlite3.Connection) -> int:
    if db.execute("select 1 from sqlite_master where type = 'table' and name = 'meta'").fetchone() is None:
        return 0
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: sqlite3.Connection, target: int = LATEST) -> None:
    with db:
        db.execute("create table if not exists meta (key text primary key, value text)")
        version = current_version(db)
        for number in range(version, min(target, len(MIGRATIONS))):
            MIGRATIONS[number](db)
            db.execute("insert or replace into meta (key, value) values ('schema_version', ?)", [str(number + 1)])
