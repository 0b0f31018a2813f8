"""How a document reached the office: letter, e-mail, fax, online form, in person."""
from __future__ import annotations

import re

from intake.kernel.model import Channel, FileKind

FAX_HEADER = re.compile(r"FROM\s*[:：].{0,40}TO\s*[:：]|P\.\s*\d+\s*/\s*\d+|传真(号|发送|封面)|^传真$", re.I | re.M)
# A fax machine's transmit line at the top of every page: a time of day, and a page mark or the
# sender's number with an arrow — whatever the machine's language and date format.
_TIME = r"\d{1,2}\s?[:：]\s?\d{2}"
_PAGE = r"(?:\bP(?:AGE)?\s?\.?\s?0*\d{1,3}(?:\s?(?:/|OF)\s?0*\d{1,3})?\b|第\s?\d{1,3}\s?(?:/\s?\d{1,3}\s?)?页|\bSeite\b)"
TRANSMIT_LINE = re.compile(rf"^(?=.*{_TIME})(?=.*(?:{_PAGE}|->|→|FROM|发自|FAX)).{{10,160}}$", re.I | re.M)
# (…but 我在网上提交过一次 is a letter that tells of an earlier online application)
ONLINE = re.compile(r"(?:网上申请|在线申请|在线提交|网上提交)(?![过了])|申请编号[：:]\s*\w+|系统受理号|查询码[：:]|门户网站|政务服务网|"
                    r"提交时间[：:]|提交日期[：:]|依申请公开\s*[>·|]|申请信息确认单|申请平台|打印时间[：:]|申请状态[：:]")
IN_PERSON = re.compile(r"(?<![□☐])(?:当面提交|现场提交)|窗口(受理|接收|代填|填写|办理)|来访登记|代为填写|口头(提出|申请)")
# A counter form filled at the office, wherever on the page: the way of submission ticked as in
# person, the window's own marks, the clerk who took it.
COUNTER_FORM = re.compile(r"[☑■√✓✔]\s*(?:当面|现场)(?!领取|查阅|阅读|获取|领|取)|（窗口[^）]{0,8}）|窗口(?:受理|接收|代填|工作人员)|代为填写|^受理人\s*$", re.M)


def detect_channel(kind: FileKind, is_email: bool, fax_pages: bool, text: str) -> Channel:
    if kind == FileKind.EML or is_email:
        return Channel.EMAIL
    lines = text.splitlines()
    head = "\n".join(lines[:8])
    if FAX_HEADER.search(head) or TRANSMIT_LINE.search("\n".join(lines[:3])) or \
            (fax_pages and re.search(r"FROM|TO|传真|FAX", head, re.I)):
        return Channel.FAX
    if ONLINE.search(text):
        return Channel.ONLINE
    if any(not _asked_about(text, m.start()) for m in (*IN_PERSON.finditer(head), *COUNTER_FORM.finditer(text))):
        return Channel.IN_PERSON
    if kind in (FileKind.TXT, FileKind.DOCX):
        return Channel.UNKNOWN
    return Channel.LETTER


def _asked_about(text: str, position: int) -> bool:
    """The words stand in a question (能不能到窗口口头申请？): the writer asks about coming in, he did not."""
    start = max(text.rfind(mark, 0, position) for mark in "。\n！？?")
    ends = [i for i in (text.find(mark, position) for mark in "。！？?") if i != -1]
    sentence = text[start + 1:min(ends) + 1 if ends else len(text)]
    return bool(re.search(r"[？?]|能不能|能否|可否|是否|可不可以|请问", sentence))


def without_transmit_lines(text: str) -> str:
    """The text without fax transmit lines: the sending machine's number and the page mark are
    not the applicant's phone or request."""
    return "\n".join(line for line in text.splitlines() if not TRANSMIT_LINE.fullmatch(line))


_COVER_SHEET = re.compile(r"传真封面|传真首页|FAX COVER|COVER SHEET|传真发送单|传真件首页", re.I)


def without_cover_sheet(text: str) -> str:
    """A fax's cover sheet (收件单位, 发件人, 页数, 事由) ahead of the document it carries is not part
    of it: its sender and fax numbers are not the applicant's, its 事由 not the request. Pages are
    told apart by the machine's transmit line at the top of each."""
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines) if TRANSMIT_LINE.fullmatch(line)]
    if len(starts) < 2 or not _COVER_SHEET.search("\n".join(lines[starts[0]:starts[1]])):
        return text
    return "\n".join(lines[:starts[0]] + lines[starts[1]:])
