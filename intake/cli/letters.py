"""`intake reply` and `intake letters`: the office's decisions and the letters they draft, from the
command line (the same functions as the review page's buttons)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import click


@click.command(help="""Record the decision on an application and draft its letter. 登记答复并起草文书。

\b
OUTCOME is a decision code (see `intake letters decisions`), e.g. 36.2 予以公开, 36.3.4 不予公开
（保护第三方合法权益）, 36.4 信息不存在. The annual report counts the same decision.""")
@click.argument("key")
@click.argument("outcome")
@click.option("--on", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The reply's date, YYYY-MM-DD. Default: today.")
@click.option("--reason", default="", help="理由或说明 (the letter's ground).")
@click.option("--how", "how_to_get", default="", help="获取方式、途径和时间.")
@click.option("--agency", "responsible_agency", default="", help="负责公开的机关 (Art. 36 (五)).")
@click.option("--contact", "responsible_contact", default="", help="该机关联系方式 (Art. 36 (五)).")
@click.option("--by", "actor", default="office", show_default=True, help="Who replies.")
@click.pass_obj
def reply(app: Any, /, key: str, outcome: str, day: dt.datetime | None, actor: str, **details: str) -> None:
    from intake.office.actions import ReviewActionError, record_reply
    services = app.services()
    row = services.register.find(key)
    if row is None:
        raise click.ClickException(f"没有编号为 {key!r} 的文件")
    try:
        letter = record_reply(services, row.id, (day.date() if day else dt.date.today()).isoformat(), outcome,
                              actor=actor, details=details)
    except ReviewActionError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"#{row.id}：已登记答复，已起草文书 {letter.reference}")
    for name in letter.files:
        click.echo(f"  {name}")


@click.group("letters", help="The letters drafted for documents: list, record sending, check templates. 文书。")
def letters() -> None:
    """The letters group."""


@letters.command("check", help="Check every letter template (HOME/templates/letters/ overrides the packaged ones). "
                               "检查文书模板。")
@click.pass_obj
def check(app: Any) -> None:
    from intake.letters import LetterTemplateError, check_letters
    try:
        used = check_letters(app.config)
    except LetterTemplateError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"文书模板 {len(used)} 个，均可使用：")
    for origin in used:
        click.echo(f"  {origin}")


@letters.command("decisions", help="The decisions an application can be answered with, and their letters. 答复决定。")
def decisions() -> None:
    from intake.letters.kinds import KINDS, LetterKind
    from intake.office.vocabulary import REPLY_DECISIONS
    for decision in REPLY_DECISIONS.values():
        click.echo(f"{decision.code:<14}{decision.wording}  →  {KINDS[LetterKind(decision.letter)].title}")


@letters.command("list", help="Every letter, or one document's. 文书清单。")
@click.argument("key", required=False)
@click.pass_obj
def list_letters(app: Any, key: str | None) -> None:
    from intake.letters.kinds import KINDS, LetterKind
    from intake.register.letters import SENT_WAYS, LetterBook
    services = app.services()
    book = LetterBook(services.register)
    if key is not None:
        row = services.register.find(key)
        if row is None:
            raise click.ClickException(f"没有编号为 {key!r} 的文件")
        found = book.of_document(row.id)
    else:
        found = book.all()
    if not found:
        click.echo("暂无文书。")
        return
    click.echo("编号   文件   文号                      日期        发出              文书")
    for letter in found:
        sent = f"{letter.sent_on} {SENT_WAYS.get(letter.sent_way or '', '')}" if letter.sent_on else "未发出"
        click.echo(f"[{letter.id:<4}] #{letter.document_id:<5} {letter.reference:<24} {letter.dated}  {sent:<16}  "
                   f"{KINDS[LetterKind(letter.kind)].title}")


@letters.command("sent", help="Record the day and way a letter went out. 登记文书发出。")
@click.argument("letter_id", type=int)
@click.option("--on", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Default: today.")
@click.option("--way", type=click.Choice(["post", "email", "in_person", "fax", "online"]), default="post",
              show_default=True, help="邮寄 / 电子邮件 / 当面送达 / 传真 / 网上申请平台.")
@click.option("--by", "actor", default="office", show_default=True)
@click.pass_obj
def sent(app: Any, letter_id: int, day: dt.datetime | None, way: str, actor: str) -> None:
    from intake.office.actions import ReviewActionError, record_notice_sent
    from intake.office.correspondence import LetterActionError, letter_sent
    from intake.register.letters import SENT_WAYS, LetterBook
    services = app.services()
    letter = LetterBook(services.register).get(letter_id)
    if letter is None:
        raise click.ClickException(f"没有编号为 {letter_id} 的文书")
    on = day.date() if day else dt.date.today()
    try:
        if letter.kind == "correction":
            record_notice_sent(services, letter.document_id, on, actor=actor, way=way)
        else:
            letter_sent(services, letter.document_id, letter_id, on, way, actor=actor)
    except (ReviewActionError, LetterActionError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"已登记：{letter.reference} 于 {on} 以{SENT_WAYS[way]}方式发出")
