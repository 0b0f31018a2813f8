"""What a single line of a form is: a label cell (by its meaning), a block header, a filling note.
The pair reader (pairs.py) and the reflow (reflow.py) ask these questions of every line."""
from __future__ import annotations

import re
from functools import lru_cache

from intake.classifiers.fields.concepts import match_label
from intake.classifiers.fields.labels import all_labels


@lru_cache(maxsize=1)
def label_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label, _ in all_labels())
    # A filling note may stand between the label and its colon: 信息的载体形式（请在□内打√）：
    return re.compile(rf"(?P<label>{labels})\s*(?P<note>[（(][^（）()\n：:]{{1,16}}[）)])?\s*[：:]\s*")


@lru_cache(maxsize=1)
def label_fields() -> dict[str, str]:
    fields: dict[str, str] = {}
    for label, field in all_labels():
        fields.setdefault(label, field)
    return fields


# Block headers of application forms: they name whose fields follow.
SECTION_HEADERS: dict[str, str] = {
    "公民": "person", "个人": "person", "自然人": "person", "申请人（个人）": "person",
    "法人或其他组织": "organization", "法人或者其他组织": "organization", "法人或其它组织": "organization",
    "法人/其他组织": "organization", "法人或其他组织信息": "organization",
    "所需信息情况": "request", "所需政府信息情况": "request", "申请信息": "request",
    "所需政府信息": "request", "申请公开的政府信息情况": "request",
    "申请人信息": "", "申请人基本信息": "", "选填部分": "request", "必填部分": "", "选填项": "request",
}


_CHOICE_NOTE = re.compile(r"[（(](?:单选|多选|可多选|可选|必填|选填|请勾选|勾选)[）)]")


# Section numbering in front of a label: 一、 / 二. / 1、 / （一）
_LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[）)])")


def section_of(line: str) -> str | None:
    return SECTION_HEADERS.get(_LEADING_NUMBER.sub("", _CHOICE_NOTE.sub("", re.sub(r"[\s：:]", "", line))))


def bare_label(line: str) -> str | None:
    """The field of a line that is a label and nothing else (a form cell), by its meaning."""
    stripped = line.strip().rstrip("：:")
    # A filling note that shows the box to tick (（请在□内打√）) is not a box with its option.
    if re.search(r"[：:]|.[□☐☑■√✓✔☒]", re.sub(r"[（(][^（）()]{0,16}[□口√✓][^（）()]{0,16}[）)]$", "", stripped)):
        return None      # a label with its value (获取方式：☑电子邮件), read as inline pairs
    found = match_label(stripped)
    if not found.exact and re.search(r"[\u4e00-\u9fff]{2}[ \u3000\t]+[\u4e00-\u9fff]{2}", stripped):
        return None      # two words side by side (赵志刚 居民身份证) are values, or a row of labels
    return found.field


# A filling note on its own line under a label: （所需信息的名称、文号或特征描述）.
_NOTE_LINE = re.compile(r"[（(]([^（）()]{2,40})[）)]")


def is_note(line: str) -> bool:
    note = _NOTE_LINE.fullmatch(line.strip())
    if note is None:
        return False
    return match_label(note.group(1)).field is not None or bool(re.search(r"名称|文号|描述|特征|填写|选填|必填|勾选", note.group(1)))


def opens(text: str) -> bool:
    return len(re.findall(r"[（(]", text)) > len(re.findall(r"[）)]", text))


def is_label_line(line: str) -> bool:
    """A form cell holding only a label or a block header."""
    return bare_label(line) is not None or section_of(line) is not None


def starts_with_label(line: str) -> bool:
    """True for a line that opens a new `标签：值` field."""
    match = label_pattern().match(line.strip())
    return match is not None
