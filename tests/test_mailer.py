"""Sending the digest to a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS + login, SSL, refusals."""
from __future__ import annotations

import email
import email.policy
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from intake.config import SmtpSettings
from intake.reports.digest import build_digest, render
from intake.reports.mailer import MailError, compose, send
from tests.test_digest import DAY, SECRETS, cli_group, known, services  # noqa: F401 - fixtures

REFUSED = "nobody@example.gov.cn"


@dataclass
class Mailbox:
    """What the server received, and the rules it refuses by."""
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    senders: list[str] = field(default_factory=list)
    refuse_data: bool = False

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address == REFUSED:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_data:
            return "554 5.7.1 message refused by policy"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        self.senders.append(envelope.mail_from)
        return "250 OK"


class LoopbackController(Controller):
    """aiosmtpd's controller bound to 127.0.0.1 on an ephemeral port (port 0)."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Server:
    mailbox: Mailbox
    port: int
    certificate: Path | None = None

    def settings(self, **values: Any) -> SmtpSettings:
        return SmtpSettings(**{"host": "127.0.0.1", "port": self.port, "sender": "intake@example.gov.cn", **values})

    def client_context(self) -> ssl.SSLContext:
        assert self.certificate is not None
        return ssl.create_default_context(cafile=str(self.certificate))


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"office", b"s3cret")
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate for the TLS tests")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True, timeout=60)
    return folder / "cert.pem", folder / "key.pem"


def _serve(mailbox: Mailbox, **options: Any) -> Iterator[LoopbackController]:
    controller = LoopbackController(mailbox, hostname="127.0.0.1", port=0, **options)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def plain_server() -> Iterator[Server]:
    mailbox = Mailbox()
    for controller in _serve(mailbox):
        yield Server(mailbox, controller.port)


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    mailbox = Mailbox()
    for controller in _serve(mailbox, tls_context=context, require_starttls=True, auth_required=True,
                             authenticator=_authenticate):
        yield Server(mailbox, controller.port, certificate[0])


@pytest.fixture
def ssl_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    mailbox = Mailbox()
    for controller in _serve(mailbox, ssl_context=context):
        yield Server(mailbox, controller.port, certificate[0])


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
    assert "Overdue: 1" in body["text/plain"] and "<svg" in body["text/html"]
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
    assert "sent to office@example.gov.cn" in result.stderr
    [(_, message)] = plain_server.mailbox.messages
    assert set(parts(message)) == {"text/plain", "text/html"}


def test_digest_command_reports_a_refusing_server(plain_server, services, known):
    write_config(services.config.home, plain_server.port, [REFUSED])
    services.register.close()
    result = CliRunner().invoke(cli_group(services.config.home), ["digest", "--date", "2025-03-14", "--send"])
    assert result.exit_code == 1
    assert "digest written but not sent" in result.stderr and "550" in result.stderr
    assert "Traceback" not in result.output
    assert (services.config.outbox / "digest" / "2025-03-14.html").exists()
