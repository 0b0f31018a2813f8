"""What must never break the watcher: links, pipes, odd names, empty and broken files (issue 9)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys


def test_hazards_each_get_one_failed_row_and_nothing_leaves_home(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    (home / "intake.toml").write_text("[watch]\nstable_seconds = 0.2\n", encoding="utf-8")
    secret = tmp_path / "outside-secret.txt"
    secret.write_text("不应被读取的文件 outside HOME", encoding="utf-8")
    os.symlink(secret, inbox / "link-to-outside.txt")
    os.mkfifo(inbox / "a-pipe.png")
    (inbox / "empty.jpg").write_bytes(b"")
    (inbox / "wrong-extension.pdf").write_text("咨询函\n请问办理营业执照需要哪些材料？", encoding="utf-8")
    odd_name = os.fsencode(str(inbox)) + b"/\xd5\xfe\xb8\xae-gbk-name.txt"     # 政府 in GBK: not UTF-8
    with open(odd_name, "wb") as handle:
        handle.write("投诉书\n投诉人：周九\n购买的商品质量问题，要求退货退款。".encode("utf-8"))

    done = subprocess.run([sys.executable, "-m", "intake", "--home", str(home), "watch", "--once"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    with sqlite3.connect(home / "register.db") as db:
        rows = db.execute("select original_name, status, error, state from documents order by id").fetchall()
    by_name = {name: (status, error, state) for name, status, error, state in rows}
    assert len(rows) == 5 and all(state == "done" for _, _, _, state in rows)
    assert by_name["link-to-outside.txt"][0] == "failed" and "symbolic link" in by_name["link-to-outside.txt"][1]
    assert by_name["a-pipe.png"][0] == "failed"
    assert by_name["empty.jpg"][0] == "failed" and "empty" in by_name["empty.jpg"][1]
    assert by_name["wrong-extension.pdf"][0] == "routed"        # read by content, not by name
    gbk = [name for name in by_name if name.endswith("-gbk-name.txt")]
    assert gbk and by_name[gbk[0]][0] == "routed"
    # Nothing is left to be recorded again, and the outside file was never copied in.
    assert not [p for p in inbox.iterdir()]
    for path in home.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert b"outside HOME" not in path.read_bytes() or path.suffix in (".db", ".db-wal", ".json", ".log"), path
    assert secret.exists()


def test_log_masks_personal_data(tmp_path):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    letter = tmp_path / "申请.txt"
    letter.write_text("政府信息公开申请书\n申请人：吴十，居民身份证号码：110101199003070011，联系电话：13912345678，"
                      "电子邮箱：wushi@example.com\n现申请公开以下政府信息：2024年本区抽检结果。\n希望以纸质形式邮寄给我。",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "intake", "-v", "--home", str(home), "process", str(letter)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    log_text = done.stderr + (home / "logs" / "intake.log").read_text(encoding="utf-8")
    for secret in ("110101199003070011", "13912345678", "wushi@example.com"):
        assert secret not in log_text
