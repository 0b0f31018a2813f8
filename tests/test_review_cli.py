"""`intake user add/list/disable` and `intake review` from the command line."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from intake.cli import main
from intake.cli.context import AppContext
from intake.cli.review import COMMANDS, exposure_warning, is_loopback
from intake.register.store import Register
from intake.review.auth import list_users, verify_password

# Until the lead registers COMMANDS in intake.cli, the commands run in a group that sets ctx.obj
# the way `intake.cli.main` does.
WRAPPER = """
import click, sys
from pathlib import Path
from intake.cli import main
from intake.cli.context import AppContext
from intake.cli.review import COMMANDS

@click.group()
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.pass_context
def wrapper(ctx, home):
    ctx.obj = AppContext(home.resolve(), False, False)

for command in COMMANDS:
    wrapper.add_command(command)
cli = main if "review" in main.commands else wrapper
"""


def _cli() -> click.Group:
    if "review" in main.commands:
        return main

    @click.group()
    @click.option("--home", type=click.Path(file_okay=False, path_type=Path), required=True)
    @click.pass_context
    def wrapper(ctx: click.Context, home: Path) -> None:
        ctx.obj = AppContext(home.resolve(), False, False)

    for command in COMMANDS:
        wrapper.add_command(command)
    return wrapper


def _users(home: Path) -> dict[str, bool]:
    register = Register(home / "register.db")
    try:
        return {user.name: user.disabled for user in list_users(register.conn)}
    finally:
        register.close()


def _password_ok(home: Path, name: str, password: str) -> bool:
    register = Register(home / "register.db")
    try:
        return verify_password(register.conn, name, password)
    finally:
        register.close()


def test_user_add_from_stdin_prompt_reset_and_disable(tmp_path: Path) -> None:
    runner = CliRunner()
    home = tmp_path / "home"
    result = runner.invoke(_cli(), ["--home", str(home), "user", "add", "clerk", "--password-stdin"],
                           input="first-password\n")
    assert result.exit_code == 0, result.output
    assert _password_ok(home, "clerk", "first-password")
    result = runner.invoke(_cli(), ["--home", str(home), "user", "add", "clerk", "--password-stdin"],
                           input="other-password\n")
    assert result.exit_code != 0 and "已存在" in result.output
    result = runner.invoke(_cli(), ["--home", str(home), "user", "add", "clerk", "--reset"],
                           input="second-password\nsecond-password\n")
    assert result.exit_code == 0, result.output
    assert _password_ok(home, "clerk", "second-password") and not _password_ok(home, "clerk", "first-password")
    result = runner.invoke(_cli(), ["--home", str(home), "user", "add", "typo"], input="password-one\npassword-two\n"
                           "password-one\npassword-one\n")
    assert result.exit_code == 0 and _password_ok(home, "typo", "password-one")   # asked again after a mismatch
    result = runner.invoke(_cli(), ["--home", str(home), "user", "disable", "typo"])
    assert result.exit_code == 0
    assert _users(home) == {"clerk": False, "typo": True}
    assert not _password_ok(home, "typo", "password-one")
    result = runner.invoke(_cli(), ["--home", str(home), "user", "list"])
    assert "clerk" in result.output and "已停用" in result.output


def test_short_password_and_bad_name_are_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    home = tmp_path / "home"
    result = runner.invoke(_cli(), ["--home", str(home), "user", "add", "clerk", "--password-stdin"], input="short\n")
    assert result.exit_code != 0 and "至少需要 8" in result.output
    result = runner.invoke(_cli(), ["--home", str(home), "user", "add", "two words", "--password-stdin"],
                           input="long enough\n")
    assert result.exit_code != 0 and "用户名应为" in result.output
    assert _users(home) == {}


def test_password_is_stored_as_a_scrypt_hash(tmp_path: Path) -> None:
    home = tmp_path / "home"
    CliRunner().invoke(_cli(), ["--home", str(home), "user", "add", "clerk", "--password-stdin"],
                       input="plain-text-password\n")
    register = Register(home / "register.db")
    try:
        stored = register.db.execute("select password_hash from review_users").fetchone()[0]
    finally:
        register.close()
    assert stored.startswith("scrypt:") and "plain-text-password" not in stored


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                                ("::", False), ("review.example", False)])
def test_only_loopback_hosts_pass_without_warning(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    assert (exposure_warning(host) is None) is loopback


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_review_serves_the_sign_in_page_and_warns_off_loopback(tmp_path: Path) -> None:
    home = tmp_path / "home"
    port = _free_port()
    code = WRAPPER + f"\ncli(['--home', {str(home)!r}, 'review', '--host', '0.0.0.0', '--port', '{port}'])\n"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, stdout=subprocess.PIPE,
                               env=env, text=True)
    try:
        body = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    body = response.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert "登录" in body
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/item/1/page/1", timeout=2)
        assert refused.value.code == 401
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert "WARNING" in stderr and "0.0.0.0" in stderr
    assert "intake user add" in stderr            # no account yet: says how to make one
