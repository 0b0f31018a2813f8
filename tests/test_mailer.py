"""Sending the digest to a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS + login, SSL, refusals."""
from __future__ import annotations

import socket
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from intake.config import SmtpSettings
from intake.reports.digest import build_digest, render
from intake.reports.mailer import MailError, compose, send
from tests.helpers import (
    DAY,
    REFUSED,  # noqa: E402
    SECRETS,
    cli_group,
)


def digest_message(services_: Any, settings: SmtpSettings, recipients: list[str]) -> EmailMessage:
    digest = build_digest(services_.register, services_.calendar, DAY, agency="测试局")
    text, html = render(digest)
    return compose(settings, recipients, digest.subject, text, html)


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}


def test_digest_arrives_with_both_parts_and_masked_data(plain_server, services, known):
    settings = plain_server.settings()
    accepted = send(settings, digest_message(services, settings, ["office@example.gov.cn"]), ["office@example.gov.cn"])
    assert accepted == ["office@example.gov.cn"]
    [(recipients, message)] = plain_server.mailbox.messages
    assert recipients == ["office@example.gov.cn"]
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"].startswith("政府信息公开收件日报 2025-03-14")
    assert message["From"] == "intake@example.gov.cn"
    body = parts(message)
    assert set(body) == {"text/plain", "text/html"}
    assert "已逾期：1" in body["text/plain"] and "<svg" in body["text/html"]
    assert "3715**********" in body["text/plain"]
    raw = message.as_string()
    for secret in SECRETS:
        assert secret not in raw and all(secret not in content for content in body.values())


def test_starttls_and_login(starttls_server, services, known):
    settings = starttls_server.settings(security="starttls", username="office", password="s3cret")
    message = digest_message(services, settings, ["a@example.gov.cn", "b@example.gov.cn"])
    send(settings, message, ["a@example.gov.cn", "b@example.gov.cn"], tls_context=starttls_server.client_context())
    [(recipients, received)] = starttls_server.mailbox.messages
    assert recipients == ["a@example.gov.cn", "b@example.gov.cn"] and set(parts(received)) == {"text/plain", "text/html"}


def test_wrong_password_is_a_clear_error(starttls_server, services, known):
    settings = starttls_server.settings(security="starttls", username="office", password="wrong")
    with pytest.raises(MailError, match=r"refused the login of 'office': 535"):
        send(settings, digest_message(services, settings, ["a@example.gov.cn"]), ["a@example.gov.cn"],
             tls_context=starttls_server.client_context())
    assert starttls_server.mailbox.messages == []


def test_untrusted_certificate_is_refused(starttls_server, services, known):
    settings = starttls_server.settings(security="starttls", username="office", password="s3cret")
    with pytest.raises(MailError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        send(settings, digest_message(services, settings, ["a@example.gov.cn"]), ["a@example.gov.cn"])


def test_implicit_ssl(ssl_server, services, known):
    settings = ssl_server.settings(security="ssl")
    send(settings, digest_message(services, settings, ["a@example.gov.cn"]), ["a@example.gov.cn"],
         tls_context=ssl_server.client_context())
    assert len(ssl_server.mailbox.messages) == 1


def test_refused_recipients(plain_server, services, known):
    settings = plain_server.settings()
    with pytest.raises(MailError, match=r"refused every recipient: nobody@example.gov.cn: 550"):
        send(settings, digest_message(services, settings, [REFUSED]), [REFUSED])
    # One refused among others: the others get it, the refusal is logged.
    accepted = send(settings, digest_message(services, settings, [REFUSED, "a@example.gov.cn"]),
                    [REFUSED, "a@example.gov.cn"])
    assert accepted == ["a@example.gov.cn"] and len(plain_server.mailbox.messages) == 1


def test_sender_with_a_display_name(plain_server):
    settings = plain_server.settings(sender="收件服务 <intake@example.gov.cn>")
    send(settings, compose(settings, ["a@example.gov.cn"], "主题", "正文", "<p>正文</p>"), ["a@example.gov.cn"])
    assert plain_server.mailbox.senders == ["intake@example.gov.cn"]
    [(_, message)] = plain_server.mailbox.messages
    assert message["From"].addresses[0].display_name == "收件服务"
    assert message["Message-ID"].endswith("@example.gov.cn>")


def test_refused_message(plain_server, services, known):
    plain_server.mailbox.refuse_data = True
    settings = plain_server.settings()
    with pytest.raises(MailError, match="did not take the message: 554 5.7.1 message refused by policy"):
        send(settings, digest_message(services, settings, ["a@example.gov.cn"]), ["a@example.gov.cn"])


def test_no_server_listening():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = SmtpSettings(host="127.0.0.1", port=port)
    message = compose(settings, ["a@example.gov.cn"], "s", "t", "<p>h</p>")
    with pytest.raises(MailError, match=rf"cannot connect to the mail server 127.0.0.1:{port}"):
        send(settings, message, ["a@example.gov.cn"], timeout=5)


def write_config(home: Path, port: int, recipients: list[str]) -> None:
    listed = ", ".join(f'"{address}"' for address in recipients)
    (home / "intake.toml").write_text(
        f'[digest]\ntime = "18:00"\nrecipients = [{listed}]\n\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsender = "intake@example.gov.cn"\n', encoding="utf-8")


def test_digest_command_sends(plain_server, services, known):
    write_config(services.config.home, plain_server.port, ["office@example.gov.cn"])
    services.register.close()
    result = CliRunner().invoke(cli_group(services.config.home), ["digest", "--date", "2025-03-14", "--send"])
    assert result.exit_code == 0, result.output
    assert "已发送给 office@example.gov.cn" in result.stderr
    [(_, message)] = plain_server.mailbox.messages
    assert set(parts(message)) == {"text/plain", "text/html"}


def test_digest_command_reports_a_refusing_server(plain_server, services, known):
    write_config(services.config.home, plain_server.port, [REFUSED])
    services.register.close()
    result = CliRunner().invoke(cli_group(services.config.home), ["digest", "--date", "2025-03-14", "--send"])
    assert result.exit_code == 1
    assert "日报已写出，但未能发送" in result.stderr and "550" in result.stderr
    assert "Traceback" not in result.output
    assert (services.config.outbox / "digest" / "2025-03-14.html").exists()
