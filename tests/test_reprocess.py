"""`intake reprocess` on records of every status: the row keeps its id, events, extension and links;
what depends on the reading is computed again, by the same runner as a new file."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from intake.cli import main
from tests.helpers import parse_jsonl, stored_record

PERSON = "申请人：{name}，居民身份证号码：{id}，联系电话：{phone}。\n"
APPLICATION = ("政府信息公开申请书\n聊城市市场监督管理局：\n" + PERSON +
               "现申请公开以下政府信息：\n{what}\n希望以纸质形式邮寄给我。\n")
NO_ID = ("政府信息公开申请书\n聊城市市场监督管理局：\n申请人：{name}，联系电话：{phone}。\n"
         "现申请公开以下政府信息：\n{what}\n希望以纸质形式邮寄给我。\n")
COMPLAINT = ("投诉书\n聊城市市场监督管理局：\n我于2025年8月在某超市购买的牛奶已过期，要求商家退款并赔偿，"
             "请你局依法查处并组织调解。\n投诉人：钱五 电话：13700000005\n")
EMPTY_MAIL = (b"From: someone@example.com\r\nTo: office@example.com\r\nSubject: \r\n"
              b"Content-Type: text/plain; charset=utf-8\r\n\r\n\r\n")


def invoke(home: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--home", str(home), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def process(home: Path, path: Path, on: str) -> dict:
    return parse_jsonl(invoke(home, "process", "--json", "--received-on", on, str(path)))[0]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def stored(home: Path, document_id: int) -> dict:
    return dict(stored_record(home / "register.db", document_id))


def event_kinds(home: Path, document_id: int) -> list[str]:
    with sqlite3.connect(home / "register.db") as db:
        return [kind for (kind,) in db.execute("select kind from events where document_id = ? order by id",
                                               [document_id])]


def rows(home: Path) -> int:
    with sqlite3.connect(home / "register.db") as db:
        return int(db.execute("select count(*) from documents").fetchone()[0])


def test_reprocessing_every_status_keeps_deadlines_links_and_history(home: Path, tmp_path: Path) -> None:
    what = "2024年本区电梯维保单位监督检查结果"
    zheng = {"name": "郑十一", "id": "110101199003070011", "phone": "13600000011"}
    wang = {"name": "王二", "id": "110101199003070038", "phone": "13600000022"}
    accepted = process(home, write(tmp_path, "a.txt", APPLICATION.format(**zheng, what=what)), "2025-09-26")
    extended = process(home, write(tmp_path, "b.txt", APPLICATION.format(**wang, what="2024年度食品抽检结果")),
                       "2025-09-26")
    incomplete = process(home, write(tmp_path, "c.txt", NO_ID.format(name="李三", phone="13600000033",
                                                                     what="2024年度餐饮量化分级结果")), "2025-09-26")
    repeat = process(home, write(tmp_path, "d.txt", APPLICATION.format(**zheng, what=what + "。")), "2025-10-09")
    routed = process(home, write(tmp_path, "e.txt", COMPLAINT), "2025-10-09")
    review = process(home, write(tmp_path, "f.eml", EMPTY_MAIL), "2025-10-09")
    statuses = [r["status"] for r in (accepted, extended, incomplete, repeat, routed, review)]
    assert statuses == ["accepted", "accepted", "needs_correction", "duplicate", "routed", "needs_review"]
    invoke(home, "extend", "2", "--reason", "需要征求第三方意见")
    extended_due = stored(home, 2)["reply_due"]
    assert extended_due > extended["reply_due"]

    before = {number: stored(home, number) for number in range(1, 7)}
    for number in range(1, 7):
        assert "reprocessed" not in event_kinds(home, number)
        invoke(home, "reprocess", str(number))
    assert rows(home) == 6
    after = {number: stored(home, number) for number in range(1, 7)}
    for number in range(1, 7):
        for key in ("status", "route", "reply_due", "correction_due", "duplicate_of", "missing", "sha256", "received_on"):
            assert after[number][key] == before[number][key], (number, key)
        kinds = event_kinds(home, number)
        assert kinds[0] == "received" and kinds[-1] == "reprocessed"
    assert after[2]["reply_due"] == extended_due                 # the extension survives (Art. 33)
    assert after[4]["duplicate_of"] == accepted["sha256"]        # still the earlier one's repeat, not its own
    assert event_kinds(home, 3).count("letter_drafted") == 1     # no second correction notice
    assert "extended" in event_kinds(home, 2)


def test_a_corrected_application_stays_the_correction_and_is_noted_once(home: Path, tmp_path: Path) -> None:
    li = {"name": "李三", "phone": "13600000033", "what": "2024年度餐饮量化分级结果"}
    first = process(home, write(tmp_path, "c.txt", NO_ID.format(**li)), "2025-09-26")
    corrected = process(home, write(tmp_path, "c2.txt", APPLICATION.format(id="110101199003070054", **li)),
                        "2025-10-09")
    assert first["status"] == "needs_correction" and corrected["status"] == "accepted"
    invoke(home, "reprocess", "2")
    assert stored(home, 2)["status"] == "accepted" and stored(home, 2)["duplicate_of"] is None
    assert event_kinds(home, 1).count("correction_received") == 1


def test_a_failure_whose_cause_was_fixed_is_read_again(home: Path, tmp_path: Path) -> None:
    invoke(home, "init")
    config = home / "intake.toml"
    default = config.read_text(encoding="utf-8")
    config.write_text(default.replace("max_file_megabytes = 200", "max_file_megabytes = 0"), encoding="utf-8")
    zheng = {"name": "郑十一", "id": "110101199003070011", "phone": "13600000011"}
    failed = process(home, write(tmp_path, "a.txt", APPLICATION.format(**zheng, what="2024年度食品抽检结果")),
                     "2025-09-26")
    assert failed["status"] == "failed" and "E005" in failed["error"]
    config.write_text(default, encoding="utf-8")
    shown = invoke(home, "reprocess", "1")
    assert "政府信息公开申请 / 已受理" in shown
    record = stored(home, 1)
    assert record["error"] is None and record["reply_due"] == "2025-10-30" and record["received_on"] == "2025-09-26"
    assert rows(home) == 1


def test_reprocessing_a_row_whose_archive_is_gone_says_so(home: Path, tmp_path: Path) -> None:
    zheng = {"name": "郑十一", "id": "110101199003070011", "phone": "13600000011"}
    process(home, write(tmp_path, "a.txt", APPLICATION.format(**zheng, what="2024年度食品抽检结果")), "2025-09-26")
    for archived in (home / "archive").rglob("*a.txt"):
        archived.chmod(0o600)
        archived.unlink()
    result = CliRunner().invoke(main, ["--home", str(home), "reprocess", "1"])
    assert result.exit_code != 0 and "没有可重新读取的归档原件" in result.output
    assert stored(home, 1)["status"] == "accepted"
