"""Correction notices (补正告知书, Art. 30): the missing items named, the deadline, the office's template."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from intake.config import Config
from intake.office.notices import draft_notice

RECORD = {"received_on": "2025-09-26", "correction_due": "2025-10-13", "missing": ["applicant_id", "delivery_format"],
          "applicant": {"name": "李三"}, "request": {"description": "2024年度餐饮量化分级结果"}}


def test_a_notice_names_each_missing_item_and_the_applicants_request(tmp_path: Path) -> None:
    paths = draft_notice(Config(home=tmp_path), 12, RECORD, today=dt.date(2025, 9, 29))
    text = next(path for path in paths if path.suffix == ".txt").read_text(encoding="utf-8")
    assert "李三" in text and "2025年9月26日" in text and "2024年度餐饮量化分级结果" in text
    assert "身份证明" in text and "获取信息的方式" in text
    assert "请提供能够送达的通信地址" not in text           # only the items that are missing
    docx = next(path for path in paths if path.suffix == ".docx")
    body = "\n".join(paragraph.text for paragraph in Document(str(docx)).paragraphs)
    assert "李三" in body and "身份证明" in body


def test_the_offices_own_template_is_used(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "correction_notice.txt").write_text("本局告知 ${applicant_name}：${missing_items}",
                                                                  encoding="utf-8")
    paths = draft_notice(Config(home=tmp_path), 12, RECORD, today=dt.date(2025, 9, 29))
    text = next(path for path in paths if path.suffix == ".txt").read_text(encoding="utf-8")
    assert text.startswith("本局告知 李三：") and "身份证明" in text
