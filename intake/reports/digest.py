"""The daily digest: what the office must know tonight, read from the register.

Every personal value is masked (intake.masking.mask) while the digest is *built*, so neither
renderer, nor a template the office edits, can put an ID number, phone or e-mail address in a mail."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake.deadlines.workdays import WorkdayCalendar
from intake.kernel import office_error
from intake.masking import mask
from intake.office.wording import reason_text
from intake.outbox import write_atomic
from intake.pipeline.services import Services
from intake.register.store import Register
from intake.reports.annual import link_documents
from intake.reports.repeats import (
    REPEAT_THRESHOLD,
    REPEAT_WINDOW_DAYS,
    RepeatApplicant,
    applicant_label,
    repeat_applicants,
)
from intake.reports.templates import render_template

DUE_WITHIN_WORKDAYS = 5


CHART_DAYS = 30


LIST_LIMIT = 40          # rows per list in the mail; the rest are counted, not shown


ROUTE_LABELS = {"application": "政府信息公开申请", "petition": "信访", "complaint": "投诉", "report": "举报",
                "consultation": "咨询", "other": "其他"}


STATUS_LABELS = {"accepted": "受理", "needs_correction": "需补正", "duplicate": "重复申请", "routed": "已转办",
                 "needs_review": "待审核", "failed": "无法读取", "processing": "处理中"}


CHANNEL_LABELS = {"letter": "信函", "email": "电子邮件", "fax": "传真", "online": "网上", "in_person": "当面",
                  "unknown": "未知"}


MISSING_LABELS = {"applicant_name": "姓名或名称", "applicant_id": "身份证明", "applicant_contact": "联系方式",
                  "request_description": "所需信息描述", "delivery_format": "获取方式"}



# ---------------------------------------------------------------- what the digest holds
@dataclass(frozen=True, slots=True)
class Count:
    label: str
    n: int


@dataclass(frozen=True, slots=True)
class DueItem:
    document_id: int
    what: str                 # "答复 reply" | "补正告知 correction notice"
    due: dt.date
    workdays_left: int        # 0 = due today, negative = working days overdue
    applicant: str            # masked
    received_on: str
    provisional: bool


@dataclass(frozen=True, slots=True)
class WaitingItem:
    """A correction notice went out; the corrected application has not come back."""
    document_id: int
    applicant: str
    notice_sent_on: dt.date
    days_waiting: int
    missing: str


@dataclass(frozen=True, slots=True)
class DocumentItem:
    """A document that needs a person: waiting for review, or unreadable."""
    document_id: int
    arrived_on: str
    label: str                # route/status, or the file's (masked) name
    note: str                 # masked reason or error


@dataclass(frozen=True, slots=True)
class ChartBar:
    day: dt.date
    n: int


@dataclass(frozen=True, slots=True)
class Digest:
    day: dt.date
    generated_at: str
    agency: str
    arrived: int
    by_route_status: tuple[Count, ...]
    by_channel: tuple[Count, ...]
    horizon: dt.date          # the last day counted as "due soon"
    overdue: tuple[DueItem, ...]
    due_soon: tuple[DueItem, ...]
    awaiting_correction: tuple[WaitingItem, ...]
    review: tuple[DocumentItem, ...]
    failures: tuple[DocumentItem, ...]
    repeat_applicants: tuple[RepeatApplicant, ...]
    provisional: tuple[DueItem, ...]
    chart: tuple[ChartBar, ...]
    review_base: str = ""      # the review page's address ([review] base_url): every item links there

    @property
    def subject(self) -> str:
        return (f"政府信息公开收件日报 {self.day} — 新收 {self.arrived}，逾期 {len(self.overdue)}，"
                f"5个工作日内到期 {len(self.due_soon)}，待审核 {len(self.review)}")


# ---------------------------------------------------------------- building it
def build_digest(register: Register, calendar: WorkdayCalendar, day: dt.date, *, agency: str = "",
                 now: dt.datetime | None = None, review_base: str = "") -> Digest:
    """The digest for `day`, from the register as it is now; personal values already masked."""
    rows = register.summaries()
    events = _office_events(register)
    links = link_documents(rows)
    sha = {int(row["id"]): row["sha256"] for row in rows}
    # Applications whose corrected version has arrived (a second copy of the same file is not one).
    continued = {start for document_id, start in links.items() if sha[document_id] != sha[start]}
    arrivals = [row for row in rows if (row["arrived_at"] or "")[:10] == day.isoformat()]
    horizon = calendar.nth_workday_after(day, DUE_WITHIN_WORKDAYS).due
    open_items = _open_deadlines(rows, events, continued, calendar, day)
    return Digest(
        day=day, agency=agency,
        generated_at=f"{now or dt.datetime.now().astimezone():%Y-%m-%d %H:%M}",
        arrived=len(arrivals),
        by_route_status=_route_status_counts(arrivals),
        by_channel=tuple(Count(_label(CHANNEL_LABELS, key), n)
                         for key, n in Counter(row["channel"] or "unknown" for row in arrivals
                                               if row["state"] == "done").most_common()),
        horizon=horizon,
        overdue=tuple(item for item in open_items if item.workdays_left < 0),
        due_soon=tuple(item for item in open_items if 0 <= item.workdays_left and item.due <= horizon),
        awaiting_correction=_awaiting_correction(rows, events, continued, day),
        review=tuple(DocumentItem(int(row["id"]), (row["arrived_at"] or "")[:10],
                                  f"{_label(ROUTE_LABELS, row['route'])} · 可信度 {row['confidence'] or 0:.2f}",
                                  _first_reason(row["reasons"]))
                     for row in rows if row["state"] == "done" and row["status"] == "needs_review"),
        failures=tuple(DocumentItem(int(row["id"]), (row["arrived_at"] or "")[:10],
                                    mask(row["original_name"] or row["sha256"][:12]), office_error(row["error"]))
                       for row in rows if row["state"] == "done" and row["status"] == "failed"),
        repeat_applicants=repeat_applicants(rows, day),
        provisional=tuple(item for item in open_items if item.provisional),
        chart=_chart(rows, day), review_base=review_base.rstrip("/"),
    )


def _label(labels: Mapping[str, str], key: str | None) -> str:
    key = key or "unknown"
    return labels.get(key, key)


def _route_status_counts(arrivals: list[dict[str, Any]]) -> tuple[Count, ...]:
    counts = Counter((row["route"] or "", row["status"] or "") if row["state"] == "done" else ("", "processing")
                     for row in arrivals)
    order = list(ROUTE_LABELS)
    ranked = sorted(counts.items(), key=lambda item: (order.index(item[0][0]) if item[0][0] in order else 99,
                                                      item[0][1]))
    return tuple(Count(f"{ROUTE_LABELS.get(route, '—')} / {STATUS_LABELS.get(status, status)}", n)
                 for (route, status), n in ranked)


def _office_events(register: Register) -> dict[int, dict[str, dt.date]]:
    """The first date of each office event that answers a deadline, per document."""
    found: dict[int, dict[str, dt.date]] = {}
    for event in register.events_of_kind("replied", "notice_sent", "correction_received"):
        try:
            on = dt.date.fromisoformat(str(event.detail.get("on") or event.at[:10]))
        except ValueError:
            on = dt.date.fromisoformat(event.at[:10])   # a mistyped "on" still answers the deadline
        kinds = found.setdefault(event.document_id, {})
        kinds[event.kind] = min(on, kinds.get(event.kind, on))
    return found


def workdays_between(calendar: WorkdayCalendar, start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    low, high, sign = (start, end, 1) if start <= end else (end, start, -1)
    days = (high - low).days
    return sign * sum(1 for i in range(1, days + 1) if calendar.is_workday(low + dt.timedelta(days=i)))


def _open_deadlines(rows: Iterable[dict[str, Any]], events: Mapping[int, Mapping[str, dt.date]],
                    continued: set[int], calendar: WorkdayCalendar, day: dt.date) -> list[DueItem]:
    """reply_due without a `replied` event, correction_due without `notice_sent` (or a reply), soonest first."""
    items: list[DueItem] = []
    for row in rows:
        if row["state"] != "done":
            continue
        answered = events.get(int(row["id"]), {})
        for column, what, answers in (("reply_due", "答复", ("replied",)),
                                      ("correction_due", "补正告知", ("notice_sent", "replied"))):
            if not row[column] or any(kind in answered for kind in answers):
                continue
            if column == "correction_due" and int(row["id"]) in continued:
                continue   # the corrected application came back, so the notice did its work
            due = dt.date.fromisoformat(row[column])
            items.append(DueItem(int(row["id"]), what, due, workdays_between(calendar, day, due),
                                 applicant_label(row), row["received_on"] or "", bool(row["provisional_deadline"])))
    return sorted(items, key=lambda item: (item.due, item.document_id))


def _awaiting_correction(rows: Iterable[dict[str, Any]], events: Mapping[int, Mapping[str, dt.date]],
                         continued: set[int], day: dt.date) -> tuple[WaitingItem, ...]:
    items: list[WaitingItem] = []
    for row in rows:
        answered = events.get(int(row["id"]), {})
        sent = answered.get("notice_sent")
        if (row["status"] != "needs_correction" or sent is None or int(row["id"]) in continued
                or "correction_received" in answered or "replied" in answered):
            continue
        missing = "、".join(MISSING_LABELS.get(key, key) for key in json.loads(row["missing"] or "[]"))
        items.append(WaitingItem(int(row["id"]), applicant_label(row), sent, (day - sent).days, missing))
    return tuple(sorted(items, key=lambda item: item.notice_sent_on))


def _first_reason(reasons: str | None) -> str:
    listed = json.loads(reasons or "[]")
    return mask(reason_text(str(listed[0])))[:120] if listed else ""


def _chart(rows: Iterable[Mapping[str, Any]], day: dt.date) -> tuple[ChartBar, ...]:
    per_day = Counter((row["arrived_at"] or "")[:10] for row in rows)
    days = [day - dt.timedelta(days=offset) for offset in range(CHART_DAYS - 1, -1, -1)]
    return tuple(ChartBar(d, per_day.get(d.isoformat(), 0)) for d in days)


def render(digest: Digest, home: Path | None = None) -> tuple[str, str]:
    """The digest as (plain text, HTML)."""
    values = {"digest": digest, "limit": LIST_LIMIT, "window_days": REPEAT_WINDOW_DAYS,
              "threshold": REPEAT_THRESHOLD, "within": DUE_WITHIN_WORKDAYS, "chart": chart_geometry(digest.chart)}
    return render_template("digest.txt", home, **values), render_template("digest.html", home, **values)


@dataclass(frozen=True, slots=True)
class BarBox:
    x: float
    y: float
    width: float
    height: float
    day: dt.date
    n: int
    label: str               # MM-DD under every seventh bar and the last, else ""


@dataclass(frozen=True, slots=True)
class ChartGeometry:
    width: int
    height: int
    baseline: float
    bars: tuple[BarBox, ...]
    peak: int
    total: int
    sparkline: str           # the same bars as block characters, for the plain-text part


def chart_geometry(chart: tuple[ChartBar, ...], *, width: int = 600, height: int = 120) -> ChartGeometry:
    """Bar positions for the SVG: computed here because templates should not do arithmetic."""
    peak = max((bar.n for bar in chart), default=0)
    baseline = height - 18.0
    slot = width / max(len(chart), 1)
    bars = tuple(
        BarBox(x=round(index * slot + 1, 1), y=round(baseline - (baseline - 14) * bar.n / peak if peak else baseline, 1),
               width=round(slot - 2, 1), height=round((baseline - 14) * bar.n / peak if peak else 0, 1),
               day=bar.day, n=bar.n,
               label=f"{bar.day:%m-%d}" if (len(chart) - 1 - index) % 7 == 0 else "")
        for index, bar in enumerate(chart))
    blocks = "▁▂▃▄▅▆▇█"   # ▁ = none that day
    sparkline = "".join(blocks[0 if not bar.n else max(1, round(7 * bar.n / peak))] for bar in chart)
    return ChartGeometry(width, height, baseline, bars, peak, sum(bar.n for bar in chart), sparkline)


@dataclass(frozen=True, slots=True)
class DigestFiles:
    digest: Digest
    text: str
    html: str
    text_path: Path
    html_path: Path


def produce_digest(services: Services, day: dt.date, *, now: dt.datetime | None = None) -> DigestFiles:
    """Build, render and write outbox/digest/DAY.txt and .html (atomically)."""
    config = services.config
    digest = build_digest(services.register, services.calendar, day, agency=config.agency.name, now=now,
                          review_base=config.review.base_url)
    text, html = render(digest, config.home)
    folder = config.outbox / "digest"
    return DigestFiles(digest, text, html, write_atomic(folder / f"{day}.txt", text),
                       write_atomic(folder / f"{day}.html", html))
