"""Schema migrations of the register, in order; each runs once and bumps `meta.schema_version`.

Later versions append a function to MIGRATIONS; never edit one that has shipped.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils


def _v1(db: sqlite_utils.Database, document_columns: dict[str, Any]) -> None:
    db["documents"].create(document_columns, pk="id", if_not_exists=True)  # type: ignore[union-attr]
    db["documents"].create_index(["sha256"], if_not_exists=True)  # type: ignore[union-attr]
    db["documents"].create_index(["inbox_path"], if_not_exists=True)  # type: ignore[union-attr]
    db["documents"].create_index(["status"], if_not_exists=True)  # type: ignore[union-attr]
    db["documents"].create_index(["applicant_id_number"], if_not_exists=True)  # type: ignore[union-attr]
    db["events"].create({"id": int, "document_id": int, "at": str, "kind": str, "actor": str,  # type: ignore[union-attr]
                         "detail": str, "before": str, "after": str}, pk="id", if_not_exists=True)
    db["events"].create_index(["document_id"], if_not_exists=True)  # type: ignore[union-attr]


MIGRATIONS: list[Callable[[sqlite_utils.Database, dict[str, Any]], None]] = [_v1]


def current_version(db: sqlite_utils.Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: sqlite_utils.Database, target: int, document_columns: dict[str, Any]) -> None:
    with db.conn:
        db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)  # type: ignore[union-attr]
        version = current_version(db)
        for number in range(version, min(target, len(MIGRATIONS))):
            MIGRATIONS[number](db, document_columns)
            db["meta"].upsert({"key": "schema_version", "value": str(number + 1)}, pk="key")  # type: ignore[union-attr]
