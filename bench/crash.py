"""Crash harness: files keep arriving while `intake watch` is killed with SIGKILL at random
moments; afterwards every file must have exactly one register row and one archived original,
byte-identical, and nothing may be left behind or lost.

    python bench/crash.py [--files 200] [--kills 20] [--seed 7]

Files are a mix of formats (plain-text letters in UTF-8 and GBK, .eml with and without an image
attachment, small rendered PNG scans, zero-byte and truncated files) so the kills land in every
stage: hashing, archiving, OCR, the register commit, the move out of the inbox.
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
import time
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw

LETTER = "申请书\n某市市场监督管理局：\n申请人：测试{n}，联系电话：139{n:08d}。\n现申请公开以下政府信息：2024年第{n}批抽检结果。\n希望以纸质形式邮寄给我。\n"


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


def start(home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "intake", "-q", "--home", str(home), "watch"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory)
        inbox = home / "inbox"
        inbox.mkdir()
        (home / "intake.toml").write_text("[watch]\nstable_seconds = 0.3\nrescan_seconds = 2\n", encoding="utf-8")
        expected: dict[str, str] = {}
        files = [make_file(n, rng) for n in range(args.files)]
        per_round = max(1, len(files) // args.kills)
        watcher = start(home)
        started = time.monotonic()
        for kill in range(args.kills):
            for name, data in files[kill * per_round:(kill + 1) * per_round]:
                partial = inbox / f"{name}.part"          # scanners write, then rename
                partial.write_bytes(data)
                partial.rename(inbox / name)
                expected[name] = hashlib.sha256(data).hexdigest()
            time.sleep(rng.uniform(0.3, 2.5))
            watcher.send_signal(signal.SIGKILL)
            watcher.wait()
            watcher = start(home)
        for name, data in files[args.kills * per_round:]:
            (inbox / name).write_bytes(data)
            expected[name] = hashlib.sha256(data).hexdigest()
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            time.sleep(2)
            if not any(p.is_file() for p in inbox.rglob("*")) and _pending(home) == 0:
                break
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=60)
        seconds = time.monotonic() - started
        with sqlite3.connect(home / "register.db") as db:
            rows = db.execute("select original_name, sha256, state, archive_path from documents").fetchall()
        # Every archived original must be byte-identical to what was dropped.
        corrupted = sorted({name for name, sha256, _, path in rows if name in expected and (
            not path or not Path(path).exists() or hashlib.sha256(Path(path).read_bytes()).hexdigest() != expected[name])})
        archived = sum(1 for p in (home / "archive").rglob("*") if p.is_file())
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for name, sha256, state, archive_path in rows:
        by_name.setdefault(name, []).append((sha256, state, archive_path))
    lost = [name for name in expected if name not in by_name]
    duplicated = [name for name, found in by_name.items() if len(found) > 1]
    unfinished = [name for name, found in by_name.items() if any(state != "done" for _, state, _ in found)]
    print(f"files dropped   {len(expected)}")
    print(f"SIGKILLs        {args.kills}")
    print(f"register rows   {len(rows)}")
    print(f"archived files  {archived}")
    print(f"lost            {len(lost)} {lost[:5]}")
    print(f"duplicated      {len(duplicated)} {duplicated[:5]}")
    print(f"corrupted       {len(corrupted)} {corrupted[:5]}")
    print(f"unfinished      {len(unfinished)} {unfinished[:5]}")
    print(f"wall time       {seconds:.0f} s")
    return 1 if lost or duplicated or corrupted or unfinished else 0


def _pending(home: Path) -> int:
    try:
        with sqlite3.connect(home / "register.db") as db:
            return int(db.execute("select count(*) from documents where state != 'done'").fetchone()[0])
    except sqlite3.Error:
        return 1


if __name__ == "__main__":
    sys.exit(main())
