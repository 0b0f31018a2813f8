"""The office's changes (intake/office/actions.py) without the web layer: real register under tmp_path."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from intake.deadlines.workdays import WorkdayCalendar
from intake.home import prepare_home
from intake.office.actions import (
    REPLY_OUTCOMES,
    ReviewActionError,
    StaleRecord,
    change_route,
    change_status,
    confirm_notice,
    correct_fields,
    extend,
    record_correction_received,
    record_notice_sent,
    record_reply,
    version_of,
)
from intake.pipeline.services import Services
from intake.register.store import Register
from intake.review.samples import build_demo_home

TODAY = dt.date(2025, 6, 10)


def _no_engine() -> Any:
    raise AssertionError("no OCR in these tests")


@pytest.fixture()
def demo(tmp_path: Path) -> Iterator[tuple[Services, dict[str, int]]]:
    config = prepare_home(tmp_path / "home")
    calendar = WorkdayCalendar.load(config.home)
    register = Register(config.database)
    ids = build_demo_home(config, register, calendar, TODAY, tmp_path / "originals")
    yield Services(config=config, register=register, calendar=calendar, engine_factory=_no_engine), ids
    register.close()


def _record(services: Services, document_id: int) -> dict[str, Any]:
    row = services.register.get(document_id)
    assert row is not None and row.record is not None
    return row.record.to_json()


def _last_event(services: Services, document_id: int) -> Any:
    return services.register.events(document_id)[-1]


def test_supplying_the_missing_items_accepts_the_application_and_sets_the_reply_date(demo: Any) -> None:
    services, ids = demo
    document_id = ids["correction-li.png"]
    assert _record(services, document_id)["status"] == "needs_correction"
    record = correct_fields(services, document_id, {
        "applicant.id_type": "resident_id", "applicant.id_number": "37150219850505003x",
        "request.description": "2024年本市餐饮服务单位量化分级评定结果",
        "delivery.media": ["paper"], "delivery.methods": ["post", "pickup"],
    }, actor="clerk").to_json()
    assert record["status"] == "accepted"
    assert record["missing"] == []
    assert record["correction_due"] is None
    received = dt.date.fromisoformat(record["received_on"])
    assert record["reply_due"] == services.calendar.nth_workday_after(received, 20).due.isoformat()
    stored = _record(services, document_id)
    assert stored["applicant"]["id_number"] == "37150219850505003X"   # RECORD.md: x upper-cased
    assert stored["delivery"]["methods"] == ["post", "pickup"]
    event = _last_event(services, document_id)
    assert event.kind == "corrected" and event.actor == "clerk"
    before, after = event.before, event.after
    assert before["applicant.id_number"] is None and after["applicant.id_number"] == "37150219850505003X"
    assert before["status"] == "needs_correction" and after["status"] == "accepted"
    assert after["reply_due"] == record["reply_due"] and before["correction_due"] is not None


def test_clearing_the_name_makes_an_accepted_application_need_correction(demo: Any) -> None:
    services, ids = demo
    record = correct_fields(services, ids["accepted-zhang.png"], {"applicant.name": "  "}, actor="clerk").to_json()
    assert record["status"] == "needs_correction"
    assert record["missing"] == ["applicant_name"]
    assert record["correction_due"] and record["reply_due"] is None


def test_an_unchanged_form_records_no_event(demo: Any) -> None:
    services, ids = demo
    document_id = ids["accepted-zhang.png"]
    count = len(services.register.events(document_id))
    correct_fields(services, document_id, {"applicant.name": "张伟", "request.titles": "2024年食品安全监督抽检计划\n",
                                           "applicant.email": ""}, actor="clerk")
    assert len(services.register.events(document_id)) == count


@pytest.mark.parametrize(("key", "value"), [("applicant.kind", "robot"), ("delivery.media", ["carrier pigeon"]),
                                            ("applicant.postcode", "25200"), ("applicant.shoe_size", "42")])
def test_values_outside_the_contract_are_refused(demo: Any, key: str, value: Any) -> None:
    services, ids = demo
    with pytest.raises(ReviewActionError):
        correct_fields(services, ids["accepted-zhang.png"], {key: value}, actor="clerk")


def test_rerouting_an_application_to_petition_routes_it_and_drops_its_deadlines(demo: Any) -> None:
    services, ids = demo
    document_id = ids["review-zhao.png"]
    record = change_route(services, document_id, "petition", actor="clerk").to_json()
    assert (record["route"], record["status"], record["missing"]) == ("petition", "routed", [])
    assert record["correction_due"] is None and record["reply_due"] is None
    event = services.register.events(document_id, "rerouted")[-1]
    before, after = event.before, event.after
    assert (before["route"], before["status"]) == ("application", "needs_review")
    assert (after["route"], after["status"]) == ("petition", "routed")
    # Art. 39 ¶1: written as an application, so the applicant is told it is not handled as one.
    drafted = _last_event(services, document_id)
    assert drafted.kind == "letter_drafted" and drafted.detail["kind"] == "not_application"


def test_rerouting_a_petition_to_application_runs_the_article_29_check(demo: Any) -> None:
    services, ids = demo
    record = change_route(services, ids["petition-sun.png"], "application", actor="clerk").to_json()
    assert record["status"] == "needs_correction"
    assert set(record["missing"]) >= {"applicant_id", "applicant_contact", "request_description", "delivery_format"}
    assert record["correction_due"] is not None


def test_status_rules(demo: Any) -> None:
    services, ids = demo
    with pytest.raises(ReviewActionError, match="只有政府信息公开申请"):
        change_status(services, ids["petition-sun.png"], "accepted", actor="clerk")
    with pytest.raises(ReviewActionError, match="无需补正"):
        change_status(services, ids["accepted-zhang.png"], "needs_correction", actor="clerk")
    with pytest.raises(ReviewActionError):
        change_status(services, ids["accepted-zhang.png"], "failed", actor="clerk")
    record = change_status(services, ids["correction-li.png"], "accepted", actor="clerk").to_json()
    assert record["status"] == "accepted" and record["missing"] == [] and record["reply_due"]
    record = change_status(services, ids["accepted-zhang.png"], "needs_review", actor="clerk").to_json()
    assert record["status"] == "needs_review" and record["reply_due"] is None


def test_a_stale_version_is_refused(demo: Any) -> None:
    services, ids = demo
    document_id = ids["accepted-zhang.png"]
    version = version_of(services, document_id)
    correct_fields(services, document_id, {"applicant.phone": "13900000000"}, actor="colleague",
                   expected_version=version)
    with pytest.raises(StaleRecord):
        correct_fields(services, document_id, {"applicant.phone": "13911111111"}, actor="clerk",
                       expected_version=version)
    assert _record(services, document_id)["applicant"]["phone"] == "13900000000"


def test_reply_is_recorded_with_the_annual_report_outcome(demo: Any) -> None:
    services, ids = demo
    document_id = ids["overdue-wang.eml"]
    letter = record_reply(services, document_id, "2025-06-09", "不予公开.3", actor="clerk", today=TODAY)
    event = services.register.events(document_id, "replied")[-1]
    # A report row's code names its decision (Art. 36 (三) with Art. 14), and the letter says it.
    assert event.detail == {"on": "2025-06-09", "decision": "36.3.3", "outcome": "不予公开.3"}
    assert letter.kind == "withheld" and letter.decision == "36.3.3" and letter.dated == dt.date(2025, 6, 9)
    drafted = _last_event(services, document_id)
    assert drafted.kind == "letter_drafted" and drafted.detail["reference"] == letter.reference
    assert len(REPLY_OUTCOMES) == 21
    with pytest.raises(ReviewActionError, match="未知答复结果"):
        record_reply(services, document_id, "2025-06-09", "不予公开.9", actor="clerk", today=TODAY)
    with pytest.raises(ReviewActionError, match="晚于今天"):
        record_reply(services, document_id, "2025-06-11", "予以公开", actor="clerk", today=TODAY)
    with pytest.raises(ReviewActionError, match="早于收到"):
        record_reply(services, document_id, "2025-01-02", "予以公开", actor="clerk", today=TODAY)
    with pytest.raises(ReviewActionError, match="日期格式"):
        record_reply(services, document_id, "9.6.2025", "予以公开", actor="clerk", today=TODAY)


def test_correction_received_restarts_the_reply_period(demo: Any) -> None:
    services, ids = demo
    document_id = ids["correction-li.png"]
    correct_fields(services, document_id, {"applicant.id_number": "371502198505050013",
                                           "request.description": "2024年餐饮服务单位量化分级评定结果",
                                           "delivery.methods": ["post"]}, actor="clerk")
    record = record_correction_received(services, document_id, "2025-06-09", actor="clerk", today=TODAY).to_json()
    assert record["status"] == "accepted"
    assert record["reply_due"] == services.calendar.nth_workday_after(dt.date(2025, 6, 9), 20).due.isoformat()
    kinds = [event.kind for event in services.register.events(document_id)]
    assert kinds[-2:] == ["correction_received", "deadline_changed"]


def test_notice_confirmed_and_sent(demo: Any) -> None:
    services, ids = demo
    document_id = ids["correction-li.png"]
    paths = confirm_notice(services, document_id, actor="clerk")
    assert {path.suffix for path in paths} == {".docx", ".txt"}
    assert all(path.is_file() and path.is_relative_to(services.config.outbox) for path in paths)
    assert "李娜" in next(path for path in paths if path.suffix == ".txt").read_text(encoding="utf-8")
    record_notice_sent(services, document_id, "2025-06-10", actor="clerk", today=TODAY)
    kinds = [event.kind for event in services.register.events(document_id)]
    assert kinds[-2:] == ["notice_confirmed", "notice_sent"]
    with pytest.raises(ReviewActionError):
        confirm_notice(services, ids["accepted-zhang.png"], actor="clerk")


def test_extension_once_only(demo: Any) -> None:
    services, ids = demo
    document_id = ids["accepted-zhang.png"]
    before = _record(services, document_id)["reply_due"]
    new_due = extend(services, document_id, "需征求第三方意见", actor="clerk").to_json()["reply_due"]
    assert new_due == services.calendar.nth_workday_after(dt.date.fromisoformat(before), 20).due.isoformat()
    with pytest.raises(ReviewActionError, match="已延长过一次"):
        extend(services, document_id, "再延一次", actor="clerk")
    with pytest.raises(ReviewActionError, match="理由"):
        extend(services, ids["firm-legal.pdf"], "  ", actor="clerk")


def test_a_failed_file_stays_failed_until_rerouted(demo: Any) -> None:
    services, ids = demo
    document_id = ids["broken.tif"]
    record = correct_fields(services, document_id, {"applicant.name": "某人"}, actor="clerk").to_json()
    assert record["status"] == "failed" and record["error"]
    record = change_route(services, document_id, "consultation", actor="clerk").to_json()
    assert record["status"] == "routed" and record["error"] is None


def test_only_an_accepted_application_can_be_extended(demo: Any) -> None:
    services, ids = demo
    with pytest.raises(ReviewActionError, match="已受理"):
        extend(services, ids["correction-li.png"], "需征求第三方意见", actor="clerk")


def test_an_id_with_a_wrong_check_character_does_not_meet_article_29(demo: Any) -> None:
    services, ids = demo
    document_id = ids["correction-li.png"]
    values = {"applicant.id_type": "resident_id", "request.description": "2024年本市餐饮服务单位量化分级评定结果",
              "delivery.media": ["paper"], "delivery.methods": ["post"]}
    record = correct_fields(services, document_id, {**values, "applicant.id_number": "371502198505050012"},
                            actor="clerk").to_json()
    assert record["status"] == "needs_correction" and record["missing"] == ["applicant_id"]
    record = correct_fields(services, document_id, {"applicant.id_number": "371502198505050013"}, actor="clerk").to_json()
    assert record["status"] == "accepted" and record["missing"] == []
    record = correct_fields(services, document_id, {"applicant.id_type": "uscc",
                                                    "applicant.id_number": "91110000600037341A"}, actor="clerk").to_json()
    assert record["missing"] == ["applicant_id"]
    record = correct_fields(services, document_id, {"applicant.id_number": "91110000600037341L"}, actor="clerk").to_json()
    assert record["status"] == "accepted"


def test_typed_values_that_fail_their_check_are_warned_of() -> None:
    from intake.kernel import Applicant
    from intake.office.checks import input_warnings
    warnings = input_warnings(Applicant(name="李娜", id_type="passport", id_number="12AB", phone="12345",
                                        email="lina@", postcode="25200"))
    assert [w.field for w in warnings] == ["applicant.id_number", "applicant.phone", "applicant.email",
                                          "applicant.postcode"]
    assert warnings[1].missing == "applicant_contact"          # nothing else reaches the applicant
    assert not input_warnings(Applicant(name="李娜", id_type="passport", id_number="E12345678",
                                        phone="0635-8123456", email="lina@example.com", postcode="252000"))
    assert not input_warnings(Applicant(phone="139 0635 1234"))
