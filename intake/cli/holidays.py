"""`intake holidays`: see and update the holiday arrangements that deadlines are counted with.

The main CLI puts an object with `home: Path` into `ctx.obj`; this group reads and writes
HOME/holidays.toml only (format and yearly routine: docs/holidays.md).
"""
from __future__ import annotations

import os
import re
import shutil
import tomllib
from pathlib import Path

import click

from intake.deadlines.workdays import (
    HOLIDAY_FILE_NAME,
    UNNAMED_HOLIDAY,
    UNNAMED_WORKDAY,
    DayKind,
    HolidayFileError,
    NamedDay,
    WorkdayCalendar,
    YearNotice,
    date_runs,
    package_notices,
    parse_days,
    parse_holiday_tables,
    read_holiday_file,
    render_holiday_file,
)

_WEEKDAYS = "一二三四五六日"
# What the office may write in the second column of a text list.
_KIND_WORDS = {
    "放假": DayKind.HOLIDAY, "休": DayKind.HOLIDAY, "假": DayKind.HOLIDAY, "holiday": DayKind.HOLIDAY,
    "上班": DayKind.MAKE_UP_WORKDAY, "班": DayKind.MAKE_UP_WORKDAY, "调休上班": DayKind.MAKE_UP_WORKDAY,
    "workday": DayKind.MAKE_UP_WORKDAY,
}
# Comma, full-width comma (Chinese input method) or tab (a column pasted from a spreadsheet).
_FIELD_SEPARATOR = re.compile(r"[,，\t]")


@click.group("holidays")
def holidays() -> None:
    """Public holidays and make-up working days (调休) used to count deadlines."""


@holidays.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=int, default=None,
              help="Year of the notice (text lists only; needed when its holidays span two years).")
@click.option("--source", default="", help="The notice's number, e.g. 国办发明电〔2026〕X号 (text lists only).")
@click.pass_context
def import_command(ctx: click.Context, file: Path, year: int | None, source: str) -> None:
    """Check FILE and merge its years into HOME/holidays.toml.

    FILE is a holidays.toml-style file (*.toml) or a text list (any other name), one line per date
    or range: DATE[..DATE], 放假|上班, NAME. A year in FILE replaces that whole year.
    """
    home: Path = ctx.obj.home
    try:
        if file.suffix.lower() == ".toml":
            imported = read_holiday_file(file)
        else:
            imported = parse_holiday_list(file.read_text(encoding="utf-8-sig"), year, source, str(file))
    except (HolidayFileError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"未导入：{exc}") from exc
    if not imported:
        raise click.ClickException(f"未导入：{file} 中没有任何年份")
    path = home / HOLIDAY_FILE_NAME
    try:
        existing = read_holiday_file(path) if path.exists() else {}
    except HolidayFileError as exc:
        raise click.ClickException(f"请先修正 {path}，它无法读取：{exc}") from exc
    built_in = package_notices()
    for notice in imported.values():
        action = "替换" if notice.year in existing else "加入"
        overrides = "（取代内置数据）" if notice.year in built_in else ""
        click.echo(f"{notice.year}年：放假 {len(notice.holidays)} 天，调休上班 {len(notice.workdays)} 天，已{action} {path}"
                   f"{overrides}")
    _write_holiday_file(path, {**existing, **imported})
    # Deadlines counted without this notice (provisional) or with an older one follow it now.
    from intake.cli.office import echo_recount
    echo_recount(ctx.obj.services(), actor="holidays import")


@holidays.command("show")
@click.argument("year", type=int)
@click.pass_context
def show_command(ctx: click.Context, year: int) -> None:
    """List YEAR's holidays and make-up working days, and where they come from."""
    home: Path = ctx.obj.home
    try:
        calendar = WorkdayCalendar.load(home)
    except HolidayFileError as exc:
        raise click.ClickException(str(exc)) from exc
    notice = calendar.year_notice(year)
    if notice is None:
        click.echo(f"{year}年：没有放假安排数据。该年度的期限按周一至周五计算并标为暂定。"
                   f"请用 `intake holidays import 文件` 导入国务院办公厅的放假通知。")
        return
    click.echo(f"{year}年放假安排，来源：{notice.source or HOLIDAY_FILE_NAME}")
    click.echo("放假：")
    for name, run in _runs_by_name(notice.holidays):
        click.echo(f"  {run}  {name}")
    click.echo("调休上班：" if notice.workdays else "调休上班：无")
    for day in notice.workdays:
        click.echo(f"  {day.on} 周{_WEEKDAYS[day.on.weekday()]}  {day.name}")


def parse_holiday_list(text: str, year: int | None, source: str, origin: str) -> dict[int, YearNotice]:
    """A typed-in list, one line per date or range: `2027-02-06..2027-02-12, 放假, 春节`."""
    groups: dict[DayKind, dict[str, list[str]]] = {DayKind.HOLIDAY: {}, DayKind.MAKE_UP_WORKDAY: {}}
    holiday_years: set[int] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        fields = [field.strip() for field in _FIELD_SEPARATOR.split(line.split("#", 1)[0])]
        if not any(fields):
            continue
        if number == 1 and not re.search(r"\d", fields[0]):
            continue    # a header row such as 日期,类型,名称
        where = f"{origin} line {number}"
        if len(fields) not in (2, 3):
            raise HolidayFileError(f"{where}: expected DATE, 放假|上班, NAME; got {line.strip()!r}")
        kind = _KIND_WORDS.get(fields[1].lower())
        if kind is None:
            raise HolidayFileError(f"{where}: {fields[1]!r} is neither 放假 (holiday) nor 上班 (workday)")
        try:
            days = parse_days(fields[0])
        except HolidayFileError as exc:
            raise HolidayFileError(f"{where}: {exc}") from exc
        name = fields[2] if len(fields) == 3 and fields[2] else (
            UNNAMED_HOLIDAY if kind is DayKind.HOLIDAY else UNNAMED_WORKDAY)
        groups[kind].setdefault(name, []).extend(day.isoformat() for day in days)
        if kind is DayKind.HOLIDAY:
            holiday_years.update(day.year for day in days)
    if year is None:
        if len(holiday_years) != 1:
            raise HolidayFileError(
                f"{origin}: the holidays fall in {sorted(holiday_years) or 'no year'}; say which notice with --year")
        year = holiday_years.pop()
    table = {"holidays": groups[DayKind.HOLIDAY], "workdays": groups[DayKind.MAKE_UP_WORKDAY], "source": source}
    return parse_holiday_tables({str(year): table}, origin)


def _write_holiday_file(path: Path, notices: dict[int, YearNotice]) -> None:
    """Replace the file in one step, keeping the previous version as holidays.toml.bak."""
    text = render_holiday_file(notices)
    # Reading back what we are about to write catches a rendering bug before it costs the office a file.
    if parse_holiday_tables(tomllib.loads(text), origin="rendered") != notices:
        raise click.ClickException("internal error: the merged holiday file does not read back the same")
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise click.ClickException(f"could not write {path}: {exc}") from exc


def _runs_by_name(days: tuple[NamedDay, ...]) -> list[tuple[str, str]]:
    by_name: dict[str, list[NamedDay]] = {}
    for day in days:
        by_name.setdefault(day.name, []).append(day)
    runs = [(name, run) for name, named in by_name.items() for run in date_runs(day.on for day in named)]
    return sorted(runs, key=lambda pair: pair[1])
