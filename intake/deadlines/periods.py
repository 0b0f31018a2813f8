"""The Regulations' deadlines for one application, each with the reasoning that produced it.

政府信息公开条例 Art. 30: a correction notice goes out within 7 working days of receipt, and the
reply period restarts when the corrected application is received. Art. 33: the reply is due
within 20 working days of receipt; one extension of at most 20 working days is allowed.
Counting starts the day after receipt (民法典 Art. 201; FACTS §7).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from intake.deadlines.workdays import NamedDay, WorkdayCalendar, WorkdayCount, date_runs
from intake.kernel import Deadlines, Status
from intake.register import Event

CORRECTION_WORKDAYS = 7    # Art. 30
REPLY_WORKDAYS = 20        # Art. 33 ¶1
EXTENSION_WORKDAYS = 20    # Art. 33 ¶1: 延长的期限最长不得超过20个工作日

_WEEKDAYS_ZH = "一二三四五六日"
_STATUSES_ZH = {"duplicate": "重复申请", "routed": "已转办", "needs_review": "待人工审核", "failed": "无法读取"}


class EventKind(StrEnum):
    CORRECTION_RECEIVED = "correction_received"   # Art. 30: the reply clock restarts from that date
    EXTENDED = "extended"                         # Art. 33: +20 working days, once


@dataclass(frozen=True, slots=True)
class DeadlineEvent:
    """Something that moves the clock, as recorded by the office."""
    kind: str          # an EventKind value
    on: dt.date
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in set(EventKind):
            raise ValueError(f"unknown deadline event {self.kind!r}; expected one of {[str(k) for k in EventKind]}")


def compute_deadlines(
    received_on: dt.date,
    status: Status,
    events: Sequence[DeadlineEvent],
    calendar: WorkdayCalendar,
) -> Deadlines:
    """correction_due for NEEDS_CORRECTION, reply_due for ACCEPTED; every other status has none.
    The explanation is for the office (Chinese): each step, with the day it lands on and why."""
    for event in events:
        if event.on < received_on:
            raise ValueError(f"{event.kind} on {event.on} is before the application was received ({received_on})")
    lines = [_receipt_line(received_on, calendar)]
    if status is Status.NEEDS_CORRECTION:
        count = calendar.nth_workday_after(received_on, CORRECTION_WORKDAYS)
        lines += _count_lines("补正告知期限（第三十条）", count, calendar)
        return Deadlines(count.due, None, count.provisional, tuple(lines))
    if status is not Status.ACCEPTED:
        lines.append(f"状态为“{_STATUSES_ZH.get(str(status), str(status))}”：不计算期限")
        return Deadlines(None, None, False, tuple(lines))
    reply_due, provisional = _reply_due(received_on, events, calendar, lines)
    return Deadlines(None, reply_due, provisional, tuple(lines))


def _reply_due(
    received_on: dt.date, events: Sequence[DeadlineEvent], calendar: WorkdayCalendar, lines: list[str],
) -> tuple[dt.date, bool]:
    """Art. 33's period from receipt or the latest corrected application, plus at most one extension."""
    ordered = sorted(events, key=lambda event: event.on)
    corrections = [event for event in ordered if event.kind == EventKind.CORRECTION_RECEIVED]
    clock_start = corrections[-1].on if corrections else received_on
    if corrections:
        lines.append(f"{_zh(clock_start)} 收到补正后的申请，答复期限自该日重新起算（第三十条）"
                     + _note(corrections[-1]))
    count = calendar.nth_workday_after(clock_start, REPLY_WORKDAYS)
    lines += _count_lines("答复期限（第三十三条）", count, calendar)
    reply_due, provisional = count.due, count.provisional
    extended = False
    for event in ordered:
        if event.kind != EventKind.EXTENDED:
            continue
        if event.on < clock_start:
            lines.append(f"{event.on} 的延期早于答复期限重新起算日 {clock_start}，不计")
            continue
        if extended:
            lines.append(f"{event.on} 的再次延期不计：第三十三条只允许延长一次，最长二十个工作日")
            continue
        if event.on > reply_due:
            lines.append(f"注意：延期决定日 {event.on} 晚于原答复期限 {reply_due}")
        extended = True
        lines.append(f"{event.on} 决定延期{_note(event)}，自原答复期限 {reply_due} 起再延长二十个工作日")
        count = calendar.nth_workday_after(reply_due, EXTENSION_WORKDAYS)
        lines += _count_lines("延长后的答复期限（第三十三条第二款）", count, calendar)
        reply_due, provisional = count.due, provisional or count.provisional
    return reply_due, provisional


def _receipt_line(received_on: dt.date, calendar: WorkdayCalendar) -> str:
    line = f"收到申请 {_zh(received_on)}，自次日起算（民法典第二百零一条）"
    if not calendar.is_workday(received_on):
        line += f"；收到之日是{calendar.why_zh(received_on)}"
    return line


def _count_lines(label: str, count: WorkdayCount, calendar: WorkdayCalendar) -> list[str]:
    lines = [f"{label}：{count.start} 后第 {count.n} 个工作日 {_zh(count.due)}，{calendar.why_zh(count.due)}"]
    for names, run in _holiday_runs(count.skipped_holidays):
        lines.append(f"  跳过{names}假期 {run}")
    for name, made_up in _by_name(count.make_up_days).items():
        lines.append(f"  计入{name}调休上班日 {'、'.join(_zh(day) for day in made_up)}")
    for year in count.provisional_years:
        lines.append(f"  {year}年放假安排尚未公布，按周一至周五计算，日期为暂定")
    return lines


def _by_name(days: Sequence[NamedDay]) -> dict[str, list[dt.date]]:
    grouped: dict[str, list[dt.date]] = {}
    for day in days:
        grouped.setdefault(day.name, []).append(day.on)
    return grouped


def _holiday_runs(days: Sequence[NamedDay]) -> list[tuple[str, str]]:
    """Consecutive holiday days as one run, e.g. ('国庆节、中秋', '2025-10-01..2025-10-08')."""
    runs: list[list[NamedDay]] = []
    for day in days:
        if runs and day.on - runs[-1][-1].on == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return [("、".join(dict.fromkeys(day.name for day in run)), date_runs(day.on for day in run)[0]) for run in runs]


def _note(event: DeadlineEvent) -> str:
    return f"（{event.note}）" if event.note else ""


def _zh(day: dt.date) -> str:
    return f"{day}（周{_WEEKDAYS_ZH[day.weekday()]}）"


# The office's events that move the clock, as the register's audit trail records them.
CLOCK_EVENT_KINDS = (EventKind.EXTENDED.value, EventKind.CORRECTION_RECEIVED.value)


def clock_events(events: Iterable[Event]) -> list[DeadlineEvent]:
    """The extensions and corrected applications among a record's events (each carries `on`)."""
    return [DeadlineEvent(kind=event.kind, on=dt.date.fromisoformat(event.detail["on"]),
                          note=str(event.detail.get("reason", "")))
            for event in events if event.kind in CLOCK_EVENT_KINDS and event.detail.get("on")]
