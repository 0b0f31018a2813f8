"""The work lists: needs review, needs correction, deadlines, routed, failed, all."""
from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from intake.register.queues import DUE_FILTERS, QUEUE_WHERE, QueueQuery, load_queue, queue_counts
from intake.review import labels
from intake.review.context import register, state

blueprint = Blueprint("queue", __name__)
SOON_WORKDAYS = 3      # deadlines this close are highlighted


@blueprint.route("/")
def index() -> Response:
    return redirect(url_for("queue.show", name="needs_review"))  # type: ignore[return-value]


@blueprint.route("/queue/<name>")
def show(name: str) -> str:
    if name not in QUEUE_WHERE:
        abort(404)
    review_state = state()
    today = review_state.today()
    soon_until = review_state.calendar.nth_workday_after(today, SOON_WORKDAYS).due
    route = request.args.get("route") or None
    status = request.args.get("status") or None
    due_filter = request.args.get("due", "open")
    if route not in (None, *labels.ROUTES) or status not in (None, *labels.STATUSES) or due_filter not in DUE_FILTERS:
        abort(400, description="筛选条件无效")
    query = QueueQuery(name=name, route=route, status=status, search=request.args.get("q", "")[:200],
                       due_filter=due_filter, page=request.args.get("page", 1, type=int) or 1)
    db = register().conn
    page = load_queue(db, query, today=today, soon_until=soon_until)
    return render_template(
        "queue.html", query=query, page=page, counts=queue_counts(db, today), today=today,
        soon_until=soon_until, routes=list(labels.ROUTES), due_filters=_DUE_FILTER_LABELS,
        page_url=lambda number: url_for("queue.show", name=name, page=number, q=query.search or None,
                                        route=route, status=status,
                                        due=due_filter if name == "due" else None))


_DUE_FILTER_LABELS = {"open": "未办结", "overdue": "已逾期", "soon": "3个工作日内到期", "answered": "已办结",
                      "any": "全部"}
