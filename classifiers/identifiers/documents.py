"""Documents named in text: 文号 (doc numbers) and 《titles》, and telling a document asked for from a
law cited as the basis of the request."""
from __future__ import annotations

import re
from dataclasses import dataclass

from intake.classifiers.identifiers.text import Found, normalise_text

# ---------------------------------------------------------------- 文号
# Brackets around the year, and what OCR reads for 〔 and 〕.
DOC_OPEN = "〔[【(（﹝〖{<Cl|I"


DOC_CLOSE = "〕]】)）﹞〗}>Jl|I"       # not 1: 〔20231 9号 could be 〔2023〕19号 with 〕 lost


# A 〕 lost where the line breaks (〔2024 / 46号) is still a 文号.
_DOC_NUMBER = re.compile(
    rf"([\u4e00-\u9fff]{{1,14}})\s?[{re.escape(DOC_OPEN)}]\s?((?:19|20)[0-9]{{2}})"
    rf"(?:\s?[{re.escape(DOC_CLOSE)}]\s?|[ \t]*\n\s*)(第?)\s?([0-9]{{1,5}})\s?号")


# Words that end the text before an agency abbreviation: 依据聊政办发〔…〕 → 聊政办发. Only words
# that no abbreviation contains (国办公开办函 contains 公开, so 公开 alone is not here).
MIN_ABBREVIATION, MAX_ABBREVIATION = 2, 10
DOC_LEAD_WORDS = (
    "依据", "根据", "按照", "依照", "参照", "关于", "文号", "作出", "出具", "印发", "下发", "转发", "发布",
    "申请公开", "要求公开", "请求公开", "你局", "贵局", "本局", "我局",
    "的", "了", "即", "和", "及", "与", "或", "号", "为", "是", "见", "在", "对", "将", "把", "向", "由",
    "局", "厅",
)


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
