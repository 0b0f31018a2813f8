"""Identifiers in an application's text: resident ID, USCC, phones, e-mail, postcode, 文号, titles.

Pure functions over a string. Every finder works on `normalise_text(text)`, which maps one
character to exactly one character, so the spans it reports index the caller's text as well.
OCR misreads of a resident ID or USCC are repaired only where the check character confirms the
repair and no other single-character repair would pass as well (ties go to the usual OCR
confusions, then to known address codes / the 主体标识码 check); otherwise the value is reported
as read and invalid, never guessed.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from stdnum import numdb

# ---------------------------------------------------------------- normalisation
# Full-width forms that Chinese text uses as its own punctuation stay as they are: the
# extractors split sentences on them and the contract's text keeps them.
FULLWIDTH_KEPT = "，：；！？（）"
_HALF_WIDTH: Mapping[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in FULLWIDTH_KEPT}


def normalise_text(s: str) -> str:
    """Full-width ASCII letters, digits and symbols made half-width; one character per character."""
    return s.translate(_HALF_WIDTH)


@dataclass(frozen=True, slots=True)
class IdCandidate:
    """A resident ID or USCC found in text."""
    value: str                 # the identifier, separators removed, upper-case, repaired if `corrected`
    valid: bool                # passes the format and check-character rules
    corrected: bool            # a character differs from what was written (an OCR repair)
    span: tuple[int, int]      # where it was written, end exclusive
    raw: str = ""              # the characters as written, separators included


@dataclass(frozen=True, slots=True)
class Found:
    """A phone, e-mail, postcode or 文号 found in text."""
    value: str
    span: tuple[int, int]


# ---------------------------------------------------------------- OCR confusions (tables)
# Characters OCR gives for a printed digit; each pair tested in test_identifiers.
DIGIT_LOOKALIKES: Mapping[str, str] = {
    "O": "0", "o": "0", "D": "0", "Q": "0",
    "l": "1", "I": "1", "|": "1", "i": "1", "!": "1",
    "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "G": "6", "b": "6", "g": "9", "q": "9",
}
# What OCR gives for the check character X of a resident ID.
X_LOOKALIKES = "Xx×χХхⅩK"
# Digits OCR takes for one another, as pairs so the table is symmetric. Every substitution is
# tried; these only break a tie between passing ones, so a misread from this table is not
# repaired to a wrong value (the true one is among the tied; only an address code unknown to
# python-stdnum's table can then lose it the tie).
DIGIT_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("0", "8"), ("0", "6"), ("0", "9"), ("1", "7"), ("1", "4"), ("3", "8"), ("3", "5"),
    ("5", "6"), ("6", "8"), ("8", "9"), ("2", "7"),
)
# The same for USCC characters, which also include letters (no I O S V Z in the alphabet).
USCC_CONFUSIONS: tuple[tuple[str, str], ...] = DIGIT_CONFUSIONS + (
    ("0", "D"), ("0", "Q"), ("0", "U"), ("8", "B"), ("6", "G"), ("1", "L"), ("1", "T"),
    ("C", "G"), ("E", "F"), ("M", "N"), ("P", "R"), ("U", "W"), ("X", "Y"), ("H", "N"),
)
# Letters outside the USCC alphabet and what they were most likely printed as.
USCC_LOOKALIKES: Mapping[str, str] = {"I": "1", "O": "0", "S": "5", "Z": "2", "V": "UY", "|": "1", "!": "1"}
# Lower-case letters in a code of capitals and digits: l is as often 1 as L.
USCC_LOWER: Mapping[str, str] = {"l": "1L", "o": "0", "i": "1", "s": "5", "z": "2"}


def _neighbours(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for a, b in pairs:
        table[a] = table.get(a, "") + b
        table[b] = table.get(b, "") + a
    return table


_DIGIT_NEIGHBOURS: Mapping[str, str] = _neighbours(DIGIT_CONFUSIONS)
_USCC_NEIGHBOURS: Mapping[str, str] = _neighbours(USCC_CONFUSIONS)

# ---------------------------------------------------------------- resident ID (GB 11643-1999)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# First two digits of the address code: provinces of GB/T 2260, 71 台湾, 81/82 港澳, 83 居住证.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split())
BIRTH_YEARS = range(1900, 2100)


def resident_id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def _birth_date_ok(yyyymmdd: str) -> bool:
    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return born.year in BIRTH_YEARS


def _id_structure_ok(value: str) -> bool:
    """Province and birth date plausible; the check character is not looked at."""
    if len(value) == 15:
        return value[:2] in PROVINCE_CODES and _birth_date_ok("19" + value[6:12])
    return value[:2] in PROVINCE_CODES and _birth_date_ok(value[6:14])


def address_code_known(code: str) -> bool:
    """The 6-digit address code was assigned at some time (GB/T 2260 history in python-stdnum)."""
    return any("county" in props for _, props in numdb.get("cn/loc").info(code))


def _id_shaped(value: str) -> bool:
    """A birth date, or a province and a century: one misread digit leaves one of them.

    A USCC's first two characters are often a province code too, but its 7th-8th rarely 19/20.
    """
    return _birth_date_ok(value[6:14]) or (value[:2] in PROVINCE_CODES and value[6:8] in ("19", "20"))


def resident_id_valid(s: str) -> bool:
    """18 characters with a plausible birth date and the right check character, or an old 15-digit number."""
    value = s.upper()
    if re.fullmatch(r"[0-9]{15}", value):
        return _id_structure_ok(value)
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        return False
    return _id_structure_ok(value) and resident_id_check_char(value[:17]) == value[17]


# ---------------------------------------------------------------- USCC (GB 32100-2015)
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# 登记管理部门代码: 1 机构编制 2 外交 3 司法行政 4 文化 5 民政 6 旅游 7 宗教 8 工会 9 工商 A 军委 N 农业 Y 其他
USCC_DEPARTMENTS = frozenset("123456789ANY")
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)   # GB 11714, the 9-character 主体标识码 inside a USCC


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_valid(s: str) -> bool:
    value = s.upper()
    if len(value) != 18 or any(c not in USCC_ALPHABET for c in value) or not value[2:8].isdigit():
        return False
    return uscc_check_char(value[:17]) == value[17]


def _org_code_ok(uscc: str) -> bool:
    """The 主体标识码's own check (GB 11714); real codes carry it, so it can break a tie."""
    body, check = uscc[8:16], uscc[16]
    if not body.isalnum():
        return False
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_CODE_WEIGHTS))
    expected = {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
    return expected == check


# Ways a real USCC is more than its check character, used only to choose between repairs.
_USCC_PLAUSIBLE: tuple[Callable[[str], bool], ...] = (
    _org_code_ok,
    lambda v: address_code_known(v[2:8]),
    lambda v: v[0] in USCC_DEPARTMENTS,
)


def _uscc_plausible(value: str) -> bool:
    return all(ok(value) for ok in _USCC_PLAUSIBLE)


# ---------------------------------------------------------------- repairing a reading
@dataclass(frozen=True, slots=True)
class _Reading:
    value: str
    valid: bool
    corrected: bool
    guessed: bool = False      # a character was substituted to make the check pass


def _resolve(options: Sequence[str], literal: str, is_valid: Callable[[str], bool], alphabet: str,
             confusions: Mapping[str, str], prefer: Sequence[Callable[[str], bool]] = ()) -> _Reading:
    """The one valid reading of a code whose characters may each be read several ways.

    First the ways the characters themselves allow. If none passes, every single substitution
    from the whole alphabet, not only the usual confusions: the true value is then always among
    those that pass, so a lone passer is safe. Ties go to a usual confusion, then to each of
    `prefer` in turn; a tie left over means no repair.
    """
    readings = ["".join(p) for p in itertools.islice(itertools.product(*options), 64)]
    passing = [r for r in readings if is_valid(r)]
    guessed = not passing
    if guessed:
        base = readings[0]
        usual = {base[:i] + alt + base[i + 1:] for i, c in enumerate(base) for alt in confusions.get(c, "")}
        passing = sorted(v for v in {base[:i] + alt + base[i + 1:] for i, c in enumerate(base)
                                     for alt in alphabet if alt != c} if is_valid(v))
        if len(passing) > 1:
            passing = [v for v in passing if v in usual] or passing
    for plausible in prefer:
        if len(passing) > 1:
            passing = [v for v in passing if plausible(v)] or passing
    if len(passing) == 1:
        return _Reading(passing[0], True, passing[0] != literal, guessed)
    return _Reading(readings[0], False, readings[0] != literal)


def _id_options(chars: str) -> list[str] | None:
    options = []
    for i, c in enumerate(chars):
        if c.isdigit():
            options.append(c)
        elif i == 17 and c in X_LOOKALIKES:
            options.append("X")
        elif c in DIGIT_LOOKALIKES:
            options.append(DIGIT_LOOKALIKES[c])
        else:
            return None
    return options


def _uscc_options(chars: str) -> list[str] | None:
    options = []
    for i, c in enumerate(chars):
        if 2 <= i < 8 and not c.isdigit():          # the division code is digits only
            digits = DIGIT_LOOKALIKES.get(c) or "".join(
                d for d in _USCC_NEIGHBOURS.get(c.upper(), "") if d.isdigit())
            if not digits:
                return None
            options.append(digits)
        elif c in USCC_LOWER:
            options.append(USCC_LOWER[c])
        elif c.upper() in USCC_ALPHABET:
            options.append(c.upper())
        elif c in USCC_LOOKALIKES:
            options.append(USCC_LOOKALIKES[c])
        else:
            return None
    return options


# ---------------------------------------------------------------- 18-character codes in text
_CODE_SEP_CHARS = " \t\n-‐‑–—"
_CODE_SEP = re.escape(_CODE_SEP_CHARS)
_CODE_CHAR = "0-9A-Za-z" + re.escape("|!" + X_LOOKALIKES)
# Every position where 18 code characters start (overlapping), with up to three separator
# characters between them (" - "); neighbours must not be letters or digits.
_CODE_RUN = re.compile(
    rf"(?<![0-9A-Za-z])(?=([{_CODE_CHAR}](?:[{_CODE_SEP}]{{0,3}}[{_CODE_CHAR}]){{17}})(?![0-9A-Za-z]))")
_OLD_ID = re.compile(r"(?<![0-9A-Za-z])[0-9]{15}(?![0-9A-Za-z])")
_MIN_DIGITS_IN_CODE = 10


def _read_resident_id(options: list[str], literal: str) -> _Reading:
    """A repair may not move a known address code to an unknown one; known codes break ties."""
    read_code = "".join(o[0] for o in options[:6])

    def passes(value: str) -> bool:
        return resident_id_valid(value) and (value[:6] == read_code or address_code_known(value[:6])
                                             or not address_code_known(read_code))

    return _resolve(options, literal, passes, "0123456789X", _DIGIT_NEIGHBOURS,
                    (lambda v: address_code_known(v[:6]),))


def _valid_reading(reading: _Reading | None, may_guess: bool) -> _Reading | None:
    return reading if reading is not None and reading.valid and (may_guess or not reading.guessed) else None


def _classify_run(raw: str, span: tuple[int, int]) -> tuple[str, IdCandidate] | None:
    """Decide whether 18 code characters are a resident ID or a USCC, and read them."""
    chars = "".join(c for c in raw if c not in _CODE_SEP_CHARS)
    if sum(c.isdigit() for c in chars) < _MIN_DIGITS_IN_CODE or "\n\n" in raw:
        return None
    literal = chars[:17].upper() + ("X" if chars[17] in "xX" else chars[17].upper())
    id_opts, uscc_opts = _id_options(chars), _uscc_options(chars)
    person = _read_resident_id(id_opts, literal) if id_opts else None
    if person is not None and person.valid and not person.corrected:
        return "id", IdCandidate(person.value, True, False, span, raw)     # the common case, and cheap
    company = (_resolve(uscc_opts, literal, uscc_valid, USCC_ALPHABET, _USCC_NEIGHBOURS, _USCC_PLAUSIBLE)
               if uscc_opts else None)
    # Spaces may join two numbers, so a separated run is taken only as read; a run shaped like
    # a resident ID is never made a USCC by a guess.
    separated = any(c in _CODE_SEP_CHARS for c in raw)
    looks_like_id = id_opts is not None and _id_shaped("".join(o[0] for o in id_opts))
    as_id = _valid_reading(person, not separated)
    as_uscc = _valid_reading(company, not separated and not looks_like_id)
    if as_uscc and (as_uscc.guessed or as_id or looks_like_id) and not _uscc_plausible(as_uscc.value):
        as_uscc = None      # a guessed or contested credit code must be whole: org code, division, department
    # A reading as written beats a repaired one (an ID as written returned above); between two
    # repairs the shape decides.
    if as_uscc and not as_uscc.corrected:
        return "uscc", IdCandidate(as_uscc.value, True, False, span, raw)
    if as_id and (not as_uscc or looks_like_id):
        return "id", IdCandidate(as_id.value, True, True, span, raw)
    if as_uscc:
        return "uscc", IdCandidate(as_uscc.value, True, True, span, raw)
    if separated:
        return None
    if person is not None and looks_like_id:
        return "id", IdCandidate(person.value, False, person.corrected, span, raw)
    if company is not None and company.value[0] in USCC_DEPARTMENTS:
        return "uscc", IdCandidate(company.value, False, company.corrected, span, raw)
    return None


def _codes(text: str) -> list[tuple[str, IdCandidate]]:
    """Resident IDs and USCCs in order, never overlapping; a valid reading wins a start position."""
    norm = normalise_text(text)
    found: list[tuple[str, IdCandidate]] = []
    taken_until = -1
    for m in _CODE_RUN.finditer(norm):
        start, end = m.span(1)
        if start < taken_until:
            continue
        classified = _classify_run(m.group(1), (start, end))
        if classified is not None:
            found.append(classified)
            taken_until = end
    for m in _OLD_ID.finditer(norm):
        if resident_id_valid(m.group()) and address_code_known(m.group()[:6]) and not any(c.span[0] < m.end() and m.start() < c.span[1]
                                                    for _, c in found):
            found.append(("id", IdCandidate(m.group(), True, False, m.span(), m.group())))
    return sorted(found, key=lambda kc: kc[1].span)


def find_resident_ids(text: str) -> list[IdCandidate]:
    return [c for kind, c in _codes(text) if kind == "id"]


def find_usccs(text: str) -> list[IdCandidate]:
    return [c for kind, c in _codes(text) if kind == "uscc"]


# ---------------------------------------------------------------- phones
# Hyphens and dashes; 一 and ー are what OCR reads for a printed hyphen.
_DASHES = "\\-‐‑–—―一ー"
_OCR_HYPHENS = str.maketrans({"一": "-", "ー": "-"})
_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
_EXTENSION = r"(?:\s?(?:转|分机|ext\.?|-)\s?[0-9]{1,5})?"
PHONE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # mobile: 13812345678, 138 1234 5678, 138-1234-5678, +86 prefix left out
    re.compile(rf"(?<![0-9])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9](?:[ {_DASHES}]?[0-9]{{4}}){{2}})(?![0-9])"),
    # landline with area code: 0635-8367215, 0635—8519813, (0635)8367215, 0635 8367215, 010-12345678-123
    re.compile(rf"(?<![0-9])((?:[(（]\s?{_AREA}\s?[)）]\s?|{_AREA}\s?[{_DASHES}]?\s?)[2-9][0-9]{{6,7}}{_EXTENSION})(?![0-9])"),
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
    for pattern in PHONE_PATTERNS:
        for m in pattern.finditer(norm):
            start, end = m.span(1)
            if _after_letters(norm, m.start()) or any(s < end and start < e for s, e in blocked):
                continue
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


def email_matches(text: str) -> list[Found]:
    found = []
    for m in _EMAIL.finditer(normalise_text(text).translate(EMAIL_LOOKALIKES)):
        odd = any(c.isspace() or c == "。" for c in m.group())
        if odd and m.group(3).lower() not in KNOWN_TLDS:
            continue
        address = "".join(c for c in m.group() if not c.isspace()).replace("。", ".").lower()
        found.append(Found(address.rstrip("."), m.span()))
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


# ---------------------------------------------------------------- 文号
# Brackets around the year, and what OCR reads for 〔 and 〕.
DOC_OPEN = "〔[【(（﹝〖{<Cl|I"
DOC_CLOSE = "〕]】)）﹞〗}>Jl|I"       # not 1: 〔20231 9号 could be 〔2023〕19号 with 〕 lost
_DOC_NUMBER = re.compile(
    rf"([\u4e00-\u9fff]{{1,14}})\s?[{re.escape(DOC_OPEN)}]\s?((?:19|20)[0-9]{{2}})\s?"
    rf"[{re.escape(DOC_CLOSE)}]\s?(第?)\s?([0-9]{{1,5}})\s?号")
# Words that end the text before an agency abbreviation: 依据聊政办发〔…〕 → 聊政办发. Only words
# that no abbreviation contains (国办公开办函 contains 公开, so 公开 alone is not here).
DOC_LEAD_WORDS = (
    "依据", "根据", "按照", "依照", "参照", "关于", "文号", "作出", "出具", "印发", "下发", "转发", "发布",
    "申请公开", "要求公开", "请求公开", "你局", "贵局", "本局", "我局",
    "的", "了", "即", "和", "及", "与", "或", "号", "为", "是", "见", "在", "对", "将", "把", "向", "由",
    "局", "厅",
)
MIN_ABBREVIATION, MAX_ABBREVIATION = 2, 10


def _abbreviation(run: str) -> str | None:
    cut = 0
    for word in DOC_LEAD_WORDS:
        at = run.rfind(word)
        if at >= 0 and len(run) - (at + len(word)) >= MIN_ABBREVIATION:
            cut = max(cut, at + len(word))
    abbreviation = run[cut:]
    return abbreviation if MIN_ABBREVIATION <= len(abbreviation) <= MAX_ABBREVIATION else None


def doc_number_matches(text: str) -> list[Found]:
    found = []
    for m in _DOC_NUMBER.finditer(normalise_text(text)):
        abbreviation = _abbreviation(m.group(1))
        if abbreviation is None:
            continue
        start = m.start(1) + len(m.group(1)) - len(abbreviation)
        found.append(Found(f"{abbreviation}〔{m.group(2)}〕{m.group(3)}{m.group(4)}号", (start, m.end())))
    return found


def find_doc_numbers(text: str) -> list[str]:
    """文号 such as 聊政办发〔2023〕9号, brackets made 〔〕, 第 and zero padding kept as written."""
    return list(dict.fromkeys(f.value for f in doc_number_matches(text)))


# ---------------------------------------------------------------- titles
TITLE_QUOTES: tuple[tuple[str, str], ...] = (("《", "》"), ("〈", "〉"), ("«", "»"))
MAX_TITLE = 100
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    span: tuple[int, int]      # the quotes included


def title_matches(text: str) -> list[Title]:
    """Titles in book-title quotes; a 〈〉 inside a 《》 is part of the outer title."""
    found: list[Title] = []
    for opening, closing in TITLE_QUOTES:
        pattern = re.compile(rf"{opening}([^{opening}{closing}]{{1,{MAX_TITLE}}}){closing}")
        for m in pattern.finditer(text):
            if m.group(1).count("\n") > 2 or any(t.span[0] < m.start() and m.end() < t.span[1] for t in found):
                continue
            title = _CJK_GAP.sub("", m.group(1)).strip()
            if title:
                found.append(Title(title, m.span()))
    return sorted(found, key=lambda t: t.span)


def find_titles(text: str) -> list[str]:
    return list(dict.fromkeys(t.text for t in title_matches(text)))


# A title ending so names a document someone made, never the basis of a request.
DOCUMENT_ENDINGS = (
    "决定书", "告知书", "指令书", "意见书", "通知书", "报告", "通知", "通告", "公告", "通报", "方案", "清单",
    "台账", "记录", "许可证", "批复", "函", "纪要", "名单", "目录", "计划", "总结", "表", "证明", "合同",
)
# Ends of laws and regulations (法, 条例), cited as the basis whatever the context.
LAW_ENDINGS = ("条例", "法典", "法")
# Ends of rules that are a basis only when cited as one (根据《…办法》, 《…规定》第十条).
RULE_ENDINGS = ("规定", "办法", "细则", "规则", "解释", "若干意见", "暂行规定")
BASIS_LEADS = ("根据", "依据", "按照", "依照", "参照", "依", "据", "按")
KNOWN_BASIS = frozenset({
    "政府信息公开条例", "中华人民共和国政府信息公开条例", "政府信息公开信息处理费管理办法",
    "最高人民法院关于审理政府信息公开行政案件若干问题的规定",
})
_ARTICLE_AFTER = re.compile(r"^\s?(?:第[一二三四五六七八九十百零〇0-9]+条|的规定|之规定|规定)")


def is_basis_law(title: str, before: str = "", after: str = "") -> bool:
    """Is this title a law cited as the basis of the application rather than a document asked for?

    `before` and `after` are the text just outside the quotes, when known.
    """
    name = title.strip()
    if name in KNOWN_BASIS:
        return True
    if name.endswith(DOCUMENT_ENDINGS) or name.endswith("方法"):
        return False
    cited = before.rstrip().endswith(BASIS_LEADS) or bool(_ARTICLE_AFTER.match(after))
    if name.endswith(RULE_ENDINGS):
        return cited
    return name.endswith(LAW_ENDINGS)


def find_requested_titles(text: str) -> list[str]:
    """The titles of `find_titles` less the laws cited as the basis of the application."""
    wanted = [t.text for t in title_matches(text)
              if not is_basis_law(t.text, text[max(0, t.span[0] - 6):t.span[0]], text[t.span[1]:t.span[1] + 12])]
    return list(dict.fromkeys(wanted))
