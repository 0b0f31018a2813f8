"""One document: its scanned pages beside the extracted fields, deadlines, history, actions."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, abort, render_template, send_file

from intake.deadlines.periods import clock_events, compute_deadlines
from intake.kernel import Route, Status, office_error
from intake.office.checks import input_warnings
from intake.office.wording import reason_text
from intake.letters.draft import letter_path
from intake.letters.kinds import KINDS, LetterKind
from intake.office.actions import CHOICES, FIELD_KEYS, LIST_KEYS, SETTABLE_STATUSES, version_of
from intake.office.vocabulary import REPLY_DECISIONS, REPLY_OUTCOMES
from intake.register.letters import SENT_WAYS, LetterBook, LetterRow
from intake.register import DocumentRow, RowState
from intake.register.queues import queue_counts
from intake.review import history
from intake.review.highlights import field_marks
from intake.review.context import register, services, state
from intake.review.scans import ScanError, ViewPage, archived_file
from intake.review.views_queue import SOON_WORKDAYS

blueprint = Blueprint("item", __name__)


def _document(document_id: int) -> DocumentRow:
    row = register().get(document_id)
    if row is None:
        abort(404)
    return row


@blueprint.route("/item/<int:document_id>")
def show(document_id: int) -> str:
    document = _document(document_id)
    record: dict[str, Any] = document.record.to_json() if document.record else {}
    review_state = state()
    pages, scan_error = _pages(document)
    events = [history.entry(event) for event in register().events(document_id)]
    today = review_state.today()
    return render_template(
        "item.html", document=document, record=record, pages=pages, scan_error=scan_error, events=events,
        field_keys=FIELD_KEYS, list_keys=LIST_KEYS, choices=CHOICES, reply_decisions=_grouped_decisions(),
        settable_statuses=[str(s) for s in SETTABLE_STATUSES], version=version_of(services(), document_id),
        explanation=_explanation(document_id, record), due=_due(record, events, today), today=today,
        letters=_letters(document_id), sent_ways=SENT_WAYS,
        done=document.state == RowState.DONE and bool(record),
        reasons=[reason_text(reason) for reason in document.record.reasons] if document.record else [],
        clauses=document.record.clauses if document.record else (),
        marks=field_marks(record, document.record.line_boxes) if document.record else {},
        error=office_error(record.get("error")), warnings=input_warnings(document.record.applicant)
        if document.record and document.record.route == Route.APPLICATION else [],
        counts=queue_counts(register().conn, today),
        active_queue=_queue_of(record))


def _queue_of(record: dict[str, Any]) -> str:
    """The tab the document belongs to, so the page header shows where it sits."""
    status = str(record.get("status") or "")
    if status == "accepted":
        return "due"
    return status if status in ("needs_review", "needs_correction", "routed", "failed") else "all"


def _pages(document: DocumentRow) -> tuple[list[ViewPage], str | None]:
    review_state = state()
    path = archived_file(review_state.config.archive, document.archive_path)
    if path is None:
        return [], "原件不在归档文件夹中，无法显示" if document.archive_path else "尚无归档原件"
    try:
        return review_state.cache.pages(path, review_state.config.limits.max_image_pixels), None
    except (ScanError, OSError) as exc:
        return [], str(exc)


def _explanation(document_id: int, record: dict[str, Any]) -> list[str]:
    if not record.get("received_on") or record.get("status") not in (Status.ACCEPTED, Status.NEEDS_CORRECTION):
        return []
    try:
        deadlines = compute_deadlines(dt.date.fromisoformat(record["received_on"]), Status(record["status"]),
                                      clock_events(register().events(document_id)), state().calendar)
    except ValueError as exc:
        return [f"期限无法计算：{exc}"]
    return list(deadlines.explanation)


def _due(record: dict[str, Any], events: list[history.HistoryEntry], today: dt.date) -> dict[str, Any] | None:
    status = record.get("status")
    if status == Status.NEEDS_CORRECTION:
        day, what, done_kind = record.get("correction_due"), "补正告知期限", "notice_sent"
    elif status == Status.ACCEPTED:
        day, what, done_kind = record.get("reply_due"), "答复期限", "replied"
    else:
        return None
    if not day:
        return None
    answered = any(event.kind == done_kind for event in events)
    soon_until = state().calendar.nth_workday_after(today, SOON_WORKDAYS).due.isoformat()
    return {"day": day, "what": what, "answered": answered, "overdue": not answered and day < today.isoformat(),
            "soon": not answered and today.isoformat() <= day <= soon_until}


def _grouped_decisions() -> list[tuple[str, list[tuple[str, str]]]]:
    """The office's decisions under the annual report's groups (予以公开, 不予公开 …)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for decision in REPLY_DECISIONS.values():
        group = REPLY_OUTCOMES[decision.outcome].split("：")[0].split("（")[0]
        groups.setdefault(group, []).append((decision.code, decision.wording))
    return list(groups.items())


@dataclass(frozen=True, slots=True)
class LetterView:
    row: LetterRow
    title: str
    files: dict[str, str]          # suffix → file name, for the files that still exist


def _letters(document_id: int) -> list[LetterView]:
    config = state().config
    views = []
    for row in LetterBook(register()).of_document(document_id):
        files = {suffix.lstrip("."): path.name for suffix in (".docx", ".txt")
                 if (path := letter_path(config, row, suffix)) is not None}
        views.append(LetterView(row, KINDS[LetterKind(row.kind)].title, files))
    return views


# ---------------------------------------------------------------- binary answers (401 without sign-in)
@blueprint.route("/item/<int:document_id>/page/<int:number>")
def page_image(document_id: int, number: int) -> Response:
    document = _document(document_id)
    review_state = state()
    path = archived_file(review_state.config.archive, document.archive_path)
    if path is None or number < 1:
        abort(404)
    try:
        png = review_state.cache.png(path, number, review_state.config.limits.max_image_pixels)
    except ScanError:
        abort(404)
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=600"
    return response


@blueprint.route("/item/<int:document_id>/letter/<int:letter_id>.<any(docx, txt):kind>")
def letter_file(document_id: int, letter_id: int, kind: str) -> Response:
    _document(document_id)
    letter = LetterBook(register()).get(letter_id)
    if letter is None or letter.document_id != document_id:
        abort(404)
    path = letter_path(state().config, letter, f".{kind}")
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=path.name, max_age=0)
