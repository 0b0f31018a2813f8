"""`intake review` (the office's web page) and `intake user` (who may sign in to it)."""
from __future__ import annotations

import ipaddress
import sys
from typing import Any

import click

from intake.register.store import Register
from intake.register.users import UserError, add_user, disable_user, list_users

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
SERVER_THREADS = 8


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What to tell the office when the page is reachable from other computers."""
    if is_loopback(host):
        return None
    return (f"警告：审核页面将在 {host} 上监听，其他计算机也能访问。页面含申请人的个人信息；"
            "请只在机关内网使用，并通过 HTTPS 反向代理提供（再加 --secure-cookies）。\n"
            f"WARNING: the review page listens on {host} and can be reached from other computers. "
            "It shows applicants' personal data: use it on the office network only, behind an HTTPS proxy "
            "(and add --secure-cookies).")


@click.command(help="""Start the office's review page (a local web page). 启动审核页面。

\b
Open http://127.0.0.1:8765/ in a browser and sign in with an account made by `intake user add`.
It runs beside `intake watch` on the same register.""")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on. Anything but loopback makes the page reachable from other computers.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--secure-cookies", is_flag=True,
              help="Mark the session cookie Secure (only when an HTTPS proxy serves the page).")
@click.pass_obj
def review(app: Any, host: str, port: int, secure_cookies: bool) -> None:
    from intake.review import create_app
    config = app.config
    warning = exposure_warning(host)
    if warning:
        click.echo(warning, err=True)
    check_letter_templates(config)
    try:
        web_app = create_app(config, secure_cookies=secure_cookies)
    except (OSError, UserError) as exc:
        raise click.ClickException(f"审核页面无法启动：{exc}") from exc
    register = Register(config.database)
    try:
        if not list_users(register.conn):
            click.echo("尚无账号，请先运行 `intake user add 用户名`", err=True)
    finally:
        register.close()
    click.echo(f"审核页面：http://{_url_host(host)}:{port}/   （Ctrl+C 停止）", err=True)
    serve(web_app, host, port)


def check_letter_templates(config: Any) -> None:
    """A template the office broke stops the start, with the file and the fault named, rather than
    failing when a clerk drafts the letter."""
    from intake.letters import LetterTemplateError, check_letters
    try:
        check_letters(config)
    except LetterTemplateError as exc:
        raise click.ClickException(f"文书模板有误，未启动：{exc}") from exc


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def serve(web_app: Any, host: str, port: int) -> None:
    """waitress when installed (a production WSGI server), else werkzeug's threaded server."""
    try:
        import waitress
    except ImportError:
        from werkzeug.serving import run_simple
        run_simple(host, port, web_app, threaded=True, use_reloader=False, use_debugger=False)
        return
    waitress.serve(web_app, host=host, port=port, threads=SERVER_THREADS, ident="intake-review")


# ---------------------------------------------------------------- users
@click.group(help="Office accounts for the review page. 审核页面的账号。")
def user() -> None:
    pass


@user.command("add", help="Add an account (or set a new password with --reset). 添加账号。")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.option("--reset", is_flag=True, help="Set a new password for an existing account (ends its sessions).")
@click.pass_obj
def user_add(app: Any, name: str, password_stdin: bool, reset: bool) -> None:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("密码 / password", hide_input=True, confirmation_prompt="再输入一次 / repeat")
    register = Register(app.config.database)
    try:
        add_user(register.conn, name, password, replace=reset)
    except UserError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        register.close()
    click.echo(f"账号 {name.strip()!r} 已{'更新' if reset else '添加'}")


@user.command("list", help="List the accounts. 列出账号。")
@click.pass_obj
def user_list(app: Any) -> None:
    register = Register(app.config.database)
    try:
        users = list_users(register.conn)
    finally:
        register.close()
    if not users:
        click.echo("暂无账号；用 `intake user add 用户名` 添加")
    for account in users:
        state = "已停用" if account.disabled else "可用"
        click.echo(f"{account.name:<24} {state:<14} {account.created_at}")


@user.command("disable", help="Disable an account and end its sessions. 停用账号。")
@click.argument("name")
@click.pass_obj
def user_disable(app: Any, name: str) -> None:
    register = Register(app.config.database)
    try:
        disable_user(register.conn, name)
    except UserError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        register.close()
    click.echo(f"账号 {name!r} 已停用")


COMMANDS: list[click.Command] = [review, user]
