"""Letters the pipeline drafts by itself through `intake process`: the correction notice, the
Art. 39 notice for a complaint written as an application, and (when the office refers e-mailed
applications to its channels) the channels letter."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from intake.cli import main
from tests.helpers import parse_jsonl

COMPLAINT = ("政府信息公开申请\n市场监督管理局：\n本人在某超市购买的牛奶已过保质期，要求商家退一赔十，"
             "请你局责令其赔偿我的损失，并对该超市进行查处。\n投诉人：孙八，电话13700000008。\n")
EMAIL = ("From: =?utf-8?b?6ZKx5LiD?= <qianqi@example.com>\r\nTo: lczj_bgs@lc.shandong.cn\r\n"
         "Subject: =?utf-8?b?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+3?=\r\nDate: Mon, 02 Mar 2026 09:30:00 +0800\r\n"
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
         "市场监督管理局：\r\n本人申请公开2025年本区餐饮单位食品安全量化分级评定结果。\r\n"
         "申请人：钱七，居民身份证号码：110101199003070011，电话13700000007。\r\n请通过电子邮件以电子文档形式提供。\r\n")


def _process(home: Path, path: Path) -> dict:
    result = CliRunner().invoke(main, ["--home", str(home), "process", "--json", "--received-on", "2026-03-02",
                                       str(path)])
    assert result.exit_code == 0, result.output
    return parse_jsonl(result.stdout)[0]


def _letters(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "register.db") as db:
        return list(db.execute("select kind, reference from letters order by id"))


def test_a_complaint_written_as_an_application_gets_the_article_39_notice(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "complaint.txt"
    path.write_text(COMPLAINT, encoding="utf-8")
    record = _process(home, path)
    assert record["status"] == "routed" and record["route"] in ("complaint", "report") and record["marked"]
    [(kind, reference)] = _letters(home)
    assert kind == "not_application" and "依告" in reference
    text = next((home / "outbox" / "letters").rglob("*不作为政府信息公开申请处理告知书*.txt")).read_text(encoding="utf-8")
    assert "第三十九条第一款" in text and "过保质期" in text and "2026年3月2日" in text and "12315" in text


def test_emailed_applications_are_taken_by_default_and_pointed_to_the_channels_when_the_office_says_so(
        home: Path, tmp_path: Path) -> None:
    mail = tmp_path / "application.eml"
    mail.write_bytes(EMAIL.encode("utf-8"))
    assert _process(home, mail)["route"] == "application"
    assert [kind for kind, _ in _letters(home)] == []            # "accept": handled like a letter
    other = tmp_path / "other"
    other.mkdir()
    (other / "intake.toml").write_text('[letters]\nemail_applications = "refer"\n', encoding="utf-8")
    record = _process(other, mail)
    assert record["route"] == "application" and record["status"] == "accepted"    # the contract is unchanged
    [(kind, _reference)] = _letters(other)
    assert kind == "email_channel"
    text = next((other / "outbox" / "letters").rglob("*渠道告知书*.txt")).read_text(encoding="utf-8")
    assert "不受理政府信息公开申请" in text and "网上申请" in text and "信封左下角" in text
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "intake.toml").write_text('[letters]\nemail_applications = "maybe"\n', encoding="utf-8")
    refused = CliRunner().invoke(main, ["--home", str(bad), "status"])
    assert refused.exit_code != 0 and "email_applications" in refused.output
