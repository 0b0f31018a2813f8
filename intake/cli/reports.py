"""`intake digest` and `intake report`: thin click layers over digest/nightly and annual_report.

Errors are part of the interface: a refusing mail server or a table that does not balance ends
the command with a message and a non-zero exit status, never a traceback.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click


@click.command(help="""Write the daily digest to outbox/digest/DATE.html and .txt; with --send also mail it
to [digest] recipients. 生成（并发送）收件日报。

\b
Lists what arrived, what is overdue or due within 5 working days, correction notices awaiting
an answer, documents waiting for review, failures, repeat applicants (Art. 35) and provisional
deadlines. Personal data is masked. The watcher sends it by itself at [digest] time.""")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to report on, YYYY-MM-DD. Default: today.")
@click.option("--send", is_flag=True, help="Also mail it to [digest] recipients through [smtp].")
@click.pass_obj
def digest(app: Any, day: dt.datetime | None, send: bool) -> None:
    from intake.register.digests import MANUAL
    from intake.reports.mailer import MailError
    from intake.reports.nightly import deliver
    services = app.services()
    if send and not services.config.digest.recipients:
        raise click.ClickException(f"没有收件人：请在 {app.home / 'intake.toml'} 的 [digest] recipients 中填写")
    try:
        delivered = deliver(services, day.date() if day else dt.date.today(), kind=MANUAL, send_mail=send,
                            now=dt.datetime.now().astimezone())
    except MailError as exc:
        raise click.ClickException(f"日报已写出，但未能发送：{exc}") from exc
    except OSError as exc:
        raise click.ClickException(f"日报无法写出：{exc}") from exc
    click.echo(str(delivered.files.html_path))
    click.echo(str(delivered.files.text_path))
    if send:
        click.echo(f"已发送给 {', '.join(delivered.recipients)}", err=True)


@click.command(help="""The annual report's table of applications (表三, 国办公开办函〔2021〕30号) for one year,
as .xlsx, .csv and .html. 年度报告：收到和处理政府信息公开申请情况。

\b
Counts applications (route application, not failed) by the applicant's column; outcomes come
from the office's `replied` events. Refuses a register that breaks the form's rule
一 + 二 = 三 + 四 and names the documents to look at.""")
@click.option("--year", type=click.IntRange(1990, 2999), required=True, help="The report's year.")
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the files. Default: HOME/outbox/report/.")
@click.pass_obj
def report(app: Any, year: int, folder: Path | None) -> None:
    from intake.reports.annual import ReportError, annual_table
    from intake.reports.annual_files import write_report
    services = app.services()
    try:
        table = annual_table(services.register, year)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from exc
    if not any(table.value(row, "total") for row in ("received", "carried_in", "results_total", "carried_out")):
        click.echo(f"{year}年：登记库中没有该年度的政府信息公开申请（新收、结转、办理结果均为 0）；"
                   "仍写出全为 0 的表格。", err=True)
    for note in table.notes:
        click.echo(f"说明：{note}", err=True)
    target = folder or services.config.outbox / "report"
    try:
        paths = write_report(table, target, agency=services.config.agency.name, home=services.config.home)
    except OSError as exc:
        raise click.ClickException(f"年度报告无法写入 {target}：{exc}") from exc
    for path in paths:
        click.echo(str(path))


COMMANDS: list[click.Command] = [digest, report]
