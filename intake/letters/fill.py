"""The values a letter is filled with: the agency (Config.agency), the applicant and the request
(the record), the decision and its ground, the dates, and the remedies with their bodies and time
limits (FACTS.md §0, §4: 行政复议法 2023 Art. 20, 23(一)(四); 行政诉讼法 Art. 46)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from intake.config import Config
from intake.kernel import Channel, Missing, Record, Route
from intake.letters.kinds import KINDS, LetterKind

_CHINESE_NUMBERS = "一二三四五六七八九十"
_MEDIA = {"paper": "纸质文本", "electronic": "电子文档", "disc": "光盘", "other": "其他形式"}
_METHODS = {"post": "邮寄", "email": "电子邮件", "pickup": "当面领取", "fax": "传真", "inspect": "现场查阅",
            "online": "网上获取"}
_ROUTES = {"petition": "信访", "complaint": "投诉", "report": "举报", "consultation": "咨询", "other": "其他事项",
           "application": "政府信息公开申请"}

# Art. 29 item → (what is missing, how to supply it), in plain words.
MISSING_GUIDANCE: dict[Missing, tuple[str, str]] = {
    Missing.APPLICANT_NAME: ("申请人的姓名或者名称",
                             "请写明申请人的真实姓名（公民）或者单位全称（法人或者其他组织），并签名或者盖章。"),
    Missing.APPLICANT_ID: ("申请人的身份证明",
                           "公民请提供居民身份证号码或者其他有效身份证件的名称和号码；法人或者其他组织请提供统一社会信用代码（营业执照等）。"),
    Missing.APPLICANT_CONTACT: ("申请人的联系方式", "请提供能够送达的通信地址、邮政编码，以及联系电话或者电子邮箱。"),
    Missing.REQUEST_DESCRIPTION: ("申请公开的政府信息的名称、文号或者便于本机关查询的其他特征性描述",
                                  "请写明所需政府信息的名称、文号，或者所涉事项、时间、地点、对象等能够据以查找的具体描述；"
                                  "“所有文件”“全部相关材料”等概括性描述无法检索。"),
    Missing.DELIVERY_FORMAT: ("申请公开的政府信息的形式要求，包括获取信息的方式、途径",
                              "请选择信息的载体形式（纸质文本、电子文档、光盘等）和获取方式（邮寄、电子邮件、当面领取、现场查阅等）。"),
}
_CHANNEL_ADVICE: dict[Route, str] = {
    Route.PETITION: "信访事项请依照《信访工作条例》，通过信访渠道向有权处理的机关提出",
    Route.COMPLAINT: "消费投诉请通过全国12315平台或者拨打12315热线向市场监督管理部门提出",
    Route.REPORT: "举报违法行为请通过全国12315平台或者拨打12315热线向市场监督管理部门提出",
    Route.CONSULTATION: "咨询事项请拨打本机关咨询电话或者向有关业务科室咨询",
}


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_number(number: int) -> str:
    return _CHINESE_NUMBERS[number - 1] if 1 <= number <= 10 else str(number)


def request_quote(record: Record) -> str:
    """The applicant's request in their words: the description, the titles and the 文号 cited."""
    request = record.request
    if request is None or not (request.description or request.titles or request.doc_numbers):
        return _opening(record.text) or "（未写明所需信息）"
    parts = [request.description.strip()] if request.description and request.description.strip() else []
    parts += [f"《{title}》" for title in request.titles if f"《{title}》" not in "".join(parts) and title not in "".join(parts)]
    parts += [number for number in request.doc_numbers if number not in "".join(parts)]
    quote = "；".join(parts).rstrip("。；;.")
    return quote if len(quote) <= 200 else quote[:198] + "…"


def _opening(text: str, limit: int = 80) -> str:
    """The first words of a letter that asks for no information (Art. 39): what it is about."""
    words = ("".join(line.strip() for line in text.splitlines()[1:6] if line.strip()) or text.strip()).rstrip("。")
    return words if len(words) <= limit else words[:limit - 1] + "…"


def missing_items(missing: tuple[Missing, ...]) -> str:
    """One paragraph per missing Art. 29 item, numbered 一、二、…"""
    return "\n".join(f"{chinese_number(number)}、{MISSING_GUIDANCE[item][0]}。{MISSING_GUIDANCE[item][1]}"
                     for number, item in enumerate(missing, 1)) or "（无）"


def missing_summary(missing: tuple[Missing, ...]) -> str:
    """The finding in one clause, naming exactly what is missing (never a blanket 内容不明确)."""
    names = [MISSING_GUIDANCE[item][0] for item in missing]
    if not names:
        return "您的申请内容齐全"
    listed = "、".join(names[:-1]) + ("以及" if len(names) > 1 else "") + names[-1]
    if missing == (Missing.REQUEST_DESCRIPTION,):
        return f"您的申请未写明{listed}，申请内容不明确"
    return f"您的申请未写明{listed}"


def return_ways(config: Config, record: Record) -> str:
    """How the corrected application may come back: the channels the agency takes, plus the one
    the application came by (e-mail, fax) when the office answers on it."""
    agency = config.agency
    ways = [f"当面提交至{agency.office}（{agency.address}）", f"邮寄至{agency.address}{agency.office}（收）"]
    if agency.portal:
        ways.append(f"通过网上申请平台（{agency.portal}）提交")
    if record.channel == Channel.EMAIL and not config.letters.refers_email and agency.email:
        ways.append(f"发送电子邮件至{agency.email}")
    if record.channel == Channel.FAX and agency.fax:
        ways.append(f"传真至{agency.fax}")
    return "\n".join(f"（{chinese_number(n)}）{way}；" for n, way in enumerate(ways, 1)).rstrip("；") + "。"


def how_to_get(record: Record, kind: LetterKind) -> str:
    """The default for 获取方式: what the applicant asked for (Art. 40), for the office to confirm."""
    delivery = record.delivery
    media = "、".join(_MEDIA.get(str(m), str(m)) for m in delivery.media) if delivery else ""
    methods = "、".join(_METHODS.get(str(m), str(m)) for m in delivery.methods) if delivery else ""
    if kind is LetterKind.PUBLISHED:
        return "您可以通过本机关门户网站的政府信息公开专栏查阅、下载该信息"
    if kind is LetterKind.REGISTRATION:
        return "请您依照有关法律、行政法规的规定，持有效身份证件向相应的登记机关申请查询"
    if kind is LetterKind.PUBLICATION:
        return "您可以通过公开发行渠道或者公共图书馆、档案馆获取该出版物"
    if delivery is not None and (media or methods):
        return f"本机关按照您要求的形式，以{media or '纸质文本'}通过{methods or '邮寄'}方式向您提供"
    return "本机关以纸质文本通过邮寄方式向您提供"


def remedies(config: Config, kind: LetterKind) -> str:
    """本级机关、行政复议、行政诉讼 with their bodies and time limits. A refusal to disclose must go
    to 行政复议 first (行政复议法 2023 Art. 23(四)), so those letters say so."""
    agency = config.agency
    review = f"{agency.review_body}（{agency.review_office}，电话：{agency.review_phone}）"
    court = f"{agency.court}（电话：{agency.court_phone}）"
    supervisor = (f"您认为本机关在政府信息公开工作中侵犯您合法权益的，可以向本机关{agency.supervisor}"
                  f"（电话：{agency.supervisor_phone}）投诉、举报。")
    if kind in (LetterKind.WITHHELD, LetterKind.PARTIAL):
        return (f"如对本机关不予公开的决定不服，您应当自收到本告知书之日起六十日内向{review}申请行政复议"
                "（《中华人民共和国行政复议法》第二十条、第二十三条第一款第四项）；对行政复议决定不服的，"
                f"可以依法向{court}提起行政诉讼。{supervisor}")
    return (f"如对本答复不服，您可以自收到本答复之日起六十日内向{review}申请行政复议（《中华人民共和国行政复议法》"
            f"第二十条），或者自收到本答复之日起六个月内向{court}提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
            f"{supervisor}")


def channels(config: Config) -> str:
    agency = config.agency
    ways = [f"当面提交：{agency.office}（{agency.address}），受理时间{agency.hours}",
            f"信函：寄至{agency.address}{agency.office}（收），邮政编码{agency.postcode}，"
            "并在信封左下角注明“政府信息公开申请”字样"]
    if agency.portal:
        ways.append(f"网上申请：{agency.portal}")
    return "\n".join(f"（{chinese_number(n)}）{way}；" for n, way in enumerate(ways, 1)).rstrip("；") + "。"


def letter_values(config: Config, record: Record, kind: LetterKind, *, number: str, on: dt.date,
                  details: Mapping[str, str], decision: str = "", article: str = "",
                  ground: str = "") -> dict[str, str]:
    """Every placeholder's value (templates.KNOWN_FIELDS); the office's `details` override defaults."""
    agency = config.agency
    applicant = record.applicant
    info = KINDS[kind]
    values = {
        "agency_name": agency.name, "agency_office": agency.office, "agency_address": agency.address,
        "agency_postcode": agency.postcode, "agency_phone": agency.phone, "agency_fax": agency.fax,
        "agency_email": agency.email, "agency_portal": agency.portal, "agency_hours": agency.hours,
        "letter_title": info.title, "letter_number": number, "letter_date_zh": zh_date(on),
        "applicant_name": (applicant.name if applicant and applicant.name else "申请人"),
        "applicant_address": (applicant.address if applicant and applicant.address else ""),
        "received_on_zh": zh_date(record.received_on), "request_quote": request_quote(record),
        "decision": decision, "article": article or info.article,
        "remedies": remedies(config, kind) if info.remedies else "",
        "reply_due_zh": zh_date(record.reply_due) if record.reply_due else "",
        "original_reply_due_zh": "", "missing_items": missing_items(record.missing),
        "missing_summary": missing_summary(record.missing),
        "correction_period": str(config.letters.correction_workdays),
        "correction_due_zh": zh_date(record.correction_due) if record.correction_due else "",
        "return_ways": return_ways(config, record),
        "reason": ground or "（请写明理由）", "answer_period": "15",
        "how_to_get": how_to_get(record, kind),
        "responsible_agency": "（请填写负责公开该信息的行政机关名称）", "responsible_contact": "（请填写其联系方式）",
        "earlier_reply": "本机关已就您此前提出的相同政府信息公开申请作出答复",
        "channel": _CHANNEL_ADVICE.get(record.route, "请通过相应渠道提出"),
        "channels": channels(config), "route_name": _ROUTES.get(str(record.route), "其他事项"),
    }
    for name, value in details.items():
        if name in values and value.strip():
            values[name] = value.strip()
    return values
