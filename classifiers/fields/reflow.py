"""Reflow: join the lines of a paragraph that the page width wrapped.

OCR returns visual lines; a value such as an address often wraps onto the next line. A line
that reaches (nearly) the full text width and does not end a sentence continues on the next
one. Form cells are short, so they are left alone; a long cell's wrapped lines are joined too,
which is what a reader would do.
"""
from __future__ import annotations

import re
import unicodedata

_ENDS_SENTENCE = tuple("。：:；;！!？?.")     # an English sentence ends a line with its full stop
FULL_LINE = 0.75
# A wrapped line may end right after a field's label; its value is on the next line.
_VALUE_LABEL_AT_END = re.compile(r"(电话|手机|邮编|编码|住址|地址|住所地?|邮箱|号码|姓名|名称|代码|联系人)[：:]$")


_SPACED_RUN = re.compile(r"(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff][ \u3000]){2,}[\u4e00-\u9fff](?![\u4e00-\u9fff])")
_SPACED_LABEL = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]{2,}([\u4e00-\u9fff])(?=\s*[：:])")


_SPACED_VALUE = re.compile(r"(?<=[：:])\s*([\u4e00-\u9fff])[ \u3000]{1,3}([\u4e00-\u9fff])(?![\u4e00-\u9fff])")


def collapse_spaced_letters(text: str) -> str:
    """Headings and labels typed with spaces between the characters (政 府 信 息 公 开, 住    址:)
    read as words again; spaces between words are left alone."""
    text = _SPACED_RUN.sub(lambda m: re.sub(r"[ \u3000]", "", m.group(0)), text)
    text = _SPACED_VALUE.sub(r"\1\2", text)
    return _SPACED_LABEL.sub(r"\1\2", text)


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def reflow(text: str) -> str:
    from intake.classifiers.fields.cells import is_label_line
    from intake.classifiers.fields.pairs import starts_wrapped_label
    lines = text.split("\n")
    widths = sorted(display_width(line.strip()) for line in lines if line.strip())
    if len(widths) < 3:
        return text
    # The page's full width is what its longest lines reach (the second longest, in case one
    # line is an overlong URL or header).
    typical_full = widths[-1] if widths[-1] <= 1.3 * widths[-2] else widths[-2]
    if typical_full < 24:   # narrow text (a form's cells, a list): nothing wraps
        return text
    out: list[str] = []
    joining = False
    envelope_end = _envelope_end(lines)
    for number, line in enumerate(lines):
        if number < envelope_end:     # an envelope's blocks are not a paragraph
            out.append(line)
            continue
        stripped = line.strip()
        if _FAX_HEADER.search(stripped):
            out.append(line)
            joining = False
            continue
        if out and _address_goes_on(out[-1].strip(), stripped):
            out[-1] = out[-1] + stripped
        elif joining and stripped and not _starts_new_item(stripped) and not is_label_line(out[-1].strip()) \
                and not _signed(lines, number) and not starts_wrapped_label(lines, number):
            out[-1] = out[-1] + stripped
        else:
            out.append(line)
        current = out[-1].strip()
        last_piece = stripped if stripped else current
        joining = bool(stripped) and display_width(last_piece) >= FULL_LINE * typical_full \
            and (not last_piece.endswith(_ENDS_SENTENCE) or bool(_VALUE_LABEL_AT_END.search(last_piece))) \
            and not _english_heading(last_piece)
    return "\n".join(out)


# An address cut in the middle of a number: 通信地址:…水城小区1 / 4号楼4单元303室.
_ADDRESS_LINE = re.compile(r"(?:地址|住址|住所地?)[：:]\s*\S{4,}(?<![号室])$")
_ADDRESS_REST = re.compile(r"^\d*[号楼栋幢座单元室层]|^\d+号")


def _address_goes_on(previous: str, line: str) -> bool:
    return bool(line) and bool(_ADDRESS_LINE.search(previous)) and bool(_ADDRESS_REST.match(line))


_FAX_HEADER = re.compile(r"FROM\s*[:：]|FAX\s|P\.\s*\d+\s*/\s*\d+|TO\s*[:：]", re.I)
_HEADING = re.compile(r"^[\u4e00-\u9fff（）()]{2,24}(书|表|函|申请|报告|通知|信)$")


def _envelope_end(lines: list[str]) -> int:
    """Lines of an envelope scanned as the first page, up to the letter's heading or salutation."""
    if not any("贴邮票" in line for line in lines[:6]):
        return 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        if number > 2 and (stripped.endswith(("：", ":")) or _HEADING.match(stripped)) and "政府信息公开申请" != stripped:
            return number
    return 0


_DATE_LINE = re.compile(r"^(?:\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}日?|[〇○零一二三四五六七八九十]{1,3}月[〇○零一二三四五六七八九十]{1,3}日?"
                        r"|[一二三四五六七八九十]{2,4})$")


def _signed(lines: list[str], number: int) -> bool:
    """A name alone on its line just above the date, or on the last line: the letter's signature."""
    from intake.classifiers.applicant import looks_like_person_name
    line = lines[number].strip()
    if not (2 <= len(line) <= 4 and looks_like_person_name(line)):
        return False
    following = next((later.strip() for later in lines[number + 1:] if later.strip()), "")
    return not following or bool(_DATE_LINE.match(following))


_SMALL_WORDS = {"of", "for", "the", "and", "on", "to", "a", "an", "in", "at", "by", "or"}
_ENGLISH_OPENING = re.compile(r"^(?:(?:Dear|To the|Re|Subject|I am|My name|Yours|Sincerely|Best regards|Kind regards|"
                              r"Thank you|Thanks)\b|To:|I,)")


def is_heading(line: str) -> bool:
    """A document's title line (政府信息公开申请书, Request for Disclosure of Government Information)."""
    line = line.strip()
    # A bilingual title: the Chinese one followed by its English (政府信息公开申请表 Application for …).
    chinese, _, english = line.partition(" ")
    bilingual = bool(english) and bool(_HEADING.match(chinese)) and _english_heading(english)
    return bool(_HEADING.match(line)) or _english_heading(line) or bilingual


def _english_heading(line: str) -> bool:
    """Request for Disclosure of Government Information: a title, not a wrapped sentence."""
    words = line.split()
    return len(words) >= 3 and not line.endswith((".", ",", ";", ":")) and all(
        word[0].isupper() or word in _SMALL_WORDS for word in words if word[0].isalpha()) \
        and all(re.fullmatch(r"[A-Za-z'’\-]+", word) for word in words)


def _starts_new_item(line: str) -> bool:
    """A new list item, field or signature line starts a new paragraph whatever the previous width."""
    from intake.classifiers.fields.cells import is_label_line, starts_with_label
    from intake.classifiers.applicant import looks_like_org_name
    if looks_like_org_name(re.sub(r"[（(](盖章|章|公章)[）)]$", "", line)) or re.match(r"^\d{4}年\d{1,2}月\d{1,2}日$", line):
        return True     # a signature: the organisation's name, or the date
    if re.fullmatch(r"\d{1,2}", line):
        return True     # a table's row number (序号 4): never the end of the line above
    return starts_with_label(line) or is_label_line(line) or bool(_HEADING.match(line)) or line[0] in "□☐☑■√✓✔☒" \
        or bool(_ENGLISH_OPENING.match(line)) \
        or bool(re.match(r"^(希望|请|烦请|麻烦|望|谢谢|特此|此致|如有|"
                                                                          r"联系|我叫|我是|本人|申请人|\d+[.、．]|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|此致|敬礼|申请人[：:]|附件)", line))
