"""Who applies (Art. 29 (一)): name, proof of identity, contact — from pairs, then from prose."""
from __future__ import annotations

import re
from collections.abc import Sequence

from intake.classifiers import identifiers as ids
from intake.classifiers.fields.concepts import match_label
from intake.classifiers.fields.pairs import Pair, is_label_line
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


def _prose_address(text: str, agency_address_words: tuple[str, ...]) -> str | None:
    for pattern in (r"现住(?:址)?(?:在|于)?[：:]?\s*([^，,。；;（(\n]{6,60})", r"家(?:就)?(?:住|在|住在)([^，,。；;（(\s]{6,60})",
                    r"住所地?(?:[：:]\s*|[ \t\u3000]*)([^，,。；;（(\n]{6,60})",
                    r"(?:住址|地址|通信地址|通讯地址)(?:[：:]\s*|[ \t\u3000]*)([^，,。；;（(\n]{6,60})",
                    r"(?:^|[，,。；\s])住(?:在)?((?:[\u4e00-\u9fff]{2,8}(?:省|市|区|县|镇|乡|街道))[^，,。；;（(\n]{3,60})",
                    r"(?:邮寄至|寄至|寄到|请寄)[：:]?\s*((?:[\u4e00-\u9fff]{2,8}(?:省|市|区|县))[^，,。；;（(\n]{3,60})",
                    r"(?:邮寄至|邮寄到|寄至|寄到|送至|送到)[^：:\n]{0,10}[：:]\s*((?:[\u4e00-\u9fff]{2,8}(?:省|市|区|县))[^，,。；;（(\n]{3,60})"):
        for match in re.finditer(pattern, text):
            candidate = match.group(1).strip()
            # An empty address cell is followed by the next cell's label, not by an address.
            if is_label_line(candidate) or match_label(candidate).score >= 0.5:
                continue
            if not any(word in candidate for word in agency_address_words):
                return candidate
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
        contact_person = contact or _prose_contact(text) or _signature_name(text, taken | {name or ""})
    else:
        candidate = person_name or applicant_value
        name = candidate if candidate and looks_like_person_name(candidate) else None
        if name is None and not (candidate and candidate.strip()):
            name = _prose_person_name(text, taken) or (sender_name if sender_name and looks_like_person_name(sender_name) else None)
        if name is None and candidate is None:
            name = _prose_person_name(text, taken)
        if name is None:
            name = envelope_name
        chosen = valid_resident[0] if valid_resident else (resident[0] if resident else None)
        id_type, id_number = person_proof(pairs, text, chosen.value if chosen else None,
                                          foreign=bool(name and _LATIN_NAME.match(name)))
        contact_person = None

    phone = _phone(pairs, text, excluded_phones)
    email = _email(pairs, text, sender_email)
    if envelope_address and name and envelope_address.endswith(name):
        envelope_address = envelope_address[:-len(name)].strip()   # the sender's name glued on by OCR
    address = _address(pairs, text, agency_address_words, envelope_address, name)
    postcode = _postcode(pairs, text)
    kind = "organization" if is_org else "person"
    category = category_of(name, id_number if id_type == "uscc" else None) if is_org else "individual"
    return Applicant(kind=ApplicantKind(kind), category=Category(category), name=name,
                     id_type=IdType(id_type) if id_type else None, id_number=id_number,
                     phone=phone, email=email, address=address, postcode=postcode,
                     contact_person=contact_person)


_PERSON_FIELDS = {"person_name", "applicant", "contact_person", "legal_rep", "signature"}
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


def _phone(pairs: Sequence[Pair], text: str, excluded: Sequence[str]) -> str | None:
    skip = {re.sub(r"\D", "", phone) for phone in excluded}
    for pair in pairs:
        if pair.field == "phone" and pair.value and pair.section in ("", "person", "organization"):
            found = [p for p in ids.find_phones(pair.value) if re.sub(r"\D", "", p) not in skip]
            if found:
                return found[0]
    body = _digit_lookalikes(_without_fax_header(text))
    for phone in ids.find_phones(body):
        if re.sub(r"\D", "", phone) not in skip:
            return phone
    return None


def _digit_lookalikes(text: str) -> str:
    """OCR reads 0 as O and 1 as l inside long numbers (136O2698475)."""
    return re.sub(r"(?<=\d)[OoQD](?=\d)|(?<=\d\d)[lI|](?=\d\d)", lambda m: "0" if m.group(0) in "OoQD" else "1", text)


def _without_fax_header(text: str) -> str:
    """Fax transmission header lines name the sending machine, not necessarily the applicant."""
    return "\n".join(line for line in text.splitlines() if not re.search(r"FROM\s*[:：]", line, re.I))


# Greek and Cyrillic letters the recogniser sometimes returns inside Latin addresses (cφm).
_LATIN_LOOKALIKES = str.maketrans({"φ": "o", "ο": "o", "о": "o", "а": "a", "е": "e", "с": "c", "р": "p",
                                   "х": "x", "і": "i", "ѕ": "s", "ӏ": "l"})


def _email(pairs: Sequence[Pair], text: str, sender_email: str | None) -> str | None:
    for pair in pairs:
        if pair.field == "email" and pair.value:
            found = ids.find_emails(pair.value.translate(_LATIN_LOOKALIKES))
            if found:
                return found[0]
    found = ids.find_emails(text.translate(_LATIN_LOOKALIKES))
    if found:
        return found[0]
    return sender_email


# What follows an address on its line and is not part of it: the postcode, the next field's label.
_AFTER_ADDRESS = re.compile(r"[（(]?(?:邮编|邮政编码|[Pp]ost ?[Cc]ode|ZIP|[Zz]ip)[:：]?\s*(?:\d{6})?[）)]?.*$"
                            r"|\s+(?:电话|手机|联系|姓名|申请人|身份证|证件|电子邮|邮箱|E-?mail|Tel|Phone)\S*.*$")


def _address_only(value: str, name: str | None) -> str:
    # An address has no boxes: a □ in it is a speck or a seal's edge read as one.
    value = re.sub(r"\s*[□☐]\s*", "", value) if re.search(r"[\u4e00-\u9fff]", value) else value
    value = _AFTER_ADDRESS.sub("", value).strip(" ，,。/")
    value = re.sub(r"(?<=[号室楼栋院层座区])\s*(?:\d{6}|[（(]\d{6}[）)])$", "", value)   # the postcode run on after it
    for start in range(4, len(value) - 3):
        if value[start - 1] in "号室楼栋院层座区村组" and match_label(value[start:]).field is not None:
            return value[:start]        # the next cell's label read into this one
    if name and value.endswith(name) and len(value) > len(name) + 4:
        value = value[:-len(name)].rstrip(" 的")      # the signature glued on by the line below
    return value


def _address(pairs: Sequence[Pair], text: str, agency_words: tuple[str, ...],
             envelope_address: str | None = None, name: str | None = None) -> str | None:
    for pair in pairs:
        if pair.field == "address" and pair.value and len(pair.value) >= 5:
            value = _address_only(pair.value, name)
            if len(value) >= 5 and not any(word in value for word in agency_words):
                return value
    prose = _prose_address(text, agency_words)
    prose = _address_only(prose, name) if prose else None
    if prose and envelope_address:
        # The envelope's block is usually complete; the letter may say only part of it (家住东风西路…).
        return envelope_address if prose in envelope_address else prose
    return prose or envelope_address


def _postcode(pairs: Sequence[Pair], text: str) -> str | None:
    for pair in pairs:
        if pair.field == "postcode" and pair.value:
            digits = re.sub(r"\s", "", pair.value)
            if re.fullmatch(r"\d{6}", digits):
                return digits
    match = re.search(r"(?:邮编|邮政编码)[：:\s]*(\d{6})(?!\d)", text)
    if match:
        return match.group(1)
    spaced = re.search(r"(?:邮编|邮政编码)[：:\s]*((?:\d[ \u3000]?){5}\d)(?![\d ])", text)   # boxes on envelopes
    if spaced:
        return re.sub(r"\s", "", spaced.group(1))
    for pair in pairs:      # written straight after the address: …C区6号252000
        run_on = re.search(r"[号室楼栋院层座区]\s*[（(]?(\d{6})[）)]?$", pair.value) if pair.field == "address" else None
        if run_on:
            return run_on.group(1)
    return None


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
