"""The layout/field reader: OCR lines and form cells become (field, value) pairs.

Two shapes occur: inline `标签：值，标签：值` in letters and online printouts, and form tables
whose cells come out one per line as `标签` then `值` (reading order is fixed by the OCR
stage). Both are read here; what the pairs mean is decided by `fields.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from intake.classifiers.fields.cells import (bare_label, is_label_line, is_note, label_fields,
                                             label_pattern, opens, section_of, starts_with_label)
from intake.classifiers.fields.concepts import match_label
from intake.classifiers.fields.stacked import values_after_stacked_labels

# Name-like fields stop at a space too: 联系人：张三 010-12345678.
_NAME_FIELDS = {"contact_person", "person_name", "applicant", "legal_rep", "postcode"}
# Fields whose values run to the end of the line (they contain commas); others stop at one.
_LONG_FIELDS = {"description", "purpose", "title", "media", "method", "agency"}
# Fields whose form-cell value may wrap onto several lines.
_MULTILINE_FIELDS = {"description", "title", "address", "org_name", "purpose"}
_VALUE_END = "，,；;。（）()　\t【["
_BOUNDARY = "，,；;。（(　 \t:："


@dataclass(frozen=True, slots=True)
class Pair:
    field: str
    label: str
    value: str
    line: int          # index of the line the label is on
    inline: bool       # True for `标签：值`, False for a form cell
    section: str = ""  # "person", "organization" or "request": the form block it sits in


def _ends_value(line: str, field: str, first: bool) -> bool:
    """Whether `line` starts something new instead of continuing the value of `field`.

    The line right after a label is its value unless it is a known label word for word: a value
    may look like a label (电子邮件 under 获取信息方式 is the way chosen, not an e-mail label)."""
    if not line:
        return True
    if field in ("media", "method") and (first or _OPTION_LINE.match(line) or _OPTION_WORD.fullmatch(line)):
        # 提供方式 heading a block whose first cell is 所需信息的指定提供方式: that cell is the label.
        under = match_label(line)
        return first and under.exact and under.field in ("media", "method")
    if section_of(line) is not None or label_pattern().match(line) or _label_row(line):
        return True
    tokens = _tokens(line)
    if not first and len(tokens) >= 2 and match_label(tokens[0]).exact and bare_label(tokens[0]) not in (None, field):
        return True     # the next row starts with its label cell (联系人（单位填写） 填表日期)
    if bare_label(line) is None:
        return False
    found = match_label(line)
    # A near-wording of another label right under a heading-like label (申请公开的政府信息 /
    # 信息名称或描述) is the first cell of the block; an option (电子邮件) under 获取方式 is a value.
    return found.exact or not first or (found.score >= 0.8 and field not in ("id_kind", "applicant_type"))


# A wrapped label not in the table must mean a known field this clearly.
WRAPPED_SCORE = 0.75


def _wrapped_label(lines: list[str], index: int) -> int:
    """How many lines (2 or 3) a block header or a known label wraps over at `index`, or 0:
    所需信息 / 情况, 法人或者 / 其他组织, 所需政府信息的名称 / 、文号或其他特征描 / 述, 申请 / 人信 / 息."""
    first = lines[index]
    if not first or section_of(first) is not None:
        return 0
    for count in (3, 2):
        pieces = lines[index:index + count]
        # Latin words of a bilingual label (Information re / quested 申请公 / 开的信息) do not count.
        if len(pieces) < count or not all(0 < len(piece) <= 28 and len(re.sub(r"[A-Za-z .\-]", "", piece)) <= 12
                                          for piece in pieces):
            continue
        joined = "".join(pieces)
        if count == 3 and match_label("".join(pieces[1:])).exact and not re.search(r"[\u4e00-\u9fff]", first) \
                and not re.match(r"[a-z]", pieces[1]):
            continue    # Brazil / ID document 证 / 件名称: the first line is the value above (not Information re / quested)
        # 证件号 / 码: a first piece that is a label itself still wraps when one character is left over.
        first_whole = match_label(first).exact and len(pieces[-1]) > 1
        # A wording not in the table counts when its meaning is plain (信息提供形式及 / 获取方式).
        known = match_label(joined)
        # …形式及 / 获取方式: a label ending in a conjunction goes on, even into a label of its own.
        continues = first.endswith(("及", "和", "或", "、", "与", "/"))
        # Only a label that plainly goes on may be an unknown wording: a value and the label
        # below it read much like some label (蒋涛 + 身份证明类型).
        # …内容描 / 述: one character left on the last line is the end of a word, never a value.
        leftover = count == 2 and len(pieces[-1]) == 1 and len(first) >= 4 and not match_label(first).exact
        fuzzy = (continues or leftover) and known.score >= WRAPPED_SCORE and len(first) >= 2 \
            and not any(match_label(piece).exact for piece in pieces[:-1])
        if section_of(joined) is not None or ((known.exact or fuzzy) and not first_whole
                                                and (continues or not match_label(pieces[-1]).exact)):
            return count
    return 0


def label_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that hold a label or a block header, whole or wrapped over lines."""
    stripped = [line.strip() for line in lines]
    found: set[int] = set()
    for index, line in enumerate(stripped):
        if index in found:
            continue
        wrapped = _wrapped_label(stripped, index)
        if wrapped:
            found.update(range(index, index + wrapped))
        elif line and is_label_line(line):
            found.add(index)
    return found


def starts_wrapped_label(lines: list[str], index: int) -> bool:
    """The line opens a label that the cell wrapped onto the lines below (申请公开的信息内 / 容)."""
    # Only the three lines from `index` matter: stripping the whole text per call would be quadratic.
    return _wrapped_label([line.strip() for line in lines[index:index + 3]], 0) > 0


def _merge_split_labels(lines: list[str]) -> list[str]:
    """A narrow form cell wraps its label (统一社会信用代 / 码): put it back together."""
    merged: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        wrapped = _wrapped_label(lines, index)
        if wrapped:
            merged.append("".join(lines[index:index + wrapped]))
            index += wrapped
            continue
        joined = line + lines[index + 1] if index + 1 < len(lines) else ""
        if joined and opens(line) and not opens(joined) and len(joined) <= 40 and is_note(joined):
            merged.append(joined)       # a filling note wrapped in its cell: （所需信息的名称、 / 文号…）
            index += 2
            continue
        if joined and line and section_of(line) is None and (
                (bare_label(line) is None and bare_label(lines[index + 1]) is None and bare_label(joined) is not None)
                or (match_label(joined).exact and not match_label(line).exact and not re.search(r"[@.\d]", line))):
            merged.append(line + lines[index + 1])
            index += 2
            continue
        merged.append(line)
        index += 1
    return merged


# 三、信息的形式要求 — a numbered heading of the form's next block (an item of a request has more in it).
_NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}[、.．][\u4e00-\u9fff]{2,12}$")


def _block_heading(lines: list[str], index: int) -> bool:
    return bool(_NUMBERED_HEADING.match(lines[index])) and index + 1 < len(lines) and (
        is_label_line(lines[index + 1]) or starts_with_label(lines[index + 1]))


# An option listed on its own line: its box, or 口/门 read in the box's place (口 电子邮件).
_OPTION_LINE = re.compile(r"^(?:[□☐☑■√✓✔☒]|[口门]\s*(?=[\u4e00-\u9fff]{2}))")
# An option of a list one per line whose box was lost (口邮寄 / 电子邮件 / □当面领取).
_OPTION_WORD = re.compile(r"(?:纸质文本|纸质|电子文档|电子版|光盘|磁盘|邮寄|电子邮件|当面领取|自行领取|传真|现场查阅|网上获取)")


def _in_option_list(lines: list[str], index: int) -> bool:
    """The line goes on a list of options: it has its box, or it is an option word between boxed
    lines (never one followed by its own value, as an 电子邮件 label is by an address)."""
    if _OPTION_LINE.match(lines[index]):
        return True
    cut = re.search(r"[□☐☑■☒]\s*([\u4e00-\u9fff]{1,2})$", lines[index - 1])
    if cut and not _OPTION_WORD.fullmatch(cut.group(1)) and re.match(r"[\u4e00-\u9fff]", lines[index]) \
            and not re.search(r"[：:]", lines[index]):
        return True     # an option cut where its cell wrapped: ☑电 / 子邮件传真
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(_OPTION_WORD.fullmatch(lines[index]) and _OPTION_LINE.match(lines[index - 1])
                and (_OPTION_LINE.match(following) or not following))


def read_pairs(text: str) -> list[Pair]:
    lines = values_after_stacked_labels(_merge_split_labels([line.strip() for line in text.splitlines()]))
    pairs: list[Pair] = []
    index = 0
    section = ""
    while index < len(lines):
        line = lines[index]
        header = section_of(line)
        if header is not None:
            section = header
            index += 1
            continue
        columns = _column_pairs(lines, index, section)
        if columns:
            pairs.extend(columns)
            index += 2
            continue
        field = bare_label(line)
        if field is not None:
            values: list[str] = []
            probe = index + 1
            if probe < len(lines) and is_note(lines[probe]):
                probe += 1
            listed = False
            while probe < len(lines) and (listed or not _ends_value(lines[probe], field, probe == index + 1)) \
                    and not _block_heading(lines, probe):
                values.append(lines[probe])
                probe += 1
                # Option rows listed one per line continue while lines start with a box.
                listed = probe < len(lines) and (
                    (field in ("media", "method") and _in_option_list(lines, probe))
                    # an address its narrow cell wrapped: zhaomy@luliaolaw.ex / ample.cn
                    or (field == "email" and "@" in values[-1] and bool(re.fullmatch(r"[A-Za-z0-9.\-]{2,}", lines[probe]))))
                if listed:
                    continue
                if field not in _MULTILINE_FIELDS:
                    break
            label = re.sub(r"[\s：:]", "", line)
            if field in ("media", "method"):
                values = ["\n".join(values)]     # one row of options a line: each row is read on its own
            if field == "description" and not values:
                section = "request"     # 所需的政府信息 heading a block of 名称 / 文号 / 特征描述 cells
            if field == "org_name" and section == "request":
                field = "title"
            pairs.append(Pair(field, label, "".join(values), index, False, section))
            index = probe if values else index + 1
            continue
        found = [Pair("title", p.label, p.value, p.line, p.inline, p.section)
                 if p.field == "org_name" and section == "request" else p
                 for p in (_inline_pairs(line, index, section) or _row_pairs(line, index, section))]
        for pair in found:
            if pair.field == "applicant_type" and pair.value:
                section = section_of(pair.value) or section
        pairs.extend(found)
        index += 1
    return pairs


def _tokens(line: str) -> list[str]:
    return [token for token in re.split(r"[ \u3000\t]+", line.strip()) if token]


def _label_row(line: str) -> list[str | None] | None:
    """The fields of a row of two or more bare labels (申请人名称  有效证件), or None. One label of
    an unknown wording may stand among known ones; it is read as "other"."""
    if len(re.findall(r"[□☐☑■☒]", line)) >= 2:
        return None     # a row of options (□邮寄电子邮件 □传真), whatever words they use
    tokens = _tokens(line)
    if len(tokens) == 2 and tokens[0].isascii() != tokens[1].isascii():
        return None     # one label in two languages (Name 姓名), not two labels
    fields = [bare_label(token) for token in tokens]
    unknown = [token for token, field in zip(tokens, fields) if field is None]
    if len(tokens) < 2 or len(unknown) > (len(tokens) - 2) // 2 + (len(tokens) > 2) or fields[0] is None:
        return None
    if any(re.search(r"[0-9@□☑]", token) or len(token) > 8 for token in unknown):
        return None
    return [field or "other" for field in fields]


def _column_pairs(lines: list[str], index: int, section: str) -> list[Pair]:
    """A printout with two columns: a row of labels, then a row of their values in the same order."""
    fields = _label_row(lines[index])
    if fields is None or index + 1 >= len(lines):
        return []
    values = _tokens(lines[index + 1])
    if len(values) != len(fields) or _label_row(lines[index + 1]) or any(match_label(value).exact for value in values):
        return []
    labels = _tokens(lines[index])
    return [Pair(str(field), label, value, index, False, section) for field, label, value in zip(fields, labels, values)]


# The fields whose label and value may stand side by side on one line without a colon.
_ONE_CELL_ROW_FIELDS = {"person_name", "org_name", "applicant", "id_number", "uscc", "phone", "email", "address",
                        "postcode", "contact_person", "legal_rep", "id_kind"}


def _row_pairs(line: str, index: int, section: str) -> list[Pair]:
    """A form row read across without colons: 申请人姓名 赵一鸣 工作单位 某公司 (two or more labels)."""
    tokens = [token for token in re.split(r"[ \u3000\t]+", line.strip()) if token]
    fields = [bare_label(token) for token in tokens]
    if len(tokens) >= 2 and fields[0] in _ONE_CELL_ROW_FIELDS and not any(fields[1:]) \
            and match_label(tokens[0]).exact:
        # One label cell and its value cell read as one line: 姓名 山东运河起重机械有限公司.
        return [Pair(fields[0], tokens[0], " ".join(tokens[1:]), index, False, section)]
    if sum(field is not None for field in fields) < 2 or fields[0] is None:
        return []
    found: list[Pair] = []
    for position, (token, field) in enumerate(zip(tokens, fields)):
        if field is None:
            continue
        value_tokens = []
        for following, following_field in zip(tokens[position + 1:], fields[position + 1:]):
            if following_field is not None:
                break
            value_tokens.append(following)
        found.append(Pair(field, token, " ".join(value_tokens), index, False, section))
    return found


# A name in Latin script keeps its spaces: Thomas Becker, KIM MINJUN（金珉俊）.
_LATIN_WORDS = re.compile(r"[A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-.]*){0,3}(?:\s?[（(][\u4e00-\u9fff·]{2,5}[）)])?")
# A label written before a colon in a wording the table does not know (联系手机：…): short, and not
# the end of a sentence that announces what follows (现申请公开以下政府信息：).
_ANY_LABEL = re.compile(r"(?P<label>(?![现特兹我请]|根据|依据|本人)[\u4e00-\u9fff（）()/、A-Za-z]{2,10})\s*[：:]\s*")


# Fields whose known label is often written straight after the previous value, without a comma:
# 申请人：曹静身份证号：…, 手机：199…邮箱：….
_GLUED_AFTER_WORDS = {"id_number", "uscc", "phone", "email"}


def _qualified_start(line: str, start: int) -> int:
    """A label's start with the word that qualifies it (居民身份证：, 本人电话：), so the word is not left
    on the value before it (孙海燕居民)."""
    qualifier = re.search(r"(?:居民|公民|本人|个人)$", line[:start])
    return qualifier.start() if qualifier and start - qualifier.start() == 2 else start


def _label_matches(line: str) -> list[tuple[int, int, str, str]]:
    """(start, end, label, field) of every label in the line: known wordings first, then others
    whose meaning is a known field."""
    found = [(_qualified_start(line, m.start()), m.end(), m.group("label") + (m.group("note") or ""),
              label_fields()[m.group("label")])
             for m in label_pattern().finditer(line) if _at_boundary(line, m.start())
             or (label_fields()[m.group("label")] in _GLUED_AFTER_WORDS and re.match(r"[\u4e00-\u9fff]", line[m.start() - 1]))]
    for m in _ANY_LABEL.finditer(line):
        # An unknown wording must stand apart (…588室邮编： is 邮编 after an address, not 室邮编).
        if any(start < m.end() and m.start() < end for start, end, _, _ in found) \
                or not _at_boundary(line, m.start(), glued=False):
            continue
        field = match_label(m.group("label")).field
        if field is not None:
            found.append((m.start(), m.end(), m.group("label"), field))
    return sorted(found)


def _inline_pairs(line: str, index: int, section: str) -> list[Pair]:
    found: list[Pair] = []
    matches = _label_matches(line)
    for number, (_start, start, label, field) in enumerate(matches):
        stop = matches[number + 1][0] if number + 1 < len(matches) else len(line)
        value = line[start:stop]
        latin = _LATIN_WORDS.match(value.strip()) if field in _NAME_FIELDS else None
        if latin:
            name = re.sub(r"\s?[（(][^）)]*籍[）)]$", "", latin.group(0))     # Sophie Laurent（法国籍）
            found.append(Pair(field, label, name, index, True, section))
            continue
        # A foreign address is written with commas (Lindenstrasse 24, 10969 Berlin, Germany).
        latin_address = field == "address" and len(re.findall(r"[A-Za-z]", value)) >= 6
        if field not in _LONG_FIELDS and not latin_address:
            # A bracketed place inside a name (北京恒泰（聊城）律师事务所) is part of it.
            inside = re.sub(r"[（(][\u4e00-\u9fff]{2,6}[）)](?=[\u4e00-\u9fff]{2})", lambda m: "＿" * len(m.group(0)), value)
            cut = [inside.find(ch) for ch in _VALUE_END if ch in inside]
            if cut:
                value = value[:min(cut)]
        if field in _NAME_FIELDS:
            value = _name_token(value)
        value = value.strip(" ，,；;。　")
        found.append(Pair(field, label, value, index, True, section))
    return found


def _name_token(value: str) -> str:
    """The name in a name field: 联系人：张三 010-… → 张三; 联系人：法务部 孟繁宇 → 孟繁宇."""
    tokens = value.strip().split(" ")
    if len(tokens) > 1 and re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:部|处|科|室|中心|办公室|组)", tokens[0]) \
            and re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", tokens[1]):
        return tokens[1]
    return tokens[0]


def _at_boundary(line: str, position: int, glued: bool = True) -> bool:
    # A label glued onto a number (…-26-3联络人：李美玲, …090X电话：) still opens a field: a number never ends
    # in a word of a label.
    return position == 0 or line[position - 1] in _BOUNDARY or line[position - 1] in "□☑■" \
        or (glued and ((line[position - 1].isascii() and line[position - 1].isalnum()) or line[position - 1] in "-)）"))


def first(pairs: list[Pair], field: str) -> Pair | None:
    for pair in pairs:
        if pair.field == field and pair.value:
            return pair
    return None
