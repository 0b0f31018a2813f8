"""`intake process` end to end: real OCR, a real register, the contract's JSON Lines."""
from __future__ import annotations

import sqlite3
from email.message import EmailMessage
from pathlib import Path

from click.testing import CliRunner

from intake.cli import main
from tests.helpers import needs_cjk_font, parse_jsonl, validate_record


def run(home: Path, *args: str):
    runner = CliRunner()
    return runner.invoke(main, ["--home", str(home), "process", "--json", *args], catch_exceptions=False)


@needs_cjk_font
def test_scanned_application_becomes_an_accepted_record(home, application_png):
    result = run(home, "--received-on", "2024-09-27", str(application_png))
    assert result.exit_code == 0
    [record] = parse_jsonl(result.stdout)
    validate_record(record)
    assert record["route"] == "application" and record["status"] == "accepted"
    assert record["marked"] is True and record["channel"] == "letter"
    assert record["applicant"]["name"] == "赵一鸣"
    assert record["applicant"]["id_number"] == "110101199003070011"
    assert record["applicant"]["phone"] == "13912345678"
    assert "电梯监督抽查结果" in record["request"]["description"]
    assert record["delivery"] == {"media": ["paper"], "methods": ["post"]}
    # 20th working day after 2024-09-27, across 国庆 and its make-up days (FACTS §7).
    assert record["reply_due"] == "2024-10-30" and record["correction_due"] is None
    # The original stays where it was; a copy is archived and the row is committed.
    assert application_png.exists()
    rows = sqlite3.connect(home / "register.db").execute("select state, archive_path from documents").fetchall()
    assert len(rows) == 1 and rows[0][0] == "done" and Path(rows[0][1]).exists()
    assert list((home / "outbox" / "application").glob("*.json"))


@needs_cjk_font
def test_same_file_twice_is_a_duplicate(home, application_png):
    first = parse_jsonl(run(home, str(application_png)).stdout)[0]
    second = parse_jsonl(run(home, str(application_png)).stdout)[0]
    assert second["status"] == "duplicate" and second["duplicate_of"] == first["sha256"]


def test_bad_inputs_each_get_a_failed_record_and_exit_zero(home, tmp_path):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    unknown = tmp_path / "blob.bin"
    unknown.write_bytes(bytes(range(256)) * 8)
    result = run(home, str(empty), str(truncated), str(unknown))
    assert result.exit_code == 0
    records = parse_jsonl(result.stdout)
    assert [r["source"] for r in records] == [str(empty), str(truncated), str(unknown)]
    for record in records:
        validate_record(record)
        assert record["status"] == "failed" and record["error"]
    assert "empty" in records[0]["error"]
    assert "Traceback" not in result.stderr


def test_a_path_that_does_not_exist_is_a_wrong_command_line_and_nothing_is_recorded(home, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("咨询函\n请问办理食品经营许可证需要哪些材料？", encoding="utf-8")
    result = run(home, str(letter), str(tmp_path / "nonexistent.png"))
    assert result.exit_code == 2 and result.stdout == ""
    assert "nonexistent.png" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (home / "register.db").exists() or \
        sqlite3.connect(home / "register.db").execute("select count(*) from documents").fetchone()[0] == 0


@needs_cjk_font
def test_email_with_a_scanned_attachment(home, tmp_path, application_png):
    message = EmailMessage()
    message["From"] = "赵一鸣 <zhao@example.com>"
    message["To"] = "office@example.gov.cn"
    message["Subject"] = "政府信息公开申请"
    message.set_content("您好，申请书见附件，请查收。", charset="gb18030")
    message.add_attachment(application_png.read_bytes(), maintype="image", subtype="png", filename="申请书.png")
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(message))
    [record] = parse_jsonl(run(home, str(path)).stdout)
    validate_record(record)
    assert record["channel"] == "email" and record["marked"] is True
    assert record["applicant"]["name"] == "赵一鸣"
    assert "电梯" in record["text"]


def test_text_file_without_ocr(home, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("投诉书\n投诉人：钱二，电话：13800000000\n被投诉人：某超市\n购买的牛奶过期，要求退款并赔偿。", encoding="gb18030")
    [record] = parse_jsonl(run(home, str(letter)).stdout)
    assert record["route"] == "complaint" and record["status"] == "routed"


def test_unusable_home_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["--home", str(blocker), "process", "--json", str(blocker)])
    assert result.exit_code != 0
    assert "Traceback" not in (result.stderr or "")


@needs_cjk_font
def test_many_files_are_read_by_a_pool_and_recorded_in_order(home, tmp_path, application_png):
    (home / "intake.toml").write_text("[watch]\nworkers = 2\n", encoding="utf-8")
    letter = tmp_path / "letter.txt"
    letter.write_text("咨询函\n请问办理食品经营许可证需要哪些材料？", encoding="utf-8")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    paths = [str(application_png), str(letter), str(empty), str(application_png)]
    result = run(home, "--received-on", "2025-03-03", *paths)
    assert result.exit_code == 0
    records = parse_jsonl(result.stdout)
    assert [r["source"] for r in records] == paths
    assert [r["status"] for r in records] == ["accepted", "routed", "failed", "duplicate"]
    assert records[3]["duplicate_of"] == records[0]["sha256"]


def test_a_text_too_long_for_the_understanding_stage_fails_with_the_limit_named(home, tmp_path):
    letter = tmp_path / "long.txt"
    letter.write_text("咨询函\n" + "请问办理食品经营许可证需要哪些材料？" * 100_000, encoding="utf-8")   # 5.4 MB
    [record] = parse_jsonl(run(home, str(letter)).stdout)
    assert record["status"] == "failed" and record["error"].startswith("[E005]")
    assert "1,000,000 characters" in record["error"] and "E088" not in record["error"]


def test_a_utf16_text_with_its_byte_order_mark_is_read(home, tmp_path):
    letter = tmp_path / "notepad-unicode.txt"
    letter.write_bytes("咨询函\r\n请问办理食品经营许可证需要哪些材料？\r\n联系人：孙五".encode("utf-16"))
    [record] = parse_jsonl(run(home, str(letter)).stdout)
    assert record["status"] != "failed" and "食品经营许可证" in record["text"]


def test_a_typed_id_that_fails_its_check_is_kept_as_written_and_asked_about(home, tmp_path):
    # 18 digits whose check character is wrong: in a scan a misread digit is repaired when only one
    # repair passes; typed by the writer, it is the writer's typo and a person must ask.
    typed = "371502197003152426"
    message = EmailMessage()
    message["From"] = "刘淑芬 <liushufen@example.com>"
    message["To"] = "office@example.gov.cn"
    message["Subject"] = "政府信息公开申请"
    message.set_content(f"您好，我申请公开2025年本区农贸市场快检结果汇总，请发电子版到我的邮箱。\n"
                        f"刘淑芬 身份证号：{typed} 电话：13563512345")
    path = tmp_path / "typed.eml"
    path.write_bytes(bytes(message))
    [record] = parse_jsonl(run(home, str(path)).stdout)
    assert record["applicant"]["id_number"] == typed
    assert record["status"] == "needs_review"
    reasons = sqlite3.connect(home / "register.db").execute("select reasons from documents").fetchone()[0]
    assert "fails its check character" in reasons and typed not in reasons
