"""The command line (click). Every command takes --home / INTAKE_HOME.

Errors are part of the interface: a wrong command line or unusable HOME exits non-zero with
a message; a file that cannot be read is a `failed` record, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from intake import __version__
from intake.cli.context import AppContext
from intake.config import ConfigError, resolve_home
from intake.home import HomeError, prepare_home

log = logging.getLogger("intake")

HELP = """intake — 政府信息公开申请收件服务 / document intake for information disclosure applications.

\b
把扫描件、传真、邮件放进 HOME/inbox/，服务识别（OCR）、分类、提取申请人与所需信息、
检查《条例》第二十九条三项内容、计算期限，并登记到 HOME/register.db。
Drop scans, faxes and e-mails into HOME/inbox/; the service reads (OCR), routes, extracts,
checks Article 29, computes deadlines and records everything in HOME/register.db.
"""


class LazyGroup(click.Group):
    """Commands whose modules are imported only when the command is run (or help is asked for),
    so that `intake status` does not import what `intake review` needs."""

    def __init__(self, *args: Any, lazy_commands: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            module_name, attribute = self.lazy_commands[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module_name), attribute)
            return command
        return super().get_command(ctx, cmd_name)


CREATING_COMMANDS = ("init", "process", "watch")

# The commands that live in their own modules: name → module:attribute.
LAZY_COMMANDS = {
    **{name: f"intake.cli.office:{name}" for name in ("status", "show", "reprocess", "due", "extend", "recount",
                                                       "backup")},
    "reply": "intake.cli.letters:reply", "letters": "intake.cli.letters:letters",
    "holidays": "intake.cli.holidays:holidays",
    "digest": "intake.cli.reports:digest", "report": "intake.cli.reports:report",
    "review": "intake.cli.review:review", "user": "intake.cli.review:user",
}


@click.group(cls=LazyGroup, lazy_commands=LAZY_COMMANDS, help=HELP,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--home", envvar="INTAKE_HOME", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="HOME folder (inbox/, outbox/, archive/, register.db). 默认：当前文件夹 / default: current folder.")
@click.option("-v", "--verbose", is_flag=True, help="More log detail on stderr. 详细日志。")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings on stderr. 只显示警告。")
@click.version_option(__version__, prog_name="intake")
@click.pass_context
def main(ctx: click.Context, home: Path | None, verbose: bool, quiet: bool) -> None:
    # Only these make a HOME that is not there (RECORD.md: a fresh, empty HOME must work);
    # `intake status --home /typo` says the folder does not exist instead of creating it.
    ctx.obj = AppContext(resolve_home(home), verbose, quiet, creates_home=ctx.invoked_subcommand in CREATING_COMMANDS)


@main.command(help="Create HOME's folders and a default intake.toml. 初始化 HOME。")
@click.pass_obj
def init(app: AppContext) -> None:
    try:
        config = prepare_home(app.home, write_config=True)
    except (HomeError, ConfigError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"工作目录已就绪：{config.home}\n  收件箱：{config.inbox}\n  输出：  {config.outbox}\n"
               f"  配置：  {config.home / 'intake.toml'}")


@main.command(help="""Process files now, as the watcher would (originals are copied, not moved).
立即处理给定文件。\n\nWith --json prints one record per file per line (JSON Lines).""")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print each record as one JSON line on stdout.")
@click.option("--received-on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date of receipt (收到申请之日) for every file, YYYY-MM-DD. Default: today.")
@click.pass_obj
def process(app: AppContext, paths: tuple[Path, ...], as_json: bool, received_on: dt.datetime | None) -> None:
    from intake.kernel import EnvironmentFault
    from intake.pipeline.runner import process_many
    services = app.services()
    day = received_on.date() if received_on else None
    total = len(paths)
    try:
        with app.readers(services, files=total):
            for number, (path, record) in enumerate(zip(paths, process_many(list(paths), services, received_on=day)), 1):
                if total > 1:
                    click.echo(f"[{number}/{total}] {path} → {record.route}/{record.status}", err=True)
                if as_json:
                    click.echo(json_line(record.to_json()))
                else:
                    click.echo(f"{record.sha256[:12]}  {record.route:<12} {record.status:<16} {path}")
                sys.stdout.flush()
    except EnvironmentFault as fault:
        raise click.ClickException(str(fault)) from fault


# Characters that end a line for str.splitlines() but that JSON leaves unescaped: a record's text
# holding one (an e-mail's NEL, U+2028) must not split its JSON line in two.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_line(payload: dict[str, Any]) -> str:
    line = json.dumps(payload, ensure_ascii=False)
    for character, escaped in _LINE_BREAKS.items():
        line = line.replace(character, escaped)
    return line


@main.command(help="Watch HOME/inbox/ and process every file that arrives. 监视收件箱。")
@click.option("--polling", is_flag=True, default=None, help="Poll instead of inotify (for SMB/NFS shares).")
@click.option("--once", is_flag=True, help="Process what is in the inbox now, then exit.")
@click.pass_obj
def watch(app: AppContext, polling: bool | None, once: bool) -> None:
    from intake.cli.review import check_letter_templates
    from intake.pipeline.watcher import run_watcher
    check_letter_templates(app.config)
    services = app.services()
    run_watcher(services, polling=polling, once=once)
