"""Phones, e-mail addresses and postcodes in text."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from intake.classifiers.identifiers.codes import _codes
from intake.classifiers.identifiers.documents import doc_number_matches
from intake.classifiers.identifiers.text import Found, normalise_text

# ---------------------------------------------------------------- phones
# Hyphens and dashes; 一 and ー are what OCR reads for a printed hyphen.
_DASHES = "\\-‐‑–—―一ー"


_OCR_HYPHENS = str.maketrans({"一": "-", "ー": "-"})


_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"


_EXTENSION = r"(?:\s?(?:转|分机|ext\.?|-)\s?[0-9]{1,5})?"


PHONE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # international, as written (+852 6049 8880, +886 912 345 678, 0049 30 2589 4410); E.164 allows
    # 8 to 15 digits after the country code's +, China's own +86 numbers are read by the next rows.
    re.compile(r"(?<![0-9A-Za-z+])((?:\+|00)(?!86)[1-9][0-9]{0,2}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,5})(?![0-9])"),
    # mobile: 13812345678, 138 1234 5678, 138-1234-5678, +86 prefix left out
    re.compile(rf"(?<![0-9])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9](?:[ {_DASHES}]?[0-9]{{4}}){{2}})(?![0-9])"),
    # landline with area code: 0635-8367215, 0635—8519813, (0635)8367215, 0635 8367215, 010-12345678-123
    # (the local number may be grouped: 010-8419 5520)
    re.compile(rf"(?<![0-9])((?:[(（]\s?{_AREA}\s?[)）]\s?|{_AREA}\s?[{_DASHES}]?\s?)[2-9](?:[0-9]{{6,7}}|[0-9]{{2,3}} [0-9]{{4}})"
               rf"{_EXTENSION})(?![0-9])"),
    # local number right after a phone label
    re.compile(r"(?:电话|联系方式|座机|传真|Tel|TEL|tel)\s?[:：]?\s?([2-9][0-9]{6,7})(?![0-9])"),
)


# Latin words allowed right before a number (FROM:… in a fax header has a colon anyway).
PHONE_LABEL_WORDS = frozenset({"tel", "phone", "mobile", "mob", "cell", "fax", "from", "to", "no"})


def _after_letters(norm: str, start: int) -> bool:
    """A number glued to Latin letters is part of a code (JY13715240012345) unless the letters are a label."""
    i = start
    while i > 0 and norm[i - 1].isascii() and norm[i - 1].isalpha():
        i -= 1
    return i < start and norm[i:start].lower() not in PHONE_LABEL_WORDS


def phone_matches(text: str) -> list[Found]:
    """Phones as written (OCR hyphens made '-'), outside IDs, USCCs and 文号, in text order."""
    norm = normalise_text(text)
    blocked = [c.span for _, c in _codes(text)] + [d.span for d in doc_number_matches(text)]
    found: list[Found] = []
    for index, pattern in enumerate(PHONE_PATTERNS):
        for m in pattern.finditer(norm):
            start, end = m.span(1)
            if _after_letters(norm, m.start()) or any(s < end and start < e for s, e in blocked):
                continue
            if index == 0 and not 9 <= sum(c.isdigit() for c in norm[start:end]) <= 17:
                continue     # an international number: country code and 8–15 more digits
            found.append(Found(norm[start:end].strip().translate(_OCR_HYPHENS), (start, end)))
            blocked.append((start, end))
    return sorted(found, key=lambda f: f.span)


def find_phones(text: str) -> list[str]:
    return list(dict.fromkeys(f.value for f in phone_matches(text)))


# ---------------------------------------------------------------- e-mail
# OCR puts spaces around @ and dots, and reads a dot as 。; then the last label must be a known one.
KNOWN_TLDS = frozenset({"com", "cn", "net", "org", "edu", "gov", "info", "biz", "hk", "mo", "tw", "io", "me"})


_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)\s?@\s?"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\s?[.。]\s?)+([A-Za-z]{2,10}))(?![A-Za-z0-9-])")


# Greek and Cyrillic letters OCR puts into Latin addresses (sina.cφm), and accented Latin
# letters (sina.côm): e-mail addresses here are ASCII, so only e-mail matching maps them.
EMAIL_LOOKALIKES: Mapping[int, int] = {
    **str.maketrans("φοосаеріхΟОСАЕРХ○", "ooocaepixOOCAEPXo"),
    **{code: ord(unicodedata.normalize("NFKD", chr(code))[0]) for code in range(0xC0, 0x180)
       if unicodedata.normalize("NFKD", chr(code))[0].isascii()
       and len(unicodedata.normalize("NFKD", chr(code))) > 1},
}


# Mail providers' domains: a domain that is one of these once OCR's 1/l and 0/o slips are undone
# was that domain (l63.com → 163.com, out1ook.com → outlook.com). Each row is tested.
PROVIDER_DOMAINS = frozenset({
    "163.com", "126.com", "yeah.net", "qq.com", "foxmail.com", "sina.com", "sina.cn", "sohu.com", "139.com",
    "189.cn", "aliyun.com", "gmail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com",
    "naver.com", "gmx.de", "web.de", "posteo.de", "netvigator.com", "hotmail.com.hk", "yahoo.com.tw", "msn.com",
})
_SLIPS = (("1", "l"), ("l", "1"), ("0", "o"), ("o", "0"))


def _provider(domain: str) -> str:
    """The provider's domain this one is with one OCR slip, else the domain as read."""
    if domain in PROVIDER_DOMAINS:
        return domain
    for index, char in enumerate(domain):
        for wrong, right in _SLIPS:
            if char == wrong and (candidate := domain[:index] + right + domain[index + 1:]) in PROVIDER_DOMAINS:
                return candidate
    return domain


def _local_part(local: str) -> str:
    """A 1 between letters, or opening a run of letters, is the letter l (1iujg79 → liujg79)."""
    return re.sub(r"(?<=[a-z])1(?=[a-z])|^1(?=[a-z]{2})", "l", local)


def email_matches(text: str) -> list[Found]:
    found = []
    for m in _EMAIL.finditer(normalise_text(text).translate(EMAIL_LOOKALIKES)):
        odd = any(c.isspace() or c == "。" for c in m.group())
        if odd and m.group(3).lower() not in KNOWN_TLDS:
            continue
        address = "".join(c for c in m.group() if not c.isspace()).replace("。", ".").lower().rstrip(".")
        local, _, domain = address.partition("@")
        repaired = _provider(domain)
        if repaired != domain:
            local = _local_part(local)      # a page that slipped in the domain slips alike in the name
        else:
            # Between a separator and letters a 1 is the letter l whatever the domain (songli_1q → songli_lq).
            local = re.sub(r"(?<=[a-z][_.])1(?=[a-z])", "l", local)
        found.append(Found(f"{local}@{repaired}", m.span()))
    return found


def find_emails(text: str) -> list[str]:
    return list(dict.fromkeys(f.value for f in email_matches(text)))


# ---------------------------------------------------------------- postcode
_POSTCODE_LABELLED = re.compile(r"(?:邮政编码|邮编|邮码)\s?[:：]?\s?([0-9]{6})(?![0-9])")


_SIX_DIGITS = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")


# A bare six-digit number followed by one of these is an amount, a date or a count.
NOT_POSTCODE_AFTER = "年月日号元万个件人%.-/"


NOT_POSTCODE_BEFORE = "第¥￥$-/."


def find_postcodes(text: str) -> list[str]:
    """Six-digit postcodes: those after 邮编/邮政编码 first, then bare ones that look like postcodes."""
    norm = normalise_text(text)
    labelled = [m.group(1) for m in _POSTCODE_LABELLED.finditer(norm)]
    blocked = ([c.span for _, c in _codes(text)] + [p.span for p in phone_matches(text)]
               + [d.span for d in doc_number_matches(text)])
    bare = []
    for m in _SIX_DIGITS.finditer(norm):
        start, end = m.span()
        if any(s < end and start < e for s, e in blocked) or not "01" <= m.group()[:2] <= "86":
            continue
        if end < len(norm) and norm[end] in NOT_POSTCODE_AFTER:
            continue
        if start > 0 and norm[start - 1] in NOT_POSTCODE_BEFORE:
            continue
        bare.append(m.group())
    return list(dict.fromkeys(labelled + bare))
