"""Sign-in and sign-out."""
from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, Response, redirect, render_template, request, session, url_for

from intake.review.auth import end_sessions, new_token, verify_password
from intake.review.context import register, signed_in_user, state

blueprint = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (an open redirect: `//evil`, `/\\evil`, or
    `/<TAB>/evil`, which a browser reads as `//evil` once it drops the tab), never a scheme, and
    no control character (a newline cannot go into the Location header)."""
    if target and target.startswith("/") and not target.startswith(("//", "/login")) \
            and not any(c == "\\" or c.isspace() or not c.isprintable() for c in target) \
            and not urlsplit(target).netloc:
        return target
    return url_for("queue.index")


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    next_page = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("login.html", next_page=next_page, error=None)
    name = request.form.get("name", "").strip()
    password = request.form.get("password", "")
    keys = [f"ip:{request.remote_addr}", f"user:{name.casefold()}"]
    throttle = state().throttle
    wait = throttle.wait_seconds(keys)
    if wait > 0:
        error = f"登录失败次数过多，请 {int(wait) + 1} 秒后再试。"
        return render_template("login.html", next_page=next_page, error=error, name=name), 429
    if not name or not verify_password(register().conn, name, password):
        throttle.failed(keys)
        return render_template("login.html", next_page=next_page, error="用户名或密码不正确。", name=name), 401
    # A fresh session on sign-in, so a token planted before it (session fixation) is worthless.
    session.clear()
    session.permanent = True
    session["user"] = name
    session["issued"] = time.time()
    session["csrf"] = new_token()
    return redirect(next_page, code=303)  # type: ignore[return-value]


@blueprint.route("/logout", methods=["POST"])
def logout() -> Response:
    end_sessions(register().conn, signed_in_user())
    session.clear()
    return redirect(url_for("auth.login"), code=303)  # type: ignore[return-value]
