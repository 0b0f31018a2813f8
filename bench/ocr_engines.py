"""Benchmark the OCR engines on the same pages in one run: CER, seconds per page, memory.

    python bench/ocr_engines.py [--engines rapidocr,rapidocr-fp32,tesseract,tesseract-1t,paddleocr]
                        [--threads 2] [--realworld ../shared/realworld/ocr] [--detail] [--json]

Engines: `rapidocr` is the embedded default (PP-OCRv6 quantized to int8), `rapidocr-fp32`
the float originals; `tesseract` is Debian's Tesseract chi_sim run as installed (`tesseract page out -l
chi_sim`: OpenMP on all cores, which is how an office runs it), `tesseract-1t` the same with
OMP_THREAD_LIMIT=1, which is faster on a small machine (the setting intake uses when
Tesseract is chosen). The summary gives the default's speed and error relative to both.

Pages are rendered here (A4 at 150 dpi, several CJK fonts including a Kai, a ruled form with
ticked boxes, a 200×100 dpi fax, JPEG quality 40, ±3° skew, 90/180/270° turns, a red seal
over the text); with --realworld, the images of that folder's truth.jsonl are read too (at
run time, from where they are: never copied). Each engine runs in its own process so its
peak memory is its own; the first page is read once untimed (warm-up) and model loading is
reported separately. The engines take turns page by page, so a slow spell of the machine
falls on all of them alike. CER: Levenshtein distance over the truth's length after removing
whitespace and tick glyphs and making full-width ASCII half-width (realworld: NFKC,
whitespace removed, as ../shared/eval/realworld.py does). Engines not installed are listed
as unavailable.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageSequence

TICK_GLYPHS = "☑□■√✓×"
LETTER = ("政府信息公开申请书|聊城市市场监督管理局：|申请人：李明华，男，居民身份证号码：371502198805120033，住址："
          "聊城市东昌府区新区街道建设路88号3单元502室，邮政编码：252000，联系电话：13863512345。|根据《中华人民共和国"
          "政府信息公开条例》第二十七条的规定，现向你局申请公开以下政府信息：2024年度本市食品生产企业监督检查结果"
          "及对不合格企业的处理情况。|希望以纸质形式邮寄给我。|此致|敬礼|申请人：李明华|2025年5月6日")
FORM_ROWS = [("姓名", "张晓燕", "工作单位", "聊城大学"),
             ("证件名称", "居民身份证", "证件号码", "37150219900101002X"),
             ("联系电话", "15006351234", "电子邮箱", "zxy@163.com"),
             ("通信地址", "聊城市东昌府区花园路5号", "邮政编码", "252000")]
OPTIONS = [("提供政府信息的指定方式", [("纸质文本", True), ("电子邮件", False), ("光盘", False)]),
           ("获取信息的方式", [("邮寄", False), ("电子邮件", True), ("自行领取", False)])]


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    truth: str
    fax: bool = False
    realworld: bool = False


# ---------------------------------------------------------------- fonts and pages
def cjk_fonts() -> dict[str, str]:
    """A few installed CJK fonts by style (sans, serif, kai, wqy), found with fc-list."""
    listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                             check=False).stdout
    files = sorted({line.split(":")[0].strip() for line in listing.splitlines() if line.strip()})
    wanted = {"sans": "NotoSansCJK-Regular", "serif": "NotoSerifCJK-Regular", "kai": "kai",
              "wqy": "microhei"}
    found = {}
    for style, needle in wanted.items():
        match = [f for f in files if needle.lower() in f.lower()]
        if match:
            found[style] = match[0]
    if not found and files:
        found["sans"] = files[0]
    return found


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("|"):
        current = ""
        for char in paragraph:
            if font.getlength(current + char) > width:
                lines.append(current)
                current = char
            else:
                current += char
        lines.append(current)
    return lines


def letter_page(font_file: str) -> tuple[Image.Image, str]:
    font = ImageFont.truetype(font_file, 30)
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    lines = wrap(LETTER, font, 1000)
    for number, line in enumerate(lines):
        draw.text((120, 150 + number * 56), line, font=font, fill="black")
    return page, "\n".join(lines)


def draw_box(draw: ImageDraw.ImageDraw, x: int, y: int, ticked: bool) -> None:
    draw.rectangle((x, y, x + 20, y + 20), outline="black", width=2)
    if ticked:
        draw.line((x + 4, y + 10, x + 9, y + 16, x + 18, y + 3), fill="black", width=3)


def form_page(font_file: str) -> tuple[Image.Image, str]:
    """A ruled application form: vertical group label, label/value rows, option boxes."""
    font = ImageFont.truetype(font_file, 26)
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.text((330, 100), "政府信息公开申请表", font=font, fill="black")
    xs = [80, 160, 320, 640, 800, 1160]
    top, row_h = 170, 70
    rows = len(FORM_ROWS) + len(OPTIONS)
    bottom = top + row_h * rows
    truth = ["政府信息公开申请表", "申请人信息"]
    for x in xs:
        draw.line((x, top, x, top + row_h * len(FORM_ROWS)), fill="black", width=2)
    for x in (xs[0], xs[-1]):
        draw.line((x, top, x, bottom), fill="black", width=2)
    draw.line((xs[3], top + row_h * len(FORM_ROWS), xs[3], bottom), fill="black", width=2)
    for number in range(rows + 1):
        left = xs[1] if 0 < number < len(FORM_ROWS) else xs[0]
        draw.line((left, top + row_h * number, xs[-1], top + row_h * number), fill="black", width=2)
    for offset, char in enumerate("申请人信息"):
        draw.text((106, top + 60 + offset * 34), char, font=font, fill="black")
    for number, cells in enumerate(FORM_ROWS):
        for column, text in enumerate(cells):
            draw.text((xs[column + 1] + 14, top + row_h * number + 20), text, font=font, fill="black")
        truth += list(cells)
    for number, (label, options) in enumerate(OPTIONS):
        y = top + row_h * (len(FORM_ROWS) + number)
        draw.text((xs[0] + 20, y + 20), label, font=font, fill="black")
        x = xs[3] + 20
        written = []
        for words, ticked in options:
            draw_box(draw, x, y + 25, ticked)
            draw.text((x + 28, y + 20), words, font=font, fill="black")
            written.append(("☑" if ticked else "□") + words)
            x += 28 + 26 * len(words) + 36
        truth += [label, " ".join(written)]
    return page, "\n".join(truth)


def seal(page: Image.Image, font_file: str) -> Image.Image:
    """A red round seal stamped over the signature (its ink multiplies with the print)."""
    stamp = Image.new("RGB", page.size, "white")
    draw = ImageDraw.Draw(stamp)
    draw.ellipse((700, 500, 980, 780), outline=(215, 40, 45), width=8)
    draw.regular_polygon((840, 640, 40), 5, fill=(215, 40, 45))
    draw.text((745, 560), "某某有限公司", font=ImageFont.truetype(font_file, 30), fill=(215, 40, 45))
    return ImageChops.multiply(page, stamp)


def render_cases(folder: Path) -> list[Case]:
    fonts = cjk_fonts()
    if not fonts:
        raise SystemExit("no CJK font installed (fc-list :lang=zh): cannot render pages")
    base_font = fonts.get("sans") or next(iter(fonts.values()))
    cases: list[Case] = []

    def save(name: str, image: Image.Image, truth: str, *, fmt: str = "PNG", fax: bool = False,
             **options: object) -> None:
        path = folder / f"{name}.{fmt.lower()}"
        image.save(path, fmt, **options)
        cases.append(Case(name, str(path), truth, fax))

    for style, font_file in fonts.items():
        page, truth = letter_page(font_file)
        save(f"letter-{style}", page, truth)
    letter, letter_truth = letter_page(base_font)
    form, form_truth = form_page(base_font)
    save("form-ticks", form, form_truth)
    half = letter.convert("L").resize((1653, 1169)).point(lambda v: 255 if v > 150 else 0).convert("1")
    save("fax-200x100", half, letter_truth, fmt="TIFF", fax=True, compression="group4", dpi=(200, 100))
    save("jpeg-q40", letter.convert("L"), letter_truth, fmt="JPEG", quality=40)
    for angle in (3, -3):
        save(f"skew{angle:+d}", letter.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white"),
             letter_truth)
    for turn in (90, 180, 270):
        save(f"turned-{turn}", letter.rotate(turn, expand=True), letter_truth)
    save("red-seal", seal(letter, base_font), letter_truth)
    save("form-seal-jpeg", seal(form, base_font).convert("RGB"), form_truth, fmt="JPEG", quality=60)
    save("form-turned-270", form.rotate(270, expand=True), form_truth)
    save("letter-100dpi", letter.resize((827, 1169), Image.Resampling.LANCZOS), letter_truth)
    save("letter-300dpi", letter.resize((2480, 3508), Image.Resampling.BICUBIC), letter_truth)
    return cases


def realworld_cases(folder: Path) -> list[Case]:
    truth_file = folder / "truth.jsonl"
    if not truth_file.is_file():
        raise SystemExit(f"no truth.jsonl in {folder}")
    cases = []
    for line in truth_file.read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            cases.append(Case("rw:" + Path(item["file"]).name, str(folder / item["file"]), item["text"],
                              realworld=True))
    return cases


# ---------------------------------------------------------------- scoring
def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def normalise(text: str, realworld: bool) -> str:
    if realworld:
        return "".join(unicodedata.normalize("NFKC", text).split())
    half = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text if not c.isspace())
    return "".join(c for c in half if c not in TICK_GLYPHS)


def cer(truth: str, predicted: str, realworld: bool) -> float:
    t, p = normalise(truth, realworld), normalise(predicted, realworld)
    return min(1.0, levenshtein(p, t) / len(t)) if t else float(bool(p))


def tick_marks(text: str) -> list[str]:
    """The ☑/□ marks with the option words after them, in order."""
    out = []
    squeezed = "".join(text.split())
    for index, char in enumerate(squeezed):
        if char in "☑□":
            out.append(squeezed[index: index + 3])
    return out


# ---------------------------------------------------------------- one engine, in its own process
def worker(engine_name: str, cases_file: Path, threads: int) -> None:
    """Load the engine, then read the case whose index arrives on stdin, one at a time,
    answering each with a JSON line; an empty line ends it with the load time and peak RSS."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from intake.ocr.engines import OcrUnavailable, create_engine
    from intake.ocr.engines.tesseract import TesseractEngine

    cases = [Case(**item) for item in json.loads(cases_file.read_text("utf-8"))]
    started = time.perf_counter()
    try:
        engine = (TesseractEngine(omp_threads=None) if engine_name == "tesseract"
                  else create_engine("tesseract" if engine_name == "tesseract-1t" else engine_name,
                                     threads=threads))
    except OcrUnavailable as exc:
        print(json.dumps({"unavailable": str(exc)}), flush=True)
        return
    load = time.perf_counter() - started
    warm = Image.open(cases[0].path)
    engine.read(warm.copy(), fax=cases[0].fax)
    print(json.dumps({"ready": True}), flush=True)
    for request in sys.stdin:
        if not request.strip():
            break
        case = cases[int(request)]
        image = Image.open(case.path)
        texts = []
        seconds = 0.0
        pages = 0
        for frame in ImageSequence.Iterator(image):
            tick = time.perf_counter()
            texts.append(engine.read(frame.copy(), page_number=pages + 1, fax=case.fax).text)
            seconds += time.perf_counter() - tick
            pages += 1
        print(json.dumps({"case": case.name, "text": "\n".join(texts), "seconds": seconds, "pages": pages},
                         ensure_ascii=False), flush=True)
    # The Tesseract engine's work happens in child processes; count them too.
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(json.dumps({"load_seconds": load, "peak_rss_mb": peak}), flush=True)


def run_engines(names: list[str], cases: list[Case], threads: int, folder: Path) -> dict[str, dict[str, object]]:
    """Each engine in its own process (its memory is its own), all loaded first, then the
    pages read in turns, engine after engine on the same page: a slow spell of a shared
    machine then falls on every engine alike instead of on whichever ran during it."""
    cases_file = folder / "cases.json"
    cases_file.write_text(json.dumps([asdict(c) for c in cases], ensure_ascii=False), "utf-8")
    results: dict[str, dict[str, object]] = {}
    running: dict[str, subprocess.Popen[str]] = {}
    for name in names:
        process = subprocess.Popen([sys.executable, __file__, "--worker", name, "--cases", str(cases_file),
                                    "--threads", str(threads)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        first = answer(process)
        if "ready" in first:
            running[name] = process
            results[name] = {"pages": {}}
        else:
            results[name] = first
    for index in range(len(cases)):
        for name, process in running.items():
            assert process.stdin is not None
            process.stdin.write(f"{index}\n")
            process.stdin.flush()
            item = answer(process)
            if "case" not in item:
                results[name] = item
                continue
            results[name]["pages"][item["case"]] = item  # type: ignore[index]
    for name, process in running.items():
        assert process.stdin is not None
        process.stdin.write("\n")
        process.stdin.flush()
        results[name].update(answer(process))
        process.wait()
    return results


def answer(process: subprocess.Popen[str]) -> dict[str, object]:
    """The worker's next JSON line, or why it stopped."""
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.wait()
        stderr = process.stderr.read() if process.stderr else ""
        return {"unavailable": f"worker failed: {stderr.strip()[-400:]}"}
    result: dict[str, object] = json.loads(line)
    return result


def summarise(name: str, result: dict[str, object], cases: list[Case]) -> dict[str, object]:
    if "unavailable" in result:
        return {"engine": name, "unavailable": result["unavailable"]}
    pages: dict[str, dict[str, object]] = result["pages"]  # type: ignore[assignment]
    synthetic = [c for c in cases if not c.realworld]
    real = [c for c in cases if c.realworld]
    rows = {c.name: cer(c.truth, str(pages[c.name]["text"]), c.realworld) for c in cases}
    per_page = [float(pages[c.name]["seconds"]) / max(1, int(pages[c.name]["pages"])) for c in synthetic]  # type: ignore[call-overload]
    forms = [c for c in synthetic if "form" in c.name]
    return {
        "engine": name,
        "load_seconds": round(float(result["load_seconds"]), 2),  # type: ignore[arg-type]
        "median_seconds_per_a4_page": round(statistics.median(per_page), 2) if per_page else None,
        "cer_rendered": round(statistics.mean(rows[c.name] for c in synthetic), 4) if synthetic else None,
        "cer_realworld": round(statistics.mean(rows[c.name] for c in real), 4) if real else None,
        "forms_ticks_exact": sum(tick_marks(str(pages[c.name]["text"])) == tick_marks(c.truth) for c in forms),
        "forms": len(forms),
        "peak_rss_mb": round(float(result["peak_rss_mb"])),  # type: ignore[arg-type]
        "per_case": rows,
    }


def print_ratios(summaries: list[dict[str, object]]) -> None:
    """How the default compares with each Tesseract run: times faster, and its share of
    Tesseract's error on rendered pages (and on real ones)."""
    by_name = {str(s["engine"]): s for s in summaries if "unavailable" not in s}
    for name in ("rapidocr", "rapidocr-fp32"):
        ours = by_name.get(name)
        for peer in ("tesseract", "tesseract-1t"):
            other = by_name.get(peer)
            if ours is None or other is None:
                continue
            speed = float(other["median_seconds_per_a4_page"]) / float(ours["median_seconds_per_a4_page"])  # type: ignore[arg-type]
            error = float(ours["cer_rendered"]) / max(1e-9, float(other["cer_rendered"]))  # type: ignore[arg-type]
            line = f"{name} vs {peer}: {speed:.1f}x the speed per page, {error:.3f} of its error (rendered)"
            if ours["cer_realworld"] is not None and other["cer_realworld"]:
                line += f", {float(ours['cer_realworld']) / float(other['cer_realworld']):.3f} (real)"  # type: ignore[arg-type]
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="rapidocr,rapidocr-fp32,tesseract,tesseract-1t,paddleocr")
    parser.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--realworld", type=Path, help="a folder with truth.jsonl and its images")
    parser.add_argument("--detail", action="store_true", help="CER of every page")
    parser.add_argument("--json", action="store_true", help="one JSON object per engine")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.cases, args.threads)
        return
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        folder = Path(tmp)
        cases = render_cases(folder)
        if args.realworld:
            cases += realworld_cases(args.realworld)
        names = [name for name in args.engines.split(",") if name]
        results = run_engines(names, cases, args.threads, folder)
        summaries = [summarise(name, results[name], cases) for name in names]
    if args.json:
        for summary in summaries:
            print(json.dumps(summary, ensure_ascii=False))
        return
    header = f"{'engine':<13} {'load s':>7} {'s/page':>7} {'CER pages':>10} {'CER real':>9} {'ticks':>6} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    for s in summaries:
        if "unavailable" in s:
            print(f"{s['engine']:<13} unavailable: {s['unavailable']}")
            continue
        real = "-" if s["cer_realworld"] is None else f"{s['cer_realworld']:.4f}"
        print(f"{s['engine']:<13} {s['load_seconds']:>7.2f} {s['median_seconds_per_a4_page']:>7.2f} "
              f"{s['cer_rendered']:>10.4f} {real:>9} {s['forms_ticks_exact']:>3}/{s['forms']:<2} {s['peak_rss_mb']:>8}")
    print_ratios(summaries)
    if args.detail:
        for s in summaries:
            if "per_case" in s:
                print(f"\n{s['engine']}:")
                for name, value in s["per_case"].items():  # type: ignore[attr-defined]
                    print(f"  {name:<50} {value:.4f}")


if __name__ == "__main__":
    main()
