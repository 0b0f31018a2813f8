"""Working days against the State Council's published holiday notices, HOME/holidays.toml and `intake holidays`."""
from __future__ import annotations

import datetime as dt
import logging
import tomllib
from pathlib import Path

import chinese_calendar
import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from intake.cli.context import AppContext
from intake.cli.holidays import holidays
from intake.deadlines.workdays import (
    HolidayFileError,
    WorkdayCalendar,
    package_notices,
    parse_day,
    parse_holiday_tables,
    read_holiday_file,
    render_holiday_file,
)

D = dt.date


def _span(first: str, last: str | None = None) -> set[dt.date]:
    start, end = D.fromisoformat(first), D.fromisoformat(last or first)
    return {start + dt.timedelta(days=i) for i in range((end - start).days + 1)}


# Typed from the notices themselves (国务院办公厅关于20XX年部分节假日安排的通知), not from the package,
# so a wrong package release fails here.
PUBLISHED = {
    2024: (  # published 2023-10-25
        _span("2024-01-01") | _span("2024-02-10", "2024-02-17") | _span("2024-04-04", "2024-04-06")
        | _span("2024-05-01", "2024-05-05") | _span("2024-06-10") | _span("2024-09-15", "2024-09-17")
        | _span("2024-10-01", "2024-10-07"),
        {D(2024, 2, 4), D(2024, 2, 18), D(2024, 4, 7), D(2024, 4, 28), D(2024, 5, 11), D(2024, 9, 14),
         D(2024, 9, 29), D(2024, 10, 12)},
    ),
    2025: (  # published 2024-11-12, first year of the 2024 revision (春节 4 days, 劳动节 2 days)
        _span("2025-01-01") | _span("2025-01-28", "2025-02-04") | _span("2025-04-04", "2025-04-06")
        | _span("2025-05-01", "2025-05-05") | _span("2025-05-31", "2025-06-02") | _span("2025-10-01", "2025-10-08"),
        {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)},
    ),
    2026: (  # published 2025-11-04
        _span("2026-01-01", "2026-01-03") | _span("2026-02-15", "2026-02-23") | _span("2026-04-04", "2026-04-06")
        | _span("2026-05-01", "2026-05-05") | _span("2026-06-19", "2026-06-21") | _span("2026-09-25", "2026-09-27")
        | _span("2026-10-01", "2026-10-07"),
        {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)},
    ),
}

TOML_2027 = """
[2027]
source = "test fixture, not a real notice"
workdays = ["2026-12-26"]
[2027.holidays]
"元旦" = ["2027-01-01"]
"春节" = ["2027-02-06..2027-02-12"]
"""


@pytest.fixture(scope="module")
def calendar() -> WorkdayCalendar:
    return WorkdayCalendar.load(None)


def _home_with(tmp_path: Path, text: str) -> Path:
    (tmp_path / "holidays.toml").write_text(text, encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------- the published notices
@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_every_day_of_year_matches_published_notice(calendar: WorkdayCalendar, year: int) -> None:
    holidays_off, make_up = PUBLISHED[year]
    day = D(year, 1, 1)
    while day.year == year:
        expected = day in make_up or (day.weekday() < 5 and day not in holidays_off)
        assert calendar.is_workday(day) is expected, f"{day}: {calendar.why(day)}"
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(("day", "workday", "reason"), [
    (D(2024, 2, 9), True, "working day"),            # 除夕 2024: only "encouraged" off, officially worked
    (D(2024, 2, 10), False, "春节 holiday"),
    (D(2024, 2, 17), False, "春节 holiday"),
    (D(2024, 2, 18), True, "make-up working Sunday for 春节"),
    (D(2025, 1, 27), True, "working day"),
    (D(2025, 1, 28), False, "春节 holiday"),
    (D(2025, 2, 4), False, "春节 holiday"),
    (D(2025, 2, 8), True, "make-up working Saturday for 春节"),
    (D(2026, 2, 14), True, "make-up working Saturday for 春节"),
    (D(2026, 2, 23), False, "春节 holiday"),
    (D(2026, 2, 24), True, "working day"),
    (D(2024, 9, 29), True, "make-up working Sunday for 国庆节"),
    (D(2024, 9, 30), True, "working day"),
    (D(2024, 10, 7), False, "国庆节 holiday"),
    (D(2024, 10, 12), True, "make-up working Saturday for 国庆节"),
    (D(2025, 9, 28), True, "make-up working Sunday for 国庆节"),
    (D(2025, 10, 6), False, "中秋 holiday"),
    (D(2025, 10, 8), False, "国庆节 holiday"),
    (D(2025, 10, 11), True, "make-up working Saturday for 国庆节"),
    (D(2024, 4, 28), True, "make-up working Sunday for 劳动节"),
    (D(2024, 5, 5), False, "劳动节 holiday"),
    (D(2024, 5, 11), True, "make-up working Saturday for 劳动节"),
    (D(2025, 5, 2), False, "劳动节 holiday"),
    (D(2025, 5, 6), True, "working day"),
    (D(2026, 5, 9), True, "make-up working Saturday for 劳动节"),
    (D(2024, 6, 1), False, "weekend"),
])
def test_holiday_edges_and_why(calendar: WorkdayCalendar, day: dt.date, workday: bool, reason: str) -> None:
    assert calendar.is_workday(day) is workday
    assert reason in calendar.why(day)


def test_package_covers_2004_to_2026_and_not_2027(calendar: WorkdayCalendar) -> None:
    assert calendar.has_data(2004) and calendar.has_data(2026)
    assert not calendar.has_data(2003) and not calendar.has_data(2027)
    assert "provisional" in calendar.why(D(2027, 1, 1))
    assert calendar.is_workday(D(2027, 1, 1))   # a Friday, counted as a weekday without a notice


# ---------------------------------------------------------------- counting
@pytest.mark.parametrize(("start", "n", "due"), [
    (D(2024, 9, 27), 7, D(2024, 10, 12)),
    (D(2024, 9, 27), 20, D(2024, 10, 30)),
    (D(2024, 9, 27), 40, D(2024, 11, 27)),
    (D(2025, 9, 26), 7, D(2025, 10, 13)),
    (D(2025, 9, 26), 20, D(2025, 10, 30)),
])
def test_worked_examples_from_facts(calendar: WorkdayCalendar, start: dt.date, n: int, due: dt.date) -> None:
    assert calendar.nth_workday_after(start, n).due == due


def test_count_lists_skipped_holidays_and_make_up_days(calendar: WorkdayCalendar) -> None:
    count = calendar.nth_workday_after(D(2024, 9, 27), 7)
    assert [day.on for day in count.skipped_holidays] == sorted(_span("2024-10-01", "2024-10-07"))
    assert {day.name for day in count.skipped_holidays} == {"国庆节"}
    assert [day.on for day in count.make_up_days] == [D(2024, 9, 29), D(2024, 10, 12)]
    assert not count.provisional


def test_start_day_itself_is_never_counted(calendar: WorkdayCalendar) -> None:
    assert calendar.nth_workday_after(D(2024, 6, 3), 1).due == D(2024, 6, 4)   # Monday → Tuesday


def test_count_of_zero_is_refused(calendar: WorkdayCalendar) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        calendar.nth_workday_after(D(2024, 6, 3), 0)


def test_count_into_2027_is_provisional_and_logged(calendar: WorkdayCalendar, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="intake.deadlines.workdays"):
        count = calendar.nth_workday_after(D(2026, 12, 30), 2)
    assert count.due == D(2027, 1, 1)
    assert count.provisional and count.provisional_years == (2027,)
    assert "2027" in caplog.text and "provisional" in caplog.text


def test_holidays_toml_makes_2027_known(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    calendar = WorkdayCalendar.load(_home_with(tmp_path, TOML_2027))
    with caplog.at_level(logging.WARNING, logger="intake.deadlines.workdays"):
        count = calendar.nth_workday_after(D(2026, 12, 30), 2)
    assert count.due == D(2027, 1, 4)
    assert not count.provisional and caplog.text == ""
    assert calendar.source(2027) == "test fixture, not a real notice"
    # A make-up day of the 2027 notice falling in December 2026 is kept next to the package's 2026.
    assert calendar.is_workday(D(2026, 12, 26)) and calendar.is_workday(D(2026, 2, 14))


def test_holidays_toml_year_replaces_package_year(tmp_path: Path) -> None:
    calendar = WorkdayCalendar.load(_home_with(tmp_path, '[2026]\nholidays = ["2026-01-01"]\n'))
    assert calendar.is_workday(D(2026, 2, 16))          # no longer 春节
    assert not calendar.is_workday(D(2026, 2, 14))      # no longer a make-up Saturday
    assert not calendar.is_workday(D(2026, 1, 1))
    assert not calendar.is_workday(D(2025, 10, 8))      # other years untouched


# ---------------------------------------------------------------- properties
dates = st.dates(min_value=D(2003, 6, 1), max_value=D(2027, 12, 31))


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_nth_workday_after_counts_exactly_n_working_days(start: dt.date, n: int) -> None:
    calendar = WorkdayCalendar.load(None)
    due = calendar.nth_workday_after(start, n).due
    assert due > start and calendar.is_workday(due)
    between = [start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(calendar.is_workday(day) for day in between) == n


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_counting_back_returns_last_working_day_on_or_before_start(start: dt.date, n: int) -> None:
    calendar = WorkdayCalendar.load(None)
    due = calendar.nth_workday_after(start, n).due
    last_workday = start
    while not calendar.is_workday(last_workday):
        last_workday -= dt.timedelta(days=1)
    assert calendar.nth_workday_before(due, n) == last_workday


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 9, 1)), n=st.integers(min_value=1, max_value=40))
def test_agrees_with_chinese_calendar_from_a_working_day(start: dt.date, n: int) -> None:
    calendar = WorkdayCalendar.load(None)
    assume(calendar.is_workday(start))
    assert calendar.nth_workday_after(start, n).due == chinese_calendar.find_workday(n, start)


# ---------------------------------------------------------------- holidays.toml format
def test_file_accepts_named_unnamed_ranges_and_toml_dates(tmp_path: Path) -> None:
    path = tmp_path / "h.toml"
    path.write_text('[2027]\nholidays = [2027-01-01, "2027/2/6..2027年2月8日"]\nworkdays = ["2027-02-13"]\n',
                    encoding="utf-8")
    notice = read_holiday_file(path)[2027]
    assert {day.on for day in notice.holidays} == {D(2027, 1, 1)} | _span("2027-02-06", "2027-02-08")
    assert {day.name for day in notice.holidays} == {"法定节假日"}
    assert [(day.on, day.name) for day in notice.workdays] == [(D(2027, 2, 13), "调休")]
    assert notice.source == ""


@pytest.mark.parametrize(("text", "message"), [
    ('[2027]\nholidays = ["2027-02-30"]\n', "not a date of the calendar"),
    ('[2027]\nholidays = ["27-1-1"]\n', "not a date"),
    ('[2027]\nholidays = ["2027-01-01"]\nworkdays = ["2027-02-08"]\n', "Monday"),
    ('[2027]\nholidays = ["2027-01-01", "2027-01-01"]\n', "listed twice"),
    ('[2027]\nholidays = ["2027-02-06"]\nworkdays = ["2027-02-06"]\n', "listed twice"),
    ('[2027]\nholidays = ["2028-01-01"]\n', "not in 2027"),
    ('[2027]\nholiday = ["2027-01-01"]\n', "unknown key"),
    ('[2027]\nworkdays = []\n', "holidays is missing"),
    ('[next]\nholidays = ["2027-01-01"]\n', "must be a year"),
    ('[2027]\nholidays = ["2027-02-12..2027-02-06"]\n', "ends before it starts"),
    ('[2027]\nholidays = ["2027-02-06..2027-12-12"]\n', "typo"),
    ('[2027]\nholidays = [2027-01-01T08:00:00]\n', "has a time"),
    ('[2027]\nholidays = ["2027-01-01"]\nsource = 7\n', "source must be a string"),
    ('[2027\nholidays = []\n', "not a valid UTF-8 TOML"),
])
def test_bad_holiday_file_is_refused_with_reason(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(HolidayFileError, match=message):
        WorkdayCalendar.load(_home_with(tmp_path, text))


def test_rendered_file_reads_back_the_same() -> None:
    notices = {year: package_notices()[year] for year in (2024, 2025, 2026)}
    text = render_holiday_file(notices)
    assert '"国庆节" = ["2025-10-01..2025-10-05", "2025-10-07..2025-10-08"]' in text
    assert parse_holiday_tables(tomllib.loads(text), "rendered") == notices


def test_parse_day_accepts_office_spellings() -> None:
    assert parse_day("2027年2月7日") == parse_day("2027/2/7") == parse_day(" 2027.02.07 ") == D(2027, 2, 7)


# ---------------------------------------------------------------- `intake holidays`
def _cli(home: Path) -> click.Group:
    @click.group()
    @click.pass_context
    def root(ctx: click.Context) -> None:
        ctx.obj = AppContext(home, verbose=False, quiet=True)

    root.add_command(holidays)
    return root


def _run(home: Path, *args: str) -> Result:
    return CliRunner().invoke(_cli(home), ["holidays", *args])


def test_import_text_list_writes_holidays_toml(tmp_path: Path) -> None:
    listing = tmp_path / "2027.txt"
    listing.write_text(
        "日期,类型,名称\n"
        "2027-01-01，放假，元旦\n"
        "2027-02-06..2027-02-12, 放假, 春节   # seven days\n"
        "2027-02-13\t上班\t春节\n"
        "\n", encoding="utf-8")
    home = tmp_path / "home"
    result = _run(home, "import", str(listing), "--source", "国办发明电〔2026〕X号")
    assert result.exit_code == 0, result.output
    assert "2027年：放假 8 天，调休上班 1 天，已加入" in result.output
    calendar = WorkdayCalendar.load(home)
    assert calendar.source(2027) == "国办发明电〔2026〕X号"
    assert calendar.is_workday(D(2027, 2, 13)) and not calendar.is_workday(D(2027, 2, 8))
    assert "春节 holiday" in calendar.why(D(2027, 2, 10))


def test_import_refuses_bad_date_and_writes_nothing(tmp_path: Path) -> None:
    listing = tmp_path / "2027.csv"
    listing.write_text("2027-01-01,放假,元旦\n2027-02-30,放假,春节\n", encoding="utf-8")
    result = _run(tmp_path, "import", str(listing))
    assert result.exit_code == 1
    assert "line 2" in result.output and "2027-02-30" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "holidays.toml").exists()


@pytest.mark.parametrize(("line", "message"), [
    ("2027-02-08,上班,春节", "Monday"),
    ("2027-02-07,加班,春节", "neither 放假"),
    ("2027-02-07", "expected DATE"),
])
def test_import_refuses_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    listing = tmp_path / "2027.txt"
    listing.write_text(f"2027-01-01,放假,元旦\n{line}\n", encoding="utf-8")
    result = _run(tmp_path, "import", str(listing))
    assert result.exit_code == 1 and message in result.output


def test_import_needs_year_when_holidays_span_two_years(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("2026-12-31,放假,元旦\n2027-01-01,放假,元旦\n", encoding="utf-8")
    assert "--year" in _run(tmp_path, "import", str(listing)).output
    assert _run(tmp_path, "import", str(listing), "--year", "2027").exit_code == 0
    assert not WorkdayCalendar.load(tmp_path).is_workday(D(2026, 12, 31))


def test_import_toml_replaces_its_year_keeps_others_and_backs_up(tmp_path: Path) -> None:
    _home_with(tmp_path, '[2028]\nholidays = ["2028-01-03"]\n\n[2027]\nholidays = ["2027-01-04"]\n')
    new = tmp_path / "new.toml"
    new.write_text(TOML_2027, encoding="utf-8")
    result = _run(tmp_path, "import", str(new))
    assert result.exit_code == 0, result.output
    assert "2027" in result.output and "已替换" in result.output
    calendar = WorkdayCalendar.load(tmp_path)
    assert calendar.is_workday(D(2027, 1, 4)) and not calendar.is_workday(D(2027, 1, 1))
    assert not calendar.is_workday(D(2028, 1, 3))
    assert "2027-01-04" in (tmp_path / "holidays.toml.bak").read_text(encoding="utf-8")


def test_import_over_package_year_says_so(tmp_path: Path) -> None:
    new = tmp_path / "fix.toml"
    new.write_text('[2026]\nholidays = ["2026-01-01..2026-01-03"]\n', encoding="utf-8")
    assert "取代内置数据" in _run(tmp_path, "import", str(new)).output


def test_show_lists_holidays_and_make_up_days(tmp_path: Path) -> None:
    result = _run(tmp_path, "show", "2024")
    assert result.exit_code == 0
    assert "chinesecalendar" in result.output
    assert "2024-10-01..2024-10-07  国庆节" in result.output
    assert "2024-10-12 周六  国庆节" in result.output
    assert "2024-09-29 周日  国庆节" in result.output


def test_show_year_without_data_says_provisional(tmp_path: Path) -> None:
    result = _run(tmp_path, "show", "2027")
    assert result.exit_code == 0
    assert "没有放假安排数据" in result.output and "暂定" in result.output


def test_show_reports_broken_holidays_toml_without_traceback(tmp_path: Path) -> None:
    _home_with(tmp_path, '[2027]\nholidays = ["2027-13-01"]\n')
    result = _run(tmp_path, "show", "2027")
    assert result.exit_code == 1
    assert "2027-13-01" in result.output and "Traceback" not in result.output


def test_docs_example_is_a_valid_holiday_file() -> None:
    text = (Path(__file__).parents[1] / "docs" / "holidays.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    notice = parse_holiday_tables(tomllib.loads(example), "docs/holidays.md")[2027]
    assert notice.source and notice.holidays and notice.workdays


def test_import_recounts_provisional_deadlines_and_lists_what_moved(tmp_path: Path) -> None:
    from intake.config import Config
    from intake.kernel import Status
    from intake.register import Register
    from tests.helpers import add_document, person
    home = tmp_path / "home"
    home.mkdir()
    register = Register(Config(home=home).database)
    # Received 2026-12-20: its 20 working days run into 2027, counted Mon-Fri only (provisional).
    document_id = add_document(register, WorkdayCalendar.load(home), received_on=D(2026, 12, 20),
                               status=Status.ACCEPTED, applicant=person("赵六"), provisional=True)
    register.close()
    listing = tmp_path / "2027.txt"
    listing.write_text("2027-01-01,放假,元旦\n", encoding="utf-8")
    result = _run(home, "import", str(listing))
    assert result.exit_code == 0, result.output
    assert f"#{document_id}  答复期限 2027-01-15 → 2027-01-18" in result.output
    register = Register(Config(home=home).database)
    row = register.get(document_id)
    assert row is not None and row.record is not None
    assert row.record.reply_due == D(2027, 1, 18) and not row.record.provisional_deadline
    assert register.events(document_id)[-1].actor == "holidays import"
    register.close()
    again = _run(home, "import", str(listing))
    assert "没有期限变动" in again.output
