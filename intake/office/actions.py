"""What the office changes, from the review page or the command line, as plain functions.

Every change is one event in the register's audit trail with who, when, and the values before
and after. A change to a field, the route or the status is decided again by the pipeline's own
rules (`classifiers.completeness.check`, `classifiers.decide.decide_status`), and the deadlines
recounted with the record's clock events, so the register never holds a status or a deadline
that the corrected record would not produce. The outbox follows every change.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from intake.classifiers.completeness import check
from intake.classifiers.decide import EarlierApplication, decide_status
from intake.deadlines.periods import clock_events, compute_deadlines
from intake.kernel import Extraction, Missing, Record, Route, Status
from intake.office.checks import input_warnings, with_unmet
from intake.office.correspondence import (
    LetterActionError,
    decision_of,
    draft_correction,
    draft_explain,
    draft_extension,
    draft_not_application,
    draft_reply,
    letter_sent,
    letters_of,
    written_as_application,
)
from intake.office.fields import FieldError, field_value, normalize, unchanged, with_field
from intake.office.vocabulary import CHOICES, FIELD_KEYS, LIST_KEYS, REPLY_OUTCOMES, SETTABLE_STATUSES
from intake.outbox import write_record
from intake.pipeline.services import Services
from intake.register import DocumentRow, RowState
from intake.register.letters import LetterRow

__all__ = ["CHOICES", "FIELD_KEYS", "LIST_KEYS", "REPLY_OUTCOMES", "SETTABLE_STATUSES", "ReviewActionError",
           "StaleRecord", "change_route", "change_status", "confirm_notice", "correct_fields", "extend",
           "last_reply", "record_correction_received", "record_notice_sent", "record_reply", "reevaluate",
           "recount", "request_reasons", "version_of"]

SUMMARY_KEYS = ("route", "status", "missing", "correction_due", "reply_due", "duplicate_of")


class ReviewActionError(ValueError):
    """The change cannot be made; the message is shown to the office as it is (Chinese)."""


class StaleRecord(ReviewActionError):
    """Someone (a colleague, the watcher) changed the record since the page was loaded."""


# ---------------------------------------------------------------- loading
def version_of(services: Services, document_id: int) -> int:
    """The id of the record's latest event: every change adds one, so it orders versions."""
    return services.register.latest_event_id(document_id)


def load(services: Services, document_id: int, expected_version: int | None = None) -> tuple[DocumentRow, Record]:
    row = services.register.get(document_id)
    if row is None:
        raise ReviewActionError(f"没有编号为 {document_id} 的文件")
    if row.state != RowState.DONE or row.record is None:
        raise ReviewActionError(f"#{document_id} 尚在处理中，请稍后再改")
    if expected_version is not None and version_of(services, document_id) != expected_version:
        raise StaleRecord(f"#{document_id} 已被他人或系统修改，请重新打开后再改（未保存）")
    return row, row.record


# ---------------------------------------------------------------- deciding again
def reevaluate(services: Services, record: Record, status: Status | None = None, *,
               rerouted: bool = False) -> Record:
    """Route, status and missing items made consistent again after a change (Art. 29).

    Without an explicit `status` the pipeline's rules decide (a person has looked, so no doubt
    sends it to review), except that an unreadable (failed) file stays failed until the office
    reroutes it. Deadlines are left to `_save`."""
    route = record.route
    missing: tuple[Missing, ...] = ()
    if route == Route.APPLICATION:
        missing = check(Extraction(applicant=record.applicant or _empty(record).applicant,
                                   request=record.request or _empty(record).request,
                                   delivery=record.delivery or _empty(record).delivery)).missing
        # A number with a wrong check character is no proof of identity (Art. 29 (一)).
        missing = with_unmet(missing, input_warnings(record.applicant))
    if status is not None:
        chosen = _checked_status(status, route, missing)
        decided = replace(record, status=chosen, missing=() if chosen == Status.ACCEPTED else missing)
    elif record.status == Status.FAILED and not rerouted:
        decided = replace(record, missing=missing)
    else:
        decision = decide_status(route=route, missing=missing, sha256=record.sha256, confidence=record.confidence,
                                 reviewed=True, earlier=_earlier(services, record))
        decided = replace(record, status=decision.status, missing=decision.missing,
                          duplicate_of=decision.duplicate_of)
    return replace(decided, duplicate_of=decided.duplicate_of if decided.status == Status.DUPLICATE else None,
                   error=decided.error if decided.status == Status.FAILED else None)


def _empty(record: Record) -> Extraction:
    from intake.kernel import Applicant, Delivery, Request
    return Extraction(applicant=Applicant(), request=Request(), delivery=Delivery())


def _earlier(services: Services, record: Record) -> EarlierApplication | None:
    """A duplicate stays the duplicate of the record it repeats."""
    if record.status != Status.DUPLICATE or not record.duplicate_of:
        return None
    row = services.register.by_sha256(record.duplicate_of)
    status = row.record.status if row is not None and row.record is not None else Status.ACCEPTED
    return EarlierApplication(row.id if row else 0, record.duplicate_of, status)


def _checked_status(status: Status, route: Route, missing: tuple[Missing, ...]) -> Status:
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


def _summary(record: Record) -> dict[str, Any]:
    payload = record.to_json()
    return {key: payload[key] for key in SUMMARY_KEYS}


def _save(services: Services, row: DocumentRow, before: Record, after: Record, *, event: str, actor: str,
          changed_before: Mapping[str, Any] | None = None, changed_after: Mapping[str, Any] | None = None) -> Record:
    """Deadlines recounted, the record stored with one audit event holding before/after, the outbox
    rewritten."""
    deadlines = compute_deadlines(after.received_on, after.status, clock_events(services.register.events(row.id)),
                                  services.calendar)
    updated = replace(after, correction_due=deadlines.correction_due, reply_due=deadlines.reply_due,
                      provisional_deadline=deadlines.provisional)
    old, new = _summary(before), _summary(updated)
    moved = [key for key in SUMMARY_KEYS if old[key] != new[key]]
    values_before = {**dict(changed_before or {}), **{key: old[key] for key in moved}}
    values_after = {**dict(changed_after or {}), **{key: new[key] for key in moved}}
    services.register.complete(row.id, updated, event=event, actor=actor,
                               detail={"before": values_before, "after": values_after},
                               before=values_before, after=values_after)
    write_record(services.config.outbox, row.id, updated)
    return updated


# ---------------------------------------------------------------- the office's changes
def correct_fields(services: Services, document_id: int, values: Mapping[str, Any], *, actor: str,
                   expected_version: int | None = None) -> Record:
    """Correct applicant/request/delivery fields; returns the new record (unchanged if nothing differs)."""
    row, record = load(services, document_id, expected_version)
    changed_before: dict[str, Any] = {}
    changed_after: dict[str, Any] = {}
    corrected = record
    for key, raw in values.items():
        try:
            value = normalize(key, raw)
        except FieldError as exc:
            raise ReviewActionError(str(exc)) from exc
        old = field_value(corrected, key)
        if unchanged(old, value):
            continue
        changed_before[key], changed_after[key] = old, value
        corrected = with_field(corrected, key, value)
    if not changed_after:
        return record
    return _save(services, row, record, reevaluate(services, corrected), event="corrected", actor=actor,
                 changed_before=changed_before, changed_after=changed_after)


def change_route(services: Services, document_id: int, route: str, *, actor: str,
                 expected_version: int | None = None) -> Record:
    try:
        chosen = Route(route)
    except ValueError as exc:
        raise ReviewActionError(f"未知类型 {route!r}") from exc
    row, record = load(services, document_id, expected_version)
    if record.route == chosen:
        return record
    rerouted = reevaluate(services, replace(record, route=chosen), rerouted=True)
    saved = _save(services, row, record, rerouted, event="rerouted", actor=actor)
    _art_39(services, document_id, record, saved, actor)
    return saved


def _art_39(services: Services, document_id: int, before: Record, after: Record, actor: str) -> None:
    """Art. 39 ¶1: a letter written as an application and routed elsewhere gets its notice."""
    if written_as_application(before, after):
        _letter(lambda: draft_not_application(services, document_id, after, actor=actor))


def change_status(services: Services, document_id: int, status: str, *, actor: str,
                  expected_version: int | None = None) -> Record:
    try:
        chosen = Status(status)
    except ValueError as exc:
        raise ReviewActionError(f"未知状态 {status!r}") from exc
    row, record = load(services, document_id, expected_version)
    if record.status == chosen:
        return record
    saved = _save(services, row, record, reevaluate(services, record, chosen), event="status_changed", actor=actor)
    _art_39(services, document_id, record, saved, actor)
    return saved


def _day(on: dt.date | str) -> dt.date:
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(on.strip())
    except ValueError as exc:
        raise ReviewActionError(f"日期格式应为 YYYY-MM-DD：{on!r}") from exc


def _checked_day(record: Record, on: dt.date | str, today: dt.date | None) -> dt.date:
    day = _day(on)
    if day < record.received_on:
        raise ReviewActionError(f"日期 {day} 早于收到申请之日 {record.received_on}")
    if day > (today or dt.date.today()):
        raise ReviewActionError(f"日期 {day} 晚于今天，不能预先登记")
    return day


def confirm_notice(services: Services, document_id: int, *, actor: str,
                   expected_version: int | None = None, today: dt.date | None = None) -> list[Path]:
    """Draft the correction notice (补正告知书, Art. 30) from the record as corrected; while it has
    not been sent it keeps its number."""
    _row, record = load(services, document_id, expected_version)
    if record.status != Status.NEEDS_CORRECTION:
        raise ReviewActionError("只有“需补正”的申请才需要补正告知书")
    letter = _letter(lambda: draft_correction(services, document_id, record, actor=actor, on=today))
    services.register.add_event(document_id, "notice_confirmed", actor=actor,
                                detail={"files": list(letter.files), "reference": letter.reference},
                                after={"missing": [str(m) for m in record.missing],
                                       "correction_due": record.to_json()["correction_due"]})
    return [Path(name) for name in letter.files]


def _letter(draft: Callable[[], LetterRow]) -> LetterRow:
    try:
        return draft()
    except LetterActionError as exc:
        raise ReviewActionError(str(exc)) from exc


def record_notice_sent(services: Services, document_id: int, on: dt.date | str, *, actor: str,
                       today: dt.date | None = None, expected_version: int | None = None,
                       way: str = "post") -> None:
    """The correction notice went out (its letter marked sent, when one was drafted)."""
    _row, record = load(services, document_id, expected_version)
    if record.status != Status.NEEDS_CORRECTION:
        raise ReviewActionError("只有“需补正”的申请才发送补正告知书")
    day = _checked_day(record, on, today)
    unsent = [letter for letter in letters_of(services, document_id)
              if letter.kind == "correction" and letter.sent_on is None and letter.dated <= day]
    if unsent:
        _letter(lambda: letter_sent(services, document_id, unsent[-1].id, day, way, actor=actor))
        if services.register.events(document_id, "notice_sent"):
            return
    services.register.add_event(document_id, "notice_sent", actor=actor, detail={"on": day.isoformat()},
                                after={"notice_sent_on": day.isoformat()})


def record_reply(services: Services, document_id: int, on: dt.date | str, outcome: str, *, actor: str,
                 today: dt.date | None = None, expected_version: int | None = None,
                 details: Mapping[str, str] | None = None) -> LetterRow:
    """The office's decision on an application (a code of REPLY_DECISIONS, or a report row's code)
    and the letter that tells the applicant; the annual report counts the same decision."""
    _row, record = load(services, document_id, expected_version)
    if record.route != Route.APPLICATION:
        raise ReviewActionError("只有政府信息公开申请才登记答复结果")
    try:
        decision = decision_of(outcome)
    except LetterActionError as exc:
        raise ReviewActionError(str(exc)) from exc
    day = _checked_day(record, on, today)
    services.register.add_event(document_id, "replied", actor=actor,
                                detail={"on": day.isoformat(), "decision": decision.code, "outcome": decision.outcome},
                                before=last_reply(services, document_id),
                                after={"on": day.isoformat(), "decision": decision.code, "outcome": decision.outcome})
    return _letter(lambda: draft_reply(services, document_id, record, decision, actor=actor, on=day, details=details))


def last_reply(services: Services, document_id: int) -> dict[str, Any] | None:
    replies = services.register.events(document_id, "replied")
    return dict(replies[-1].detail) if replies else None


def request_reasons(services: Services, document_id: int, reason: str, *, actor: str,
                    today: dt.date | None = None, expected_version: int | None = None) -> LetterRow:
    """Art. 35: the applicant is asked to explain an application of unreasonable number or frequency."""
    _row, record = load(services, document_id, expected_version)
    if record.route != Route.APPLICATION:
        raise ReviewActionError("只有政府信息公开申请才能要求说明理由")
    details = {"reason": reason.strip()} if reason.strip() else {}
    return _letter(lambda: draft_explain(services, document_id, record, details=details, actor=actor, on=today))


def record_correction_received(services: Services, document_id: int, on: dt.date | str, *, actor: str,
                               today: dt.date | None = None, expected_version: int | None = None) -> Record:
    """Art. 30: the corrected application arrived; the reply period runs again from that day."""
    row, record = load(services, document_id, expected_version)
    if record.route != Route.APPLICATION:
        raise ReviewActionError("只有政府信息公开申请才有补正")
    day = _checked_day(record, on, today)
    earlier = [event.on for event in clock_events(services.register.events(document_id))
               if event.kind == "correction_received"]
    services.register.add_event(document_id, "correction_received", actor=actor, detail={"on": day.isoformat()},
                                before={"correction_received_on": max(earlier).isoformat() if earlier else None},
                                after={"correction_received_on": day.isoformat()})
    return _save(services, row, record, reevaluate(services, record), event="deadline_changed", actor=actor,
                 changed_after={"correction_received_on": day.isoformat()})


def extend(services: Services, document_id: int, reason: str, *, actor: str, on: dt.date | None = None,
           expected_version: int | None = None) -> Record:
    """Art. 33: one extension of at most 20 working days; returns the record with its new reply date."""
    row, record = load(services, document_id, expected_version)
    if not reason.strip():
        raise ReviewActionError("延期须写明理由")
    if record.status != Status.ACCEPTED:
        raise ReviewActionError(f"只有已受理的申请才有可延长的答复期限（当前状态 {record.status}）")
    if services.register.events(document_id, "extended"):
        raise ReviewActionError("答复期限已延长过一次（第三十三条：延长最长不得超过20个工作日）")
    day = on or dt.date.today()
    services.register.add_event(document_id, "extended", actor=actor,
                                detail={"on": day.isoformat(), "reason": reason.strip()})
    extended = _save(services, row, record, record, event="deadline_changed", actor=actor,
                     changed_after={"reason": reason.strip()})
    _letter(lambda: draft_extension(services, document_id, extended, reason=reason.strip(),
                                    original_due=record.reply_due, actor=actor, on=day))
    return extended


def recount(services: Services, document_id: int, *, actor: str) -> tuple[Record, Record]:
    """The deadlines counted again with the calendar as it is now (after `intake holidays import`);
    (before, after), stored only when a date moved."""
    row, record = load(services, document_id)
    deadlines = compute_deadlines(record.received_on, record.status, clock_events(services.register.events(row.id)),
                                  services.calendar)
    if (deadlines.correction_due, deadlines.reply_due, deadlines.provisional) == (
            record.correction_due, record.reply_due, record.provisional_deadline):
        return record, record
    return record, _save(services, row, record, record, event="deadline_changed", actor=actor,
                         changed_after={"reason": "按新的放假安排重新计算"})
