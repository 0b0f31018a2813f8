"""Resource bounds: three hostile files, each recorded by its own `intake process`, with the peak
RSS of that command and every process it started (os.wait4: the maximum over the whole tree).

    python bench/bounds.py [--keep DIR]

- a .docx zip bomb: ~1 MB on disk, word/document.xml unpacking to 400 MB;
- a 144-megapixel image (12,000 × 12,000 PNG, a few lines of text on white);
- an e-mail with a 140 MB attachment (random bytes, base64: a ~190 MB .eml).

Each must end as one register row with a clear error (or a record), never a killed service.
The files are built by a child process, so this one stays small: Linux carries a process's
high-water mark across exec, and the figure would otherwise include the builder's memory.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path

MB = 1_000_000
FILES = ("bomb.docx", "144-megapixels.png", "140-MB-attachment.eml")


def zip_bomb_docx(path: Path, unpacked_mb: int = 400) -> None:
    """A real .docx (python-docx) whose document.xml is inflated to `unpacked_mb` by one repeated run."""
    import docx
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    paragraph = "<w:p><w:r><w:t>" + "申请公开" * 250 + "</w:t></w:r></w:p>"
    repeats = unpacked_mb * MB // len(paragraph.encode("utf-8"))
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item.filename))
                continue
            head, tail = source.read(item.filename).decode("utf-8").split("<w:body>")
            with bomb.open("word/document.xml", "w", force_zip64=True) as handle:
                handle.write((head + "<w:body>").encode("utf-8"))
                chunk = (paragraph * 1000).encode("utf-8")
                for _ in range(repeats // 1000):
                    handle.write(chunk)
                handle.write(tail.encode("utf-8"))


def large_image(path: Path, side: int = 12_000) -> None:
    """A page scanned at about 1,400 dpi: a letter in 5 mm characters (a CJK font when installed)."""
    from PIL import Image, ImageDraw, ImageFont
    found = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True, text=True).stdout
    font = ImageFont.truetype(found, 280) if found else ImageFont.load_default()
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    lines = ["咨询函", "市场监督管理局：", "请问办理食品经营许可证", "需要哪些材料？", "联系人：孙五"]
    for row, line in enumerate(lines):
        draw.text((1200, 1200 + row * 900), line, font=font, fill=0)
    image.save(path, "PNG")


def mail_with_attachment(path: Path, attachment_mb: int = 140) -> None:
    message = EmailMessage()
    message["From"] = "applicant@example.com"
    message["Subject"] = "政府信息公开申请"
    message.set_content("您好，附件是申请材料。")
    message.add_attachment(os.urandom(attachment_mb * MB), maintype="application", subtype="pdf",
                           filename="材料.pdf")
    path.write_bytes(bytes(message))


def run_one(home: Path, path: Path) -> tuple[dict[str, object], float, float]:
    """The record, the peak RSS (MB) of the command's process tree, and its wall time."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "intake", "-q", "--home", str(home), "process", "--json",
                                str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = [json.loads(line) for line in output.decode("utf-8").splitlines() if line.strip()]
    record = lines[0] if lines else {"status": f"no record (exit {process.returncode})", "error": None}
    return record, usage.ru_maxrss / 1024, time.monotonic() - started


def build(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in zip(FILES, (zip_bomb_docx, large_image, mail_with_attachment)):
        if not (folder / name).exists():
            make(folder / name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, default=None, help="build the files here and keep them")
    parser.add_argument("--build", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build is not None:
        build(args.build)
        return 0
    with tempfile.TemporaryDirectory() as directory:
        folder = args.keep or Path(directory)
        subprocess.run([sys.executable, __file__, "--build", str(folder)], check=True)
        print(f"{'file':<24}{'size':>10}  {'status':<14}{'peak RSS':>10}{'wall':>8}  error")
        for name in FILES:
            path = folder / name
            record, peak_mb, seconds = run_one(folder / "home", path)
            print(f"{path.name:<24}{path.stat().st_size / MB:>8.1f}MB  {record['status']!s:<14}"
                  f"{peak_mb:>8.0f}MB{seconds:>7.1f}s  {record.get('error')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
