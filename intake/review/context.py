"""What a request of the review page works with: the app's shared state, the register opened for
this request, the signed-in user, the CSRF token. The blueprints import these from here, the
application (app.py) imports the blueprints: no cycle."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import g, session

from intake.config import Config
from intake.deadlines.workdays import WorkdayCalendar
from intake.pipeline.services import Services
from intake.register import Register
from intake.review.auth import LoginThrottle, new_token
from intake.review.scans import RenderCache

if TYPE_CHECKING:
    from intake.ocr.engines.base import OcrEngine

STATE_KEY = "intake_review"


@dataclass
class ReviewState:
    """What the app shares between requests; lives in `app.extensions`, not in a module global."""
    config: Config
    calendar: WorkdayCalendar
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    cache: RenderCache = field(default_factory=RenderCache)
    today: Callable[[], dt.date] = dt.date.today


# ---------------------------------------------------------------- per-request objects
def state() -> ReviewState:
    from flask import current_app
    review_state: ReviewState = current_app.extensions[STATE_KEY]
    return review_state


def register() -> Register:
    if "register" not in g:
        g.register = Register(state().config.database)
    opened: Register = g.register
    return opened


def services() -> Services:
    review_state = state()
    return Services(config=review_state.config, register=register(), calendar=review_state.calendar,
                    engine_factory=_no_ocr)


def _no_ocr() -> OcrEngine:
    raise RuntimeError("the review page reads no documents; OCR runs in `intake watch`")


def signed_in_user() -> str:
    name: str = g.user
    return name


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = new_token()
    token: str = session["csrf"]
    return token
