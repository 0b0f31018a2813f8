"""Crash harness: files keep arriving while `intake watch` is killed with SIGKILL at random
moments; afterwards every file must have exactly one register row and one archived original,
byte-identical to the whole file, and nothing may be left behind or lost.

    python bench/crash.py [--files 200] [--kills 20] [--seed 7] [--slow-writer] [--long-names] [--polling]

Files are a mix of formats (plain-text letters in UTF-8 and GBK, .eml with and without an image
attachment, small rendered PNG scans, zero-byte and truncated files) so the kills land in every
stage: hashing, archiving, OCR, the register commit, the move out of the inbox.

--slow-writer: each file is written under its final name in 4 chunks 1 s apart, the file held
open throughout (a scanner writing page by page, a slow SMB copy), each round dropped once the
watcher is up (its quiet time is 0.3 s: a file taken at its first pause would be taken early),
and kills land while files are half written; a file taken before its writer finished shows as
truncated, one deleted under its writer as lost.
--long-names: every name is 255 bytes of UTF-8 (CJK, emoji, mixed scripts), the most ext4 takes.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw

LETTER = "申请书\n某市市场监督管理局：\n申请人：测试{n}，联系电话：139{n:08d}。\n现申请公开以下政府信息：2024年第{n}批抽检结果。\n希望以纸质形式邮寄给我。\n"
NAME_SEEDS = ("政府信息公开申请书", "📄✉️📎", "Заявка-申请-طلب-")


def small_scan(n: int) -> bytes:
    image = Image.new("L", (420, 120), 255)
    ImageDraw.Draw(image).text((10, 40), f"No. {n} test scan", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def make_file(n: int, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["txt", "txt", "gbk", "eml", "eml-png", "png", "empty", "truncated"])
    if kind == "txt":
        return f"letter-{n}.txt", LETTER.format(n=n).encode("utf-8")
    if kind == "gbk":
        return f"letter-{n}.txt", LETTER.format(n=n).encode("gbk")
    if kind in ("eml", "eml-png"):
        message = EmailMessage()
        message["From"] = f"test{n}@example.com"
        message["Subject"] = "政府信息公开申请"
        message.set_content(LETTER.format(n=n))
        if kind == "eml-png":
            message.add_attachment(small_scan(n), maintype="image", subtype="png", filename=f"scan{n}.png")
        return f"mail-{n}.eml", bytes(message)
    if kind == "png":
        return f"scan-{n}.png", small_scan(n)
    if kind == "empty":
        return f"empty-{n}.pdf", b""
    return f"cut-{n}.png", small_scan(n)[:60]


def long_name(name: str, n: int, limit: int = 255) -> str:
    """`name` made exactly `limit` bytes of UTF-8: numbered, a seed repeated, its extension kept."""
    suffix = Path(name).suffix
    stem = f"{n:04d}-"
    seed = NAME_SEEDS[n % len(NAME_SEEDS)]
    while len((stem + seed + suffix).encode("utf-8")) <= limit:
        stem += seed
    while len((stem + "x" + suffix).encode("utf-8")) <= limit:
        stem += "x"
    return stem + suffix


def write_slowly(path: Path, data: bytes, parts: int = 4, gap: float = 1.0) -> None:
    size = max(1, -(-len(data) // parts))
    with path.open("wb") as handle:
        for start in range(0, max(1, len(data)), size):
            if start:
                time.sleep(gap)
            handle.write(data[start:start + size])
            handle.flush()


class Dropper:
    """Puts files into the inbox the way the chosen mode says."""

    def __init__(self, home: Path, slow: bool) -> None:
        self.inbox = home / "inbox"
        self.staging = home / "staging"          # same file system, outside the inbox
        self.staging.mkdir()
        self.slow = slow
        self.writers: list[threading.Thread] = []

    def drop(self, name: str, data: bytes) -> None:
        if self.slow:
            writer = threading.Thread(target=write_slowly, args=(self.inbox / name, data), daemon=True)
            writer.start()
            self.writers.append(writer)
            return
        staged = self.staging / name                 # scanners write, then rename
        staged.write_bytes(data)
        staged.rename(self.inbox / name)

    def join(self) -> None:
        for writer in self.writers:
            writer.join()


def start(home: Path, polling: bool) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "intake", "-q", "--home", str(home), "watch",
                             *(["--polling"] if polling else [])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_drops(home: Path, files: list[tuple[str, bytes]], args: argparse.Namespace, rng: random.Random) -> float:
    dropper = Dropper(home, args.slow_writer)
    per_round = max(1, len(files) // args.kills)
    watcher = start(home, args.polling)
    started = time.monotonic()
    for kill in range(args.kills):
        if args.slow_writer:
            # Let the watcher come up first, so it meets files half written (and is killed mid-write).
            time.sleep(2.5)
        for name, data in files[kill * per_round:(kill + 1) * per_round]:
            dropper.drop(name, data)
        time.sleep(rng.uniform(0.5, 4.5) if args.slow_writer else rng.uniform(0.3, 2.5))
        watcher.send_signal(signal.SIGKILL)
        watcher.wait()
        watcher = start(home, args.polling)
    for name, data in files[args.kills * per_round:]:
        dropper.drop(name, data)
    dropper.join()
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        time.sleep(2)
        if not any(p.is_file() for p in (home / "inbox").rglob("*")) and _pending(home) == 0:
            break
    watcher.send_signal(signal.SIGTERM)
    watcher.wait(timeout=120)
    return time.monotonic() - started


def report(home: Path, files: list[tuple[str, bytes]], kills: int, seconds: float) -> int:
    expected = {name: data for name, data in files}
    with sqlite3.connect(home / "register.db") as db:
        rows = db.execute("select original_name, sha256, state, archive_path from documents").fetchall()
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for name, sha256, state, archive_path in rows:
        by_name.setdefault(name, []).append((sha256, state, archive_path))
    lost = [name for name in expected if name not in by_name]
    duplicated = [name for name, found in by_name.items() if len(found) > 1]
    unfinished = [name for name, found in by_name.items() if any(state != "done" for _, state, _ in found)]
    truncated, corrupted = [], []
    for name, found in by_name.items():
        if name not in expected:
            continue
        for sha256, _, archive_path in found:
            archived = Path(archive_path).read_bytes() if archive_path and Path(archive_path).exists() else None
            whole = expected[name]
            if archived is not None and len(archived) < len(whole) and whole.startswith(archived):
                truncated.append(name)
            elif archived != whole or sha256 != hashlib.sha256(whole).hexdigest():
                corrupted.append(name)
    archived_files = sum(1 for p in (home / "archive").rglob("*") if p.is_file())
    left = [p.name for p in (home / "inbox").rglob("*") if p.is_file()]
    for label, value in (("files dropped", len(expected)), ("SIGKILLs", kills), ("register rows", len(rows)),
                         ("archived files", archived_files)):
        print(f"{label:<16}{value}")
    for label, names in (("lost", lost), ("duplicated", duplicated), ("truncated", truncated),
                         ("corrupted", corrupted), ("unfinished", unfinished), ("left in inbox", left)):
        print(f"{label:<16}{len(names)} {[n[:40] for n in names[:5]]}")
    print(f"{'wall time':<16}{seconds:.0f} s")
    return 1 if lost or duplicated or truncated or corrupted or unfinished or left else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--slow-writer", action="store_true", help="write each file in chunks, held open")
    parser.add_argument("--long-names", action="store_true", help="255-byte names in CJK, emoji, mixed scripts")
    parser.add_argument("--polling", action="store_true", help="run the watcher with --polling")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory)
        (home / "inbox").mkdir()
        (home / "intake.toml").write_text("[watch]\nstable_seconds = 0.3\nrescan_seconds = 2\n"
                                          + ("polling_stable_seconds = 3\n" if args.polling else ""), encoding="utf-8")
        files = [make_file(n, rng) for n in range(args.files)]
        if args.long_names:
            files = [(long_name(name, n), data) for n, (name, data) in enumerate(files)]
        seconds = run_drops(home, files, args, rng)
        return report(home, files, args.kills, seconds)


def _pending(home: Path) -> int:
    try:
        with sqlite3.connect(home / "register.db") as db:
            return int(db.execute("select count(*) from documents where state != 'done'").fetchone()[0])
    except sqlite3.Error:
        return 1


if __name__ == "__main__":
    sys.exit(main())
