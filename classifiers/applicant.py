"""Who applies (Art. 29 (一)): name, proof of identity, contact — from pairs, then from prose."""
from __future__ import annotations

import re
from collections.abc import Sequence

from intake.classifiers import identifiers as ids
from intake.classifiers.fields.cells import is_label_line
from intake.classifiers.fields.pairs import Pair
from intake.classifiers.contact import address_of, email_of, phone_of, postcode_of
from intake.classifiers.identity import organisation_proof, person_proof
from intake.kernel.model import Applicant, ApplicantKind, Category, IdType

# Words that end an organisation's name; the category table below refines them.
ORG_SUFFIXES = ("有限公司", "有限责任公司", "股份有限公司", "公司", "集团", "事务所", "研究所", "研究院",
                "研究中心", "中心", "协会", "学会", "商会", "基金会", "合作社", "工作室", "厂", "店", "超市",
                "门市", "医院", "学校", "大学", "学院", "幼儿园", "委员会", "办公室", "局", "站", "所", "社", "部",
                "馆", "院", "会", "行", "场", "队", "处")
# (category, words in the name) — first match wins; see the annual report's columns.
CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Trade bodies serve their members: not 社会公益组织 in the annual report.
    ("other_org", ("村民委员会", "居民委员会", "业主委员会", "村委会", "居委会", "业委会", "行业协会", "商会",
                   "同业公会", "工商联")),
    ("legal_services", ("律师事务所", "律所", "法律服务所", "法律援助", "公证处", "司法鉴定", "仲裁")),
    ("research", ("研究所", "研究院", "研究中心", "科学院", "实验室", "大学", "学院", "科研", "研究会", "技术中心")),
    ("nonprofit", ("公益", "基金会", "慈善", "志愿", "社会服务", "服务中心", "协会", "促进会", "救助", "民办非企业")),
    ("business", ("公司", "集团", "厂", "店", "超市", "门市", "合作社", "企业", "商行", "酒店", "餐厅", "个体",
                  "工作室", "药房", "经营部")),
)
# USCC 登记管理部门代码 + 机构类别 (GB 32100 table 1) → a category when the name says nothing.
USCC_CATEGORY = {"9": "business", "3": "legal_services", "5": "nonprofit", "12": "research"}
NOT_A_NAME = {"本人", "申请人", "我", "无", "略", "保密", "匿名", "市民", "群众", "个人", "公民", "某某", "不详", "信息",
              "类型", "姓名", "名称", "签名", "盖章", "签字", "基本信息", "身份证", "证件", "地址", "电话", "申请",
              "身份", "单位", "记者", "律师", "法人", "公司", "本单位", "一位业主", "业主", "居民", "村民"}
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
# A foreign applicant's name in Latin script (Thomas Becker, KIM MINJUN), with the Chinese name
# they also use in brackets where they give one: KIM MINJUN（金珉俊）.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-.]*){1,3}(?:\s?[（(][\u4e00-\u9fff·]{2,5}[）)])?$")
_LATIN_NOT_NAMES = re.compile(r"\b(?:Dear|Sir|Madam|Yours|Regards|Market|Regulation|Administration|Bureau|Street|Road|"
                              r"Avenue|Allee|Strasse|Company|Limited|Ltd|Co|Inc|Germany|China|Berlin|Phone|Passport|"
                              r"Application|Information|Disclosure|Government|Email|Mail|Faithfully|Sincerely|"
                              r"GmbH|AG|LLC|LLP|Corp|Corporation|Trade|Trading|Group|Holdings|Partners|Industries|"
                              r"Technology|Law|Firm|Office|Institute|University|Association|Foundation)\b")
# A company's name in Latin script, as foreign and Hong Kong firms write it.
_LATIN_COMPANY = re.compile(r"^[A-Z0-9][\w&.,'’\- ]{1,80}?\s(?:Co\.?,?\s?Ltd\.?|Company Limited|Limited|Ltd\.?|GmbH|"
                            r"Inc\.?|LLC|LLP|Corporation|Corp\.?|AG|S\.A\.|Pte\.? Ltd\.?|Pty\.? Ltd\.?|B\.V\.|"
                            r"S\.r\.l\.|Law Firm|Association|Foundation|Institute|University)$")


def looks_like_person_name(value: str) -> bool:
    value = value.strip()
    if _LATIN_NAME.match(value):
        return not _LATIN_NOT_NAMES.search(value)
    if not _HAN_NAME.match(value) or value in NOT_A_NAME:
        return False
    return not any(word in value for word in ("市民", "群众", "先生", "女士", "同志", "关心", "一名", "某"))


def looks_like_org_name(value: str) -> bool:
    value = value.strip()
    if _LATIN_COMPANY.match(value):
        return True
    # 香港利达贸易有限公司 Lee Tat Trading Company Limited: the Chinese name says what it is.
    bilingual = re.fullmatch(r"([\u4e00-\u9fff（）()]{4,40})\s+[A-Za-z][A-Za-z0-9&.,'’\- ]+", value)
    if bilingual:
        value = bilingual.group(1)
    # An ID card's 签发机关 line, or the addressee, is not the applicant.
    return 4 <= len(value) <= 40 and value.endswith(ORG_SUFFIXES) and not value.startswith(("你局", "贵局")) \
        and not re.search(r"签发机关|公安局|公安分局|派出所|申请人签名|^(姓名|住址|地址)", value)


def category_of(name: str | None, uscc: str | None) -> str:
    for category, words in CATEGORY_WORDS:
        if name and any(word in name for word in words):
            return category
    if uscc:
        return USCC_CATEGORY.get(uscc[:2]) or USCC_CATEGORY.get(uscc[:1]) or "other_org"
    return "other_org"


def _value(pairs: Sequence[Pair], field: str, sections: tuple[str, ...] = ("", "person", "organization")) -> str | None:
    for pair in pairs:
        if pair.field == field and pair.value and pair.section in sections:
            return pair.value.strip()
    return None


# Where letters name their writer, most explicit first; each pattern has a test case.
PERSON_NAME_PATTERNS = (
    r"(?:姓名|签名|申请人签名|申请人签字)[：:]\s*([\u4e00-\u9fff·]{2,5})",
    r"申请人[：:]\s*([\u4e00-\u9fff·]{2,4})(?=[，,。；\s（(]|$)",
    r"申请人([\u4e00-\u9fff·]{2,3})(?=[，,])",
    r"我叫([\u4e00-\u9fff·]{2,4})(?=[，,。；\s（(]|现住|住|$)",
    r"我是([\u4e00-\u9fff·]{2,3})(?=[，,。；（(]|$)",
    r"我是.{0,24}?(?:个体户|个体工商户|退休职工|退休教师|研究生|大学生|学生|居民|村民|市民|律师|职工|教师|业主|消费者)([\u4e00-\u9fff·]{2,3})(?=[，,。；（(]|$)",
    r"本人([\u4e00-\u9fff]{2,3})(?=[，,]|身份证)",
    r"我是[\u4e00-\u9fff]{2,30}?的([\u4e00-\u9fff·]{2,3})(?=[\s，,。；（(]|$)",     # 我是莘县古云镇大王庄村的李长海
    r"\b(?:I,|I am|My name is)\s*([A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]*){1,3})(?=\s*[,(（.]|\s+(?:am|of|from|hereby|a)\b|$)",
)
_SIGN_OFF_WORDS = {"此致", "敬礼", "谢谢", "特此申请", "申请人", "联系人", "附件", "盖章", "签名", "此致敬礼", "特此"}


def _prose_person_name(text: str, taken: frozenset[str] = frozenset()) -> str | None:
    for pattern in PERSON_NAME_PATTERNS:
        for match in re.finditer(pattern, text, flags=re.M):
            if looks_like_person_name(match.group(1)):
                return match.group(1)
    return _signature_name(text, taken)


def _signature_name(text: str, taken: frozenset[str] = frozenset()) -> str | None:
    """A name standing alone on one of the last lines, where a letter is signed; never the value of
    another form field (邮寄 under 获取途径 is the last line of many printouts)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines[-6:]):
        if line in taken:
            continue
        candidate = _TITLES.sub("", re.sub(r"[（(](签名|签字|盖章)[）)]$", "", line)).strip()
        candidate = re.sub(r"\s+\+?[\d\-– ]{7,}$", "", candidate)      # 郭建峰 13346989321: signed with the phone
        if _LATIN_NAME.match(candidate) and looks_like_person_name(candidate):
            return candidate
        if " " in candidate and not re.search(r"\d", candidate):
            candidate = candidate.rsplit(" ", 1)[1]      # 临泉县城关镇 李桂兰
        if is_label_line(candidate):
            continue
        if candidate not in _SIGN_OFF_WORDS and looks_like_person_name(candidate) and len(candidate) <= 4:
            return candidate
    return None


def _prose_org_name(text: str, lines: Sequence[str]) -> str | None:
    for match in re.finditer(r"(?:我单位|我公司|本单位|本公司|申请人|申请单位)[：:]?\s*([\u4e00-\u9fff（）()]{4,40}?)(?=[（(，,。；\s]|$)", text):
        if looks_like_org_name(match.group(1)):
            return match.group(1)
    # The signature (a line with （盖章）, or the name alone near the end), then the letterhead.
    candidates: list[str] = []
    for line in lines:
        bare = re.sub(r"[（(](盖章|公章|印章|签章)[）)]$", "", line.strip())
        if re.fullmatch(r"[\u4e00-\u9fff（）()]{4,40}", bare) and looks_like_org_name(bare) \
                and not re.search(r"(市场监督管理局|市场监管局|人民政府)$", bare):
            candidates.append(bare)
    if candidates:
        return candidates[-1]
    for match in re.finditer(r"(?:^|[。\n])([\u4e00-\u9fff（）()]{4,40}?)(?:是|系|为)(?:在|经|依法|一家)", text):
        if looks_like_org_name(match.group(1)):
            return match.group(1)
    return None


def _is_agency(name: str | None, agency_names: Sequence[str]) -> bool:
    """The addressee (the agency, its office), which a form's 受理机关 cell or an envelope names, is
    never the applicant."""
    if not name:
        return False
    bare = re.sub(r"[\s（）()收]", "", name)
    return any(agency and (agency in bare or bare in agency) for agency in agency_names) or \
        bare.endswith(("市场监督管理局", "市场监管局", "市场监督管理局办公室"))


def extract_applicant(text: str, pairs: Sequence[Pair], *, sender_email: str | None = None,
                      sender_name: str | None = None, excluded_phones: Sequence[str] = (),
                      agency_address_words: tuple[str, ...] = (), agency_names: Sequence[str] = ()) -> Applicant:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    taken = frozenset(pair.value for pair in pairs if pair.field not in _PERSON_FIELDS)
    org_name, applicant_value = (None if _is_agency(value, agency_names) else value for value in (
        _value(pairs, "org_name", ("", "organization")), _value(pairs, "applicant")))
    person_name = _value(pairs, "person_name", ("", "person"))
    usccs = [c for c in ids.find_usccs(text) if c.valid]
    resident = [c for c in ids.find_resident_ids(text)]
    valid_resident = [c for c in resident if c.valid]

    if org_name and not looks_like_org_name(org_name) and len(org_name) < 4:
        org_name = None
    if not org_name and applicant_value and looks_like_org_name(applicant_value):
        org_name = applicant_value
    if not org_name and applicant_value and looks_like_org_name(applicant_value + _wrapped_into_next_cell(pairs)):
        org_name = applicant_value + _wrapped_into_next_cell(pairs)
    # A company written in the name cell of a form made for people.
    if not org_name and person_name and not looks_like_person_name(person_name) and looks_like_org_name(person_name):
        org_name, person_name = person_name, None
    if not org_name and not (person_name and looks_like_person_name(person_name)):
        prose = _prose_org_name(text, lines) if (usccs or _org_voice(text)) else None
        org_name = None if _is_agency(prose, agency_names) else prose
    is_org = bool(org_name) or (bool(usccs) and not valid_resident)

    envelope_address, envelope_name = envelope_sender(text, agency_address_words)
    if is_org:
        name = org_name
        id_type, id_number = organisation_proof(pairs, usccs[0].value if usccs else None)
        contact = _contact_name(_value(pairs, "contact_person") or _value(pairs, "legal_rep") or "")
        contact_person = contact or _prose_contact(text) or _signed_by(pairs) or \
            _signature_name(text, taken | {name or ""})
    else:
        candidate = person_name or applicant_value
        name = candidate if candidate and looks_like_person_name(candidate) else None
        if name is None and not (candidate and candidate.strip()):
            name = _prose_person_name(text, taken) or (sender_name if sender_name and looks_like_person_name(sender_name) else None)
        if name is None and candidate is None:
            name = _prose_person_name(text, taken)
        if name is None:
            name = envelope_name or _signed_by(pairs)
        chosen = valid_resident[0] if valid_resident else (resident[0] if resident else None)
        id_type, id_number = person_proof(pairs, text, chosen.value if chosen else None,
                                          foreign=bool(name and _LATIN_NAME.match(name)))
        contact_person = None

    phone = phone_of(pairs, text, excluded_phones)
    email = email_of(pairs, text, sender_email)
    if envelope_address and name and envelope_address.endswith(name):
        envelope_address = envelope_address[:-len(name)].strip()   # the sender's name glued on by OCR
    address = address_of(pairs, text, agency_address_words, envelope_address, name)
    postcode = postcode_of(pairs, text)
    kind = "organization" if is_org else "person"
    category = category_of(name, id_number if id_type == "uscc" else None) if is_org else "individual"
    return Applicant(kind=ApplicantKind(kind), category=Category(category), name=name,
                     id_type=IdType(id_type) if id_type else None, id_number=id_number,
                     phone=phone, email=email, address=address, postcode=postcode,
                     contact_person=contact_person)


_PERSON_FIELDS = {"person_name", "applicant", "contact_person", "legal_rep", "signature"}


def _wrapped_into_next_cell(pairs: Sequence[Pair]) -> str:
    """The end of a name that its narrow cell wrapped onto the next line, where the reading glued it
    after the number in the next cell of the row (申请人 …研究中 身份证号 1237…XF / 心)."""
    for pair in pairs:
        if pair.field in ("id_number", "uscc"):
            rest = re.search(r"(?<=[0-9A-Za-z])([\u4e00-\u9fff]{1,4})$", pair.value)
            if rest:
                return rest.group(1)
    return ""


def _signed_by(pairs: Sequence[Pair]) -> str | None:
    """The person who signed the form (申请人确认签字：赵德胜, 申请人（签字）：吕振华)."""
    for pair in pairs:
        if pair.value and (pair.field == "signature" or (pair.field == "applicant" and re.search(r"签字|签名", pair.label))):
            value = _without_title(pair.value.strip())
            if looks_like_person_name(value):
                return value
    return None
_TITLES = re.compile(r"\s*(律师|经理|主任|村主任|主管|先生|女士|老师|科长|处长|部长|总监|会长|秘书长|同志)$")


def _contact_name(value: str) -> str | None:
    """The person in a contact cell: 法务部 林晓东, 王律师 → the name, or None."""
    for token in [value, *reversed(value.split())]:
        token = _without_title(token.strip())
        if token and looks_like_person_name(token):
            return token
    return None


def _prose_contact(text: str) -> str | None:
    """联系人胡广田，联系电话… written in a sentence, without a colon."""
    for match in re.finditer(r"(?:联系人|联络人|经办人)(?:为|是)?[：:]?\s*([\u4e00-\u9fff·]{2,4}?)(?=[，,。；;\s（(]|联系|电话|手机|$)", text):
        if looks_like_person_name(match.group(1)):
            return match.group(1)
    return None


def _without_title(name: str) -> str:
    name = re.sub(r"[（(][^）)]*[）)]$", "", name.strip())
    stripped = _TITLES.sub("", name)
    return stripped if len(stripped) >= 2 else name


def _org_voice(text: str) -> bool:
    """The letter speaks as an organisation (a form's 申请人签名（盖章） label does not count)."""
    return bool(re.search(r"我单位|我公司|本单位|本公司|我所|本所|我中心|本中心|我会|本会|我司|本司|我院|本院|我校|"
                          r"我协会|我基金会|我社|本社|[\u4e00-\u9fff]{4,}[（(]盖章[）)]", text))


def envelope_sender(text: str, agency_words: tuple[str, ...]) -> tuple[str | None, str | None]:
    """An envelope scanned as the first page: the sender's address and name after the addressee."""
    lines = [line.strip() for line in text.splitlines()]
    if not any("贴邮票" in line for line in lines[:6]):
        return None, None
    end = next((i for i, line in enumerate(lines) if line.endswith(("：", ":")) or re.fullmatch(r"申请书|.*申请书", line)), len(lines))
    address = name = None
    for index, line in enumerate(lines[:end]):
        if not re.search(r"[省市区县镇]", line) or re.search(r"局|办公室|（收）|\(收\)", line) \
                or any(word in line for word in agency_words) or not re.search(r"[路街号村楼巷弄室]", line):
            continue
        line = re.split(r"\s*(?:政府信息公开申请|邮政编码|邮编)", line)[0].strip()
        parts = line.rsplit(" ", 1)
        if len(parts) == 2 and looks_like_person_name(parts[1]):
            address, name = parts[0].strip(), parts[1]
        else:
            address = line
            following = lines[index + 1] if index + 1 < end else ""
            name = following if looks_like_person_name(following) else None
        break
    return address, name
