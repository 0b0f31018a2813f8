"""Faults of the environment, not of a file (issue 17, fault 4): a read-only register and a full
disk are told in one coded line (Chinese and English) on stderr and in the log, never as a
traceback; the watcher waits and retries, nothing is half-written and nothing is lost."""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.kernel import DiskFull
from intake.pipeline.claims import claim
from intake.pipeline.runner import read_here, run
from tests.helpers import WatcherProcess, document_rows, intake_command, wait_for, write_settings

LETTER = "咨询函\n您好，请问办理食品经营许可证需要哪些材料？\n联系人：孙五\n"


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file made read-only for real: chmod for a normal user; root writes through modes, so
    as root the file is made immutable (chattr +i), which root cannot write either."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("cannot make a file read-only for root here (no chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def home_with_a_register(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.2})
    done = subprocess.run(intake_command(home, "watch", "--once"), capture_output=True, timeout=120)
    assert done.returncode == 0 and (home / "register.db").exists()
    return home


def one_coded_line(stderr: str, code: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and code in lines[0], stderr
    return lines[0]


def test_a_read_only_register_stops_the_watcher_at_start_with_one_coded_line(tmp_path):
    home = home_with_a_register(tmp_path)
    (home / "inbox" / "letter.txt").write_text(LETTER, encoding="utf-8")
    with read_only(home / "register.db"):
        done = subprocess.run(intake_command(home, "watch", "--once"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    line = one_coded_line(done.stderr, "[E101]")
    assert "登记库只读" in line and "read-only" in line and "permission" in line
    assert (home / "inbox" / "letter.txt").exists() and document_rows(home) == []


def test_a_read_only_register_makes_process_exit_non_zero_and_print_no_record(tmp_path):
    home = home_with_a_register(tmp_path)
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    with read_only(home / "register.db"):
        done = subprocess.run(intake_command(home, "process", "--json", str(letter)), capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    one_coded_line(done.stderr, "[E101]")
    assert not list((home / "archive").rglob("*.partial"))


def test_a_full_disk_while_archiving_leaves_nothing_half_written_and_the_file_is_taken_later(services, monkeypatch):
    inbox = services.config.inbox
    inbox.mkdir(parents=True)
    path = inbox / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")

    def disk_full(source: object, target: object) -> None:
        Path(str(target)).write_bytes(b"half")        # what a copy leaves when the disk fills up
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("intake.pipeline.originals.shutil.copyfile", disk_full)
        with pytest.raises(DiskFull) as fault:
            claim(path, services, source=str(path), from_inbox=True)
    assert str(fault.value).startswith("[E102] 磁盘已满 / the disk is full")
    assert not [p for p in services.config.archive.rglob("*") if p.is_file()]
    assert path.exists() and [row.state for row in services.register.unfinished()] == ["processing"]
    claimed = claim(path, services, source=str(path), from_inbox=True)
    record = run(claimed, services, read_here(claimed, services))
    assert record.status == "routed" and not path.exists()
    assert services.register.get(2) is None


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 8 MB file system (tmpfs), for a disk that really fills up."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb") as handle:
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
    return filler


def test_a_full_disk_pauses_the_watcher_and_the_file_is_recorded_once_space_is_freed(small_disk, tmp_path):
    home = small_disk / "home"
    (home / "inbox").mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.2, "rescan_seconds": 1, "fault_retry_seconds": 1})
    watcher = WatcherProcess.start(home, stderr_folder=tmp_path)      # stderr kept off the full disk
    try:
        assert wait_for(lambda: (home / "register.db").exists() and "watching" in watcher.stderr, 60)
        staged = small_disk / "letter.txt"
        staged.write_text(LETTER, encoding="utf-8")
        filler = fill(small_disk)
        staged.rename(home / "inbox" / "letter.txt")       # a rename needs no free space
        assert wait_for(lambda: "[E102]" in watcher.stderr, 60)
        assert watcher.process.poll() is None and document_rows(home, "state") in ([], [("processing",)])
        filler.unlink()
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done"], 60)
    finally:
        assert watcher.stop() == 0
    [(_, _, status, _, archive_path)] = document_rows(home)
    assert status == "routed" and Path(archive_path).read_text(encoding="utf-8") == LETTER
    assert watcher.stderr.count("[E102]") == 1 and "Traceback" not in watcher.stderr
    assert not list((home / "inbox").iterdir())
