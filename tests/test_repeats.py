"""Repeats and corrections (Art. 30, Art. 35): text letters through `intake process`."""
from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from intake.classifiers.repeats import similarity
from intake.cli import main
from tests.helpers import parse_jsonl

BASE = ("政府信息公开申请书\n某市市场监督管理局：\n申请人：钱七，{id}联系电话：13700000007。\n"
        "现申请公开以下政府信息：\n{what}\n希望以纸质形式邮寄给我。\n")
WHAT = "2024年本区餐饮单位食品安全量化分级评定结果"


def process(home, path, received_on):
    result = CliRunner().invoke(main, ["--home", str(home), "process", "--json", "--received-on", received_on, str(path)])
    assert result.exit_code == 0, result.output
    return parse_jsonl(result.stdout)[0]


def letter(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_same_applicant_same_information_is_a_duplicate(home, tmp_path):
    first = process(home, letter(tmp_path, "a.txt", BASE.format(id="居民身份证号码：110101199003070011，", what=WHAT)), "2025-03-03")
    again = process(home, letter(tmp_path, "b.txt", BASE.format(id="居民身份证号码：110101199003070011，", what=WHAT + "。")), "2025-03-10")
    assert first["status"] == "accepted"
    assert again["status"] == "duplicate" and again["duplicate_of"] == first["sha256"]
    assert again["reply_due"] is None


def test_same_applicant_other_information_is_not_a_duplicate(home, tmp_path):
    process(home, letter(tmp_path, "a.txt", BASE.format(id="居民身份证号码：110101199003070011，", what=WHAT)), "2025-03-03")
    other = process(home, letter(tmp_path, "b.txt", BASE.format(id="居民身份证号码：110101199003070011，",
                                                               what="2023年度本市电梯安全监督检查通报")), "2025-03-10")
    assert other["status"] == "accepted" and other["duplicate_of"] is None


def test_correction_restarts_the_reply_clock_and_is_linked(home, tmp_path):
    incomplete = process(home, letter(tmp_path, "a.txt", BASE.format(id="", what=WHAT)), "2025-09-26")
    assert incomplete["status"] == "needs_correction" and incomplete["missing"] == ["applicant_id"]
    assert incomplete["correction_due"] == "2025-10-13"          # FACTS §7: across 国庆
    corrected = process(home, letter(tmp_path, "b.txt", BASE.format(id="居民身份证号码：110101199003070011，", what=WHAT)), "2025-10-20")
    assert corrected["status"] == "accepted" and corrected["duplicate_of"] is None
    assert corrected["reply_due"] == "2025-11-17"                # 20 working days from the corrected one
    with sqlite3.connect(home / "register.db") as db:
        kinds = [k for (k,) in db.execute("select kind from events where document_id = 1")]
    assert "correction_received" in kinds


def test_correction_notice_is_drafted(home, tmp_path):
    process(home, letter(tmp_path, "a.txt", BASE.format(id="", what="你局所有文件")), "2025-09-26")
    notices = sorted((home / "outbox" / "letters").rglob("*补正告知书*"))
    assert [p.suffix for p in notices] == [".docx", ".txt"]
    text = notices[1].read_text(encoding="utf-8")
    assert "补正告知书" in text and "钱七" in text and "2025年9月26日" in text
    assert "身份证明" in text and "特征性描述" in text
    assert "视为放弃申请" in text


def test_similarity_is_symmetric_and_bounded():
    assert similarity("甲乙丙", "甲乙丙") == 1.0
    assert similarity("甲乙丙", "丁戊己") == 0.0
    assert similarity("甲乙丙丁", "甲乙") == similarity("甲乙", "甲乙丙丁")


def test_a_resend_with_an_ocr_slip_in_the_id_is_a_duplicate(home, tmp_path):
    first = process(home, letter(tmp_path, "a.txt", BASE.format(id="居民身份证号码：110101199003070011，", what=WHAT)),
                    "2025-03-03")
    fax = process(home, letter(tmp_path, "b.txt", "传真 2025-03-05 10:21 第1页\n" + BASE.format(
        id="居民身份证号码：11010119900307001l，", what=WHAT)), "2025-03-05")
    assert fax["status"] == "duplicate" and fax["duplicate_of"] == first["sha256"]


def test_a_resend_that_adds_a_complaint_about_the_delay_is_still_a_duplicate(home, tmp_path):
    first = process(home, letter(tmp_path, "a.txt", BASE.format(id="居民身份证号码：110101199003070011，", what=WHAT)),
                    "2025-03-03")
    again = ("政府信息公开申请（再次提交）\n某市市场监督管理局：\n我三月三日寄出的申请至今没有回音，现再寄一份，内容如下："
             f"\n{WHAT}。\n申请人：钱七，居民身份证号码：110101199003070011，联系电话：13700000007。\n请以纸质形式邮寄。\n")
    record = process(home, letter(tmp_path, "b.txt", again), "2025-04-10")
    assert record["status"] == "duplicate" and record["duplicate_of"] == first["sha256"]


def test_the_same_name_with_another_id_is_another_person(home, tmp_path):
    process(home, letter(tmp_path, "a.txt", BASE.format(id="居民身份证号码：110101199003070011，", what=WHAT)), "2025-03-03")
    other = process(home, letter(tmp_path, "b.txt", BASE.format(id="居民身份证号码：110101198805050034，", what=WHAT)),
                    "2025-03-10")
    assert other["status"] == "accepted" and other["duplicate_of"] is None
