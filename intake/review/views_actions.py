"""The forms on an item's page: each POST calls one function of `intake.office.actions`.

After a change the browser is sent back to the item (post/redirect/get), with a message saying
what happened or why nothing was saved.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from werkzeug.datastructures import ImmutableMultiDict

from intake.office.actions import (
    CHOICES,
    FIELD_KEYS,
    LIST_KEYS,
    ReviewActionError,
    change_route,
    change_status,
    confirm_notice,
    correct_fields,
    extend,
    record_correction_received,
    record_notice_sent,
    record_reply,
    request_reasons,
)
from intake.office.correspondence import DETAIL_FIELDS, LetterActionError, decision_of, letter_sent
from intake.office.checks import input_warnings
from intake.pipeline.services import Services
from intake.register.letters import SENT_WAYS, LetterBook
from intake.review import labels
from intake.review.context import services, signed_in_user, state

blueprint = Blueprint("actions", __name__)
Form = ImmutableMultiDict[str, str]


def _fields(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    values: dict[str, Any] = {}
    for key in FIELD_KEYS:
        if key in LIST_KEYS and key in CHOICES:
            values[key] = form.getlist(key)     # unticked boxes are simply absent
        elif key in form:
            values[key] = form[key]
    record = correct_fields(svc, document_id, values, actor=actor, expected_version=version)
    warnings = "".join(f"注意：{warning.message}。" for warning in input_warnings(record.applicant))
    return f"已保存。状态：{labels.label(labels.STATUSES, record.status)}。{warnings}"


def _route(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    record = change_route(svc, document_id, form.get("route", ""), actor=actor, expected_version=version)
    return (f"类型已改为“{labels.label(labels.ROUTES, record.route)}”，"
            f"状态：{labels.label(labels.STATUSES, record.status)}")


def _status(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    record = change_status(svc, document_id, form.get("status", ""), actor=actor, expected_version=version)
    return f"状态已改为“{labels.label(labels.STATUSES, record.status)}”"


def _notice(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    paths = confirm_notice(svc, document_id, actor=actor, expected_version=version, today=_today())
    return "补正告知书已确认并生成：" + "、".join(path.name for path in paths)


def _notice_sent(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    record_notice_sent(svc, document_id, form.get("on", ""), actor=actor, today=_today(),
                       expected_version=version, way=form.get("way", "post"))
    return f"已登记：补正告知书于 {form.get('on')} 发出"


def _reply(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    outcome = form.get("outcome", "")
    details = {name: form.get(name, "") for name in DETAIL_FIELDS}
    letter = record_reply(svc, document_id, form.get("on", ""), outcome, actor=actor, today=_today(),
                          expected_version=version, details=details)
    return f"已登记答复：{form.get('on')} {decision_of(outcome).wording}；已起草文书 {letter.reference}"


def _explain(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    letter = request_reasons(svc, document_id, form.get("reason", ""), actor=actor, today=_today(),
                             expected_version=version)
    return f"已起草说明理由告知书 {letter.reference}（第三十五条）"


def _letter_sent(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    on = _date(form.get("on", ""))
    letter_id = form.get("letter_id", type=int) or 0
    if letter_id and any(letter.id == letter_id and letter.kind == "correction"
                         for letter in LetterBook(svc.register).of_document(document_id)):
        record_notice_sent(svc, document_id, on, actor=actor, today=_today(), way=form.get("way", ""))
        sent = LetterBook(svc.register).get(letter_id)
    else:
        try:
            sent = letter_sent(svc, document_id, letter_id, on, form.get("way", ""), actor=actor)
        except LetterActionError as exc:
            raise ReviewActionError(str(exc)) from exc
    reference = sent.reference if sent else ""
    return f"已登记：文书 {reference} 于 {on} 以{SENT_WAYS.get(form.get('way', ''), '')}方式发出"


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ReviewActionError(f"日期格式应为 YYYY-MM-DD：{text!r}") from exc
    if day > _today():
        raise ReviewActionError(f"日期 {day} 晚于今天，不能预先登记")
    return day


def _correction(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    record = record_correction_received(svc, document_id, form.get("on", ""), actor=actor, today=_today(),
                                        expected_version=version)
    due = record.reply_due or record.correction_due or "—"
    return f"已登记收到补正材料，状态：{labels.label(labels.STATUSES, record.status)}，期限：{due}"


def _extend(svc: Services, document_id: int, form: Form, actor: str, version: int | None) -> str:
    record = extend(svc, document_id, form.get("reason", ""), actor=actor, expected_version=version, on=_today())
    extension = [letter for letter in LetterBook(svc.register).of_document(document_id) if letter.kind == "extension"]
    drafted = f"；已起草延期答复告知书 {extension[-1].reference}" if extension else ""
    return f"答复期限已延长至 {record.reply_due}（第三十三条）{drafted}"


def _today() -> dt.date:
    return state().today()


ACTIONS: dict[str, Callable[[Services, int, Form, str, int | None], str]] = {
    "fields": _fields, "route": _route, "status": _status, "notice": _notice, "notice-sent": _notice_sent,
    "reply": _reply, "correction": _correction, "extend": _extend, "explain": _explain,
    "letter-sent": _letter_sent,
}


ACTION_RULE = "/item/<int:document_id>/<any(" + ", ".join(repr(name) for name in ACTIONS) + "):action>"


@blueprint.route(ACTION_RULE, methods=["POST"])
def act(document_id: int, action: str) -> Response:
    if action not in ACTIONS:
        abort(404)
    version = request.form.get("version", type=int)
    try:
        message = ACTIONS[action](services(), document_id, request.form, signed_in_user(), version)
    except ReviewActionError as exc:
        flash(str(exc), "error")
    else:
        flash(message, "ok")
    return redirect(url_for("item.show", document_id=document_id), code=303)  # type: ignore[return-value]
