"""How to reach the applicant (Art. 29 (一) 联系方式): the phone, e-mail, address and postcode, from the
form's cells first, then from the letter's prose."""
from __future__ import annotations

import re
from collections.abc import Sequence

from intake.classifiers import identifiers as ids
from intake.classifiers.fields.cells import is_label_line, label_pattern
from intake.classifiers.fields.concepts import match_label
from intake.classifiers.fields.pairs import Pair


def _prose_address(text: str, agency_address_words: tuple[str, ...]) -> str | None:
    for pattern in (r"现住(?:址)?(?:在|于)?[：:]?\s*([^，,。；;（(\n]{6,60})",
                    # 我是东阿县铜城街道孟楼村的孟庆福: the village one is from
                    r"我是([\u4e00-\u9fff]{2,10}(?:省|市|县|区)[\u4e00-\u9fff0-9]{2,30}?(?:村|社区|小区|组|号))的",
                    r"家(?:就)?(?:住|在|住在)([^，,。；;（(\s]{6,60})",
                    r"住所地?(?:[：:]\s*|[ \t\u3000]*)([^，,。；;（(\n]{6,60})",
                    r"(?:住址|地址|通信地址|通讯地址)(?:[：:]\s*|[ \t\u3000]*)([^，,。；;（(\n]{6,60})",
                    r"(?:^|[，,。；\s])住(?:在)?((?:[\u4e00-\u9fff]{2,8}(?:省|市|区|县|镇|乡|街道))[^，,。；;（(\n]{3,60})",
                    r"(?:邮寄至|寄至|寄到|请寄)[：:]?\s*((?:[\u4e00-\u9fff]{2,8}(?:省|市|区|县))[^，,。；;（(\n]{3,60})",
                    # 请邮寄纸质材料至莘县燕塔街道…: what is sent, then where
                    r"(?:邮寄|寄送)[^，,。；;\n]{1,8}?(?:至|到)\s*((?:[\u4e00-\u9fff]{1,8}(?:省|市|区|县))[^，,。；;（(\n]{3,60})",
                    r"(?:邮寄至|邮寄到|寄至|寄到|送至|送到)[^：:\n]{0,10}[：:]\s*((?:[\u4e00-\u9fff]{2,8}(?:省|市|区|县))[^，,。；;（(\n]{3,60})"):
        for match in re.finditer(pattern, text):
            candidate = match.group(1).strip()
            # An empty address cell is followed by the next cell's label, not by an address.
            if is_label_line(candidate) or match_label(candidate).score >= 0.5:
                continue
            if not any(word in candidate for word in agency_address_words):
                return candidate
    return None


def phone_of(pairs: Sequence[Pair], text: str, excluded: Sequence[str]) -> str | None:
    skip = {re.sub(r"\D", "", phone) for phone in excluded}
    for pair in pairs:
        if pair.field == "phone" and pair.value and pair.section in ("", "person", "organization"):
            found = [p for p in ids.find_phones(pair.value) if re.sub(r"\D", "", p) not in skip]
            if found:
                return found[0]
    body = _digit_lookalikes(_without_fax_header(text))
    matches = [f for f in ids.phone_matches(body) if re.sub(r"\D", "", f.value) not in skip]
    # In prose, the number named a phone (电话1334…) before one to send a fax to (请传真至0635-…).
    ranked = sorted(matches, key=lambda f: (_FAX_BEFORE.search(body[max(0, f.span[0] - 6):f.span[0]]) is not None,
                                          _PHONE_BEFORE.search(body[max(0, f.span[0] - 6):f.span[0]]) is None))
    return ranked[0].value if ranked else None


_PHONE_BEFORE = re.compile(r"(?:电话|手机|联系方式|Tel|Phone|Mobile)[号码]*[：:\s]*$", re.I)
_FAX_BEFORE = re.compile(r"传真(?:号码?)?(?:至|到|给)?[：:\s]*$")


def _digit_lookalikes(text: str) -> str:
    """OCR reads 0 as O and 1 as l inside long numbers (136O2698475)."""
    return re.sub(r"(?<=\d)[OoQD](?=\d)|(?<=\d\d)[lI|](?=\d\d)", lambda m: "0" if m.group(0) in "OoQD" else "1", text)


def _without_fax_header(text: str) -> str:
    """Fax transmission header lines name the sending machine, not necessarily the applicant."""
    return "\n".join(line for line in text.splitlines() if not re.search(r"FROM\s*[:：]", line, re.I))


# Greek and Cyrillic letters the recogniser sometimes returns inside Latin addresses (cφm).
_LATIN_LOOKALIKES = str.maketrans({"φ": "o", "ο": "o", "о": "o", "а": "a", "е": "e", "с": "c", "р": "p",
                                   "х": "x", "і": "i", "ѕ": "s", "ӏ": "l"})


def email_of(pairs: Sequence[Pair], text: str, sender_email: str | None) -> str | None:
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
_AFTER_ADDRESS = re.compile(r"[（(]?(?:邮编|邮政编码|邮递区号|[Pp]ost ?[Cc]ode|ZIP|[Zz]ip)[:：]?\s*(?:\d{6})?[）)]?.*$"
                            r"|\s+(?:电话|手机|联系|姓名|申请人|身份证|证件|电子邮|邮箱|E-?mail|Tel|Phone)\S*.*$")


def _address_only(value: str, name: str | None) -> str:
    # An address has no boxes: a □ in it is a speck or a seal's edge read as one.
    value = re.sub(r"\s*[□☐]\s*", "", value) if re.search(r"[\u4e00-\u9fff]", value) else value
    value = _AFTER_ADDRESS.sub("", value).strip(" ，,。/")
    value = re.sub(r"(?<=[号室楼栋院层座区])\s*(?:\d{6}|[（(]\d{6}[）)])$", "", value)   # the postcode run on after it
    for start in range(4, len(value) - 3):
        if value[start - 1] in "号室楼栋院层座区村组" and (match_label(value[start:]).field is not None
                                                     or label_pattern().match(value, start)):
            return value[:start]        # the next cell's label read into this one (…12层电话：0635-…)
    if name and len(name) <= 5 and value.endswith(name) and len(value) > len(name) + 4:
        value = value[:-len(name)].rstrip(" 的")      # the signature glued on by the line below
    return value


def address_of(pairs: Sequence[Pair], text: str, agency_words: tuple[str, ...],
               envelope_address: str | None = None, name: str | None = None) -> str | None:
    for pair in pairs:
        if pair.field == "address" and pair.value and len(pair.value) >= 5:
            value = _address_only(pair.value, name)
            if len(value) >= 5 and not any(word in value for word in agency_words):
                return value
    prose = _prose_address(text, agency_words) or _signed_address(text, agency_words)
    prose = _address_only(prose, name) if prose else None
    if prose and envelope_address:
        # The envelope's block is usually complete; the letter may say only part of it (家住东风西路…).
        return envelope_address if prose in envelope_address else prose
    return prose or envelope_address


# An address alone on a line of the signature block, with nothing before or after it.
_BARE_ADDRESS = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:省|市|县|区|镇|乡|街道)[\u4e00-\u9fff0-9\-]{2,40}(?:号|室|楼|村|组|单元)$")


def _signed_address(text: str, agency_words: tuple[str, ...]) -> str | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[-5:]:
        if _BARE_ADDRESS.match(line) and not any(word in line for word in agency_words):
            return line
    return None


def postcode_of(pairs: Sequence[Pair], text: str) -> str | None:
    for pair in pairs:
        if pair.field == "postcode" and pair.value:
            digits = re.sub(r"\s", "", pair.value)
            if re.fullmatch(r"\d{6}", digits):
                return digits
    match = re.search(r"(?:邮编|邮政编码|邮递区号|Post ?code|Postal code|ZIP(?: code)?)[：:\s]*(\d{6})(?!\d)", text, re.I)
    if match:
        return match.group(1)
    spaced = re.search(r"(?:邮编|邮政编码|邮递区号)[：:\s]*((?:\d[ \u3000]?){5}\d)(?![\d ])", text)   # boxes on envelopes
    if spaced:
        return re.sub(r"\s", "", spaced.group(1))
    bracketed = re.search(r"(?<=[号室楼栋院层座区村组])\s*[（(](\d{6})[）)]|(?:地址|住址|住所)[^\n]{2,80}?(?:[（(](\d{6})[）)]|"
                          r"[，,]\s*(\d{6})(?!\d))", text)    # …文化路12号（252100）, …研究生公寓（250100）, …502，252000
    if bracketed:
        return bracketed.group(1) or bracketed.group(2) or bracketed.group(3)
    for pair in pairs:      # written straight after the address: …C区6号252000
        run_on = re.search(r"[号室楼栋院层座区]\s*[（(]?(\d{6})[）)]?$", pair.value) if pair.field == "address" else None
        if run_on:
            return run_on.group(1)
    return None
