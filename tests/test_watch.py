"""The watcher as the mailroom uses it: a real observer, files written slowly, kills and restarts."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intake.pipeline.inbox import is_ignored
from intake.pipeline.stability import StabilityTracker

LETTER = "咨询函\n您好，请问办理食品经营许可证需要哪些材料？\n联系人：孙五 13900000003\n"


def intake_command(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "intake", "--home", str(home), *args]


def write_config(home: Path, stable: float = 0.5) -> None:
    (home / "intake.toml").write_text(f"[watch]\nstable_seconds = {stable}\nrescan_seconds = 1\n", encoding="utf-8")


def start_watcher(home: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(intake_command(home, "watch", *extra), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def rows(home: Path) -> list[tuple[str, str, str]]:
    db = home / "register.db"
    if not db.exists():
        return []
    with sqlite3.connect(db) as connection:
        try:
            return connection.execute("select original_name, state, archive_path from documents order by id").fetchall()
        except sqlite3.OperationalError:
            return []


def wait_for(condition, timeout: float = 180.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_only_known_junk_is_ignored(tmp_path):
    inbox = tmp_path / "inbox"
    for name in ("~$scan.docx", "scan.part", "scan.tmp", "scan.partial", "scan.pdf.crdownload", "README.md",
                 "Thumbs.db", "thumbs.db", ".DS_Store", "desktop.ini", "._scan.png"):
        assert is_ignored(inbox / name, inbox), name
    assert is_ignored(inbox / ".sync" / "a.png", inbox)
    for name in ("scan.png", ".hidden.png", "..\\..\\x.eml", ".eml", "sub/README.md", ".sub/a.png"):
        assert not is_ignored(inbox / name, inbox), name


def test_stability_tracker_waits_for_size_and_mtime(tmp_path):
    now = [0.0]
    tracker = StabilityTracker(2.0, clock=lambda: now[0])
    path = tmp_path / "a.txt"
    path.write_text("x")
    tracker.observe(path)
    assert tracker.ready() == []
    now[0] = 1.0
    with path.open("a") as handle:
        handle.write("more")
    os.utime(path, (time.time() + 5, time.time() + 5))
    assert tracker.ready() == []          # changed: the clock restarts
    now[0] = 2.5
    assert tracker.ready() == []
    now[0] = 3.1
    assert tracker.ready() == [path]


def test_file_written_slowly_is_recorded_once_and_archived(tmp_path):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    write_config(home, stable=1.0)
    watcher = start_watcher(home)
    try:
        target = home / "inbox" / "letter.txt"
        data = LETTER.encode("utf-8")
        with target.open("wb") as handle:
            for start in range(0, len(data), 20):
                handle.write(data[start:start + 20])
                handle.flush()
                time.sleep(0.3)
        assert wait_for(lambda: not target.exists() and len(rows(home)) == 1 and rows(home)[0][1] == "done")
        [(name, state, archive_path)] = rows(home)
        assert name == "letter.txt" and Path(archive_path).read_bytes() == data
        assert list((home / "outbox" / "consultation").glob("*.json"))
    finally:
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=30) == 0


def test_files_that_arrived_while_down_and_a_second_watcher_refused(tmp_path):
    home = tmp_path / "home"
    (home / "inbox" / "sub").mkdir(parents=True)
    write_config(home)
    for number in range(3):
        (home / "inbox" / "sub" / f"letter-{number}.txt").write_text(LETTER + str(number), encoding="utf-8")
    watcher = start_watcher(home)
    try:
        assert wait_for(lambda: len([r for r in rows(home) if r[1] == "done" and r[2]]) == 3)
        second = subprocess.run(intake_command(home, "watch"), capture_output=True, text=True, timeout=60)
        assert second.returncode != 0
        assert "already serves" in second.stderr
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=30)
    assert not list((home / "inbox").rglob("*.txt"))


@pytest.mark.parametrize("kills", [4])
def test_killing_the_watcher_loses_nothing_and_records_nothing_twice(tmp_path, kills):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    write_config(home, stable=0.2)
    originals = {}
    for number in range(12):
        text = LETTER + f"第{number}封"
        originals[f"letter-{number}.txt"] = text.encode("utf-8")
        (home / "inbox" / f"letter-{number}.txt").write_bytes(originals[f"letter-{number}.txt"])
    for kill in range(kills):
        watcher = start_watcher(home)
        time.sleep(1.5 + 0.4 * kill)
        watcher.send_signal(signal.SIGKILL)
        watcher.wait(timeout=30)
    watcher = start_watcher(home)
    try:
        assert wait_for(lambda: len(rows(home)) == 12 and all(r[1] == "done" and r[2] for r in rows(home)), 300)
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=30)
    recorded = rows(home)
    assert sorted(name for name, _, _ in recorded) == sorted(originals)
    for name, _, archive_path in recorded:
        assert Path(archive_path).read_bytes() == originals[name]
    assert not list((home / "inbox").glob("*.txt"))
