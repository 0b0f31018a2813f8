"""Is the application complete? The three items of Article 29 (what follows from them is
`intake.classifiers.decide`)."""
from __future__ import annotations

import re

from intake.kernel import Check, Extraction, Missing

# Descriptions too vague to search for (Art. 29 (二); 一事一申请 guidance: avoid "XXX所有信息").
VAGUE = re.compile(
    r"^(?:你|贵|本|该)?(?:局|单位|机关|部门)?(?:的|掌握的|持有的|制作的|今年的|去年的|近年的|近几年的|历年的|所有的?|全部的?|关于)?"
    r".{0,12}?(?:所有|全部|一切|相关|有关|各类|各种|其他)的?(?:政府)?(?:文件|信息|材料|资料|内容|档案|事项|情况)(?:资料)?$")
_SPECIFIC = re.compile(r"\d{4}年|《|〔|\[|号|决定书|通知|报告|名单|清单|台账|记录|结果|统计|计划|公告|许可|处罚|检查|抽检|抽查")


# …and in English: all documents of your bureau about food safety — every paper on a whole subject.
_VAGUE_ENGLISH = re.compile(r"^(?:all|any|every)\s+(?:of\s+)?(?:the\s+|your\s+)?(?:documents?|information|files?|materials?|papers?)\b", re.I)


def is_vague(description: str) -> bool:
    if _VAGUE_ENGLISH.match(description.strip()) and not re.search(r"\d|《|〔", description):
        return True
    text = re.sub(r"[\s。，,；;]", "", description)
    if len(text) < 4:
        return True
    if VAGUE.match(text):
        return True
    # "全部文件、通知、会议记录": a list of kinds of document under 全部/所有 names none of them.
    if re.search(r"(所有|全部|一切)的?(文件|信息|材料|资料)[、和及与]", text) and not re.search(r"\d{4}年\d|《|〔|号", text):
        return True
    # "所有文件，包括但不限于…": examples after a vague head do not make it searchable.
    head, _, rest = re.sub(r"\s", "", description).partition("，")
    if rest and re.match(r"^(包括|包含|如|例如|比如|含)", rest) and VAGUE.match(head.rstrip("。")):
        return True
    # "相关文件/所有材料" with nothing that names a kind of document, a period or a number.
    return bool(re.search(r"(所有|全部|一切|相关|有关)的?(文件|信息|材料|资料)$", text)) and not _SPECIFIC.search(text)


def check(extraction: Extraction, *, vague: bool | None = None) -> Check:
    """The Article 29 items an application lacks (only applications are checked). `vague`: the
    clause-role model's judgment of the description (asks for everything, names nothing to
    search for); without it the reviewed patterns below judge alone."""
    applicant, request, delivery = extraction.applicant, extraction.request, extraction.delivery
    missing: list[Missing] = []
    reasons: list[str] = []
    if not applicant.name:
        missing.append(Missing.APPLICANT_NAME)
        reasons.append("Art. 29(一): no name of the applicant")
    if not applicant.id_number:
        missing.append(Missing.APPLICANT_ID)
        reasons.append("Art. 29(一): no proof of identity")
    if not (applicant.phone or applicant.email or applicant.address):
        missing.append(Missing.APPLICANT_CONTACT)
        reasons.append("Art. 29(一): no phone, e-mail or postal address")
    if not (request.description or request.titles or request.doc_numbers):
        missing.append(Missing.REQUEST_DESCRIPTION)
        reasons.append("Art. 29(二): no description of the information")
    elif request.description and not request.titles and not request.doc_numbers and \
            (is_vague(request.description) or bool(vague)):
        missing.append(Missing.REQUEST_DESCRIPTION)
        reasons.append(f"Art. 29(二): description too vague to search for: {request.description!r}")
    if not (delivery.media or delivery.methods):
        missing.append(Missing.DELIVERY_FORMAT)
        reasons.append("Art. 29(三): no form or way of getting the information")
    return Check(missing=tuple(missing), reasons=tuple(reasons))


# ---------------------------------------------------------------- looked for again
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx×]|[0-9A-HJ-NPQRTUWXY]{18}|[0-9]{15})(?![0-9A-Za-z])")
_PERMIT_LIKE = re.compile(r"(?:护照|通行证|台胞证|回乡证|居住证|证件号|身份证|passport)\D{0,10}[A-Z0-9]{6,18}", re.I)
# An address with its house number: a place (…区/县/镇/村), a street or building, and a number.
_ADDRESS_LIKE = re.compile(r"[\u4e00-\u9fff]{2,}(?:省|市|区|县|镇|乡|村)[\u4e00-\u9fff]{1,16}(?:路|街|道|巷|弄|村|组|小区|大厦)"
                           r"[\u4e00-\u9fff0-9\-]{0,12}?\d+\s?(?:号|室|栋|楼|组)")
# A name after its label, on the same line or in the cell below (来访人姓名 / 杜明轩), or signed (签字：…).
_NAME_LIKE = re.compile(r"(?:申请人|姓\s*名|签\s*[名字]|具名人)\s*(?:[:：]\s*|\n)([\u4e00-\u9fff·]{2,5}|[A-Z][A-Za-z]+ [A-Z][A-Za-z]+)"
                        r"(?![\u4e00-\u9fff])")
# An organisation's name anywhere (the applicant may be one whose name cell was misread).
_ORG_LIKE = re.compile(r"[\u4e00-\u9fff]{2,30}(?:有限公司|有限责任公司|律师事务所|研究中心|研究院|研究所|协会|商会|委员会|合作社)")


def unread_hints(text: str, missing: tuple[Missing, ...], *, asks_information: bool,
                 agency_phones: tuple[str, ...] = (), agency_words: tuple[str, ...] = ()) -> tuple[str, ...]:
    """For each item judged missing, what in the whole text might be it after all (a number shaped
    like an ID, a phone, an address, a request clause, a delivery word): a correction notice must not
    ask for what the applicant wrote and the reading missed."""
    from intake.classifiers import identifiers as ids
    from intake.classifiers.delivery import MEDIA_WORDS, METHOD_WORDS
    hints: list[str] = []
    for item in missing:
        found: str | None = None
        if item == Missing.APPLICANT_ID:
            match = _ID_LIKE.search(text) or _PERMIT_LIKE.search(text)
            found = match.group(0) if match else None
        elif item == Missing.APPLICANT_CONTACT:
            ours = {re.sub(r"\D", "", phone) for phone in agency_phones}
            phones = [p for p in ids.find_phones(text) if re.sub(r"\D", "", p) not in ours]
            addresses = [m.group(0) for m in _ADDRESS_LIKE.finditer(text) if not any(w in m.group(0) for w in agency_words)]
            found = next(iter(phones + ids.find_emails(text) + addresses), None)
        elif item == Missing.APPLICANT_NAME:
            from intake.classifiers.applicant import looks_like_person_name
            from intake.classifiers.fields.concepts import match_label
            # The cell below an empty name cell may be the next label (姓名 / 工作单位).
            found = next((m.group(0) for m in _NAME_LIKE.finditer(text) if looks_like_person_name(m.group(1))
                          and match_label(m.group(1)).field is None), None)
            organisation = _ORG_LIKE.search(text)
            found = found or (organisation.group(0) if organisation else None)
        elif item == Missing.REQUEST_DESCRIPTION and asks_information:
            found = "a clause that asks for information"
        elif item == Missing.DELIVERY_FORMAT:
            # A word of the delivery tables used as a way, not as a contact's label (电子邮件：…), nor an
            # option whose box was read empty (□纸质 □电子文档: nothing ticked is what the form says).
            words = sorted((word for word, _ in (*MEDIA_WORDS, *METHOD_WORDS) if len(word) >= 2), key=len, reverse=True)
            from intake.classifiers.fields.cells import is_label_line
            # …nor a contact cell's label (联系方式（电话/邮箱）).
            lines = [line for line in text.splitlines()
                     if not (is_label_line(line) or re.match(r"\s*(?:联系方式|联系电话|电子邮箱|邮箱|电话|手机)", line))]
            unticked = re.sub(r"[□☐口]\s*(?:" + "|".join(map(re.escape, words)) + ")|电子(?:邮箱|信箱|邮件地址)", "　",
                              "\n".join(lines))
            found = next((word for word in words if re.search(re.escape(word) + r"(?!\s*[:：])", unticked)), None)
        if found:
            hints.append(f"{item}: the text may hold it after all ({found[:30]!r})")
    return tuple(hints)
