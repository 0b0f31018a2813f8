"""Chinese working days: the State Council's yearly holiday notice, make-up weekends (调休) included.

Years 2004-2026 come from the `chinesecalendar` package; the office adds or corrects years in
HOME/holidays.toml (format: docs/holidays.md) as soon as the next notice is published, usually in
November. A day in a year that neither source covers is counted Monday-Friday only and every date
reached through it is *provisional*: it may move once that year's notice is known.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import chinese_calendar

logger = logging.getLogger(__name__)

HOLIDAY_FILE_NAME = "holidays.toml"
UNNAMED_HOLIDAY = "法定节假日"
UNNAMED_WORKDAY = "调休"
# A notice's longest run (春节 2020 extended) was 10 days; 31 catches "2027-02-06..2027-12-12".
_MAX_RANGE_DAYS = 31
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_RANGE_SEPARATORS = ("..", "至", "~", "～")
_YEAR_KEYS = frozenset({"holidays", "workdays", "source"})


class HolidayFileError(ValueError):
    """A holiday list the calendar cannot trust; the message names the place and the bad value."""


class DayKind(StrEnum):
    HOLIDAY = "holiday"            # 放假: a day off, even if it is a weekday
    MAKE_UP_WORKDAY = "workday"    # 调休上班: a weekend day that is worked


@dataclass(frozen=True, slots=True)
class NamedDay:
    on: dt.date
    name: str                      # the festival it belongs to, e.g. 国庆节


@dataclass(frozen=True, slots=True)
class YearNotice:
    """One year's holiday arrangement: the days off and the make-up working weekend days."""
    year: int
    holidays: tuple[NamedDay, ...]
    workdays: tuple[NamedDay, ...]
    source: str = ""


@dataclass(frozen=True, slots=True)
class WorkdayCount:
    """The n-th working day after `start`, and what the count passed on its way."""
    start: dt.date
    n: int
    due: dt.date
    skipped_holidays: tuple[NamedDay, ...]     # holiday days between start and due
    make_up_days: tuple[NamedDay, ...]         # weekend days counted because they are worked
    provisional_years: tuple[int, ...]         # years counted Mon-Fri only, for lack of a notice

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


class WorkdayCalendar:
    """Which days are working days; built once and passed to whatever counts deadlines.

    When two notices list the same day (a make-up day in December for next year's 元旦), the later
    notice in `notices` wins.
    """

    __slots__ = ("_days", "_sources")

    def __init__(self, notices: Iterable[YearNotice]) -> None:
        days: dict[dt.date, tuple[DayKind, str]] = {}
        sources: dict[int, str] = {}
        for notice in notices:
            sources[notice.year] = notice.source
            for day in notice.holidays:
                days[day.on] = (DayKind.HOLIDAY, day.name)
            for day in notice.workdays:
                days[day.on] = (DayKind.MAKE_UP_WORKDAY, day.name)
        self._days = days
        self._sources = sources

    @classmethod
    def load(cls, home: Path | None) -> WorkdayCalendar:
        """The package's years, replaced or extended year by year by HOME/holidays.toml."""
        notices = package_notices()
        if home is not None:
            path = home / HOLIDAY_FILE_NAME
            if path.exists():
                notices = merge_notices(notices, read_holiday_file(path))
        return cls(notices.values())

    def has_data(self, year: int) -> bool:
        return year in self._sources

    def source(self, year: int) -> str | None:
        """Where the year's arrangement comes from, or None when no notice is known."""
        return self._sources.get(year)

    def is_workday(self, day: dt.date) -> bool:
        entry = self._days.get(day)
        if entry is not None:
            return entry[0] is DayKind.MAKE_UP_WORKDAY
        return day.weekday() < 5

    def why(self, day: dt.date) -> str:
        """One short phrase saying why `day` is or is not worked."""
        entry = self._days.get(day)
        weekday = _WEEKDAYS_EN[day.weekday()]
        if entry is not None and entry[0] is DayKind.HOLIDAY:
            reason = f"{entry[1]} holiday (放假)"
        elif entry is not None:
            reason = f"make-up working {weekday} for {entry[1]} (调休上班)"
        elif day.weekday() >= 5:
            reason = f"weekend ({weekday})"
        else:
            reason = f"working day ({weekday})"
        if not self.has_data(day.year):
            reason += f"; no holiday notice for {day.year}, counted Mon-Fri only (provisional)"
        return reason

    def why_zh(self, day: dt.date) -> str:
        """`why` in the office's words."""
        entry = self._days.get(day)
        weekday = "周" + "一二三四五六日"[day.weekday()]
        if entry is not None and entry[0] is DayKind.HOLIDAY:
            reason = f"{entry[1]}放假"
        elif entry is not None:
            reason = f"{entry[1]}调休上班日（{weekday}）"
        elif day.weekday() >= 5:
            reason = f"休息日（{weekday}）"
        else:
            reason = f"工作日（{weekday}）"
        if not self.has_data(day.year):
            reason += f"；{day.year}年放假安排尚未公布，按周一至周五计算（暂定）"
        return reason

    def year_notice(self, year: int) -> YearNotice | None:
        """The days of `year` as the calendar sees them, whichever notice listed them."""
        if not self.has_data(year):
            return None
        holidays: list[NamedDay] = []
        workdays: list[NamedDay] = []
        for day, (kind, name) in sorted(self._days.items()):
            if day.year == year:
                (holidays if kind is DayKind.HOLIDAY else workdays).append(NamedDay(day, name))
        return YearNotice(year, tuple(holidays), tuple(workdays), self._sources[year])

    def nth_workday_after(self, start: dt.date, n: int) -> WorkdayCount:
        """The n-th working day after `start`; `start` itself is never counted (民法典 Art. 201)."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        day, counted = start, 0
        skipped: list[NamedDay] = []
        made_up: list[NamedDay] = []
        missing_years: set[int] = set()
        while counted < n:
            day += dt.timedelta(days=1)
            if not self.has_data(day.year):
                missing_years.add(day.year)
            entry = self._days.get(day)
            if self.is_workday(day):
                counted += 1
                if entry is not None:
                    made_up.append(NamedDay(day, entry[1]))
            elif entry is not None:
                skipped.append(NamedDay(day, entry[1]))
        if missing_years:
            logger.debug(
                "no holiday notice for %s: %d working days after %s counted Mon-Fri only (provisional); "
                "add the year to HOME/%s", ", ".join(map(str, sorted(missing_years))), n, start,
                HOLIDAY_FILE_NAME)
        return WorkdayCount(start, n, day, tuple(skipped), tuple(made_up), tuple(sorted(missing_years)))

    def nth_workday_before(self, end: dt.date, n: int) -> dt.date:
        """The n-th working day before `end`, `end` not counted: the inverse of nth_workday_after."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        day, counted = end, 0
        while counted < n:
            day -= dt.timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return day


# ---------------------------------------------------------------- the package's years
def package_notices() -> dict[int, YearNotice]:
    """chinesecalendar's data grouped by calendar year, names in Chinese as the notices write them."""
    chinese_names = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
    source = f"chinesecalendar {chinese_calendar.__version__}"
    holidays: dict[int, list[NamedDay]] = {}
    workdays: dict[int, list[NamedDay]] = {}
    for day, name in sorted(chinese_calendar.holidays.items()):
        holidays.setdefault(day.year, []).append(NamedDay(day, chinese_names.get(name, name)))
    for day, name in sorted(chinese_calendar.workdays.items()):
        workdays.setdefault(day.year, []).append(NamedDay(day, chinese_names.get(name, name)))
    # Every covered year has at least 元旦, so the holiday keys give the covered span.
    return {
        year: YearNotice(year, tuple(holidays[year]), tuple(workdays.get(year, ())), source)
        for year in range(min(holidays), max(holidays) + 1)
    }


def merge_notices(base: Mapping[int, YearNotice], overrides: Mapping[int, YearNotice]) -> dict[int, YearNotice]:
    """A year in `overrides` replaces that year of `base` entirely, so a corrected notice can also drop days."""
    replaced = set(overrides)
    merged = {
        year: YearNotice(
            year,
            tuple(d for d in notice.holidays if d.on.year not in replaced),
            tuple(d for d in notice.workdays if d.on.year not in replaced),
            notice.source,
        )
        for year, notice in base.items()
        if year not in replaced
    }
    # Overrides go last so that, on a day listed by both, WorkdayCalendar takes the override.
    merged.update(overrides)
    return merged


# ---------------------------------------------------------------- HOME/holidays.toml
def parse_day(text: str) -> dt.date:
    """A date as the office types it: 2027-02-07, 2027/2/7, 2027.2.7 or 2027年2月7日."""
    match = _DAY_RE.match(text)
    if match is None:
        raise HolidayFileError(f"{text!r} is not a date (write it as YYYY-MM-DD)")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise HolidayFileError(f"{text!r} is not a date of the calendar: {exc}") from exc


def parse_days(text: str) -> list[dt.date]:
    """One date, or an inclusive range such as 2027-02-06..2027-02-12 (also 至, ~)."""
    for separator in _RANGE_SEPARATORS:
        if separator in text:
            first_text, _, last_text = text.partition(separator)
            first, last = parse_day(first_text), parse_day(last_text)
            if not first <= last:
                raise HolidayFileError(f"{text!r}: the range ends before it starts")
            if (last - first).days >= _MAX_RANGE_DAYS:
                raise HolidayFileError(f"{text!r}: a range longer than {_MAX_RANGE_DAYS} days is surely a typo")
            return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [parse_day(text)]


def read_holiday_file(path: Path) -> dict[int, YearNotice]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise HolidayFileError(f"{path}: not a valid UTF-8 TOML file: {exc}") from exc
    return parse_holiday_tables(raw, origin=str(path))


def parse_holiday_tables(raw: Mapping[str, object], origin: str) -> dict[int, YearNotice]:
    """Check every year table of a holidays.toml; refuse the whole file on the first bad value."""
    notices: dict[int, YearNotice] = {}
    seen: dict[dt.date, str] = {}
    for key, table in raw.items():
        where = f"{origin} [{key}]"
        if not re.fullmatch(r"\d{4}", key) or not 1900 <= int(key) <= 2100:
            raise HolidayFileError(f"{where}: a table name must be a year such as [2027]")
        if not isinstance(table, dict):
            raise HolidayFileError(f"{where}: must be a table of holidays, workdays and source")
        year = int(key)
        unknown = set(table) - _YEAR_KEYS
        if unknown:
            raise HolidayFileError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_YEAR_KEYS)}")
        source = table.get("source", "")
        if not isinstance(source, str):
            raise HolidayFileError(f"{where}: source must be a string such as \"国办发明电〔2026〕X号\"")
        holidays = _named_days(table.get("holidays"), year, UNNAMED_HOLIDAY, f"{where} holidays")
        workdays = _named_days(table.get("workdays", []), year, UNNAMED_WORKDAY, f"{where} workdays")
        if not holidays:
            raise HolidayFileError(f"{where}: holidays is missing or empty; every notice has at least 元旦")
        for day in workdays:
            if day.on.weekday() < 5:
                raise HolidayFileError(
                    f"{where} workdays: {day.on} is a {_WEEKDAYS_EN[day.on.weekday()]}; "
                    "a make-up working day (调休上班) is always a Saturday or Sunday")
        for day in (*holidays, *workdays):
            if day.on in seen:
                raise HolidayFileError(f"{where}: {day.on} is listed twice (also in {seen[day.on]})")
            seen[day.on] = where
        notices[year] = YearNotice(year, tuple(sorted(holidays, key=_on)), tuple(sorted(workdays, key=_on)), source)
    return notices


def _on(day: NamedDay) -> dt.date:
    return day.on


def _named_days(value: object, year: int, default_name: str, where: str) -> list[NamedDay]:
    """`["2027-01-01", ...]` (unnamed) or `{ "春节" = ["2027-02-06..2027-02-12"] }` (named)."""
    if value is None:
        return []
    groups: Mapping[str, object] = value if isinstance(value, dict) else {default_name: value}
    days: list[NamedDay] = []
    for name, entries in groups.items():
        if not name.strip():
            raise HolidayFileError(f"{where}: a festival name is empty")
        if not isinstance(entries, list):
            raise HolidayFileError(f"{where}: {name}: expected a list of dates, got {entries!r}")
        for entry in entries:
            for day in _entry_days(entry, f"{where}: {name}"):
                # The notice for year Y can put a make-up day in late December of Y-1 (元旦 2012).
                if day.year not in (year - 1, year):
                    raise HolidayFileError(f"{where}: {day} is not in {year} (or late {year - 1})")
                days.append(NamedDay(day, name.strip()))
    return days


def _entry_days(entry: object, where: str) -> list[dt.date]:
    if isinstance(entry, dt.datetime):
        raise HolidayFileError(f"{where}: {entry} has a time; write the date only")
    if isinstance(entry, dt.date):
        return [entry]
    if isinstance(entry, str):
        try:
            return parse_days(entry)
        except HolidayFileError as exc:
            raise HolidayFileError(f"{where}: {exc}") from exc
    raise HolidayFileError(f"{where}: {entry!r} is not a date")


def render_holiday_file(notices: Mapping[int, YearNotice]) -> str:
    """The TOML text for `notices`, consecutive days of one festival written as a range."""
    lines = [
        "# Holiday arrangements (国务院办公厅 部分节假日安排的通知) added or corrected by the office.",
        "# A year here replaces the built-in data for that year. Format: docs/holidays.md.",
    ]
    for year in sorted(notices):
        notice = notices[year]
        lines += ["", f"[{year}]", f"source = {_toml_string(notice.source)}", "", f"[{year}.holidays]"]
        lines += _render_group(notice.holidays)
        if notice.workdays:
            lines += ["", f"[{year}.workdays]"]
            lines += _render_group(notice.workdays)
    return "\n".join(lines) + "\n"


def _render_group(days: Iterable[NamedDay]) -> list[str]:
    by_name: dict[str, list[dt.date]] = {}
    for day in days:
        by_name.setdefault(day.name, []).append(day.on)
    return [
        f"{_toml_string(name)} = [{', '.join(_toml_string(run) for run in date_runs(dates))}]"
        for name, dates in by_name.items()
    ]


def date_runs(dates: Iterable[dt.date]) -> list[str]:
    """Sorted dates as '2027-02-06..2027-02-12' for consecutive runs, a single date otherwise."""
    runs: list[list[dt.date]] = []
    for day in sorted(set(dates)):
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return [run[0].isoformat() if len(run) == 1 else f"{run[0]}..{run[-1]}" for run in runs]


def _toml_string(text: str) -> str:
    # JSON's escapes (\" \\ \n \uXXXX) are all valid in a TOML basic string.
    return json.dumps(text, ensure_ascii=False)
