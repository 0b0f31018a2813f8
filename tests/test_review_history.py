"""The audit trail as the office reads it (intake/review/history.py)."""
from __future__ import annotations

from intake.register import Event
from intake.review.history import entry, value_text


def test_a_correction_reads_as_field_before_and_after() -> None:
    event = Event(id=7, document_id=1, at="2025-06-10T09:30:12+08:00", actor="clerk", kind="corrected",
                  detail={"before": {"applicant.id_type": None, "status": "needs_correction"},
                          "after": {"applicant.id_type": "resident_id", "status": "accepted"}})
    shown = entry(event)
    assert shown.at == "2025-06-10 09:30:12" and shown.label == "更正字段" and shown.actor == "clerk"
    assert [(c.what, c.before, c.after) for c in shown.changes] == [
        ("身份证明类型", "（空）", "居民身份证"), ("状态", "需补正", "已受理")]
    assert shown.notes == ()


def test_a_reply_says_its_outcome_once() -> None:
    detail = {"on": "2025-06-09", "outcome": "不予公开.3"}
    event = Event(id=8, document_id=1, at="2025-06-10T10:00:00+08:00", actor="clerk", kind="replied",
                  detail=detail, after=dict(detail))
    shown = entry(event)
    assert [c.after for c in shown.changes] == ["2025-06-09", "不予公开：危及“三安全一稳定”（不予公开.3）"]
    assert shown.notes == ()


def test_values_in_words() -> None:
    assert value_text("missing", ["applicant_id", "delivery_format"]) == "身份证明、形式与获取方式"
    assert value_text("delivery.methods", ["post", "email"]) == "邮寄、电子邮件"
    assert value_text("route", "petition") == "信访"
    assert value_text("applicant.name", "") == "（空）"
    assert value_text("outcome", "予以公开") == "予以公开"
