"""Commands for the office: status, show, reprocess, due, extend, recount, backup — each a thin
layer over the register, speaking the office's language (labels from intake.review.labels)."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import click

from intake.kernel import EnvironmentFault, Status, office_error
from intake.masking import mask
from intake.register import AmbiguousKey, DocumentRow, Register, RowState
from intake.review import labels


@click.command(help="Counts by route and status, what waits for review, what is due soon. 概况。")
@click.pass_obj
def status(app: Any) -> None:
    services = app.services()
    register = services.register
    rows = register.counts()
    click.echo(f"工作目录 {app.home}")
    if not rows:
        click.echo("暂无文件。")
    total = sum(row.count for row in rows)
    click.echo(f"{'类型':<12}{'状态':<12}{'件数':>5}")
    for row in rows:
        click.echo(f"{_pad(labels.label(labels.ROUTES, row.route), 12)}{_pad(labels.label(labels.STATUSES, row.status), 12)}"
                   f"{row.count:>5}")
    click.echo(f"{_pad('合计', 24)}{total:>5}")
    waiting = register.count(statuses=(Status.NEEDS_REVIEW, Status.NEEDS_CORRECTION, Status.FAILED))
    click.echo(f"\n待办公室处理（待审核 / 需补正 / 无法读取）：{waiting}")
    pending = register.count(state=RowState.PROCESSING)
    if pending:
        click.echo(f"正在处理或被中断：{pending}")
    provisional = register.count(provisional=True)
    if provisional:
        click.echo(f"暂定期限（该年度放假安排尚未公布）：{provisional} 件，见 `intake holidays`")
    from intake.reports.repeats import REPEAT_THRESHOLD, REPEAT_WINDOW_DAYS, repeat_applicants
    repeats = repeat_applicants(register.summaries(), dt.date.today())
    if repeats:
        click.echo(f"多次申请的申请人（第三十五条：{REPEAT_WINDOW_DAYS} 天内不少于 {REPEAT_THRESHOLD} 件）：{len(repeats)}")
        for repeat in repeats[:5]:
            click.echo(f"  {repeat.applicant}（{repeat.identity}）：{repeat.applications} 件，"
                       f"{repeat.first} 至 {repeat.last}，#{'、#'.join(map(str, repeat.document_ids))}")
    due_rows = _due_rows(services, within_days=5)
    click.echo(f"5个工作日内到期或已逾期：{len(due_rows)}")
    for row in due_rows[:10]:
        click.echo(f"  {row['due']}  {_pad(row['what'], 12)} #{row['id']:<5} {mask(row['name'] or '-')}")


def _pad(text: str, width: int) -> str:
    """Left-justified to `width` columns, a CJK character counting two."""
    shown = sum(2 if ord(char) > 0x2E80 else 1 for char in text)
    return text + " " * max(1, width - shown)


SHOWN_KEYS = (("source", "来源"), ("channel", "渠道"), ("marked", "标有申请字样"), ("route", "类型"),
              ("status", "状态"), ("received_on", "收到日期"), ("correction_due", "补正告知期限"),
              ("reply_due", "答复期限"), ("duplicate_of", "重复于"), ("confidence", "可信度"), ("error", "错误"),
              ("missing", "缺项"))


@click.command(help="Show one document's record, deadlines, letters and history. 查看一件。"
                    "ID is the row number or a sha256 prefix.")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.pass_obj
def show(app: Any, key: str, as_json: bool) -> None:
    from intake.review import history
    services = app.services()
    row = _find(services.register, key)
    if as_json:
        click.echo(json.dumps(row.record.to_json() if row.record else None, ensure_ascii=False, indent=2))
        return
    record = row.record.to_json() if row.record else {}
    click.echo(f"#{row.id}  sha256 {row.sha256}\n状态：{'已登记' if row.state == RowState.DONE else '处理中'}"
               f"   归档：{row.archive_path or '（无）'}")
    for key_name, title in SHOWN_KEYS:
        click.echo(f"  {_pad(title, 14)}{_value(key_name, record.get(key_name))}")
    for part, title in (("applicant", "申请人"), ("request", "所需信息"), ("delivery", "获取方式")):
        value = record.get(part)
        if value:
            click.echo(f"  {title}：")
            for name, item in value.items():
                click.echo(f"    {_pad(labels.FIELDS.get(f'{part}.{name}', name), 22)}"
                           f"{history.value_text(f'{part}.{name}', item)}")
    explanation = _explain_deadlines(services, row)
    if explanation:
        click.echo("  期限计算：")
        for line in explanation:
            click.echo(f"    {line}")
    _show_letters(services, row.id)
    click.echo("  处理记录：")
    for event in services.register.events(row.id):
        entry = history.entry(event)
        said = "；".join([f"{change.what} {change.before} → {change.after}" for change in entry.changes]
                        + [f"{what} {text}" for what, text in entry.notes])
        click.echo(f"    {entry.at}  {_pad(entry.label, 16)}{_pad(entry.actor, 10)}{mask(said)}")


def _value(key: str, value: Any) -> str:
    if key == "error":
        return office_error(value) or "（无）"
    if key == "marked":
        return "是" if value else "否"
    if key == "missing":
        return "、".join(labels.label(labels.MISSING, item) for item in value or ()) or "（无）"
    if key == "channel":
        return labels.label(labels.CHANNELS, value)
    if key in ("route", "status"):
        return labels.label(labels.ROUTES if key == "route" else labels.STATUSES, value)
    return "（无）" if value is None else str(value)


def _show_letters(services: Any, document_id: int) -> None:
    from intake.letters.kinds import KINDS, LetterKind
    from intake.register.letters import SENT_WAYS, LetterBook
    letters = LetterBook(services.register).of_document(document_id)
    if not letters:
        return
    click.echo("  文书：")
    for letter in letters:
        sent = (f"{letter.sent_on} {SENT_WAYS.get(letter.sent_way or '', '')}发出" if letter.sent_on else "未发出")
        files = next((name for name in letter.files if name.endswith(".docx")), "")
        click.echo(f"    [{letter.id}] {letter.reference}  {KINDS[LetterKind(letter.kind)].title}  {letter.dated}  "
                   f"{sent}  {files}")


@click.command(help="Process an archived original again (after fixing the cause of a failure). 重新处理。")
@click.argument("key")
@click.pass_obj
def reprocess(app: Any, key: str) -> None:
    from intake.pipeline.runner import reprocess as reprocess_row
    services = app.services()
    row = _find(services.register, key)
    if not row.archive_path or not Path(row.archive_path).exists():
        raise click.ClickException(f"#{row.id} 没有可重新读取的归档原件")
    try:
        with app.readers(services):
            record = reprocess_row(row, services)
    except EnvironmentFault as fault:
        raise click.ClickException(str(fault)) from fault
    click.echo(f"#{row.id}：{labels.label(labels.ROUTES, record.route)} / {labels.label(labels.STATUSES, record.status)}"
               + (f" — {office_error(record.error)}" if record.error else ""))


@click.command(help="What is due or overdue, soonest first. 期限清单。")
@click.option("--within", default=10, show_default=True, help="Working days ahead to include.")
@click.pass_obj
def due(app: Any, within: int) -> None:
    services = app.services()
    rows = _due_rows(services, within_days=within)
    today = dt.date.today()
    if not rows:
        click.echo(f"{within} 个工作日内没有到期事项。")
        return
    click.echo(f"{_pad('期限', 12)}{_pad('事项', 14)}{_pad('编号', 7)}{_pad('申请人', 20)}提示")
    for row in rows:
        flag = "已逾期" + ("（暂定）" if row["provisional"] else "") if row["due"] < today.isoformat() \
            else ("暂定" if row["provisional"] else "")
        click.echo(f"{_pad(row['due'], 12)}{_pad(row['what'], 14)}{_pad('#' + str(row['id']), 7)}"
                   f"{_pad(mask(row['name'] or '-'), 20)}{flag}")
    if any(row["provisional"] for row in rows):
        click.echo("\n暂定：该年度放假安排尚未公布，期限按周一至周五计算；导入放假安排后用 `intake recount` 重新计算。")


@click.command(help="Extend the reply deadline by 20 working days (Art. 33) and draft the 延期答复告知书. 延期答复。")
@click.argument("key")
@click.option("--reason", required=True, help="Why the extension is needed (recorded, and said in the letter).")
@click.option("--by", "actor", default="office", show_default=True, help="Who extends.")
@click.pass_obj
def extend(app: Any, key: str, reason: str, actor: str) -> None:
    from intake.letters.kinds import LetterKind
    from intake.office.actions import ReviewActionError
    from intake.office.actions import extend as extend_reply
    from intake.register.letters import LetterBook
    services = app.services()
    row = _find(services.register, key)
    try:
        record = extend_reply(services, row.id, reason, actor=actor)
    except ReviewActionError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"#{row.id}：答复期限延长至 {record.reply_due}（第三十三条）")
    notices = [letter for letter in LetterBook(services.register).of_document(row.id)
               if letter.kind == LetterKind.EXTENSION]
    if notices:
        click.echo(f"已起草延期答复告知书 {notices[-1].reference}：{notices[-1].files[0]}")


@click.command(help="Count every open deadline again with the holiday data as it is now. 重新计算期限。")
@click.pass_obj
def recount(app: Any) -> None:
    echo_recount(app.services(), actor="office")


def echo_recount(services: Any, *, actor: str) -> None:
    from intake.office.recount import recount_open_deadlines
    moved = recount_open_deadlines(services, actor=actor)
    if not moved:
        click.echo("重新计算期限：没有期限变动。")
        return
    click.echo(f"重新计算期限：{len(moved)} 项变动")
    for item in moved:
        still = "（仍为暂定）" if item.provisional else ""
        click.echo(f"  #{item.document_id}  {item.what} {item.before or '（无）'} → {item.after or '（无）'}{still}")


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
        raise click.ClickException(f"{target} 已存在；备份从不覆盖已有文件")
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
        raise click.ClickException(f"备份未完成：{fault or exc}") from exc
    check = Register(target / "register.db").check_integrity()
    click.echo(f"备份已写出：{target}\n  register.db（完整性检查：{'正常' if check == 'ok' else check}）\n"
               f"  archive/：{originals} 份原件，{size / 1e6:.1f} MB，每份都已与副本核对")


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
                raise click.ClickException(f"{origin} 的副本大小不符，备份未完成")
            copied += 1
            size += copy.stat().st_size
    return copied, size


def _find(register: Register, key: str) -> DocumentRow:
    try:
        row = register.find(key)
    except AmbiguousKey as exc:
        raise click.ClickException(str(exc)) from exc
    if row is None:
        raise click.ClickException(f"没有编号为 {key!r} 的文件")
    return row


def _due_rows(services: Any, within_days: int) -> list[dict[str, Any]]:
    today = dt.date.today()
    horizon = services.calendar.nth_workday_after(today, within_days).due
    rows: list[dict[str, Any]] = []
    for document_id, record in services.register.open_deadlines():
        for due_on, what, answer in ((record.correction_due, "补正告知", "notice_sent"),
                                     (record.reply_due, "答复", "replied")):
            if due_on and due_on <= horizon and not services.register.events(document_id, answer):
                name = record.applicant.name if record.applicant else None
                rows.append({"id": document_id, "due": due_on.isoformat(), "what": what, "name": name,
                             "provisional": record.provisional_deadline})
    return sorted(rows, key=lambda r: r["due"])


def _explain_deadlines(services: Any, row: DocumentRow) -> list[str]:
    from intake.deadlines.periods import clock_events, compute_deadlines
    record = row.record
    if record is None or record.status not in (Status.ACCEPTED, Status.NEEDS_CORRECTION):
        return []
    deadlines = compute_deadlines(record.received_on, record.status, clock_events(services.register.events(row.id)),
                                  services.calendar)
    return list(deadlines.explanation)


COMMANDS: list[click.Command] = [status, show, reprocess, due, extend, recount, backup]
