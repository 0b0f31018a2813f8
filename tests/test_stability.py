"""The stability test sees writers (issue 17, fault 2): a file still held open for writing is not
taken however long it has been still, a share gets a longer quiet time, and a file that changes
after it was taken is read again into the same row — never half archived, never deleted."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from intake.pipeline.claims import TakenTooEarly, claim
from intake.pipeline.runner import read_here, run
from intake.pipeline.stability import StabilityTracker, open_for_writing
from tests.helpers import WatcherProcess, document_rows, wait_for, write_settings

LETTER = ("咨询函\n市场监督管理局：\n您好，我想开一家小餐馆，请问办理食品经营许可证需要准备哪些材料，"
          "在哪里办理，需要多长时间？\n联系人：孙五，电话：13900000003\n").encode("utf-8")

# Writes its chunks `gap` seconds apart, keeping the file open (a scanner, an SMB copy) or, with
# "reopen", opening and closing it for each chunk (a writer on another machine looks like that).
WRITER = """
import sys, time
path, gap, mode, parts = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
data = sys.stdin.buffer.read()
size = -(-len(data) // parts)
chunks = [data[i:i + size] for i in range(0, len(data), size)]
handle = open(path, "wb")
for number, chunk in enumerate(chunks):
    if number:
        time.sleep(gap)
    if mode == "reopen" and number:
        handle = open(path, "ab")
    handle.write(chunk)
    handle.flush()
    if mode == "reopen":
        handle.close()
handle.close()
"""


def slow_writer(path: Path, data: bytes, *, gap: float, parts: int, mode: str = "keep-open") -> subprocess.Popen[bytes]:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(gap), mode, str(parts)],
                              stdin=subprocess.PIPE)
    assert writer.stdin is not None
    writer.stdin.write(data)
    writer.stdin.close()
    return writer


def test_a_file_held_open_for_writing_is_not_ready_until_its_writer_closes_it(tmp_path):
    path = tmp_path / "scan.txt"
    holder = subprocess.Popen([sys.executable, "-c", "import sys; f = open(sys.argv[1], 'ab'); f.write(b'x'); "
                               "f.flush(); sys.stdin.read()", str(path)], stdin=subprocess.PIPE)
    try:
        assert wait_for(lambda: path.exists() and open_for_writing([path]) == {path}, 10)
        now = [0.0]
        tracker = StabilityTracker(2.0, held_open_seconds=60.0, clock=lambda: now[0])
        tracker.observe(path)
        now[0] = 30.0
        assert tracker.ready() == []                  # still for 30 s, but held open
        now[0] = 61.0
        assert tracker.ready() == [path]              # held unchanged past held_open_seconds: taken
        tracker.observe(path)
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
        assert open_for_writing([path]) == set()
        now[0] = 63.1
        assert tracker.ready() == [path]
    finally:
        holder.kill()


def test_inotify_close_write_decides_when_the_writer_is_done(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"x")
    now = [0.0]
    tracker = StabilityTracker(1.0, clock=lambda: now[0], writers=lambda paths: set())
    tracker.written(path)                              # IN_MODIFY, no IN_CLOSE_WRITE yet
    now[0] = 5.0
    assert tracker.ready() == []
    tracker.closed(path)                               # IN_CLOSE_WRITE
    assert tracker.ready() == [path]


def watched_home(tmp_path: Path, **watch: object) -> Path:
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.3, "rescan_seconds": 1, **watch})
    return home


def test_a_scan_written_in_chunks_seconds_apart_is_recorded_once_and_whole(tmp_path):
    home = watched_home(tmp_path)
    watcher = WatcherProcess.start(home)
    try:
        target = home / "inbox" / "slow-scan.txt"
        writer = slow_writer(target, LETTER, gap=1.0, parts=5)
        assert writer.wait(timeout=30) == 0
        assert wait_for(lambda: not target.exists() and [r[1] for r in document_rows(home)] == ["done"])
        time.sleep(1.0)                                # nothing more is recorded
        [(_, _, status, error, archive_path)] = document_rows(home)
        assert Path(archive_path).read_bytes() == LETTER and status == "routed", error
    finally:
        assert watcher.stop() == 0


def test_polling_waits_the_longer_quiet_time_for_a_writer_it_cannot_see(tmp_path):
    home = watched_home(tmp_path, polling=True, polling_stable_seconds=2.5)
    watcher = WatcherProcess.start(home)
    try:
        target = home / "inbox" / "copied-over-smb.txt"
        # Opened and closed for each chunk, 1 s apart: no process holds it open between chunks.
        writer = slow_writer(target, LETTER, gap=1.0, parts=4, mode="reopen")
        assert writer.wait(timeout=30) == 0
        assert wait_for(lambda: not target.exists() and [r[1] for r in document_rows(home)] == ["done"])
        [(_, _, _, _, archive_path)] = document_rows(home)
        assert Path(archive_path).read_bytes() == LETTER
    finally:
        assert watcher.stop() == 0


def test_a_file_that_changed_after_it_was_taken_is_read_again_into_the_same_row(services, tmp_path):
    inbox = services.config.inbox
    inbox.mkdir(parents=True)
    path = inbox / "growing.txt"
    path.write_bytes(LETTER[:40])
    first = claim(path, services, source=str(path), from_inbox=True)
    with path.open("ab") as writer:                  # the writer went on after the claim
        writer.write(LETTER[40:])
    with pytest.raises(TakenTooEarly):
        run(first, services, read_here(first, services))
    assert path.exists() and services.register.unfinished()
    again = claim(path, services, source=str(path), from_inbox=True)
    record = run(again, services, read_here(again, services))
    [row] = [services.register.get(1)]
    assert row is not None and row.state == "done" and services.register.get(2) is None
    assert record.sha256 == row.sha256 and Path(row.archive_path or "").read_bytes() == LETTER
    assert not path.exists()
    assert [event.kind for event in services.register.events(1)].count("changed_while_read") == 1
