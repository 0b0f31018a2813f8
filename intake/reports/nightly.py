"""The nightly digest, run from the watcher's idle loop.

The watcher calls the hook about every half second, so a call must cost a clock reading and a
comparison; the register is read only when a digest is due. Each day's digest is recorded in
the register's `digests` table, which is what makes "after downtime, every missed day once,
never twice" hold across restarts.
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import ssl
from collections.abc import Callable
from dataclasses import dataclass

import jinja2

from intake.config import ConfigError
from intake.kernel import EnvironmentFault
from intake.pipeline.services import Services
from intake.register.digests import NIGHTLY, nightly_dates, record_digest
from intake.reports.digest import DigestFiles, produce_digest
from intake.reports.mailer import MailError, compose, send

log = logging.getLogger(__name__)

# After a week away nobody reads last Monday's list of what is due: catch up at most this many days.
CATCH_UP_DAYS = 7
# A mail server that is down is tried again after this long, not every half second.
RETRY_AFTER = dt.timedelta(minutes=15)

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class Delivered:
    files: DigestFiles
    recipients: tuple[str, ...]      # the addresses that accepted it; empty when only written


def deliver(services: Services, day: dt.date, *, kind: str, send_mail: bool, now: dt.datetime,
            tls_context: ssl.SSLContext | None = None) -> Delivered:
    """Write the day's digest, mail it when asked, and record it (a manual digest only when mailed)."""
    files = produce_digest(services, day, now=now)
    accepted: list[str] = []
    if send_mail:
        config = services.config
        recipients = list(config.digest.recipients)
        message = compose(config.smtp, recipients, files.digest.subject, files.text, files.html)
        accepted = send(config.smtp, message, recipients, tls_context=tls_context)
    if kind == NIGHTLY or send_mail:
        record_digest(services.register.conn, day, kind=kind, sent_at=now, recipients=accepted,
                      files=[str(files.text_path), str(files.html_path)])
    return Delivered(files, tuple(accepted))


def parse_send_time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError as exc:
        raise ConfigError(f"[digest] time = {value!r}: expected a time of day such as \"18:00\"") from exc


class NightlyDigest:
    """The hook: at `send_at` each day, and for each missed day of the last CATCH_UP_DAYS."""

    def __init__(self, services: Services, *, clock: Clock, send_at: dt.time,
                 tls_context: ssl.SSLContext | None = None) -> None:
        self.services = services
        self.clock = clock
        self.send_at = send_at
        self.tls_context = tls_context
        self._next_check: dt.datetime | None = None     # None: look at the register on the first call

    def __call__(self) -> None:
        now = self.clock()
        if self._next_check is not None and now < self._next_check:
            return
        for day in self.missing_days(now):
            try:
                delivered = deliver(self.services, day, kind=NIGHTLY, send_mail=bool(self.services.config.digest.recipients),
                                    now=now, tls_context=self.tls_context)
            except (MailError, OSError, sqlite3.Error, jinja2.TemplateError, EnvironmentFault) as exc:
                # The watcher must keep taking files; the digest waits for the next try.
                self._next_check = now + RETRY_AFTER
                log.error("digest for %s not delivered: %s; next try at %s", day, exc,
                          self._next_check.isoformat(timespec="minutes"))
                return
            log.info("digest for %s written to %s%s", day, delivered.files.html_path,
                     f" and sent to {len(delivered.recipients)} recipient(s)" if delivered.recipients else "")
        self._next_check = self._next_send_time(now)

    def missing_days(self, now: dt.datetime) -> list[dt.date]:
        """Days whose send time has passed, not older than CATCH_UP_DAYS nor than the first
        arrival (a new installation owes no digests for the days before it), without a nightly digest."""
        last = now.date() if now.time() >= self.send_at else now.date() - dt.timedelta(days=1)
        first = last - dt.timedelta(days=CATCH_UP_DAYS - 1)
        arrival = self.services.register.first_arrival()
        # An empty register owes tonight's digest only ("nothing arrived" is news too).
        first = max(first, arrival) if arrival else now.date()
        done = nightly_dates(self.services.register.conn, first, last)
        days = [first + dt.timedelta(days=offset) for offset in range((last - first).days + 1)]
        return [day for day in days if day not in done]

    def _next_send_time(self, now: dt.datetime) -> dt.datetime:
        today = dt.datetime.combine(now.date(), self.send_at, tzinfo=now.tzinfo)
        return today if now < today else today + dt.timedelta(days=1)


def make_nightly_hook(services: Services, *, clock: Clock | None = None,
                      tls_context: ssl.SSLContext | None = None) -> Callable[[], None]:
    """The watcher's idle hook. `clock` (default: local time now) is injectable for tests."""
    return NightlyDigest(services, clock=clock or _local_now, send_at=parse_send_time(services.config.digest.time),
                         tls_context=tls_context)


def _local_now() -> dt.datetime:
    return dt.datetime.now()
