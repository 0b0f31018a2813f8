"""Originals: derived names cut by bytes for every file system, the inbox file removed only when it
matches its archived copy, and any error while claiming a file that file's failed row (issue 17, fault 1)."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from intake.pipeline.originals import DERIVED_NAME_BYTES, NAME_MAX_BYTES, archive_copy, remove_inbox_original, safe_name
from tests.helpers import WatcherProcess, document_rows, intake_command, wait_for, write_settings

LETTER = "咨询函\n您好，请问办理食品经营许可证需要哪些材料？\n联系人：孙五\n"
INCOMPLETE = "政府信息公开申请书\n申请人：周七\n现申请公开以下政府信息：2024年本区食品抽检结果。\n"


def name_of(seed: str, suffix: str, total: int = NAME_MAX_BYTES) -> str:
    """A name of exactly `total` bytes in UTF-8: `seed` repeated, padded with ASCII, then `suffix`."""
    name = ""
    while len((name + seed + suffix).encode("utf-8")) <= total:
        name += seed
    return name + "a" * (total - len((name + suffix).encode("utf-8"))) + suffix


LONG_NAMES = {
    "cjk": name_of("政府信息公开申请", ".txt"),
    "emoji": name_of("📄✉️", ".eml"),
    "mixed": name_of("Заявка 申请 طلب ", ".txt"),
}


@pytest.mark.parametrize("script", sorted(LONG_NAMES))
def test_derived_names_are_cut_by_bytes_on_a_character_boundary_keeping_prefix_and_extension(script):
    name = LONG_NAMES[script]
    assert len(name.encode("utf-8")) == NAME_MAX_BYTES
    derived = safe_name(f"000012-0123456789ab-{name}")
    assert len(derived.encode("utf-8")) <= DERIVED_NAME_BYTES
    assert derived.startswith("000012-0123456789ab-") and derived.endswith(Path(name).suffix)
    derived.encode("utf-8").decode("utf-8")       # whole characters only
    assert "…" in derived


def test_archive_copy_takes_a_255_byte_name_and_never_overwrites(tmp_path):
    original = tmp_path / LONG_NAMES["cjk"]
    original.write_text(LETTER, encoding="utf-8")
    first = archive_copy(original, tmp_path / "archive", f"000001-0123456789ab-{original.name}")
    second = archive_copy(original, tmp_path / "archive", f"000001-0123456789ab-{original.name}")
    assert first != second and first.read_bytes() == second.read_bytes() == original.read_bytes()
    assert not list((tmp_path / "archive").glob("*.partial"))


def test_the_inbox_file_stays_when_it_no_longer_matches_its_archived_copy(tmp_path):
    inbox_file = tmp_path / "scan.txt"
    inbox_file.write_bytes(b"first part")
    archived = tmp_path / "archived.txt"
    archived.write_bytes(b"first part")
    sha256 = hashlib.sha256(b"first part").hexdigest()
    with inbox_file.open("ab") as writer:
        writer.write(b" and the rest, written after the file was taken")
    assert remove_inbox_original(inbox_file, archived, sha256) is False
    assert inbox_file.exists()
    inbox_file.write_bytes(b"first part")
    assert remove_inbox_original(inbox_file, archived, sha256) is True and not inbox_file.exists()


def test_255_byte_names_in_cjk_emoji_and_mixed_scripts_are_recorded_whole_and_leave_the_inbox(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.2})
    contents = {LONG_NAMES["cjk"]: INCOMPLETE.encode("utf-8"), LONG_NAMES["mixed"]: LETTER.encode("gb18030"),
                LONG_NAMES["emoji"]: f"From: a@example.com\nSubject: 咨询\n\n{LETTER}".encode("utf-8")}
    for name, data in contents.items():
        (inbox / name).write_bytes(data)
    import subprocess
    done = subprocess.run(intake_command(home, "watch", "--once"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = document_rows(home)
    assert sorted(name for name, *_ in rows) == sorted(contents)
    for name, state, status, error, archive_path in rows:
        assert state == "done" and status != "failed", error
        assert Path(archive_path).read_bytes() == contents[name]
    assert not list(inbox.iterdir())
    assert len(list((home / "outbox").glob("*/*.json"))) >= 3
    assert list((home / "outbox" / "letters").rglob("*补正告知书*.docx"))   # the incomplete application's notice


def test_a_file_that_cannot_be_archived_is_a_failed_row_and_the_watcher_goes_on(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.2, "rescan_seconds": 1})
    # The month's archive folder cannot be made: a file stands where its year folder should be.
    blocker = home / "archive" / f"{dt.datetime.now():%Y}"
    blocker.parent.mkdir()
    blocker.write_text("not a folder")
    watcher = WatcherProcess.start(home)
    try:
        (inbox / "first.txt").write_text(LETTER, encoding="utf-8")
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done"])
        [(name, _, status, error, kept)] = document_rows(home)
        assert status == "failed" and error.startswith("[E010]") and "NotADirectoryError" in error
        assert Path(kept).read_text(encoding="utf-8") == LETTER and "set-aside" in kept
        blocker.unlink()
        (inbox / "second.txt").write_text(LETTER + "第二封", encoding="utf-8")
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done", "done"])
        assert document_rows(home)[1][2] == "routed"
        assert watcher.process.poll() is None
    finally:
        assert watcher.stop() == 0
    assert "Traceback" not in watcher.stderr and "[E010]" in watcher.stderr
    log = (home / "logs" / "intake.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "NotADirectoryError" in log      # the traceback is in the file only
    assert not list(inbox.iterdir())
