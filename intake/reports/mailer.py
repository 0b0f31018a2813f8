"""Sending mail: stdlib smtplib, one multipart/alternative message (plain text + HTML).

The server, its security (none | starttls | ssl), the login and the sender come from
`Config.smtp`; the recipients from `Config.digest`. Every refusal becomes a `MailError` that
says which server refused what; the CLI turns it into a click.ClickException.
"""
from __future__ import annotations

import email.utils
import logging
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP

from intake.config import SmtpSettings

log = logging.getLogger(__name__)

SECURITY_MODES = ("none", "starttls", "ssl")
TIMEOUT_SECONDS = 30.0


class MailError(RuntimeError):
    """The message could not be handed to the mail server."""


def compose(settings: SmtpSettings, recipients: Sequence[str], subject: str, text: str, html: str) -> EmailMessage:
    """A message whose plain-text part comes first, so clients that cannot show HTML show the text."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    message["From"] = settings.sender
    message["To"] = ", ".join(recipients)
    message["Date"] = email.utils.formatdate(localtime=True)
    domain = envelope_sender(settings).rpartition("@")[2] or "localhost"
    message["Message-ID"] = email.utils.make_msgid("intake-digest", domain=domain)
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def send(settings: SmtpSettings, message: EmailMessage, recipients: Sequence[str], *,
         tls_context: ssl.SSLContext | None = None, timeout: float = TIMEOUT_SECONDS) -> list[str]:
    """Hand `message` to the configured server; the recipients it accepted.

    Raises MailError when the server cannot be reached, refuses the login, the sender, every
    recipient or the message. Recipients refused while others were accepted are logged.
    `tls_context` defaults to the system's trusted certificates (ssl.create_default_context()).
    """
    if not recipients:
        raise MailError("no recipients: set [digest] recipients in intake.toml")
    if settings.security not in SECURITY_MODES:
        raise MailError(f"[smtp] security = {settings.security!r}; expected one of {', '.join(SECURITY_MODES)}")
    where = f"{settings.host}:{settings.port}"
    context = tls_context or ssl.create_default_context()
    try:
        client = (smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
                  if settings.security == "ssl" else smtplib.SMTP(settings.host, settings.port, timeout=timeout))
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"cannot connect to the mail server {where} ({settings.security}): {_reason(exc)}") from exc
    try:
        with client:
            if settings.security == "starttls":
                client.starttls(context=context)
            if settings.username:
                client.login(settings.username, settings.password)
            refused = client.send_message(message, from_addr=envelope_sender(settings), to_addrs=list(recipients))
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"the mail server {where} refused the login of {settings.username!r}: {_reason(exc)}") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"the mail server {where} does not support {settings.security}/login: {_reason(exc)}") from exc
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(f"the mail server {where} refused the sender {settings.sender!r}: {_reason(exc)}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"the mail server {where} refused every recipient: {_reason(exc)}") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"the mail server {where} did not take the message: {_reason(exc)}") from exc
    for address, (code, reply) in refused.items():
        log.warning("the mail server %s refused the recipient %s: %s %s", where, address, code, _text(reply))
    return [address for address in recipients if address not in refused]


def envelope_sender(settings: SmtpSettings) -> str:
    """The bare address of `sender`, which may be written as "收件服务 <intake@example.gov.cn>"."""
    return email.utils.parseaddr(settings.sender)[1] or settings.sender


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {code} {_text(reply)}" for address, (code, reply) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc) or type(exc).__name__


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
