"""The review page's Flask application: built by `create_app(config)`, nothing global.

Each request opens its own connection to the register and closes it at the end, so the page
never holds a transaction open while `intake watch` writes (the register runs in WAL mode).
Every endpoint except the sign-in page and the stylesheet/script needs a signed-in user, and
every POST needs the session's CSRF token.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask import Flask, Response, abort, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, Map

from intake.config import Config
from intake.deadlines.workdays import WorkdayCalendar
from intake.kernel import office_error
from intake.register.store import Register
from intake.review import labels
from intake.review.auth import (
    LoginThrottle,
    get_user,
    load_secret_key,
    session_valid,
    tokens_match,
)
from intake.review.context import STATE_KEY, ReviewState, csrf_token, register

SESSION_HOURS = 10          # one working day; the office signs in again the next morning
# Reachable without a session: the sign-in form and its stylesheet/script (no personal data).
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static"})
# Answered with 401 instead of a redirect: images and downloads are not pages to land on.
NON_PAGE_ENDPOINTS = frozenset({"item.page_image", "item.letter_file"})

CSP = ("default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


def create_app(config: Config, *, calendar: WorkdayCalendar | None = None, throttle: LoginThrottle | None = None,
               today: Callable[[], dt.date] | None = None, secure_cookies: bool = False,
               secret_key: bytes | None = None) -> Flask:
    """The review application for one HOME.

    `secure_cookies` adds the Secure flag, for when the page is served behind an HTTPS proxy;
    on plain http://127.0.0.1 a browser would drop such a cookie.
    """
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key or load_secret_key(config.home),
        SESSION_COOKIE_NAME="intake_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=SESSION_HOURS),
        MAX_CONTENT_LENGTH=1_000_000,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions[STATE_KEY] = ReviewState(
        config=config, calendar=calendar or WorkdayCalendar.load(config.home),
        throttle=throttle or LoginThrottle(), today=today or dt.date.today)
    Register(config.database).close()    # creates or migrates the register before the first request
    app.url_map.converters["int"] = RowNumber

    from intake.review import views_actions, views_auth, views_item, views_queue
    app.register_blueprint(views_auth.blueprint)
    app.register_blueprint(views_queue.blueprint)
    app.register_blueprint(views_item.blueprint)
    app.register_blueprint(views_actions.blueprint)

    app.before_request(_require_sign_in)
    app.before_request(_check_csrf)
    app.after_request(_security_headers)
    app.teardown_appcontext(_close_register)
    app.register_error_handler(HTTPException, _error_page)
    app.jinja_env.globals.update(csrf_token=csrf_token, labels=labels, label=labels.label)
    app.jinja_env.filters["office_error"] = office_error
    return app


class RowNumber(IntegerConverter):
    """`<int:…>` within SQLite's integers: /item/99999999999999999999999 is no page (404), not
    an overflow (500)."""

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, max=2**63 - 1)


def _close_register(exc: BaseException | None) -> None:
    opened = g.pop("register", None)
    if opened is not None:
        opened.close()


# ---------------------------------------------------------------- hooks
def _require_sign_in() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    name = session.get("user")
    user = get_user(register().conn, name) if isinstance(name, str) else None
    if user is not None and session_valid(user, float(session.get("issued", 0))):
        g.user = user.name
        return None
    session.pop("user", None)
    if request.method == "GET" and request.endpoint not in NON_PAGE_ENDPOINTS:
        target = request.full_path.rstrip("?")
        return redirect(url_for("auth.login", next=target))  # type: ignore[return-value]
    abort(401)


def _check_csrf() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    given = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token")
    if not tokens_match(session.get("csrf"), given):
        abort(400, description="表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试。")


def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":
        # Pages carry personal data: no copy in shared caches, none kept after sign-out.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_page(error: HTTPException) -> tuple[str, int]:
    titles = {400: "请求无效", 401: "请先登录", 403: "无权访问", 404: "未找到", 405: "不允许的操作",
              413: "提交内容过大", 429: "尝试次数过多"}
    code = error.code or 500
    return render_template("message.html", title=titles.get(code, "出错了"), code=code,
                           message=error.description if code in (400, 429) else ""), code

