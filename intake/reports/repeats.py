"""Applicants who apply again and again (Art. 35 context): the digest's and `intake status`'s list."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from intake.masking import mask

# Art. 35: an applicant whose requests 数量、频次明显超过合理范围 may be asked to explain them.
REPEAT_WINDOW_DAYS = 90


REPEAT_THRESHOLD = 3


@dataclass(frozen=True, slots=True)
class RepeatApplicant:
    applicant: str            # masked name
    identity: str             # masked ID number, or masked phone
    applications: int
    document_ids: tuple[int, ...]
    first: str
    last: str


def applicant_label(row: Mapping[str, Any]) -> str:
    return mask(row["applicant_name"]) if row["applicant_name"] else "—"


def repeat_applicants(rows: Iterable[Mapping[str, Any]], day: dt.date, *, window_days: int = REPEAT_WINDOW_DAYS,
                      threshold: int = REPEAT_THRESHOLD) -> tuple[RepeatApplicant, ...]:
    """Applicants with `threshold` or more applications received in the `window_days` ending on `day`.

    The same applicant is the same ID number, or the same name and phone (Art. 35 context);
    both keys are joined, so an applicant who gave the ID once and only a phone later is one person.
    """
    first_day = day - dt.timedelta(days=window_days - 1)
    chosen = [row for row in rows
              if row["state"] == "done" and row["route"] == "application" and row["status"] != "failed"
              and row["received_on"] and first_day.isoformat() <= row["received_on"] <= day.isoformat()]
    # Another scan, fax or e-mail of a request already in the window is that request, not a new one.
    counted = {row["sha256"] for row in chosen}
    chosen = [row for row in chosen if not (row["status"] == "duplicate" and row.get("duplicate_of") in counted)]
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    keys_of: dict[int, list[str]] = {}
    for row in chosen:
        keys = _identity_keys(row)
        keys_of[int(row["id"])] = keys
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
    groups: dict[str, list[Mapping[str, Any]]] = {}
    seen_files: set[tuple[str, str]] = set()
    for row in chosen:
        keys = keys_of[int(row["id"])]
        if keys and (root(keys[0]), row["sha256"]) not in seen_files:   # a second copy of a file is not a new request
            seen_files.add((root(keys[0]), row["sha256"]))
            groups.setdefault(root(keys[0]), []).append(row)
    found = [_repeat(group) for group in groups.values() if len(group) >= threshold]
    return tuple(sorted(found, key=lambda item: (-item.applications, item.first)))


def _identity_keys(row: Mapping[str, Any]) -> list[str]:
    keys = []
    if row["applicant_id_number"]:
        keys.append("id:" + "".join(str(row["applicant_id_number"]).split()).upper())
    if row["applicant_name"] and row["applicant_phone"]:
        phone = "".join(ch for ch in str(row["applicant_phone"]) if ch.isdigit())
        keys.append(f"name+phone:{str(row['applicant_name']).strip()}|{phone}")
    return keys


def _repeat(group: list[Mapping[str, Any]]) -> RepeatApplicant:
    named = next((row for row in group if row["applicant_name"]), group[0])
    identity = next((row["applicant_id_number"] for row in group if row["applicant_id_number"]), None) \
        or next((row["applicant_phone"] for row in group if row["applicant_phone"]), "")
    days = sorted(str(row["received_on"]) for row in group)
    return RepeatApplicant(applicant_label(named), mask(str(identity)), len(group),
                           tuple(int(row["id"]) for row in group), days[0], days[-1])
