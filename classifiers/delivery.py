"""In what form and by what way the information is wanted (Art. 29 (三)).

Ticked boxes (☑ written by the OCR stage or typed by hand) are read first; prose such as
请以电子邮件方式提供 / 邮寄至 second.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from intake.classifiers.fields.pairs import Pair
from intake.kernel.model import Delivery, Medium, Method

# Option words → value, longest first. Each row has a test in tests/test_delivery.py.
MEDIA_WORDS: tuple[tuple[str, str], ...] = (
    ("纸质文本", "paper"), ("纸质形式", "paper"), ("纸质材料", "paper"), ("纸质版", "paper"), ("纸面", "paper"),
    ("纸质", "paper"), ("复印件", "paper"), ("书面", "paper"), ("纸件", "paper"), ("纸本", "paper"), ("纸版", "paper"),
    ("打印件", "paper"), ("纸的", "paper"), ("复印", "paper"), ("印出来", "paper"), ("打印出来", "paper"),
    ("paper copy", "paper"), ("hard copy", "paper"),
    ("电子文档", "electronic"), ("电子文本", "electronic"), ("电子版", "electronic"), ("电子数据", "electronic"),
    ("电子文件", "electronic"), ("电子形式", "electronic"), ("扫描件", "electronic"), ("电子档", "electronic"),
    ("PDF", "electronic"), ("电子文本", "electronic"), ("electronic copy", "electronic"), ("digital copy", "electronic"),
    ("scanned copy", "electronic"), ("electronic document", "electronic"), ("electronic form", "electronic"),
    ("electronic version", "electronic"), ("electronic format", "electronic"), ("soft copy", "electronic"),
    ("electronic files", "electronic"), ("electronic copies", "electronic"), ("electronic file", "electronic"),
    ("printed copy", "paper"), ("photocopies", "paper"), ("photocopy", "paper"), ("in paper", "paper"),
    ("光盘", "disc"), ("磁盘", "disc"), ("U盘", "disc"), ("移动存储", "disc"),
    ("电子", "electronic"),     # a form's bare option (载体 □纸质 ☑电子); longer words are matched first
)
METHOD_WORDS: tuple[tuple[str, str], ...] = (
    ("邮寄", "post"), ("快递", "post"), ("寄送", "post"), ("寄给", "post"), ("寄至", "post"), ("邮递", "post"),
    ("寄到", "post"), ("寄回", "post"), ("挂号信", "post"), ("EMS", "post"), ("寄", "post"),
    ("电子邮件", "email"), ("电子邮箱", "email"), ("邮箱", "email"), ("发送至", "email"), ("Email", "email"),
    ("E-mail", "email"), ("email", "email"), ("e-mail", "email"), ("邮件", "email"),
    ("by post", "post"), ("by mail", "post"), ("by fax", "fax"), ("in person", "pickup"),
    ("by registered mail", "post"), ("by courier", "post"), ("post it", "post"), ("mail it", "post"),
    ("pick up", "pickup"), ("collect", "pickup"),
    ("自行领取", "pickup"), ("当面领取", "pickup"), ("现场领取", "pickup"), ("上门领取", "pickup"), ("领取", "pickup"),
    ("自取", "pickup"), ("当面递交", "pickup"), ("递送", "pickup"), ("来取", "pickup"), ("去取", "pickup"),
    ("自己取", "pickup"), ("自己拿", "pickup"), ("去局里拿", "pickup"), ("上门取", "pickup"), ("到局里拿", "pickup"),
    ("传真", "fax"),
    ("当场阅读", "inspect"), ("现场查阅", "inspect"), ("当场查阅", "inspect"), ("查阅", "inspect"), ("抄录", "inspect"),
    ("网上获取", "online"), ("网上下载", "online"), ("网站下载", "online"), ("在线获取", "online"),
)
# Form option words that name a medium in a method row (Shanghai forms list 电子邮件 as a 载体).
_MEDIA_ROW_EMAIL = ("电子邮件", "electronic")
_DELIVERY_SENTENCE = re.compile(r"形式|方式|邮寄|寄|发送|发至|发到|发给|发我|领取|自取|来取|去取|拿|查阅|阅读|传真|光盘|U盘|下载|回复|"
                                r"提供(纸质|电子)|纸质|电子版|电子文档|复印|"
                                r"\b(?:copy|by e-?mail|by post|by mail|by fax|send|sent|deliver|collect|pick up|electronic)\b", re.I)
# "不用寄" / "无需邮寄": a way the applicant does NOT want.
_NEGATED = re.compile(r"(不用|不要|不必|无需|无须|不需要|别)\s*$")
_TICKED = "☑■√✓✔☒"


def _kinds_named(words: str) -> tuple[set[str], set[str]]:
    return ({value for word, value in MEDIA_WORDS if len(word) >= 2 and word in words},
            {value for word, value in METHOD_WORDS if len(word) >= 2 and word in words})


def _every_option(words: str) -> bool:
    """A list naming three or more options of one kind (纸质电子文档光盘 获取途径 邮寄电子邮件当面领取…)."""
    media, methods = _kinds_named(words)
    return len(media) >= 3 or len(methods) >= 4


def _options_listed(words: str) -> int:
    return max(len(kinds) for kinds in _kinds_named(words))


# Two-character options as printed on forms, for reading a ticked one that OCR garbled (☑传其, ☑邮存).
_FORM_OPTIONS = ("纸质", "光盘", "邮寄", "传真", "自取", "网上")


def _misread_option(words: str) -> str:
    """A ticked option that matches no word: the printed option sharing its first character."""
    if _match(words, MEDIA_WORDS) or _match(words, METHOD_WORDS) or len(words) < 2:
        return words
    near = [option for option in _FORM_OPTIONS if option[0] == words[0]]
    return near[0] + words[2:] if len(near) == 1 else words


def _email_as_way(words: str) -> bool:
    """'邮箱' in '请发到我的邮箱' is a way; in a bare contact address it is not."""
    return bool(re.search(r"电子邮件|发|回复|寄|通过|以|用|至|到|方式|形式|\b(?:send|by|via)\b", words, re.I)) or "☑" in words


def extract_delivery(text: str, pairs: Sequence[Pair], exclude: str | None = None) -> Delivery:
    media: list[str] = []
    methods: list[str] = []
    for pair in pairs:
        if pair.field not in ("media", "method") or not pair.value:
            continue
        chosen = _chosen_in_rows(pair.value)
        if chosen is None:  # no boxes at all: the value is plain words (online forms) or prose
            plain = pair.value.replace("\n", " ")
            if _every_option(plain) or (_options_listed(plain) >= 2 and re.search(rf"[{_TICKED}]", text)):
                continue    # the form's list with its boxes lost (the other rows have theirs): what was ticked cannot be read
            chosen = [plain]
        for words in chosen:
            words = _misread_option(words)
            if pair.field == "media":
                media += _match(words, MEDIA_WORDS + (_MEDIA_ROW_EMAIL,))
                methods += [m for m in _match(words, METHOD_WORDS)
                            if m != "email" or re.search(r"发送|\b(?:by|via) e-?mail", words, re.I)]
            else:
                methods += _match(words, METHOD_WORDS)
                media += _match(words, MEDIA_WORDS)
    if not media and not methods:
        for sentence in _delivery_sentences(text, exclude):
            chosen = _ticked_options(sentence)
            if chosen is None and _every_option(sentence):
                continue
            for words in ([sentence] if chosen is None else chosen):
                words = _PICKUP_TRIP.sub("领取", words)
                media += _match(words, MEDIA_WORDS)
                found = [m for m in _match(words, METHOD_WORDS) if m != "email" or _email_as_way(words)]
                if "email" in found and _TO_MAILBOX.search(words):
                    found = [m for m in found if m != "post"]    # 寄送至本人电子邮箱: sent by e-mail
                methods += found
    if bool(media) != bool(methods):
        # One row of boxes read into another cell (载体 under the request): the kind still missing
        # is taken from ticked option rows elsewhere, never from prose.
        for sentence in _delivery_sentences(text, exclude):
            chosen = _ticked_options(sentence)
            for words in chosen or []:
                if not media:
                    media += _match(words, MEDIA_WORDS)
                if not methods:
                    methods += [m for m in _match(words, METHOD_WORDS) if m != "email" or _email_as_way(words)]
    if not media and methods:
        # The way fixes the form when none is named: what comes by e-mail or online is a file, by fax paper.
        media += [form for way, form in (("email", "electronic"), ("online", "electronic"), ("fax", "paper"))
                  if way in methods][:1]
    return Delivery(media=tuple(Medium(m) for m in dict.fromkeys(media)),
                    methods=tuple(Method(m) for m in dict.fromkeys(methods)))


# 我自己到你们局里去拿 / 来局里取: the applicant comes for it.
_PICKUP_TRIP = re.compile(r"(?:到|去|来)[^，,。；;]{0,8}?(?:去|来)?(?:拿|取|领)(?!消|得|决)")
# The destination of 寄送 / 发送 is a mailbox: the way is e-mail, not post.
_TO_MAILBOX = re.compile(r"(?:寄|送|发)[^，,。；;]{0,3}(?:至|到|给)[^，,。；;]{0,8}(?:电子)?(?:邮箱|邮件)|(?:寄|送|发)[^，,。；;]{0,3}(?:至|到)\s*[\w.\-]+@")


# On a fax an empty box is often read as 门, 口 or [ between two options (个人企业门科研机构).
_BOX_MISREAD = re.compile(r"[门口\[](?=[\u4e00-\u9fff])")    # _boxes_restored decides from the words around it


@lru_cache(maxsize=1)
def _option_words() -> tuple[str, ...]:
    return tuple(sorted({word for word, _ in MEDIA_WORDS + METHOD_WORDS}, key=len, reverse=True))


def _boxes_restored(value: str) -> str:
    """门/口/[ read where a box stood, put back as □ — only between option words (not 上门领取)."""
    words = _option_words()
    def box(m: re.Match[str]) -> str:
        before = value[:m.start()].rstrip()
        between_options = (not before or before.endswith(words)) and value.startswith(words, m.end())
        return "□" if between_options else m.group(0)
    return _BOX_MISREAD.sub(box, value)


def _first_option(words: str) -> str:
    """A ticked option glued to the next ones whose boxes were lost (☑电子文档光盘): the first."""
    options = _option_words()
    word = next((option for option in options if words.startswith(option)), None)   # the longest
    if word is not None and words[len(word):].startswith(options):
        return word
    return words


def _chosen_in_rows(value: str) -> list[str] | None:
    """The ticked options of a cell whose rows of boxes stand on separate lines (载体 □纸质 ☑电子 /
    途径 □邮寄 当面领取): a row's lost tick is judged within its own row."""
    lines = [_boxes_restored(line.strip()) for line in value.split("\n") if line.strip()]
    boxes = [len(re.findall(rf"[□☐{_TICKED}]", line)) for line in lines]
    if all(count <= 1 for count in boxes):
        # One option a line (☑纸质 / 口电子文档 / 口光盘): the lines are one list, not rows. A line
        # among boxed ones that lost its box lost a tick (the recogniser drops ☑ far more than □).
        chosen = _ticked_options(" ".join(lines))
        if chosen is not None and sum(boxes) >= 2:
            chosen += [line for line, count in zip(lines, boxes) if count == 0 and _first_option(line) in _option_words()]
        return chosen
    # A line without a box goes on the row above it (☑电 / 子邮件传真: the cell wrapped).
    joined: list[str] = []
    for line, count in zip(lines, boxes):
        if joined and count == 0:
            joined[-1] += line if re.match(r"[\u4e00-\u9fff]", line) else " " + line
        else:
            joined.append(line)
    rows = [_ticked_options(line) for line in joined]
    if all(row is None for row in rows):
        return None
    return [words for row in rows for words in row or []]


def _ticked_options(value: str) -> list[str] | None:
    """The words after each ticked box; None when the value has no boxes."""
    value = _boxes_restored(value)
    if not re.search(rf"[□☐{_TICKED}]", value):
        return None
    parts = re.split(rf"([□☐{_TICKED}])", value)
    chosen: list[str] = []
    for mark, words in zip(parts[1::2], parts[2::2]):
        if mark in _TICKED:
            chosen.append(_first_option(words.strip()))
    if not chosen:
        # No tick in the row, yet empty boxes were read: the recogniser drops a ticked box's
        # glyph far more often than an empty one's, so options standing without a box are the
        # ones chosen.
        chosen = [words.strip() for words in _options_without_box(parts)]
    return chosen


def _options_without_box(parts: list[str]) -> list[str]:
    unboxed = [parts[0]] if parts[0].strip() else []
    for words in parts[2::2]:
        # "□电子邮件 自行领取": words after a box's option, separated by a space, lost their box.
        # A bilingual option (□ Paper 纸质) is one option in two languages, not two.
        pieces = re.split(r"[\s　]+", re.sub(r"[A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*)*\s+(?=[\u4e00-\u9fff])", "",
                                             words.strip()))
        unboxed += [piece for piece in pieces[1:] if piece]
        # "□邮寄电子邮件": a second option glued to the box's own lost its box too.
        first = _first_option(pieces[0])
        if first != pieces[0]:
            unboxed.append(pieces[0][len(first):])
    return [words for words in unboxed if len(words.strip()) >= 2]


def _match(words: str, table: Sequence[tuple[str, str]]) -> list[str]:
    found: list[str] = []
    remaining = words
    for word, value in sorted(table, key=lambda row: -len(row[0])):
        for hit in re.finditer(re.escape(word), remaining):
            if not _NEGATED.search(remaining[max(0, hit.start() - 4):hit.start()]):
                found.append(value)
                break
        remaining = remaining.replace(word, "＿" * len(word))
    return found


_HOW_IT_CAME = re.compile(r"(?:已|曾|先|去年|上月|前天|昨天|此前|之前|上次|于.{0,8}|於.{0,8})(?:经)?(?:寄出|寄来|寄过|邮寄了|"
                          r"传真了?|发过|发送了|提交了?)(?:了|过)?(?:申请|申請|此|该|這|这)?"
                          r"|再(?:发|寄|传真|提交)(?:邮件|電郵|电邮)?一(?:份|次|遍)"
                          r"|现(?:在)?(?:寄|邮寄)(?:来|上)?一份(?!给我|给俺)")


def _delivery_sentences(text: str, exclude: str | None = None) -> list[str]:
    """Clauses of the sentences that speak of delivery, without the request itself."""
    clauses: list[str] = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[。；;！!])", line):
            sentence = sentence.strip()
            if exclude and len(exclude) >= 8 and exclude in sentence:
                sentence = sentence.replace(exclude, "")   # the information asked for is not a way to get it
            if not sentence or not _DELIVERY_SENTENCE.search(sentence):
                continue
            # A row of form boxes with none ticked says that nothing was chosen.
            if re.search(r"[□☐]", sentence) and not re.search(rf"[{_TICKED}]", sentence):
                continue
            # Contact lines name an e-mail box; they say nothing about delivery.
            if (re.search(r"(联系电话|联系人|电子邮箱)[：:]", sentence) or re.match(r"联系方式|联系电话|电子邮箱|邮箱|电话|手机", sentence)) \
                    and not re.search(r"发送|寄", sentence):
                continue
            for clause in re.split(r"[，,]", sentence):
                if re.search(r"申请(公开|获取)|(以下|如下|下列)(政府)?信息", clause) and not re.search(r"形式|方式", clause):
                    continue
                if _HOW_IT_CAME.search(clause):
                    continue    # how the writer sent this (去年寄出申请表, 昨天已传真): not how to answer
                if clause.strip():
                    clauses.append(clause.strip())
    return clauses
