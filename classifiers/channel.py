"""How a document reached the office: letter, e-mail, fax, online form, in person."""
from __future__ import annotations

import re

from intake.kernel.model import Channel, FileKind

FAX_HEADER = re.compile(r"FROM\s*[:：].{0,40}TO\s*[:：]|P\.\s*\d+\s*/\s*\d+|传真(号|发送|封面)|^传真$", re.I | re.M)
ONLINE = re.compile(r"网上申请|在线申请|申请编号[：:]\s*\w+|门户网站|提交时间[：:]|依申请公开\s*>")
IN_PERSON = re.compile(r"当面提交|现场提交|窗口(受理|接收)|来访登记")


def detect_channel(kind: FileKind, is_email: bool, fax_pages: bool, text: str) -> Channel:
    if kind == FileKind.EML or is_email:
        return Channel.EMAIL
    head = "\n".join(text.splitlines()[:8])
    if FAX_HEADER.search(head) or (fax_pages and re.search(r"FROM|TO|传真", head, re.I)):
        return Channel.FAX
    if ONLINE.search(text):
        return Channel.ONLINE
    if IN_PERSON.search(head):
        return Channel.IN_PERSON
    if kind in (FileKind.TXT, FileKind.DOCX):
        return Channel.UNKNOWN
    return Channel.LETTER
