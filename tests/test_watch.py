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
from tests.helpers import ascii_scan, document_rows

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


def test_dot_names_and_windows_names_are_recorded_and_only_known_junk_is_skipped_and_logged(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_config(home, stable=0.2)
    documents = {".hidden-letter.txt": LETTER, "..\\..\\x.eml": f"From: a@example.com\nSubject: 咨询\n\n{LETTER}",
                 ".eml": f"From: b@example.com\nSubject: 咨询\n\n{LETTER}第二封"}
    for name, text in documents.items():
        (inbox / name).write_text(text, encoding="utf-8")
    junk = ["Thumbs.db", ".DS_Store", "desktop.ini", "~$申请书.docx", "scan.pdf.partial", "scan.pdf.crdownload"]
    for name in junk:
        (inbox / name).write_bytes(b"junk")
    done = subprocess.run(intake_command(home, "watch", "--once"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    recorded = {name: (state, archive_path) for name, state, archive_path in rows(home)}
    assert sorted(recorded) == sorted(documents)
    for name, (state, archive_path) in recorded.items():
        assert state == "done" and Path(archive_path).read_text(encoding="utf-8") == documents[name]
    assert sorted(path.name for path in inbox.iterdir()) == sorted(junk)       # left where they are
    for name in junk:
        assert f"skipped {inbox / name}" in done.stderr


def test_emails_are_recorded_while_scans_are_still_being_read(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    (home / "intake.toml").write_text("[watch]\nstable_seconds = 0.2\nrescan_seconds = 1\nworkers = 1\n",
                                      encoding="utf-8")
    watcher = start_watcher(home)
    try:
        for number in range(3):
            (inbox / f"scan-{number}.png").write_bytes(ascii_scan(lines=8, size=(900, 700)))
        time.sleep(0.5)
        (inbox / "mail.eml").write_text(f"From: a@example.com\nSubject: 咨询\n\n{LETTER}", encoding="utf-8")

        def mail_done() -> bool:
            return ("mail.eml", "done") in document_rows(home, "original_name, state")
        assert wait_for(mail_done, 120)
        # The e-mail went through the text lane: recorded while scans still wait for the one OCR reader.
        states = dict(document_rows(home, "original_name, state"))
        assert sum(1 for name, state in states.items() if name.startswith("scan") and state == "done") < 3
        assert wait_for(lambda: len(rows(home)) == 4 and all(r[1] == "done" for r in rows(home)), 180)
    finally:
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=60) == 0
