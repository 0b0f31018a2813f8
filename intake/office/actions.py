"""What the office changes on the review page, as plain functions (no web layer).

Every change is one event in the register's audit trail with who, when, and the values before
and after. A change to a field, the route or the status re-runs the Article 29 check
(`classifiers.completeness.check`) and the deadlines (`office_actions.recompute`), so the
register never holds a status or a deadline that the corrected record would not produce.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from intake.classifiers.completeness import check
from intake.kernel.model import Applicant, Delivery, Extraction, Request, Route, Status
from intake.office.clock import clock_events, extend_deadline, recompute
from intake.pipeline.runner import Services
from intake.register.store import DocumentRow
from intake.review.vocabulary import (
    APPLICANT_KEYS,
    CHOICES,
    FIELD_KEYS,
    LIST_KEYS,
    REPLY_OUTCOMES,
    SETTABLE_STATUSES,
)

__all__ = ["CHOICES", "FIELD_KEYS", "LIST_KEYS", "REPLY_OUTCOMES", "SETTABLE_STATUSES", "ReviewActionError",
           "StaleRecord", "change_route", "change_status", "confirm_notice", "correct_fields", "extend",
           "record_correction_received", "record_notice_sent", "record_reply", "reevaluate", "version_of"]

class ReviewActionError(ValueError):
    """The change cannot be made; the message is shown to the office as it is (Chinese)."""


class StaleRecord(ReviewActionError):
    """Someone (a colleague, the watcher) changed the record since the page was loaded."""


# ---------------------------------------------------------------- loading
def version_of(services: Services, document_id: int) -> int:
    """The id of the record's latest event: every change adds one, so it orders versions."""
    row = services.register.db.execute(
        "select max(id) from events where document_id = ?", [document_id]).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def load(services: Services, document_id: int, expected_version: int | None = None) -> DocumentRow:
    row = services.register.get(document_id)
    if row is None:
        raise ReviewActionError(f"没有编号为 {document_id} 的文件")
    if row.state != "done" or row.record is None:
        raise ReviewActionError(f"#{document_id} 尚在处理中，请稍后再改")
    if expected_version is not None and version_of(services, document_id) != expected_version:
        raise StaleRecord(f"#{document_id} 已被他人或系统修改，请重新打开后再改（未保存）")
    return row


# ---------------------------------------------------------------- field values
def normalize(key: str, value: Any) -> Any:
    """The stored form of one submitted field: None for blank, lists for list fields."""
    if key not in FIELD_KEYS:
        raise ReviewActionError(f"未知字段 {key}")
    if key in LIST_KEYS:
        items = value.splitlines() if isinstance(value, str) else list(value or ())
        cleaned = list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))
        allowed = CHOICES.get(key)
        if allowed is not None:
            unknown = [item for item in cleaned if item not in allowed]
            if unknown:
                raise ReviewActionError(f"{key} 的取值 {unknown} 不在 {list(allowed)} 之内")
        return cleaned
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    allowed = CHOICES.get(key)
    if allowed is not None and text not in allowed:
        raise ReviewActionError(f"{key} 的取值 {text!r} 不在 {list(allowed)} 之内")
    if key == "applicant.id_number":
        # RECORD.md: "as written, with a lower-case x upper-cased".
        return text.replace("x", "X") if text[:-1].isdigit() else text
    if key == "applicant.postcode" and not (len(text) == 6 and text.isdigit()):
        raise ReviewActionError(f"邮政编码应为六位数字：{text!r}")
    return text


def field_value(record: Mapping[str, Any], key: str) -> Any:
    part, name = key.split(".", 1)
    section = record.get(part) or {}
    value = section.get(name)
    if key in LIST_KEYS:
        return list(value or [])
    return value


def _set_field(record: dict[str, Any], key: str, value: Any) -> None:
    part, name = key.split(".", 1)
    if record.get(part) is None:
        record[part] = _empty_section(part)
    record[part][name] = value


def _empty_section(part: str) -> dict[str, Any]:
    if part == "applicant":
        return {key: None for key in APPLICANT_KEYS}
    if part == "request":
        return {"description": None, "titles": [], "doc_numbers": []}
    return {"media": [], "methods": []}


def _extraction(record: Mapping[str, Any]) -> Extraction:
    applicant = record.get("applicant") or {}
    request = record.get("request") or {}
    delivery = record.get("delivery") or {}
    return Extraction(
        applicant=Applicant(**{key: applicant.get(key) for key in APPLICANT_KEYS}),
        request=Request(description=request.get("description"), titles=tuple(request.get("titles") or ()),
                        doc_numbers=tuple(request.get("doc_numbers") or ())),
        delivery=Delivery(media=tuple(delivery.get("media") or ()), methods=tuple(delivery.get("methods") or ())),
        confidence=float(record.get("confidence") or 0.0))


# ---------------------------------------------------------------- re-evaluation
def _summary(record: Mapping[str, Any]) -> dict[str, Any]:
    return {key: record.get(key) for key in ("route", "status", "missing", "correction_due", "reply_due",
                                             "duplicate_of")}


def reevaluate(record: dict[str, Any], status: Status | None = None, *, rerouted: bool = False) -> dict[str, Any]:
    """Route, status and missing items made consistent again after a change (Art. 29).

    Without an explicit `status` the check decides, except that a duplicate stays a duplicate
    and an unreadable (failed) file stays failed until the office reroutes it or says otherwise.
    Deadlines are left to `office_actions.recompute`.
    """
    route = Route(record["route"])
    result = check(_extraction(record), route)
    missing = [str(item) for item in result.missing] if route == Route.APPLICATION else []
    current = Status(record["status"])
    if status is None:
        if current == Status.FAILED and not rerouted:
            chosen = Status.FAILED
        elif route != Route.APPLICATION:
            chosen = Status.ROUTED
        elif current == Status.DUPLICATE:
            chosen = Status.DUPLICATE
        else:
            chosen = result.status
    else:
        chosen = _checked_status(status, route, missing)
        if chosen == Status.ACCEPTED:
            missing = []   # the office judged the application complete, whatever the check says
    record["status"] = str(chosen)
    record["missing"] = missing
    if chosen != Status.DUPLICATE:
        record["duplicate_of"] = None
    if chosen != Status.FAILED:
        record["error"] = None
    return record


def _checked_status(status: Status, route: Route, missing: Sequence[str]) -> Status:
    if status not in SETTABLE_STATUSES:
        raise ReviewActionError(f"不能手工设为状态 {status}")
    application_only = (Status.ACCEPTED, Status.NEEDS_CORRECTION, Status.DUPLICATE)
    if status in application_only and route != Route.APPLICATION:
        raise ReviewActionError(f"只有政府信息公开申请才能设为 {status}；请先把类型改为“政府信息公开申请”")
    if status == Status.ROUTED and route == Route.APPLICATION:
        raise ReviewActionError("政府信息公开申请不能设为“已转办”；请先更改类型")
    if status == Status.NEEDS_CORRECTION and not missing:
        raise ReviewActionError("第二十九条三项内容齐全，无需补正；如有缺项，请先修改相应字段")
    return status


def _save(services: Services, row: DocumentRow, record: dict[str, Any], *, event: str, actor: str,
          before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Deadlines recomputed and the record written with one audit event holding before/after."""
    detail = {"before": dict(before), "after": dict(after)}
    kept = _kept(services, row.id)
    updated = recompute(services, row, record, event=event, actor=actor, detail=detail)
    # The deadlines recompute produced belong to the audit entry too, both sides.
    original = row.record or {}
    for key in ("correction_due", "reply_due"):
        if updated.get(key) != original.get(key):
            detail["before"][key] = original.get(key)
            detail["after"][key] = updated.get(key)
    _amend(services, row.id, event, detail, kept)
    return updated


def _amend(services: Services, document_id: int, kind: str, detail: dict[str, Any], kept: Any) -> None:
    """Put before/after into the event's own columns as well as its detail.

    `Register.complete` records only `detail`, but the audit table has `before`/`after` columns
    that the history view and any later audit read.
    """
    db = services.register.db
    last = db.execute("select id from events where document_id = ? and kind = ? order by id desc limit 1",
                      [document_id, kind]).fetchone()
    with db.conn:
        if last is not None:
            db.execute("update events set detail = ?, before = ?, after = ? where id = ?",
                       [json.dumps(detail, ensure_ascii=False, default=str),
                        json.dumps(detail["before"], ensure_ascii=False, default=str),
                        json.dumps(detail["after"], ensure_ascii=False, default=str), last[0]])
    _restore(services, document_id, kept)


def _kept(services: Services, document_id: int) -> Any:
    return services.register.db.execute("select pages, reasons from documents where id = ?",
                                        [document_id]).fetchone()


def _restore(services: Services, document_id: int, kept: Any) -> None:
    """The page count and reasons that `recompute` blanks (the `Record` it rebuilds from JSON has
    neither), put back until it keeps them itself."""
    if kept is None:
        return
    with services.register.db.conn:
        services.register.db.execute("update documents set pages = ?, reasons = ? where id = ?",
                                     [kept[0], kept[1], document_id])


# ---------------------------------------------------------------- the office's changes
def correct_fields(services: Services, document_id: int, values: Mapping[str, Any], *, actor: str,
                   expected_version: int | None = None) -> dict[str, Any]:
    """Correct applicant/request/delivery fields; returns the new record (unchanged if nothing differs)."""
    row = load(services, document_id, expected_version)
    record = json.loads(json.dumps(row.record))
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, raw in values.items():
        value = normalize(key, raw)
        old = field_value(record, key)
        if value == old or (value in (None, []) and old in (None, [])):
            continue
        before[key], after[key] = old, value
        _set_field(record, key, value)
    if not after:
        return dict(record)
    summary_before = _summary(record)
    reevaluate(record)
    return _save(services, row, record, event="corrected", actor=actor,
                 before={**before, **_changed(summary_before, record, before=True)},
                 after={**after, **_changed(summary_before, record, before=False)})


def change_route(services: Services, document_id: int, route: str, *, actor: str,
                 expected_version: int | None = None) -> dict[str, Any]:
    try:
        chosen = Route(route)
    except ValueError as exc:
        raise ReviewActionError(f"未知类型 {route!r}") from exc
    row = load(services, document_id, expected_version)
    record = json.loads(json.dumps(row.record))
    if record["route"] == chosen:
        return dict(record)
    summary_before = _summary(record)
    record["route"] = str(chosen)
    reevaluate(record, rerouted=True)
    return _save(services, row, record, event="rerouted", actor=actor,
                 before=_changed(summary_before, record, before=True),
                 after=_changed(summary_before, record, before=False))


def change_status(services: Services, document_id: int, status: str, *, actor: str,
                  expected_version: int | None = None) -> dict[str, Any]:
    try:
        chosen = Status(status)
    except ValueError as exc:
        raise ReviewActionError(f"未知状态 {status!r}") from exc
    row = load(services, document_id, expected_version)
    record = json.loads(json.dumps(row.record))
    if record["status"] == chosen:
        return dict(record)
    summary_before = _summary(record)
    reevaluate(record, chosen)
    return _save(services, row, record, event="status_changed", actor=actor,
                 before=_changed(summary_before, record, before=True),
                 after=_changed(summary_before, record, before=False))


def _changed(summary_before: Mapping[str, Any], record: Mapping[str, Any], *, before: bool) -> dict[str, Any]:
    """The summary keys (route, status, missing, deadlines) that the change moved, one side of it."""
    after = _summary(record)
    return {key: (summary_before[key] if before else after[key])
            for key in after if after[key] != summary_before[key]}


def _day(on: dt.date | str) -> dt.date:
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(on.strip())
    except ValueError as exc:
        raise ReviewActionError(f"日期格式应为 YYYY-MM-DD：{on!r}") from exc


def _checked_day(row: DocumentRow, on: dt.date | str, today: dt.date | None) -> dt.date:
    day = _day(on)
    received = dt.date.fromisoformat((row.record or {})["received_on"])
    if day < received:
        raise ReviewActionError(f"日期 {day} 早于收到申请之日 {received}")
    if day > (today or dt.date.today()):
        raise ReviewActionError(f"日期 {day} 晚于今天，不能预先登记")
    return day


def confirm_notice(services: Services, document_id: int, *, actor: str,
                   expected_version: int | None = None) -> list[Path]:
    """Draft the correction notice (补正告知书, Art. 30) from the record as corrected, and note it."""
    row = load(services, document_id, expected_version)
    record = row.record or {}
    if record.get("status") != Status.NEEDS_CORRECTION:
        raise ReviewActionError("只有“需补正”的申请才需要补正告知书")
    try:
        from intake.office.notices import draft_notice
    except ImportError as exc:
        raise ReviewActionError("本安装没有补正告知书起草模块（intake.office.notices），无法起草") from exc
    try:
        paths = list(draft_notice(services.config, document_id, record))
    except OSError as exc:
        raise ReviewActionError(f"补正告知书未能写出：{exc}") from exc
    services.register.add_event(document_id, "notice_confirmed", actor=actor,
                                detail={"files": [str(path) for path in paths]},
                                after={"missing": record.get("missing"),
                                       "correction_due": record.get("correction_due")})
    return paths


def record_notice_sent(services: Services, document_id: int, on: dt.date | str, *, actor: str,
                       today: dt.date | None = None, expected_version: int | None = None) -> None:
    row = load(services, document_id, expected_version)
    if (row.record or {}).get("status") != Status.NEEDS_CORRECTION:
        raise ReviewActionError("只有“需补正”的申请才发送补正告知书")
    day = _checked_day(row, on, today)
    services.register.add_event(document_id, "notice_sent", actor=actor, detail={"on": day.isoformat()},
                                after={"notice_sent_on": day.isoformat()})


def record_reply(services: Services, document_id: int, on: dt.date | str, outcome: str, *, actor: str,
                 today: dt.date | None = None, expected_version: int | None = None) -> None:
    row = load(services, document_id, expected_version)
    if (row.record or {}).get("route") != Route.APPLICATION:
        raise ReviewActionError("只有政府信息公开申请才登记答复结果")
    if outcome not in REPLY_OUTCOMES:
        raise ReviewActionError(f"未知答复结果 {outcome!r}")
    day = _checked_day(row, on, today)
    previous = last_reply(services, document_id)
    services.register.add_event(document_id, "replied", actor=actor, detail={"on": day.isoformat(), "outcome": outcome},
                                before=previous, after={"on": day.isoformat(), "outcome": outcome})


def last_reply(services: Services, document_id: int) -> dict[str, Any] | None:
    for event in reversed(services.register.events(document_id)):
        if event["kind"] == "replied":
            detail: dict[str, Any] = json.loads(event["detail"] or "{}")
            return detail
    return None


def record_correction_received(services: Services, document_id: int, on: dt.date | str, *, actor: str,
                               today: dt.date | None = None, expected_version: int | None = None) -> dict[str, Any]:
    """Art. 30: the corrected application arrived; the reply period runs again from that day."""
    row = load(services, document_id, expected_version)
    record = json.loads(json.dumps(row.record))
    if record.get("route") != Route.APPLICATION:
        raise ReviewActionError("只有政府信息公开申请才有补正")
    day = _checked_day(row, on, today)
    earlier = [event.on for event in clock_events(services, document_id) if event.kind == "correction_received"]
    services.register.add_event(document_id, "correction_received", actor=actor, detail={"on": day.isoformat()},
                                before={"correction_received_on": max(earlier).isoformat() if earlier else None},
                                after={"correction_received_on": day.isoformat()})
    summary_before = _summary(record)
    reevaluate(record)
    row = load(services, document_id)
    return _save(services, row, record, event="deadline_changed", actor=actor,
                 before=_changed(summary_before, record, before=True),
                 after={**_changed(summary_before, record, before=False), "correction_received_on": day.isoformat()})


def extend(services: Services, document_id: int, reason: str, *, actor: str,
           expected_version: int | None = None) -> str:
    """Art. 33: one extension of at most 20 working days; returns the new reply date."""
    row = load(services, document_id, expected_version)
    if not reason.strip():
        raise ReviewActionError("延期须写明理由")
    kept = _kept(services, document_id)
    try:
        new_due = extend_deadline(services, row, reason=reason.strip(), actor=actor)
    except ValueError as exc:
        raise ReviewActionError(f"无法延期：{exc}") from exc
    _restore(services, document_id, kept)
    return new_due
