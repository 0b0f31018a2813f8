"""Make the int8 PP-OCR models shipped in `ocr/models/` from the float models in the rapidocr wheel.

    pip install onnx            # only this script needs it; the service does not
    python scripts/quantize_ocr_models.py [--out ocr/models] [--pages 24]

Static quantization (onnxruntime.quantization, QOperator format, int8 weights per channel in
7-bit range, uint8 activations, min/max calibration averaged over the inputs). The reduced weight
range matters on CPUs with AVX2 but no VNNI (many office servers): there onnxruntime's u8s8
kernels saturate full-range int8 weights and the models read worse than on a VNNI machine; with
reduce_range the results are the same on both: on a CPU with AVX2/VNNI the detector runs about
1.5× and the recogniser about 1.6× faster, with the same character error rate on the OCR
benchmark (bench/ocr_engines.py). Calibration inputs are pages rendered here — letters in every
installed CJK font and several sizes, a ruled form, grey or unevenly lit paper, speckle,
a red seal, a binarised fax — prepared exactly as the engine prepares them
(`ocr.image.prepare.prepare_page`, `ocr.engines.rapid.detector_input` / `recogniser_input`), so the
activation ranges are those the engine meets. The random generator is seeded: the same
fonts give the same models. Nothing is downloaded.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intake.ocr.image.prepare import prepare_page  # noqa: E402
from intake.ocr.engines.ppocr import (DET_MODEL, INT8_SUFFIX, REC_MODEL, PpOcrModels, bundled_model_dir,  # noqa: E402
                       crop_line, detector_input, model_files, recogniser_input)

TEXT = ("政府信息公开申请书。申请人姓名、身份证号码、联系电话、通信地址、邮政编码、电子邮箱。根据《中华人民共和国政府信息公开条例》"
        "第二十七条的规定，现申请公开下列政府信息：二〇二四年度本辖区食品安全监督抽检结果、行政处罚决定书（聊市监罚〔2024〕第15号）"
        "及整改落实情况。所需信息的指定提供方式：纸质文本、电子邮件、光盘；获取信息的方式：邮寄、快递、当面领取、在线获取。"
        "此致敬礼！申请人签名：王建国 2025年3月18日 电话：13805351234 地址：山东省聊城市东昌府区柳园南路12号 252000 "
        "电子邮箱：wangjg_1978@sina.com zhang.xiaoyan@163.com service@qq.com 网址：http://www.example.gov.cn/xxgk/index.html "
        "统一社会信用代码：91371500MA3C8Q2K5X 身份证号：37150219880512003X 传真：0635-8261234 FROM:18859190020 P.1/2 "
        "Tel (0635) 2345678, Fax +86-635-8765432; Ref. No. LC-2025/017; ISO 9001:2015 A4 70g CF228A")
FORM_LABELS = ["姓名", "证件类型", "证件号码", "联系电话", "通信地址", "邮政编码", "电子邮箱", "所需信息内容描述",
               "所需信息的用途", "提供方式", "获取方式", "申请人签名"]


def cjk_fonts() -> list[str]:
    listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                             check=False).stdout
    fonts = sorted({line.split(":")[0].strip() for line in listing.splitlines() if line.strip()})
    if not fonts:
        raise SystemExit("no CJK font installed (fc-list :lang=zh): cannot render calibration pages")
    return fonts


def letter(rng: random.Random, font_file: str, size: tuple[int, int], glyph: int) -> Image.Image:
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_file, glyph)
    margin = size[0] // 10
    y = margin
    start = rng.randrange(len(TEXT))
    text = TEXT[start:] + TEXT[:start]
    while y < size[1] - margin - glyph:
        line = ""
        while text and font.getlength(line + text[0]) < size[0] - 2 * margin:
            line, text = line + text[0], text[1:]
        if not text:
            text = TEXT
        draw.text((margin + rng.randrange(0, glyph), y), line, font=font, fill=(20, 20, 20))
        y += int(glyph * rng.uniform(1.6, 2.4))
    return page


def form(rng: random.Random, font_file: str, size: tuple[int, int]) -> Image.Image:
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    glyph = size[0] // 48
    font = ImageFont.truetype(font_file, glyph)
    left, right, top, row = size[0] // 12, size[0] * 11 // 12, size[1] // 10, glyph * 3
    middle = left + (right - left) // 3
    draw.text((left + glyph * 8, top - glyph * 2), "政府信息公开申请表", font=font, fill="black")
    for number, label in enumerate(FORM_LABELS):
        y = top + number * row
        draw.rectangle((left, y, right, y + row), outline="black", width=2)
        draw.line((middle, y, middle, y + row), fill="black", width=2)
        draw.text((left + glyph, y + glyph), label, font=font, fill="black")
        start = rng.randrange(len(TEXT) - 20)
        draw.text((middle + glyph, y + glyph), TEXT[start: start + rng.randrange(6, 20)], font=font, fill="black")
        box = middle + glyph * 22
        draw.rectangle((box, y + glyph, box + glyph, y + 2 * glyph), outline="black", width=2)
        if rng.random() < 0.5:
            draw.line((box + 3, y + glyph * 1.5, box + glyph // 2, y + glyph * 1.9, box + glyph, y + glyph),
                      fill="black", width=3)
    return page


def roughen(rng: random.Random, page: Image.Image, font_file: str) -> Image.Image:
    """Paper as it comes: grey or uneven light, speckle, a red seal, a little blur."""
    width, height = page.size
    kind = rng.choice(["plain", "grey", "light", "speckle", "seal", "blur"])
    if kind == "grey":
        page = ImageChops.multiply(page, Image.new("RGB", page.size, (225, 220, 205)))
    elif kind == "light":
        ramp = np.linspace(0.55, 1.0, width, dtype=np.float32)[None, :, None]
        page = Image.fromarray((np.asarray(page, np.float32) * ramp).astype(np.uint8))
    elif kind == "speckle":
        pixels = np.asarray(page).copy()
        noise = np.random.default_rng(rng.randrange(1 << 30)).random(pixels.shape[:2]) < 0.004
        pixels[noise] = 0
        page = Image.fromarray(pixels)
    elif kind == "seal":
        stamp = Image.new("RGB", page.size, "white")
        draw = ImageDraw.Draw(stamp)
        x, y, r = rng.randrange(width // 4, width * 3 // 4), rng.randrange(height // 4, height * 3 // 4), width // 9
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(215, 40, 45), width=max(4, r // 20))
        draw.text((x - r * 3 // 4, y - r // 3), "某某局专用章", font=ImageFont.truetype(font_file, r // 4),
                  fill=(215, 40, 45))
        page = ImageChops.multiply(page, stamp)
    elif kind == "blur":
        page = page.filter(ImageFilter.GaussianBlur(1.2))
    return page


def pages(count: int, seed: int = 20251125) -> Iterator[tuple[Image.Image, bool]]:
    """(page, is_fax) pairs: letters and forms at 100 to 300 dpi, roughened."""
    rng = random.Random(seed)
    fonts = cjk_fonts()
    sizes = [(827, 1169), (1240, 1754), (1654, 2339), (2480, 3508)]
    for number in range(count):
        font_file = fonts[number % len(fonts)]
        size = sizes[number % len(sizes)]
        if number % 5 == 4:
            page = form(rng, font_file, size)
        else:
            page = letter(rng, font_file, size, glyph=int(size[0] / rng.uniform(28, 60)))
        page = roughen(rng, page, font_file)
        if number % 7 == 6:   # a fax: binarised, half the vertical resolution
            half = page.convert("L").resize((size[0], size[1] // 2)).point(lambda v: 255 if v > 150 else 0)
            yield half.convert("1"), True
        else:
            yield page, False


def calibration(count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Detector inputs for every page, recogniser inputs for a sample of their lines."""
    models = PpOcrModels(*model_files("fp32", "fp32"), threads=2)
    det_inputs, rec_inputs = [], []
    for page, fax in pages(count):
        prepared = prepare_page(page, fax=fax)
        scale = min(1.0, 1024 / max(prepared.shape[:2]))
        det_inputs.append({"x": detector_input(prepared, scale)})
        for quad in models.detect(prepared)[::4]:
            blob, _ = recogniser_input([crop_line(prepared, quad)])
            rec_inputs.append({"x": blob})
    return det_inputs, rec_inputs


class Feed:
    """onnxruntime's CalibrationDataReader protocol over a list of inputs."""

    def __init__(self, inputs: list[dict[str, Any]]) -> None:
        self._inputs = iter(inputs)

    def get_next(self) -> dict[str, Any] | None:
        return next(self._inputs, None)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    from onnxruntime.quantization import (CalibrationMethod, QuantFormat, QuantType,
                                          quantize_static)
    from onnxruntime.quantization.shape_inference import quant_pre_process

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "ocr" / "models")
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    source = bundled_model_dir()
    det_inputs, rec_inputs = calibration(args.pages)
    print(f"calibration: {len(det_inputs)} pages, {len(rec_inputs)} lines")
    provenance = []
    with tempfile.TemporaryDirectory() as tmp:
        for model, inputs in ((DET_MODEL, det_inputs), (REC_MODEL, rec_inputs)):
            prepared = Path(tmp) / model
            quant_pre_process(str(source / model), str(prepared), skip_symbolic_shape=True)
            target = args.out / model.replace(".onnx", INT8_SUFFIX)
            quantize_static(str(prepared), str(target), Feed(inputs), quant_format=QuantFormat.QOperator,
                            per_channel=True, reduce_range=True,
                            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                            calibrate_method=CalibrationMethod.MinMax,
                            # Ranges averaged over the calibration inputs rather than the
                            # extremes of one: a single odd page does not coarsen every step.
                            extra_options={"CalibMovingAverage": True})
            provenance.append(f"- `{target.name}` ({target.stat().st_size:,} bytes, sha256 {sha256(target)[:16]}…) "
                              f"from `{model}` (sha256 {sha256(source / model)[:16]}…)")
            print(f"wrote {target}")
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in ("rapidocr", "onnxruntime", "onnx"))
    (args.out / "README.md").write_text(
        "# int8 PP-OCRv6 models\n\n"
        "Made by `scripts/quantize_ocr_models.py` from the float models in the rapidocr wheel (PaddleOCR's\n"
        "PP-OCRv6 small detector and recogniser, Apache-2.0), calibrated on "
        f"{len(det_inputs)} rendered pages / {len(rec_inputs)} lines.\n"
        f"Built with {versions}.\n\n" + "\n".join(provenance) + "\n", "utf-8")


if __name__ == "__main__":
    main()
