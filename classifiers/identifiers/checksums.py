"""Resident ID (GB 11643) and 统一社会信用代码 (GB 32100): structure and check characters, and the
OCR confusions a repair may undo. Rules where a checksum decides: tables, each pair tested."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence


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
    from stdnum import numdb   # loads its tables on first use; most texts hold no ID to check
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
