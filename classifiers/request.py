"""What information is asked for (Art. 29 (二)): the description, titles and 文号."""
from __future__ import annotations

import re
from collections.abc import Sequence

from intake.classifiers import identifiers as ids
from intake.classifiers.fields.concepts import match_label
from intake.classifiers.fields.pairs import Pair
from intake.kernel.model import Request

# A sentence that announces the request; the information follows it (same line or next).
_LEAD_IN = re.compile(
    r"(?:申请|要求|请求)(?:公开|获取|提供|查阅)?(?:以下|如下|下列|下述|这些)(?:政府)?(?:信息|内容|事项|材料|文件)?[：:]?\s*$"
    r"|(?:申请公开|申请获取|要求公开|请求公开)的?(?:政府)?信息(?:如下|为)?[：:]\s*$"
    r"|(?:申请|要求|请求)(?:公开|获取|提供)(?:的)?(?:政府)?信息(?:内容)?[：:]\s*$"
    r"|(?:申请|要求|请求)(?:你们|你局|贵局|贵单位)?(?:依法)?(?:公开|获取|提供|查询|查阅)[：:]\s*$")
# An inline request: 申请公开X。 / 请求公开X / 请提供X
_INLINE = re.compile(r"(?:(?:申请|要求|请求|希望|请)(?:你们|你局|贵局|贵单位|贵机关)?(?:依法)?(?:公开|提供|获取|查询)(?![的条]?[信规])|"
                     r"申请(?:政府)?信息公开|向我们?公开)\s*(?:以下|如下|下列)?[：:]?(.{4,300}?)(?:[。；;]|$)")
# "请你们把X公开给我" / "把X提供给我"
_GIVE_ME = re.compile(r"把(.{4,200}?)(?:都|全部)?(?:公开|提供|寄|发)给我")
_NOT_DESCRIPTION = re.compile(r"^(?:此致|敬礼|申请人|联系人|联系电话|电话|请|希望|特此|附件|信息的提供方式|"
                              r"(?:Purpose|Please|Tel|Phone|E-?mail|Address|Yours|Sincerely|Best regards|Thank)\b)", re.I)


_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．)）]|[（(][一二三四五六七八九十\d]{1,2}[）)])\s*")
# The ask inside a longer paragraph: what follows the last 申请公开 / 请求公开 / 请提供.
_ASK = re.compile(r"(?:申请|要求|请求|恳请)(?:你们|你局|贵局|贵单位|贵机关)?(?:依法)?(?:公开|获取|提供|查询|查阅)(?:以下|如下|下列)?(?:政府)?(?:信息)?[：:]?"
                  r"|申请(?:政府)?信息公开[：:]?|向我们?公开")
# Politeness and delivery tails that are not part of what is asked for.
_TAIL = re.compile(r"[，,；;。]\s*(?:麻烦|请|希望|谢谢|望|烦请|恳请)?(?:你们|贵局|您)?(?:整理好|尽快)?.{0,6}(?:寄给|寄到|寄至|发给|发到|发送|邮寄|以.{1,8}形式|通过.{1,8}方式|谢谢|为盼|为感|"
                   r"提供(?:纸质|电子)|纸质(?:复印件|版|材料)|电子版).*$")


def extract_request(text: str, pairs: Sequence[Pair], asked_clause: str | None = None) -> Request:
    """`asked_clause`: the clause the clause-role model finds asking for information, used when
    no label, lead-in or known wording gives the description."""
    # An e-mail's subject (主题：申请公开…) names the request in short; the body says it in full.
    body = re.sub(r"^主题：[^\n]*\n", "", text)
    description = (_from_pairs(pairs) or _in_prose(body) or (_in_prose(text) if body != text else None)
                   or _named_in_form(pairs) or _cited_document(text) or _asked(asked_clause))
    if description:
        description = _narrow(description).strip().rstrip("。；;，,")
    title_source = " ".join(filter(None, [description] + [p.value for p in pairs if p.field == "title"]))
    titles = [t for t in ids.find_titles(title_source or "") if not ids.is_basis_law(t)]
    for pair in pairs:
        if pair.field == "title" and pair.value and not re.search(r"[《〈]", pair.value):
            value = pair.value.strip("“”\"' ")
            if value and value not in titles and len(value) >= 3:
                titles.append(value)
    number_source = " ".join(filter(None, [description] + [p.value for p in pairs if p.field == "doc_number"]))
    doc_numbers = ids.find_doc_numbers(number_source) if number_source else []
    return Request(description=description or None, titles=tuple(dict.fromkeys(titles)),
                   doc_numbers=tuple(dict.fromkeys(doc_numbers)))


def _in_prose(text: str) -> str | None:
    return (_after_lead_in(text) or _inline(text) or _english_inline(text) or _give_me(text)
            or _after_asking_colon(text))


# The words before what is asked for in a plain request: 我想要… / 麻烦你们把… / 能不能给我…
_PLAIN_ASK = re.compile(r"^(?:现在|所以|因此|这回|这次)?(?:我们?|本人)?(?:就)?(?:想|要|想要|需要|希望|只想)?(?:申请|请求|请|麻烦|能不能|能否|帮我)?"
                        r"(?:你们(?!单位|局|的|那)|你局|贵局)?(?:把|给我|提供|公开|查|看看|看一下|调一下|要|拿到)?(?:一份|一下)?(?:的(?:就)?是)?")


# …and in an English one: I kindly request… / I would like to obtain… / Please provide me with…
_ENGLISH_ASK = re.compile(r"^.{0,80}?\b(?:request(?:ing)?|obtain|provide(?: me)?(?: with)?|disclos(?:e|ure of)|access to|"
                          r"copy of|send me|receive)\s+", re.I)


# …想跟你们申请一份材料：你局所有文件 — what follows the colon of an asking clause is what is asked for.
_ASKED_AFTER_COLON = re.compile(r"(?:申请|要|索取|获取|提供|公开)(?P<between>[^：:]{0,12})[：:]\s*(?P<rest>[^：:]{2,})$")
# …but not 我要反映一个情况： / 想咨询一下： — a story or a question follows those.
_NOT_ASKING = re.compile(r"反映|说明|投诉|举报|问|咨询|情况|说|讲|求助|地址|电话|邮箱|邮编|身份证|手机|寄|发|送|形式|方式")


def _after_asking_colon(text: str) -> str | None:
    """想跟你们要一份东西：… in the first person: the words after the colon, to the sentence's end."""
    for sentence in re.split(r"[。！!？?\n]", text):
        if re.search(r"我|本人|俺", sentence):
            found = _ASKED_AFTER_COLON.search(sentence)
            if found and not _NOT_ASKING.search(found.group("between")) \
                    and not re.search(r"电话|地址|邮箱|身份证|手机", found.group("rest")[:4]):
                return found.group("rest").strip()
    return None


def _asked(clause: str | None) -> str | None:
    if not clause:
        return None
    after_colon = _ASKED_AFTER_COLON.search(clause)
    if after_colon and not _NOT_ASKING.search(after_colon.group("between")):
        return after_colon.group("rest")
    rest = _ENGLISH_ASK.sub("", clause, count=1) if re.match(r"[A-Za-z]", clause) else _PLAIN_ASK.sub("", clause, count=1)
    return rest if len(rest) >= 6 else clause


def _named_in_form(pairs: Sequence[Pair]) -> str | None:
    """A form with only a 名称 cell (所需政府信息的名称): the names are what is asked for."""
    for pair in pairs:
        if pair.field == "title" and len(pair.value.strip()) >= 6:
            return _NUMBERING.sub("", pair.value)
    return None


# 我要的是… / 我想要的就是…: the plain speaker's way of naming what is asked for.
_WHAT_I_WANT = re.compile(r"我(?:想|就|只)?(?:要|需要)的(?:就|也)?是(.{6,200}?)"
                          r"(?=[。！？；;\n ]|材料要|资料要|给我寄|寄到|寄给|发到|发给|$)"
                          # 我想要…，…的处罚决定书，我在那买过东西: up to where the writer speaks of himself again
                          r"|我(?:想要|想看看|想看一下|需要)(?!求|回)(.{6,200}?)(?=[，,。；;]\s*(?:我|想|心里|因为|主要)|[。！？\n]|$)")


# I, Thomas Becker, hereby request all documents of …. — the object of the writer's own request.
_ENGLISH_INLINE = re.compile(r"\b(?:I|We)\b[^.\n]{0,40}?\b(?:request|apply for|ask for|would like to (?:obtain|receive|have))\s+"
                             r"(?:the disclosure of |disclosure of |a copy of |copies of )?(.{6,200}?)"
                             r"(?<!\bNo)(?<!\bArt)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.(?=\s|$)")   # Decision No. 聊市监…


def _english_inline(text: str) -> str | None:
    found = _ENGLISH_INLINE.search(text)
    if not found or re.match(r"(?:the )?following\b", found.group(1)):
        return None
    return found.group(1)


def _give_me(text: str) -> str | None:
    match = _GIVE_ME.search(text)
    if match:
        return match.group(1)
    wanted = _WHAT_I_WANT.search(text)
    return (wanted.group(1) or wanted.group(2)) if wanted else None


def _cited_document(text: str) -> str | None:
    """No sentence asks in so many words, but a document is named by title (and 文号): that
    document is what is wanted ("我想看看这个计划")."""
    for match in re.finditer(r"《([^》]{4,80})》(?:\s*[（(][^）)]{4,30}[）)])?", text):
        before = text[max(0, match.start() - 12):match.start()]
        after = text[match.end():match.end() + 12]
        if not ids.is_basis_law(match.group(1), before, after):
            return match.group(0)
    return None


# The form's option row read into the cell above it (…的部分。☑纸质 □电子文档光盘): the request ends there.
_OPTION_ROW = re.compile(r"\s*[☑□■☐☒]\s*(?:纸质|电子|光盘|磁盘|邮寄|当面|传真|现场|网上|自行|其他)")
# How to send it, run on without a comma (…有多少要多少复印了寄给我): the request ends there.
_SEND_IT = re.compile(r"(?:复印|打印|印出来)?(?:了|好|后)?(?:邮寄给|寄给|寄到|发给|发到|送到)(?:我|俺|$)")
# A label cell read in front of a numbered request (载体 / 1.…, a column of labels before their values).
_LABEL_BEFORE_LIST = re.compile(r"^([\u4e00-\u9fff]{2,8})\s*(?=(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．]|[（(][一二三四五六七八九十\d][）)])")


def _narrow(description: str) -> str:
    """From a paragraph with background, keep what is asked for; drop numbering and tails."""
    option = _OPTION_ROW.search(description)
    if option and option.start() >= 6:
        description = description[:option.start()]
    sent = _SEND_IT.search(description)
    if sent and sent.start() >= 6:
        description = description[:sent.start()]
    label = _LABEL_BEFORE_LIST.match(description)
    if label and match_label(label.group(1)).field not in (None, "description"):
        description = description[label.end():]
    head, colon, rest = description.partition("：")
    if colon and len(head) <= 20 and len(rest) >= 10:
        description = rest        # 我要的东西还是那些：… — the colon introduces what is asked for
    asks = list(_ASK.finditer(description))
    if asks and len(description) - asks[-1].end() >= 6 and asks[-1].start() > 0:
        description = description[asks[-1].end():]
    description = _TAIL.sub("", description)
    return description


def _from_pairs(pairs: Sequence[Pair]) -> str | None:
    for pair in pairs:
        if pair.field == "description" and len(pair.value.strip()) >= 2:
            return pair.value
    return None


_ENGLISH_LEAD_IN = re.compile(r"\b(?:request|apply for|seek|ask for)\b.{0,60}\b(?:following|below)\b.{0,30}:\s*$", re.I)


def _is_lead_in(sentence: str) -> bool:
    """我申请获取贵局发布的以下信息： / 特申请公开下列政府信息： — an ask that announces a list."""
    if _ENGLISH_LEAD_IN.search(sentence):
        return True
    sentence = re.split(r"[，,]", sentence)[-1]
    return bool(_LEAD_IN.search(sentence)) or (
        bool(re.search(r"[：:]\s*$", sentence)) and bool(re.search(r"以下|如下|下列|下述", sentence))
        and bool(re.search(r"申请|要求|请求|请|希望|需要|公开|提供|获取", sentence)))


def _after_lead_in(text: str) -> str | None:
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        tail = re.split(r"[。]", line)[-1] if "。" in line[:-1] else line
        if _is_lead_in(tail) or _LEAD_IN.search(line):
            collected: list[str] = []
            for following in lines[index + 1:]:
                if not following:
                    if collected:
                        break
                    continue
                if _NOT_DESCRIPTION.match(following) and collected:
                    break
                if _NOT_DESCRIPTION.match(following):
                    break
                numbered = bool(_NUMBERING.match(following))
                if collected and numbered and not _NUMBERING.match(collected[0]):
                    break
                if collected and not numbered and _NUMBERING.match(collected[0]) and collected[-1].endswith(("。", "；", ";", ".")):
                    break
                collected.append(following)
                if _NUMBERING.match(collected[0]):
                    if len(collected) >= 12:
                        break
                    continue     # a numbered list: every item is part of the request
                if following.endswith(("。", "；")) or len(collected) >= 4:
                    break
            if collected:
                if _NUMBERING.match(collected[0]):
                    items = _split_items("".join(collected))
                    return "；".join(item.rstrip("。；;，,") for item in items)
                return "".join(collected)
    return None


def _split_items(text: str) -> list[str]:
    pieces = re.split(r"(?:^|(?<=[。；;]))\s*(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．)）]|[（(][一二三四五六七八九十\d]{1,2}[）)])", text)
    return [piece.strip() for piece in pieces if piece.strip()]


def _is_heading(line: str) -> bool:
    line = line.strip()
    return len(line) <= 40 and not re.search(r"[，,。；;：:]", line) and bool(
        re.search(r"(函|申请|申请书|申请表|报告|信|请示)$", line))


def _inline(text: str) -> str | None:
    for line in text.splitlines():
        if _is_heading(line):
            continue
        for match in _INLINE.finditer(line):
            candidate = match.group(1).strip()
            # "我想申请政府信息公开。我的情况如下：" announces, it does not describe.
            if re.match(r"^[。，,；;：:]|^(?:上述|以上|该)信息", candidate) or re.search(r"如下[：:]?$", candidate) \
                    or re.fullmatch(r"(?:的)?(?:政府)?(?:信息|内容|事项|材料|文件)[：:]", candidate):
                continue
            return candidate
    return None
