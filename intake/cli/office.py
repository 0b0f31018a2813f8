"""Commands for the office: status, show, reprocess, due, extend — each a thin layer over the register."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import click

from intake.kernel import EnvironmentFault, Status
from intake.masking import mask
from intake.register import AmbiguousKey, DocumentRow, Register, RowState


@click.command(help="Counts by route and status, what waits for review, what is due soon. 概况。")
@click.pass_obj
def status(app: Any) -> None:
    services = app.services()
    register = services.register
    rows = register.counts()
    click.echo(f"HOME {app.home}")
    if not rows:
        click.echo("No documents yet. 暂无文件。")
    total = sum(row.count for row in rows)
    click.echo(f"{'route':<14}{'status':<18}{'n':>5}")
    for row in rows:
        click.echo(f"{row.route:<14}{row.status:<18}{row.count:>5}")
    click.echo(f"{'total':<32}{total:>5}")
    waiting = register.count(statuses=(Status.NEEDS_REVIEW, Status.NEEDS_CORRECTION, Status.FAILED))
    click.echo(f"\nWaiting for the office (review / correction / failed): {waiting}")
    pending = register.count(state=RowState.PROCESSING)
    if pending:
        click.echo(f"Still being processed or interrupted: {pending}")
    provisional = register.count(provisional=True)
    if provisional:
        click.echo(f"Provisional deadlines (no holiday data for the year): {provisional} — see `intake holidays`")
    from intake.reports.repeats import REPEAT_THRESHOLD, REPEAT_WINDOW_DAYS, repeat_applicants
    repeats = repeat_applicants(register.summaries(), dt.date.today())
    if repeats:
        click.echo(f"Repeat applicants (Art. 35: ≥{REPEAT_THRESHOLD} in {REPEAT_WINDOW_DAYS} days): {len(repeats)}")
        for repeat in repeats[:5]:
            click.echo(f"  {repeat.applicant} ({repeat.identity}): {repeat.applications} applications, "
                       f"{repeat.first} – {repeat.last}, #{', #'.join(map(str, repeat.document_ids))}")
    due = _due_rows(services, within_days=5)
    click.echo(f"Due within 5 working days or overdue: {len(due)}")
    for row in due[:10]:
        click.echo(f"  {row['due']}  {row['what']:<16} #{row['id']:<5} {mask(row['name'] or '-')}")


@click.command(help="Show one document's record, deadlines and history. 查看一件。ID is the row number or a sha256 prefix.")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.pass_obj
def show(app: Any, key: str, as_json: bool) -> None:
    services = app.services()
    row = _find(services.register, key)
    if as_json:
        click.echo(json.dumps(row.record.to_json() if row.record else None, ensure_ascii=False, indent=2))
        return
    record = row.record.to_json() if row.record else {}
    click.echo(f"#{row.id}  sha256 {row.sha256}\nstate: {row.state}   archive: {row.archive_path}")
    for key_name in ("source", "channel", "marked", "route", "status", "received_on", "correction_due",
                     "reply_due", "duplicate_of", "confidence", "error", "missing"):
        click.echo(f"  {key_name:<15} {record.get(key_name)}")
    for part in ("applicant", "request", "delivery"):
        value = record.get(part)
        if value:
            click.echo(f"  {part}:")
            for name, item in value.items():
                click.echo(f"    {name:<15} {item}")
    explanation = _explain_deadlines(services, row)
    if explanation:
        click.echo("  how the deadlines were counted:")
        for line in explanation:
            click.echo(f"    {line}")
    click.echo("  history:")
    for event in services.register.events(row.id):
        detail = json.dumps(event.detail, ensure_ascii=False)
        click.echo(f"    {event.at}  {event.kind:<12} {event.actor:<10} {mask(detail)}")


@click.command(help="Process an archived original again (after fixing the cause of a failure). 重新处理。")
@click.argument("key")
@click.pass_obj
def reprocess(app: Any, key: str) -> None:
    from intake.pipeline.runner import reprocess as reprocess_row
    services = app.services()
    row = _find(services.register, key)
    if not row.archive_path or not Path(row.archive_path).exists():
        raise click.ClickException(f"#{row.id} has no archived original to read again")
    try:
        with app.readers(services):
            record = reprocess_row(row, services)
    except EnvironmentFault as fault:
        raise click.ClickException(str(fault)) from fault
    click.echo(f"#{row.id}: {record.route}/{record.status}" + (f" — {record.error}" if record.error else ""))


@click.command(help="What is due or overdue, soonest first. 期限清单。")
@click.option("--within", default=10, show_default=True, help="Working days ahead to include.")
@click.pass_obj
def due(app: Any, within: int) -> None:
    services = app.services()
    rows = _due_rows(services, within_days=within)
    if not rows:
        click.echo("Nothing due. 暂无到期事项。")
    today = dt.date.today()
    for row in rows:
        flag = "OVERDUE 已逾期" if row["due"] < today.isoformat() else ""
        click.echo(f"{row['due']}  {row['what']:<16} #{row['id']:<5} {mask(row['name'] or '-'):<20} {flag}")


@click.command(help="Extend the reply deadline by 20 working days (Art. 33). 延期答复。")
@click.argument("key")
@click.option("--reason", required=True, help="Why the extension is needed (recorded).")
@click.option("--by", "actor", default="office", show_default=True, help="Who extends.")
@click.pass_obj
def extend(app: Any, key: str, reason: str, actor: str) -> None:
    from intake.office.actions import ReviewActionError
    from intake.office.actions import extend as extend_reply
    services = app.services()
    row = _find(services.register, key)
    try:
        record = extend_reply(services, row.id, reason, actor=actor)
    except ReviewActionError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"#{row.id}: reply now due {record.reply_due}")


@click.command(help="""Back up what the office cannot make again, safely while the service runs: the register
(SQLite online backup), every archived original, intake.toml, the holiday file and templates/.
备份登记库与全部原件。\n\nTARGET is a new folder (default: HOME/backups/YYYYMMDD-HHMMSS/).""")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.pass_obj
def backup(app: Any, target: Path | None) -> None:
    from intake.deadlines.workdays import HOLIDAY_FILE_NAME
    services = app.services()
    if target is None:
        target = app.home / "backups" / f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    if target.exists():
        raise click.ClickException(f"{target} exists; a backup never overwrites anything")
    try:
        # The register first: every original it names is in the archive before it is copied.
        services.register.backup(target / "register.db")
        originals, size = _copy_folder(services.config.archive, target / "archive")
        for name in ("intake.toml", HOLIDAY_FILE_NAME):
            if (app.home / name).is_file():
                shutil.copy2(app.home / name, target / name)
        if (app.home / "templates").is_dir():
            _copy_folder(app.home / "templates", target / "templates")
    except OSError as exc:
        fault = EnvironmentFault.from_os_error(exc, str(target))
        raise click.ClickException(f"backup not complete: {fault or exc}") from exc
    check = Register(target / "register.db").check_integrity()
    click.echo(f"backup written: {target}\n  register.db (integrity: {check})\n"
               f"  archive/: {originals} originals, {size / 1e6:.1f} MB, each checked against its copy")


def _copy_folder(source: Path, target: Path) -> tuple[int, int]:
    """Every finished file under `source` (not .partial ones being written), copied and compared."""
    copied = size = 0
    for folder, _dirs, files in os.walk(source):
        for name in files:
            if name.endswith(".partial"):
                continue
            origin = Path(folder) / name
            copy = target / origin.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, copy)
            if copy.stat().st_size != origin.stat().st_size:
                raise click.ClickException(f"the copy of {origin} differs in size; backup not complete")
            copied += 1
            size += copy.stat().st_size
    return copied, size


def _find(register: Register, key: str) -> DocumentRow:
    try:
        row = register.find(key)
    except AmbiguousKey as exc:
        raise click.ClickException(str(exc)) from exc
    if row is None:
        raise click.ClickException(f"no document {key!r}")
    return row


def _due_rows(services: Any, within_days: int) -> list[dict[str, Any]]:
    today = dt.date.today()
    horizon = services.calendar.nth_workday_after(today, within_days).due
    rows: list[dict[str, Any]] = []
    for document_id, record in services.register.open_deadlines():
        for due, what, answer in ((record.correction_due, "correction 补正", "notice_sent"),
                                  (record.reply_due, "reply 答复", "replied")):
            if due and due <= horizon and not services.register.events(document_id, answer):
                name = record.applicant.name if record.applicant else None
                rows.append({"id": document_id, "due": due.isoformat(), "what": what, "name": name})
    return sorted(rows, key=lambda r: r["due"])


def _explain_deadlines(services: Any, row: DocumentRow) -> list[str]:
    from intake.deadlines.periods import clock_events, compute_deadlines
    record = row.record
    if record is None or record.status not in (Status.ACCEPTED, Status.NEEDS_CORRECTION):
        return []
    deadlines = compute_deadlines(record.received_on, record.status, clock_events(services.register.events(row.id)),
                                  services.calendar)
    return list(deadlines.explanation)


COMMANDS: list[click.Command] = [status, show, reprocess, due, extend, backup]
