"""Deadlines of the Regulations (Arts. 30, 33), counted in Chinese working days, each explained."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.deadlines.periods import DeadlineEvent, EventKind, compute_deadlines
from intake.deadlines.workdays import WorkdayCalendar
from intake.kernel.model import Status

D = dt.date


@pytest.fixture(scope="module")
def calendar() -> WorkdayCalendar:
    return WorkdayCalendar.load(None)


def _reply(calendar: WorkdayCalendar, received_on: dt.date, *events: DeadlineEvent) -> dt.date | None:
    return compute_deadlines(received_on, Status.ACCEPTED, events, calendar).reply_due


def _correction(calendar: WorkdayCalendar, received_on: dt.date) -> dt.date | None:
    return compute_deadlines(received_on, Status.NEEDS_CORRECTION, (), calendar).correction_due


# ---------------------------------------------------------------- which status gets which date
def test_needs_correction_gets_correction_due_only(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2024, 9, 27), Status.NEEDS_CORRECTION, (), calendar)
    assert deadlines.correction_due == D(2024, 10, 12)
    assert deadlines.reply_due is None and not deadlines.provisional


def test_accepted_gets_reply_due_only(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2024, 9, 27), Status.ACCEPTED, (), calendar)
    assert deadlines.reply_due == D(2024, 10, 30) and deadlines.correction_due is None


@pytest.mark.parametrize("status", [Status.DUPLICATE, Status.ROUTED, Status.NEEDS_REVIEW, Status.FAILED])
def test_other_statuses_get_no_deadline(calendar: WorkdayCalendar, status: Status) -> None:
    deadlines = compute_deadlines(D(2024, 9, 27), status, (), calendar)
    assert deadlines.correction_due is None and deadlines.reply_due is None
    assert any("不计算期限" in line for line in deadlines.explanation)


# ---------------------------------------------------------------- FACTS §7 worked examples and holiday edges
def test_correction_due_on_make_up_saturday_after_national_day_2024(calendar: WorkdayCalendar) -> None:
    assert _correction(calendar, D(2024, 9, 27)) == D(2024, 10, 12)


def test_national_day_2025_examples(calendar: WorkdayCalendar) -> None:
    assert _correction(calendar, D(2025, 9, 26)) == D(2025, 10, 13)
    assert _reply(calendar, D(2025, 9, 26)) == D(2025, 10, 30)


@pytest.mark.parametrize(("received_on", "due"), [
    (D(2024, 2, 8), D(2024, 2, 23)),   # 02-09 worked, 02-10..17 off, 02-18 Sun worked
    (D(2025, 1, 24), D(2025, 2, 10)),  # 01-26 Sun worked, 01-28..02-04 off, 02-08 Sat worked
    (D(2026, 2, 13), D(2026, 3, 2)),   # 02-14 Sat worked, 02-15..23 off, 02-28 Sat worked
])
def test_correction_due_across_spring_festival(calendar: WorkdayCalendar, received_on: dt.date, due: dt.date) -> None:
    assert _correction(calendar, received_on) == due


@pytest.mark.parametrize(("received_on", "due"), [
    (D(2024, 4, 26), D(2024, 5, 9)),   # 04-28 Sun worked, 05-01..05 off (05-11 Sat would be the 9th)
    (D(2025, 4, 25), D(2025, 5, 8)),   # 04-27 Sun worked, 05-01..05 off
])
def test_correction_due_across_labour_day(calendar: WorkdayCalendar, received_on: dt.date, due: dt.date) -> None:
    assert _correction(calendar, received_on) == due


def test_receipt_on_a_holiday_counts_from_the_next_day(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2024, 10, 3), Status.NEEDS_CORRECTION, (), calendar)
    assert deadlines.correction_due == D(2024, 10, 15)   # 10-08..11, 10-12 Sat, 10-14, 10-15
    assert "收到之日是国庆节放假" in deadlines.explanation[0]


def test_receipt_on_a_weekend_skips_dragon_boat_festival(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2024, 6, 1), Status.NEEDS_CORRECTION, (), calendar)
    assert deadlines.correction_due == D(2024, 6, 12)    # 06-03..07, 06-10 端午 off, 06-11, 06-12
    assert "收到之日是休息日（周六）" in deadlines.explanation[0]
    assert any("端午" in line and "2024-06-10" in line for line in deadlines.explanation)


def test_receipt_on_a_make_up_working_day_counts_from_the_next_day(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2025, 2, 8), Status.NEEDS_CORRECTION, (), calendar)
    assert deadlines.correction_due == D(2025, 2, 18)
    assert "收到之日" not in deadlines.explanation[0]


# ---------------------------------------------------------------- events
def test_extension_adds_twenty_working_days(calendar: WorkdayCalendar) -> None:
    assert _reply(calendar, D(2024, 9, 27), DeadlineEvent("extended", D(2024, 10, 20))) == D(2024, 11, 27)


def test_second_extension_is_ignored_and_explained(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2024, 9, 27), Status.ACCEPTED, [
        DeadlineEvent(EventKind.EXTENDED, D(2024, 10, 20)),
        DeadlineEvent(EventKind.EXTENDED, D(2024, 11, 20)),
    ], calendar)
    assert deadlines.reply_due == D(2024, 11, 27)
    assert any("2024-11-20" in line and "再次延期不计" in line for line in deadlines.explanation)


def test_late_extension_still_counts_but_is_flagged(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2024, 9, 27), Status.ACCEPTED,
                                  [DeadlineEvent("extended", D(2024, 11, 1))], calendar)
    assert deadlines.reply_due == D(2024, 11, 27)
    assert any("晚于原答复期限 2024-10-30" in line for line in deadlines.explanation)


def test_correction_received_restarts_reply_clock(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2024, 9, 27), Status.ACCEPTED,
                                  [DeadlineEvent("correction_received", D(2024, 10, 14), "补正材料 by post")], calendar)
    assert deadlines.reply_due == D(2024, 11, 11)
    assert any("重新起算" in line and "2024-10-14" in line and "补正材料 by post" in line
               for line in deadlines.explanation)


def test_latest_correction_received_wins_whatever_the_order(calendar: WorkdayCalendar) -> None:
    events = [DeadlineEvent("correction_received", D(2024, 10, 14)),
              DeadlineEvent("correction_received", D(2024, 9, 30))]
    assert _reply(calendar, D(2024, 9, 27), *events) == D(2024, 11, 11)


def test_extension_before_restart_is_ignored(calendar: WorkdayCalendar) -> None:
    events = [DeadlineEvent("extended", D(2024, 10, 8)), DeadlineEvent("correction_received", D(2024, 10, 14))]
    assert _reply(calendar, D(2024, 9, 27), *events) == D(2024, 11, 11)


def test_event_before_receipt_is_refused(calendar: WorkdayCalendar) -> None:
    with pytest.raises(ValueError, match="before the application was received"):
        compute_deadlines(D(2024, 9, 27), Status.ACCEPTED, [DeadlineEvent("extended", D(2024, 9, 1))], calendar)


def test_unknown_event_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown deadline event"):
        DeadlineEvent("paused", D(2024, 9, 30))


# ---------------------------------------------------------------- explanation and provisional years
def test_explanation_names_start_skipped_holidays_and_make_up_days(calendar: WorkdayCalendar) -> None:
    explanation = compute_deadlines(D(2024, 9, 27), Status.NEEDS_CORRECTION, (), calendar).explanation
    text = "\n".join(explanation)
    assert "收到申请 2024-09-27" in explanation[0] and "自次日起算" in explanation[0]
    assert "第 7 个工作日 2024-10-12（周六）" in text
    assert "国庆节" in text and "2024-10-01..2024-10-07" in text
    assert "2024-09-29（周日）、2024-10-12（周六）" in text
    assert not re.search(r"[A-Za-z]{3,}", text)          # the office's words only


def test_year_end_crossing_into_2027_is_provisional(calendar: WorkdayCalendar) -> None:
    deadlines = compute_deadlines(D(2026, 12, 20), Status.ACCEPTED, (), calendar)
    assert deadlines.reply_due == D(2027, 1, 15)        # 2027-01-01 (Fri) counted: no notice yet
    assert deadlines.provisional
    assert any("2027年放假安排尚未公布" in line and "暂定" in line for line in deadlines.explanation)


def test_holidays_toml_for_2027_makes_deadline_final(tmp_path: Path) -> None:
    (tmp_path / "holidays.toml").write_text(
        '[2027]\nsource = "test fixture"\n[2027.holidays]\n"元旦" = ["2027-01-01"]\n', encoding="utf-8")
    deadlines = compute_deadlines(D(2026, 12, 20), Status.ACCEPTED, (), WorkdayCalendar.load(tmp_path))
    assert deadlines.reply_due == D(2027, 1, 18)
    assert not deadlines.provisional
    assert any("元旦" in line and "2027-01-01" in line for line in deadlines.explanation)


def test_extension_into_unknown_year_makes_reply_provisional(calendar: WorkdayCalendar) -> None:
    assert not compute_deadlines(D(2026, 11, 20), Status.ACCEPTED, (), calendar).provisional
    deadlines = compute_deadlines(D(2026, 11, 20), Status.ACCEPTED,
                                  [DeadlineEvent("extended", D(2026, 12, 1))], calendar)
    assert deadlines.reply_due == D(2027, 1, 15)
    assert deadlines.provisional


# ---------------------------------------------------------------- properties
@settings(max_examples=300, deadline=None)
@given(received_on=st.dates(min_value=D(2004, 1, 1), max_value=D(2027, 12, 31)),
       status=st.sampled_from([Status.ACCEPTED, Status.NEEDS_CORRECTION]),
       offsets=st.lists(st.tuples(st.sampled_from(list(EventKind)), st.integers(min_value=0, max_value=90)),
                        max_size=3))
def test_deadline_is_never_before_receipt_and_always_a_working_day(
    received_on: dt.date, status: Status, offsets: list[tuple[EventKind, int]],
) -> None:
    calendar = WorkdayCalendar.load(None)
    events = [DeadlineEvent(kind, received_on + dt.timedelta(days=offset)) for kind, offset in offsets]
    deadlines = compute_deadlines(received_on, status, events, calendar)
    due = deadlines.correction_due if status is Status.NEEDS_CORRECTION else deadlines.reply_due
    assert due is not None and due > received_on
    assert calendar.is_workday(due)
    assert deadlines.provisional == (not all(calendar.has_data(year) for year in range(received_on.year, due.year + 1)))
