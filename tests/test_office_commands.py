"""The office's commands: status, show, due, extend, reprocess, backup, init — through click."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from intake.cli import main
from tests.helpers import parse_jsonl

LETTER = ("政府信息公开申请书\n申请人：郑十一，居民身份证号码：110101199003070011，联系电话：13600000011。\n"
          "现申请公开以下政府信息：\n2024年本区电梯维保单位监督检查结果。\n希望以纸质形式邮寄给我。\n")


def invoke(home, *args):
    result = CliRunner().invoke(main, ["--home", str(home), *args])
    assert result.exit_code == 0, result.output
    return result


def test_init_writes_config_and_readmes(home):
    invoke(home, "init")
    assert "聊城市市场监督管理局" in (home / "intake.toml").read_text(encoding="utf-8")
    assert (home / "inbox" / "README.md").exists()


def test_status_show_due_extend_on_a_processed_letter(home, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    [record] = parse_jsonl(invoke(home, "process", "--json", "--received-on", "2025-09-26", str(letter)).stdout)
    assert record["reply_due"] == "2025-10-30"
    status = invoke(home, "status").output
    assert "政府信息公开申请" in status and "已受理" in status
    shown = invoke(home, "show", "1").output
    assert "郑十一" in shown and "2025-10-30" in shown
    assert "国庆" in shown                          # how the deadline was counted
    extended = invoke(home, "extend", "1", "--reason", "需要征求第三方意见").output
    assert "2025-11-27" in extended                 # 20 more working days (Art. 33)
    assert "延期答复告知书 聊市监依延〔" in extended
    refused = CliRunner().invoke(main, ["--home", str(home), "extend", "1", "--reason", "again"])
    assert refused.exit_code != 0 and "已延长过一次" in refused.output
    history = invoke(home, "show", record["sha256"][:10]).output
    assert "延长答复期限" in history and "起草文书" in history
    # The explanation follows the extension: the original date, the decision, the new date.
    assert "答复期限（第三十三条）：2025-09-26 后第 20 个工作日 2025-10-30" in history
    assert "自原答复期限 2025-10-30 起再延长二十个工作日（需要征求第三方意见）" not in history
    assert "决定延期（需要征求第三方意见）" in history
    assert "延长后的答复期限（第三十三条第二款）：2025-10-30 后第 20 个工作日 2025-11-27" in history


def test_show_unknown_id_is_a_clean_error(home):
    result = CliRunner().invoke(main, ["--home", str(home), "show", "999"])
    assert result.exit_code != 0 and "没有编号为 '999' 的文件" in result.output
    assert "Traceback" not in result.output


def test_backup_holds_the_register_and_every_archived_original(home, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    invoke(home, "process", str(letter))
    (home / "intake.toml").write_text("[watch]\nworkers = 1\n", encoding="utf-8")
    target = tmp_path / "backup"
    output = invoke(home, "backup", str(target)).output
    assert "完整性检查：正常" in output and "1 份原件" in output
    with sqlite3.connect(target / "register.db") as db:
        [(archive_path,)] = db.execute("select archive_path from documents").fetchall()
    copy = target / Path(archive_path).relative_to(home)
    assert copy.read_bytes() == letter.read_bytes()
    assert (target / "intake.toml").read_text(encoding="utf-8") == "[watch]\nworkers = 1\n"
    refused = CliRunner().invoke(main, ["--home", str(home), "backup", str(target)])
    assert refused.exit_code != 0 and "从不覆盖" in refused.output


def test_reprocess_after_a_failure_keeps_the_same_row(home, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    [record] = parse_jsonl(invoke(home, "process", "--json", str(broken)).stdout)
    assert record["status"] == "failed"
    result = invoke(home, "reprocess", "1")
    assert "#1" in result.output
    with sqlite3.connect(home / "register.db") as db:
        assert db.execute("select count(*) from documents").fetchone()[0] == 1
        kinds = [k for (k,) in db.execute("select kind from events where document_id = 1")]
    assert "reprocessed" in kinds


def test_help_in_chinese_and_english():
    result = CliRunner().invoke(main, ["--help"])
    assert "收件" in result.output and "Drop scans" in result.output
    for command in ("process", "watch", "status", "show", "due", "extend", "backup", "digest", "report", "review"):
        assert command in result.output


def test_due_has_headings_and_marks_provisional_dates_apart_from_the_table(home, tmp_path):
    import datetime as dt
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    invoke(home, "process", "--received-on", dt.date.today().isoformat(), str(letter))
    lines = invoke(home, "due", "--within", "30").output.splitlines()
    assert lines[0].split() == ["期限", "事项", "编号", "申请人", "提示"]
    assert "答复" in lines[1] and "#1" in lines[1] and "郑十一" in lines[1]
    assert not any("holiday" in line or "provisional" in line for line in lines)


def test_reply_from_the_command_line_drafts_its_letter_and_letters_lists_and_marks_it_sent(home, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    invoke(home, "process", "--received-on", "2025-09-26", str(letter))
    replied = invoke(home, "reply", "1", "36.4", "--on", "2025-10-09").output
    assert "已起草文书 聊市监依复〔2025〕第1号" in replied and "政府信息不存在告知书" in replied
    listed = invoke(home, "letters", "list").output
    assert "聊市监依复〔2025〕第1号" in listed and "未发出" in listed
    assert "已登记" in invoke(home, "letters", "sent", "1", "--on", "2025-10-10", "--way", "post").output
    assert "2025-10-10 邮寄" in invoke(home, "letters", "list", "1").output
    assert "36.3.4" in invoke(home, "letters", "decisions").output
    assert "均可使用" in invoke(home, "letters", "check").output
    refused = CliRunner().invoke(main, ["--home", str(home), "reply", "1", "36.9"])
    assert refused.exit_code != 0 and "未知答复结果" in refused.output


def test_an_office_command_on_a_home_that_does_not_exist_says_so_and_creates_nothing(tmp_path):
    typo = tmp_path / "typo"
    for command in (["status"], ["show", "1"], ["due"], ["backup"]):
        result = CliRunner().invoke(main, ["--home", str(typo), *command])
        assert result.exit_code == 1 and "does not exist" in result.output, command
        assert "Traceback" not in result.output
    assert not typo.exists()


def test_show_takes_an_all_digit_sha256_prefix(home, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    [record] = parse_jsonl(invoke(home, "process", "--json", str(letter)).stdout)
    with sqlite3.connect(home / "register.db") as db:
        db.execute("update documents set sha256 = ? where id = 1", ["0849" + record["sha256"][4:]])
    shown = invoke(home, "show", "0849").output
    assert shown.startswith("#1  sha256 0849")


def test_a_command_that_changes_a_record_rewrites_its_outbox_file(home, tmp_path):
    import json
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    [record] = parse_jsonl(invoke(home, "process", "--json", "--received-on", "2025-09-26", str(letter)).stdout)
    [written] = list((home / "outbox").glob("*/*.json"))
    assert json.loads(written.read_text(encoding="utf-8"))["reply_due"] == record["reply_due"] == "2025-10-30"
    invoke(home, "extend", "1", "--reason", "需要征求第三方意见")
    assert list((home / "outbox").glob("*/*.json")) == [written]
    assert json.loads(written.read_text(encoding="utf-8"))["reply_due"] == "2025-11-27"
