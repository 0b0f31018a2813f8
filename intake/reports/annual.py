"""The annual report's table of applications (年度报告 表三), from the register.

Layout and row names follow 国办公开办函〔2021〕30号 (FACTS.md §3): rows 一 本年新收, 二 上年结转,
三 本年度办理结果 (（一）…（七）总计), 四 结转下年度继续办理; columns 自然人, the five kinds of
法人或其他组织, 总计. The form's own rule, printed in its corner cell, is checked for every column:
一 + 二 = 三（七）总计 + 四. A register that breaks it is refused with the documents to look at.

How documents become applications (docs/digest.md, "Annual report"):
- only `route = application` records that could be read (`status` not `failed`) count;
- a second copy of the very same file (same sha256) is the same application, counted once;
- the corrected version of an application that needed correction (the pipeline notes
  "correction of the earlier application …") continues that application, counted once;
- an application the pipeline marked `duplicate` is the same application when it arrived before
  the earlier one was answered (another scan, a fax, an e-mail of the same request), counted once;
  one that arrived after the answer asks again and *is* counted: the office answers it, usually
  不予处理 2.重复申请, as the 2023 report in the seed does;
- the outcome is the office's first `replied` event, dated by its detail's "on"; its row is the
  row of the event's decision (`intake.office.vocabulary.REPLY_DECISIONS`), the same decision the
  reply letter was drafted from, so the letters and the table cannot disagree."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from intake.office.vocabulary import report_outcome
from intake.register.store import Register

TITLE = "收到和处理政府信息公开申请情况"


CHECK_RULE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


# Written by intake/pipeline.py when a corrected application arrives (Art. 30).
_CORRECTION_REASON = re.compile(r"correction of the earlier application (?:#\d+ \()?([0-9a-f]{6,64})")


# applicant_category → the form's columns, in the form's order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("individual", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
)


TOTAL = "total"


COLUMN_KEYS: tuple[str, ...] = (*(key for key, _ in COLUMNS), TOTAL)


COLUMN_LABELS: dict[str, str] = {**dict(COLUMNS), TOTAL: "总计"}


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: str          # "received", "carried_in", an outcome such as "不予公开.3", "results_total", "carried_out"
    section: str      # 一、… / 三、本年度办理结果
    group: str = ""   # （三）不予公开
    item: str = ""    # 1.属于国家秘密

    @property
    def label(self) -> str:
        return " ".join(part for part in (self.section, self.group, self.item) if part)


def _outcome_rows(number: str, name: str, key: str, items: Sequence[str]) -> list[ReportRow]:
    group = f"（{number}）{name}"
    return [ReportRow(f"{key}.{i}", "三、本年度办理结果", group, f"{i}.{item}") for i, item in enumerate(items, 1)]


_RESULTS = "三、本年度办理结果"


# The form's rows, in order (国办公开办函〔2021〕30号). Outcome keys are what the office writes in a
# `replied` event: "予以公开", "部分公开", or a group and item number such as "不予公开.3".
ROWS: tuple[ReportRow, ...] = (
    ReportRow("received", "一、本年新收政府信息公开申请数量"),
    ReportRow("carried_in", "二、上年结转政府信息公开申请数量"),
    ReportRow("予以公开", _RESULTS, "（一）予以公开"),
    ReportRow("部分公开", _RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    *_outcome_rows("三", "不予公开", "不予公开", (
        "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
        "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")),
    *_outcome_rows("四", "无法提供", "无法提供", (
        "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")),
    *_outcome_rows("五", "不予处理", "不予处理", (
        "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息")),
    *_outcome_rows("六", "其他处理", "其他处理", (
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")),
    ReportRow("results_total", _RESULTS, "（七）总计"),
    ReportRow("carried_out", "四、结转下年度继续办理"),
)


OUTCOMES: tuple[str, ...] = tuple(row.key for row in ROWS if row.section == _RESULTS and row.key != "results_total")


class ReportError(ValueError):
    """The register cannot give this year's table; the message says which documents to fix."""


class ReportInconsistent(ReportError):
    """一 + 二 ≠ 三（七）+ 四 in at least one column."""


@dataclass(frozen=True, slots=True)
class AnnualTable:
    year: int
    cells: Mapping[str, Mapping[str, int]]     # row key → column key → count
    notes: tuple[str, ...] = ()                # things the office should know, e.g. a guessed column

    def value(self, row: str, column: str) -> int:
        return self.cells[row][column]


# ---------------------------------------------------------------- documents → applications
@dataclass(frozen=True, slots=True)
class Reply:
    on: dt.date
    outcome: str
    document_id: int


@dataclass
class Application:
    """One application as the form counts it: the documents that carry it and its first reply."""
    document_id: int                 # the first document
    received_on: dt.date
    column: str
    document_ids: list[int] = field(default_factory=list)
    reply: Reply | None = None


def link_documents(rows: Iterable[Mapping[str, Any]], replied_on: Mapping[int, dt.date] | None = None) -> dict[int, int]:
    """Counted application documents → the id of the document whose application they carry.

    `rows` need id, sha256, route, status, state, reasons, duplicate_of and received_on, in id
    order; `replied_on` the first reply date per document. A document maps to itself when it
    starts an application.
    """
    links: dict[int, int] = {}
    by_sha: dict[str, int] = {}
    for row in rows:
        if row["state"] != "done" or row["route"] != "application" or row["status"] == "failed":
            continue
        document_id = int(row["id"])
        start = by_sha.get(row["sha256"])
        if start is None:
            earlier = _corrected_sha(row.get("reasons"))
            if earlier is not None:
                start = next((links[i] for sha, i in by_sha.items() if sha.startswith(earlier)), None)
        if start is None and row.get("status") == "duplicate" and row.get("duplicate_of") in by_sha:
            start = _resent(links[by_sha[row["duplicate_of"]]], row, replied_on or {})
        links[document_id] = start if start is not None else document_id
        by_sha.setdefault(row["sha256"], document_id)
    return links


def _resent(start: int, row: Mapping[str, Any], replied_on: Mapping[int, dt.date]) -> int | None:
    """The earlier application, when this repeat of it came before it was answered (a copy sent
    again); None when the applicant asked again after the answer (a new, repeated application)."""
    answered = replied_on.get(start)
    if answered is not None and row.get("received_on") and answered < dt.date.fromisoformat(row["received_on"]):
        return None
    return start


def _corrected_sha(reasons: str | None) -> str | None:
    if not reasons:
        return None
    match = _CORRECTION_REASON.search(reasons)
    return match.group(1) if match else None


def column_of(row: Mapping[str, Any]) -> str:
    """The form's column for a document; a missing category is guessed from the applicant's kind."""
    category = row.get("applicant_category")
    if category in dict(COLUMNS):
        return str(category)
    return "other_org" if row.get("applicant_kind") == "organization" else "individual"


def first_replies(register: Register) -> dict[int, Reply]:
    """Each document's earliest `replied` event (by its "on" date, else the day it was recorded)."""
    replies: dict[int, Reply] = {}
    for event in register.events_of_kind("replied"):
        detail = event.detail
        try:
            on = dt.date.fromisoformat(str(detail.get("on") or event.at[:10]))
        except ValueError as exc:
            raise ReportError(f"#{event.document_id}：答复日期 {detail.get('on')!r} 不是 YYYY-MM-DD 格式") from exc
        reply = Reply(on, report_outcome(detail), event.document_id)
        known = replies.get(reply.document_id)
        if known is None or reply.on < known.on:
            replies[reply.document_id] = reply
    return replies


def applications(register: Register) -> tuple[dict[int, Application], list[tuple[Reply, str]], list[str]]:
    """Applications by first document id, replies (with their column) on documents that carry
    no application, and notes."""
    rows = register.summaries()
    replies = first_replies(register)
    links = link_documents(rows, {document_id: reply.on for document_id, reply in replies.items()})
    found: dict[int, Application] = {}
    notes: list[str] = []
    for row in rows:
        document_id = int(row["id"])
        start = links.get(document_id)
        if start is None:
            continue
        if start == document_id:
            if not row.get("applicant_category"):
                notes.append(f"#{document_id}：没有申请人类别，按“{COLUMN_LABELS[column_of(row)]}”统计")
            found[document_id] = Application(document_id, dt.date.fromisoformat(row["received_on"]),
                                             column_of(row))
        application = found[start]
        application.document_ids.append(document_id)
        reply = replies.get(document_id)
        if reply is not None and (application.reply is None or reply.on < application.reply.on):
            application.reply = reply
    columns = {int(row["id"]): column_of(row) for row in rows}
    orphans = [(reply, columns.get(document_id, "individual"))
               for document_id, reply in sorted(replies.items()) if document_id not in links]
    return found, orphans, notes


# ---------------------------------------------------------------- the table
def annual_table(register: Register, year: int) -> AnnualTable:
    """The year's table; ReportError for an unknown outcome, ReportInconsistent when 一+二 ≠ 三+四."""
    found, orphans, notes = applications(register)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cells: dict[str, dict[str, int]] = {row.key: dict.fromkeys(COLUMN_KEYS, 0) for row in ROWS}
    unknown: list[str] = []
    unbalanced: list[str] = []

    def add(row_key: str, column: str) -> None:
        cells[row_key][column] += 1
        cells[row_key][TOTAL] += 1

    def add_result(reply: Reply, column: str) -> None:
        if reply.outcome not in OUTCOMES:
            unknown.append(f"#{reply.document_id} 于 {reply.on} 答复，结果 {reply.outcome!r}")
            return
        add(reply.outcome, column)
        add("results_total", column)

    for application in found.values():
        reply = application.reply
        answered_before = reply is not None and reply.on < start
        answered_by_end = reply is not None and reply.on <= end
        counted_in = counted_out = 0
        if application.received_on.year == year:
            add("received", application.column)
            counted_in = 1
        elif application.received_on < start and not answered_before:
            add("carried_in", application.column)
            counted_in = 1
        if reply is not None and reply.on.year == year:
            add_result(reply, application.column)
            counted_out = 1
        elif application.received_on <= end and not answered_by_end:
            add("carried_out", application.column)
            counted_out = 1
        if reply is not None and reply.on < application.received_on:
            message = (f"#{application.document_id}：答复日期 {reply.on}（登记在 #{reply.document_id}）"
                       f"早于收到日期 {application.received_on}")
            (unbalanced if counted_in != counted_out else notes).append(message)
    for reply, column in orphans:
        if reply.on.year == year:
            add_result(reply, column)
            unbalanced.append(f"#{reply.document_id}：登记了 {reply.on} 的答复，但它不是计入统计的申请"
                              "（类型不是政府信息公开申请，或文件无法读取）")
    if unknown:
        raise ReportError("以下答复的结果不是年度报告表中的一行"
                          f"（应为 {'、'.join(OUTCOMES)} 之一）：\n  " + "\n  ".join(unknown))
    table = AnnualTable(year, cells, tuple(notes))
    check(table, unbalanced)
    return table


def check(table: AnnualTable, suspects: Sequence[str] = ()) -> None:
    """The form's rule for every column: 一 + 二 = 三（七）总计 + 四; and （七） = the sum of the outcomes."""
    problems: list[str] = []
    for column in COLUMN_KEYS:
        name = COLUMN_LABELS[column]
        total = sum(table.value(outcome, column) for outcome in OUTCOMES)
        if total != table.value("results_total", column):
            problems.append(f"{name}：（七）总计 {table.value('results_total', column)} ≠ 各项办理结果之和 {total}")
        incoming = table.value("received", column) + table.value("carried_in", column)
        outgoing = table.value("results_total", column) + table.value("carried_out", column)
        if incoming != outgoing:
            problems.append(f"{name}：一 {table.value('received', column)} + 二 {table.value('carried_in', column)} "
                            f"= {incoming}，但 三 {table.value('results_total', column)} + 四 "
                            f"{table.value('carried_out', column)} = {outgoing}")
    if problems:
        detail = "\n  ".join(problems)
        look_at = ("\n请核对以下文件：\n  " + "\n  ".join(suspects)) if suspects else ""
        raise ReportInconsistent(f"{table.year}年表格不平衡（一 + 二 应等于 三 + 四）：\n  {detail}{look_at}")
