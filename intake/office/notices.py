"""Correction notices (补正告知书, Art. 30): drafted for every `needs_correction` record.

The wording comes from a template the office can edit: HOME/templates/correction_notice.txt
overrides the one shipped with the package. Placeholders are `${name}` (string.Template).
Each missing Article 29 item is explained in plain words with how to supply it.
"""
from __future__ import annotations

import datetime as dt
import string
from importlib import resources
from pathlib import Path
from typing import Any

from intake.config import Config
from intake.outbox import write_atomic

TEMPLATE_NAME = "correction_notice.txt"
# Art. 30 asks for a 合理的补正期限; the office may change it in the template or config.
REPLY_PERIOD_WORKDAYS = 15

# Article 29 item → what to tell the applicant, in plain words.
MISSING_GUIDANCE: dict[str, tuple[str, str]] = {
    "applicant_name": ("申请人姓名或者名称", "请写明申请人的真实姓名（公民）或者单位全称（法人或者其他组织），并签名或者盖章。"),
    "applicant_id": ("申请人的身份证明", "公民请提供居民身份证号码或者其他有效身份证件的名称和号码；法人或者其他组织请提供统一社会信用代码（营业执照等）。"),
    "applicant_contact": ("申请人的联系方式", "请提供能够送达的通信地址、邮政编码，以及联系电话或者电子邮箱。"),
    "request_description": ("申请公开的政府信息的名称、文号或者便于本机关查询的其他特征性描述",
                            "请写明所需政府信息的名称、文号，或者所涉事项、时间、地点、对象等能够据以查找的具体描述；“所有文件”“全部相关材料”等概括性描述无法检索。"),
    "delivery_format": ("申请公开的政府信息的形式要求，包括获取信息的方式、途径",
                        "请选择信息的载体形式（纸质文本、电子文档、光盘等）和获取方式（邮寄、电子邮件、当面领取、现场查阅等）。"),
}
_CHINESE_NUMBERS = "一二三四五六七八九十"


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def load_template(config: Config) -> string.Template:
    custom = config.home / "templates" / TEMPLATE_NAME
    if custom.exists():
        return string.Template(custom.read_text(encoding="utf-8"))
    text = resources.files("intake").joinpath("templates", TEMPLATE_NAME).read_text(encoding="utf-8")
    return string.Template(text)


def notice_text(config: Config, document_id: int, record: dict[str, Any], today: dt.date | None = None) -> str:
    applicant = record.get("applicant") or {}
    request = record.get("request") or {}
    received = dt.date.fromisoformat(record["received_on"])
    items = []
    for number, key in enumerate(record.get("missing") or [], 1):
        what, how = MISSING_GUIDANCE[key]
        items.append(f"    {_CHINESE_NUMBERS[number - 1]}、{what}。{how}")
    description = (request.get("description") or "").strip()
    summary = f"（所需信息：“{description[:60]}{'…' if len(description) > 60 else ''}”）" if description else ""
    agency = config.agency
    values = {
        "agency_name": agency.name, "agency_office": agency.office, "agency_address": agency.address,
        "agency_postcode": agency.postcode, "agency_phone": agency.phone, "agency_fax": agency.fax,
        "notice_number": f"补正〔{received.year}〕第{document_id}号",
        "applicant_name": applicant.get("name") or "申请人",
        "received_on_zh": zh_date(received), "request_summary": summary,
        "missing_items": "\n".join(items) or "    （无）",
        "reply_period": str(REPLY_PERIOD_WORKDAYS),
        "correction_due": record.get("correction_due") or "",
        "notice_date_zh": zh_date(today or dt.date.today()),
    }
    return load_template(config).safe_substitute(values)


def notice_paths(config: Config, document_id: int, record: dict[str, Any]) -> tuple[Path, Path]:
    stem = f"{record['received_on'].replace('-', '')}-{document_id:06d}-补正告知书"
    folder = config.outbox / "notices"
    return folder / f"{stem}.docx", folder / f"{stem}.txt"


def draft_notice(config: Config, document_id: int, record: dict[str, Any], today: dt.date | None = None) -> list[Path]:
    """Write the notice as .txt and .docx; returns their paths."""
    text = notice_text(config, document_id, record, today)
    docx_path, txt_path = notice_paths(config, document_id, record)
    write_atomic(txt_path, text)
    write_atomic(docx_path, _docx_bytes(text))
    return [docx_path, txt_path]


def _docx_bytes(text: str) -> bytes:
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.strip():
            continue   # blank template lines become paragraph spacing, so the notice fits one page
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(6)
        run = paragraph.add_run(line.strip() if index < 3 or index >= len(lines) - 3 else line.rstrip())
        if index == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(18)
            run.bold = True
        elif index == 1:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(22)
            run.bold = True
        elif index == 2:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif index >= len(lines) - 3 and line.strip():
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif line.startswith("    "):
            paragraph.paragraph_format.first_line_indent = Pt(28)
            run.text = line.strip()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
