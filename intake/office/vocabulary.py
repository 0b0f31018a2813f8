"""The closed vocabularies the office chooses from: the record's fields and the contract's values
(RECORD.md), and the annual report's reply outcomes. Rules as data, next to the code that uses them."""
from __future__ import annotations

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
