"""The nightly hook with a fake clock: on time, cheap between times, missed nights caught up exactly once."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from intake.config import ConfigError, DigestSettings
from intake.kernel.model import Status
from intake.pipeline.services import Services
from intake.reports.nightly import CATCH_UP_DAYS, make_nightly_hook
from tests.helpers import add_document, person

FIRST_DAY = dt.date(2025, 3, 10)     # a Monday


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, day: dt.date, hour: int, minute: int = 0) -> None:
        self.now = dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def nightly_services(services, plain_server) -> Services:  # noqa: F811 - fixtures imported above
    add_document(services.register, services.calendar, received_on=FIRST_DAY, status=Status.ACCEPTED,
                 applicant=person("张三", phone="13812345678"))
    config = dataclasses.replace(
        services.config, digest=DigestSettings(time="18:00", recipients=("office@example.gov.cn",)),
        smtp=plain_server.settings())
    return dataclasses.replace(services, config=config)


def sent_days(server) -> list[str]:
    return [message["Subject"].split()[1] for _, message in server.mailbox.messages]


def recorded(services_: Services) -> list[tuple[str, str, list[str]]]:
    rows = services_.register.db.execute("select date, kind, recipients from digests order by date").fetchall()
    return [(day, kind, json.loads(recipients)) for day, kind, recipients in rows]


def test_sent_at_the_configured_time_and_cheap_in_between(nightly_services, plain_server):
    clock = FakeClock(dt.datetime.combine(FIRST_DAY, dt.time(17, 59)))
    hook = make_nightly_hook(nightly_services, clock=clock)
    hook()
    assert sent_days(plain_server) == []
    statements: list[str] = []
    nightly_services.register.db.conn.set_trace_callback(statements.append)
    for minute in range(3):            # still before 18:00 on the next calls: not even a query
        clock.now += dt.timedelta(seconds=10 * minute)
        hook()
    assert statements == []
    nightly_services.register.db.conn.set_trace_callback(None)
    clock.at(FIRST_DAY, 18, 0)
    hook()
    hook()
    assert sent_days(plain_server) == ["2025-03-10"]
    assert recorded(nightly_services) == [("2025-03-10", "nightly", ["office@example.gov.cn"])]
    assert (nightly_services.config.outbox / "digest" / "2025-03-10.html").exists()


def test_missed_nights_are_caught_up_exactly_once_after_a_restart(nightly_services, plain_server):
    clock = FakeClock(dt.datetime.combine(FIRST_DAY, dt.time(18, 30)))
    make_nightly_hook(nightly_services, clock=clock)()
    assert sent_days(plain_server) == ["2025-03-10"]
    # Down from Monday night until Thursday morning; then restarted, and restarted again.
    clock.at(FIRST_DAY + dt.timedelta(days=3), 9, 0)
    after_restart = make_nightly_hook(nightly_services, clock=clock)
    after_restart()
    after_restart()
    make_nightly_hook(nightly_services, clock=clock)()
    assert sent_days(plain_server) == ["2025-03-10", "2025-03-11", "2025-03-12"]
    clock.at(FIRST_DAY + dt.timedelta(days=3), 18, 1)
    after_restart()
    assert sent_days(plain_server) == ["2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13"]
    assert [day for day, _, _ in recorded(nightly_services)] == sent_days(plain_server)


def test_catch_up_is_limited(nightly_services, plain_server):
    clock = FakeClock(dt.datetime.combine(dt.date(2025, 3, 31), dt.time(9, 0)))
    make_nightly_hook(nightly_services, clock=clock)()
    assert len(sent_days(plain_server)) == CATCH_UP_DAYS == 7
    assert sent_days(plain_server)[0] == "2025-03-24" and sent_days(plain_server)[-1] == "2025-03-30"


def test_no_digest_owed_for_days_before_the_first_arrival(services):  # noqa: F811
    clock = FakeClock(dt.datetime(2025, 3, 10, 19, 0))
    make_nightly_hook(services, clock=clock)()          # empty register: only tonight's digest
    assert [day for day, _, _ in recorded(services)] == ["2025-03-10"]


def test_without_recipients_the_digest_is_only_written(nightly_services, plain_server):
    quiet = dataclasses.replace(nightly_services, config=dataclasses.replace(
        nightly_services.config, digest=DigestSettings(time="18:00", recipients=())))
    clock = FakeClock(dt.datetime.combine(FIRST_DAY, dt.time(18, 0)))
    make_nightly_hook(quiet, clock=clock)()
    make_nightly_hook(quiet, clock=clock)()
    assert sent_days(plain_server) == []
    assert recorded(quiet) == [("2025-03-10", "nightly", [])]
    assert (quiet.config.outbox / "digest" / "2025-03-10.txt").exists()


def test_a_refusing_server_is_tried_again_later_and_then_sent_once(nightly_services, plain_server, caplog):
    plain_server.mailbox.refuse_data = True
    clock = FakeClock(dt.datetime.combine(FIRST_DAY, dt.time(18, 0)))
    hook = make_nightly_hook(nightly_services, clock=clock)
    hook()
    assert "digest for 2025-03-10 not delivered" in caplog.text and "554" in caplog.text
    assert recorded(nightly_services) == []
    plain_server.mailbox.refuse_data = False
    clock.at(FIRST_DAY, 18, 10)
    hook()                                   # within the retry pause: nothing
    assert sent_days(plain_server) == []
    clock.at(FIRST_DAY, 18, 16)
    hook()
    hook()
    assert sent_days(plain_server) == ["2025-03-10"]


def test_a_bad_time_is_a_config_error(nightly_services):
    broken = dataclasses.replace(nightly_services, config=dataclasses.replace(
        nightly_services.config, digest=DigestSettings(time="6pm")))
    with pytest.raises(ConfigError, match=r"\[digest\] time = '6pm'"):
        make_nightly_hook(broken)


def test_an_empty_register_owes_no_digest_for_yesterday(services):  # noqa: F811
    clock = FakeClock(dt.datetime(2025, 3, 11, 9, 0))
    hook = make_nightly_hook(services, clock=clock)
    hook()
    assert recorded(services) == []
    clock.at(dt.date(2025, 3, 11), 18, 0)
    hook()
    assert [day for day, _, _ in recorded(services)] == ["2025-03-11"]
