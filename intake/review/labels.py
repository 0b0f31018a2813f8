"""Chinese names of the contract's values, for the office's page (RECORD.md's tables)."""
from __future__ import annotations

ROUTES: dict[str, str] = {
    "application": "政府信息公开申请", "petition": "信访", "complaint": "投诉", "report": "举报",
    "consultation": "咨询", "other": "其他",
}
STATUSES: dict[str, str] = {
    "accepted": "已受理", "needs_correction": "需补正", "duplicate": "重复申请", "routed": "已转办",
    "needs_review": "待人工审核", "failed": "无法读取",
}
CHANNELS: dict[str, str] = {
    "letter": "信函", "email": "电子邮件", "fax": "传真", "online": "网上申请", "in_person": "当面递交",
    "unknown": "不明",
}
MISSING: dict[str, str] = {
    "applicant_name": "申请人姓名或者名称（第二十九条第一项）",
    "applicant_id": "申请人身份证明（第二十九条第一项）",
    "applicant_contact": "申请人联系方式（第二十九条第一项）",
    "request_description": "所需信息的名称、文号或特征性描述（第二十九条第二项）",
    "delivery_format": "信息的形式要求及获取方式（第二十九条第三项）",
}
FIELDS: dict[str, str] = {
    "applicant.kind": "申请人类型", "applicant.category": "申请人类别", "applicant.name": "姓名/名称",
    "applicant.id_type": "身份证明类型", "applicant.id_number": "证件号码", "applicant.phone": "联系电话",
    "applicant.email": "电子邮箱", "applicant.address": "通信地址", "applicant.postcode": "邮政编码",
    "applicant.contact_person": "联系人", "request.description": "所需信息描述",
    "request.titles": "文件名称（每行一个）", "request.doc_numbers": "文号（每行一个）",
    "delivery.media": "载体形式", "delivery.methods": "获取方式",
}
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "applicant.kind": {"person": "自然人", "organization": "法人或者其他组织"},
    "applicant.category": {"individual": "自然人", "business": "商业企业", "research": "科研机构",
                           "nonprofit": "社会公益组织", "legal_services": "法律服务机构", "other_org": "其他"},
    "applicant.id_type": {"resident_id": "居民身份证", "passport": "护照", "uscc": "统一社会信用代码",
                          "other": "其他证件"},
    "delivery.media": {"paper": "纸质文本", "electronic": "电子文档", "disc": "光盘/磁盘", "other": "其他"},
    "delivery.methods": {"post": "邮寄", "email": "电子邮件", "pickup": "当面领取", "fax": "传真",
                         "inspect": "现场查阅", "online": "网上获取"},
}
EVENTS: dict[str, str] = {
    "received": "收到文件", "archived": "原件归档", "classified": "自动识别", "reprocessed": "重新识别",
    "corrected": "更正字段", "rerouted": "更改类型", "status_changed": "更改状态",
    "notice_drafted": "起草补正告知书", "notice_confirmed": "确认补正告知书", "notice_sent": "发出补正告知书",
    "correction_received": "收到补正材料", "deadline_changed": "重新计算期限", "extended": "延长答复期限",
    "replied": "答复", "review": "审核", "released": "移出收件箱", "letter_drafted": "起草文书",
    "letter_sent": "文书发出",
}
# The clause model's roles (classifiers/clauses): what each sentence asks the agency to do.
CLAUSE_ROLES: dict[str, str] = {
    "ask_info": "索取具体信息", "ask_vague": "索取信息（过于笼统）", "demand_redress": "要求退赔、调解（投诉）",
    "demand_enforce": "要求查处（举报）", "demand_agency": "要求本机关纠正、作为（信访）", "grievance": "诉求、冤情（信访）",
    "question": "提问、咨询", "delivery": "获取方式", "purpose": "用途", "other": "其他",
}
# Roles that decide a route: asking for information, or demanding action (Art. 39), or asking a question.
DECIDING_ROLES = frozenset({"ask_info", "ask_vague", "demand_redress", "demand_enforce", "demand_agency",
                            "grievance", "question"})
QUEUES: dict[str, str] = {
    "needs_review": "待人工审核", "needs_correction": "需补正", "due": "期限", "routed": "已转办",
    "failed": "无法读取", "all": "全部",
}


def label(table: dict[str, str], value: object) -> str:
    """The Chinese name, or the value itself for anything a newer version added."""
    if value is None:
        return ""
    return table.get(str(value), str(value))


def page_origin(origin: str) -> str:
    """Where a shown page came from, for e-mails: the body or a named attachment."""
    if origin == "email-body":
        return "邮件正文"
    if origin.startswith("attachment:"):
        return "附件 " + origin.split(":", 1)[1]
    return ""
