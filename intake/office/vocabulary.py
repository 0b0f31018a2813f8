"""The closed vocabularies the office chooses from: the record's fields and the contract's values
(RECORD.md), and the annual report's reply outcomes. Rules as data, next to the code that uses them."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intake.kernel import ApplicantKind, Category, IdType, Medium, Method, Status

APPLICANT_KEYS = ("kind", "category", "name", "id_type", "id_number", "phone", "email", "address",
                  "postcode", "contact_person")
REQUEST_KEYS = ("description", "titles", "doc_numbers")
DELIVERY_KEYS = ("media", "methods")
LIST_KEYS = frozenset({"request.titles", "request.doc_numbers", "delivery.media", "delivery.methods"})
FIELD_KEYS: tuple[str, ...] = (
    *(f"applicant.{key}" for key in APPLICANT_KEYS),
    *(f"request.{key}" for key in REQUEST_KEYS),
    *(f"delivery.{key}" for key in DELIVERY_KEYS),
)

# The contract's closed vocabularies (RECORD.md); anything else is refused, not stored.
CHOICES: dict[str, tuple[str, ...]] = {
    "applicant.kind": tuple(ApplicantKind),
    "applicant.category": tuple(Category),
    "applicant.id_type": tuple(IdType),
    "delivery.media": tuple(Medium),
    "delivery.methods": tuple(Method),
}

# 政府信息公开工作年度报告 table three: how an application was answered. Code → wording.
REPLY_OUTCOMES: dict[str, str] = {
    "予以公开": "予以公开",
    "部分公开": "部分公开（区分处理的，只计这一情形，不计其他情形）",
    "不予公开.1": "不予公开：属于国家秘密",
    "不予公开.2": "不予公开：其他法律行政法规禁止公开",
    "不予公开.3": "不予公开：危及“三安全一稳定”",
    "不予公开.4": "不予公开：保护第三方合法权益",
    "不予公开.5": "不予公开：属于三类内部事务信息",
    "不予公开.6": "不予公开：属于四类过程性信息",
    "不予公开.7": "不予公开：属于行政执法案卷",
    "不予公开.8": "不予公开：属于行政查询事项",
    "无法提供.1": "无法提供：本机关不掌握相关政府信息",
    "无法提供.2": "无法提供：没有现成信息需要另行制作",
    "无法提供.3": "无法提供：补正后申请内容仍不明确",
    "不予处理.1": "不予处理：信访举报投诉类申请",
    "不予处理.2": "不予处理：重复申请",
    "不予处理.3": "不予处理：要求提供公开出版物",
    "不予处理.4": "不予处理：无正当理由大量反复申请",
    "不予处理.5": "不予处理：要求行政机关确认或重新出具已获取信息",
    "其他处理.1": "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "其他处理.2": "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "其他处理.3": "其他处理：其他",
}

# Statuses the office may set by hand; `failed` belongs to the pipeline (the file could not be read).
SETTABLE_STATUSES = (Status.ACCEPTED, Status.NEEDS_CORRECTION, Status.DUPLICATE, Status.ROUTED,
                     Status.NEEDS_REVIEW)


# ---------------------------------------------------------------- the office's reply decisions
# What the office decides on an application (Art. 33-39) is one of these. Each names the letter the
# applicant gets and the annual report's row it counts in, so a letter and the report read the same
# choice and cannot disagree. `replied` events store the decision's code; older events stored only
# the report row (`outcome`), which `report_outcome` still accepts.
@dataclass(frozen=True, slots=True)
class ReplyDecision:
    code: str
    wording: str          # what the office chooses from (the review page, `intake reply`)
    outcome: str          # a key of REPLY_OUTCOMES: the annual report's row
    letter: str           # the letter kind drafted (intake.letters.kinds)
    article: str          # the provision the letter cites
    ground: str = ""      # the letter's default statement of the decision's ground


_WITHHELD = (
    ("属于国家秘密", "第十四条", "属于国家秘密"),
    ("其他法律行政法规禁止公开", "第十四条", "属于法律、行政法规禁止公开的政府信息"),
    ("危及“三安全一稳定”", "第十四条", "公开后可能危及国家安全、公共安全、经济安全、社会稳定"),
    ("保护第三方合法权益", "第十五条", "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息"),
    ("属于三类内部事务信息", "第十六条第一款", "属于行政机关的内部事务信息"),
    ("属于四类过程性信息", "第十六条第二款", "属于行政机关在履行行政管理职能过程中形成的过程性信息"),
    ("属于行政执法案卷", "第十六条第二款", "属于行政执法案卷信息"),
    ("属于行政查询事项", "第三十六条第三项", "属于行政查询事项，应当通过相应的查询渠道办理"),
)

REPLY_DECISIONS: dict[str, ReplyDecision] = {decision.code: decision for decision in (
    ReplyDecision("36.1", "已主动公开：告知获取方式、途径（第三十六条第一项）", "予以公开", "published",
                  "第三十六条第一项"),
    ReplyDecision("36.2", "予以公开：提供信息或告知获取方式、途径和时间（第三十六条第二项）", "予以公开", "disclosed",
                  "第三十六条第二项"),
    ReplyDecision("37", "部分公开：区分处理，提供可以公开的部分（第三十七条）", "部分公开", "partial", "第三十七条"),
    *(ReplyDecision(f"36.3.{number}", f"不予公开：{name}（第三十六条第三项、{article}）", f"不予公开.{number}",
                    "withheld", f"第三十六条第三项、{article}", ground)
      for number, (name, article, ground) in enumerate(_WITHHELD, 1)),
    ReplyDecision("36.4", "信息不存在：经检索没有所申请公开的信息（第三十六条第四项）", "无法提供.1", "not_exist",
                  "第三十六条第四项"),
    ReplyDecision("36.5", "不属于本机关负责公开：告知负责机关（第三十六条第五项）", "无法提供.1", "not_ours",
                  "第三十六条第五项", "该信息不是本机关制作或者保存的政府信息"),
    ReplyDecision("38", "无法提供：没有现成信息，需要另行制作（第三十八条）", "无法提供.2", "reply", "第三十八条",
                  "所申请的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供"),
    ReplyDecision("30.unclear", "无法提供：补正后申请内容仍不明确（第三十条）", "无法提供.3", "reply", "第三十条",
                  "经补正，您申请公开的政府信息的内容仍不明确，本机关无法确定所需信息"),
    ReplyDecision("39.1", "不予处理：以申请形式进行信访、投诉、举报（第三十九条第一款）", "不予处理.1",
                  "not_application", "第三十九条第一款"),
    ReplyDecision("36.6", "不予重复处理：重复申请（第三十六条第六项）", "不予处理.2", "repeat", "第三十六条第六项"),
    ReplyDecision("39.2", "不予处理：要求提供公开出版物，告知获取途径（第三十九条第二款）", "不予处理.3", "publication",
                  "第三十九条第二款"),
    ReplyDecision("35", "不予处理：数量、频次明显超过合理范围且理由不合理（第三十五条）", "不予处理.4",
                  "not_handled", "第三十五条", "您申请公开政府信息的数量、频次明显超过合理范围，且所说明的申请理由不合理"),
    ReplyDecision("confirm", "不予处理：要求确认或重新出具已获取的信息", "不予处理.5", "reply", "第三十六条",
                  "您要求本机关确认或者重新出具已经获取的信息，不属于政府信息公开申请的处理范围"),
    ReplyDecision("30.abandoned", "不再处理：无正当理由逾期不补正，视为放弃申请（第三十条）", "其他处理.1", "reply",
                  "第三十条", "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请"),
    ReplyDecision("fee", "不再处理：逾期未按收费通知缴纳费用（第四十二条）", "其他处理.2", "reply", "第四十二条",
                  "您逾期未按照信息处理费缴纳通知的要求缴纳费用，本机关不再处理该政府信息公开申请"),
    ReplyDecision("36.7", "工商、不动产登记资料等：告知依照有关法律、行政法规办理（第三十六条第七项）", "其他处理.3",
                  "registration", "第三十六条第七项"),
    ReplyDecision("other", "其他处理", "其他处理.3", "reply", "第三十六条", "（请写明处理决定及其依据）"),
)}


def report_outcome(detail: Mapping[str, Any]) -> str:
    """The annual report's row of a `replied` event: from its decision, else the row it names."""
    decision = REPLY_DECISIONS.get(str(detail.get("decision") or ""))
    return decision.outcome if decision is not None else str(detail.get("outcome", "")).strip()
