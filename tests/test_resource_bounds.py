"""Resource bounds per file (issue 17, fault 3): a zip bomb refused from its directory, a reader over
its memory cap failing that file alone, a killed reader retried once then E011, and a file that
stopped the service three times recorded as failed instead of blocking the queue."""
from __future__ import annotations

import io
import os
import signal
import zipfile
from pathlib import Path

from click.testing import CliRunner
from PIL import Image, ImageDraw

from intake.cli import main
from tests.helpers import WatcherProcess, ascii_scan, document_rows, parse_jsonl, wait_for, write_settings

LETTER = "咨询函\n您好，请问办理食品经营许可证需要哪些材料？\n联系人：孙五\n"


def zip_bomb(unpacked_mb: int = 30) -> bytes:
    """A real .docx whose document.xml unpacks to `unpacked_mb` MB from a few tens of KB."""
    import docx
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    run = ("<w:p><w:r><w:t>" + "申请公开" * 250 + "</w:t></w:r></w:p>").encode("utf-8")
    bomb = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                data = head + b"<w:body>" + run * (unpacked_mb * 1_000_000 // len(run)) + tail
            target.writestr(item, data)
    return bomb.getvalue()


def big_page(side: int = 12_000) -> bytes:
    image = Image.new("L", (side, side), 255)
    ImageDraw.Draw(image).text((100, 100), "page", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_docx_zip_bomb_is_refused_from_its_directory(home, tmp_path):
    bomb = tmp_path / "申请.docx"
    bomb.write_bytes(zip_bomb())
    assert bomb.stat().st_size < 1_000_000
    result = CliRunner().invoke(main, ["--home", str(home), "process", "--json", str(bomb)])
    assert result.exit_code == 0, result.output
    [record] = parse_jsonl(result.stdout)
    assert record["status"] == "failed" and record["error"].startswith("[E005]")
    assert "word/document.xml unpacks to 30 MB" in record["error"]


def test_a_file_over_the_readers_memory_cap_fails_alone_and_the_next_file_is_read(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.2, "rescan_seconds": 1}, limits={"reader_memory_megabytes": 900})
    (inbox / "a-144-megapixel-page.png").write_bytes(big_page())
    watcher = WatcherProcess.start(home)
    try:
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done"], 120)
        (inbox / "b-letter.txt").write_text(LETTER, encoding="utf-8")
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done", "done"], 60)
    finally:
        assert watcher.stop() == 0
    (_, _, status, error, archive_path), (_, _, letter_status, _, _) = document_rows(home)
    assert status == "failed" and error.startswith("[E005]") and "900 MB" in error
    assert Path(archive_path).exists() and letter_status == "routed"
    assert "Traceback" not in watcher.stderr


def reader_processes(parent: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            status = Path(f"/proc/{name}/status").read_text()
            command = Path(f"/proc/{name}/cmdline").read_bytes()
        except OSError:
            continue
        if f"PPid:\t{parent}\n" in status and b"intake.pipeline.reader" in command:
            found.append(int(name))
    return found


def test_a_reader_killed_twice_on_a_file_fails_that_file_alone_and_the_service_goes_on(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.2, "rescan_seconds": 1, "workers": 1})
    watcher = WatcherProcess.start(home)
    try:
        (inbox / "scan.png").write_bytes(ascii_scan())
        assert wait_for(lambda: document_rows(home, "state") == [("processing",)], 60)
        killed: set[int] = set()
        for _ in range(2):                             # the reader, and the fresh one it is retried in
            assert wait_for(lambda: bool(set(reader_processes(watcher.process.pid)) - killed), 60)
            for pid in set(reader_processes(watcher.process.pid)) - killed:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)
            assert wait_for(lambda: not set(reader_processes(watcher.process.pid)) - killed, 10)
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done"], 60)
        (inbox / "letter.txt").write_text(LETTER, encoding="utf-8")
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done", "done"], 60)
    finally:
        assert watcher.stop() == 0
    (_, _, status, error, archive_path), (_, _, letter_status, _, _) = document_rows(home)
    assert status == "failed" and error.startswith("[E011]") and "SIGKILL" in error and "twice" in error
    assert Path(archive_path).read_bytes() == ascii_scan() and letter_status == "routed"


def test_a_file_that_stopped_the_service_three_times_is_recorded_failed_with_its_original_kept(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_settings(home, watch={"stable_seconds": 0.2, "rescan_seconds": 1})
    (inbox / "scan.png").write_bytes(ascii_scan())
    for attempt in (1, 2, 3):
        # Killed while it reads the file, as an OOM killer or a crash in the service would.
        watcher = WatcherProcess.start(home)
        assert wait_for(lambda: document_rows(home, "read_attempts, state") == [(attempt, "processing")], 60)
        watcher.kill()
    watcher = WatcherProcess.start(home)
    try:
        assert wait_for(lambda: [r[1] for r in document_rows(home)] == ["done"], 60)
    finally:
        assert watcher.stop() == 0
    [(_, _, status, error, archive_path)] = document_rows(home)
    assert status == "failed" and error.startswith("[E011]") and "stopped 3 times" in error
    assert Path(archive_path).read_bytes() == ascii_scan()
    assert not list(inbox.iterdir())
