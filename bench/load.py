"""Load: a burst of files dropped into the inbox at once is processed completely with bounded
memory. Reports docs/min and the watcher's peak RSS (VmHWM).

    python bench/load.py [--files 1000] [--scans 50]

Most files are text letters and e-mails (the register, archive and understanding path); `--scans`
of them are rendered A4 page images that go through OCR.
"""
from __future__ import annotations

import argparse
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crash import LETTER, make_file  # noqa: E402  (bench scripts share their generators)


def rendered_scan(n: int, font_path: str | None) -> bytes:
    import io
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path, 30) if font_path else None
    for row, line in enumerate(LETTER.format(n=n).splitlines()):
        draw.text((110, 110 + row * 60), line, font=font, fill=0)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return buffer.getvalue()


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def readers_of(pid: int) -> list[int]:
    """The watcher's reader processes (python -m intake.pipeline.reader, its children)."""
    found = []
    for name in Path("/proc").iterdir():
        if not name.name.isdigit():
            continue
        try:
            status = (name / "status").read_text()
            command = (name / "cmdline").read_bytes()
        except OSError:
            continue
        if f"PPid:\t{pid}\n" in status and b"intake.pipeline.reader" in command:
            found.append(int(name.name))
    return found


def main() -> int:
    import random
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--scans", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(11)
    font = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True, text=True).stdout or None
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory)
        inbox = home / "inbox"
        inbox.mkdir()
        (home / "intake.toml").write_text("[watch]\nstable_seconds = 0.5\nrescan_seconds = 5\n", encoding="utf-8")
        for n in range(args.files):
            if n < args.scans:
                (inbox / f"scan-{n}.png").write_bytes(rendered_scan(n, font))
            else:
                name, data = make_file(n, rng)
                if name.startswith("scan-") or name.endswith(".png"):
                    name, data = f"letter-{n}.txt", LETTER.format(n=n).encode()
                (inbox / name).write_bytes(data)
        watcher = subprocess.Popen([sys.executable, "-m", "intake", "-q", "--home", str(home), "watch"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        peak = 0.0
        readers: dict[int, float] = {}
        while time.monotonic() - started < 3600:
            time.sleep(1)
            peak = max(peak, peak_rss_mb(watcher.pid))
            for reader in readers_of(watcher.pid):
                readers[reader] = max(readers.get(reader, 0.0), peak_rss_mb(reader))
            if not any(inbox.iterdir()):
                break
        seconds = time.monotonic() - started
        peak = max(peak, peak_rss_mb(watcher.pid))
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=60)
        with sqlite3.connect(home / "register.db") as db:
            done = db.execute("select count(*) from documents where state = 'done'").fetchone()[0]
    print(f"files           {args.files} ({args.scans} rendered scans through OCR)")
    print(f"recorded        {done}")
    print(f"wall time       {seconds:.0f} s")
    print(f"docs per minute {done * 60 / seconds:.0f}")
    print(f"peak RSS        {peak:.0f} MB watcher; readers {', '.join(f'{mb:.0f}' for mb in readers.values())} MB "
          f"(sum {peak + sum(readers.values()):.0f} MB)")
    return 0 if done == args.files else 1


if __name__ == "__main__":
    sys.exit(main())
