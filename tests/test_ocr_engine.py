"""The OCR stage end to end: real PP-OCR on small pages rendered here with a CJK font."""
from __future__ import annotations

import io
import socket
import subprocess
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from intake.kernel.model import PageText
from intake.ocr.engines import OcrEngine, OcrUnavailable, create_engine
from intake.ocr.engines.tesseract import TesseractEngine, parse_tsv
from intake.ocr.image.orientation import parse_osd, skew_degrees
from intake.ocr.image.prepare import prepare_page, remove_seals, vertical_stretch
from tests.helpers import CJK_FONT

LINES = ["政府信息公开申请书", "申请人：赵一鸣，联系电话：13912345678", "现向你局申请公开以下政府信息：",
         "2024年度本市电梯监督抽查结果通报。"]


def squeeze(text: str) -> str:
    return "".join(text.split())


def render(lines: list[str], *, font: str | None = None, size: int = 28, width: int = 900,
           margin: int = 60) -> Image.Image:
    """A small white page with the lines in black."""
    face = ImageFont.truetype(font or CJK_FONT or "", size)
    page = Image.new("RGB", (width, margin * 2 + int(size * 1.9) * len(lines)), "white")
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * int(size * 1.9)), line, font=face, fill="black")
    return page


def assert_reads(page: PageText, lines: list[str]) -> None:
    text = squeeze(page.text)
    for line in lines:
        assert squeeze(line) in text, f"{line!r} not in {page.text!r}"


@pytest.fixture(scope="module")
def engine() -> Iterator[OcrEngine]:
    if CJK_FONT is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk): cannot render test pages")
    yield create_engine("rapidocr", threads=2)


@pytest.fixture(scope="module")
def letter() -> Image.Image:
    if CJK_FONT is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk): cannot render test pages")
    return render(LINES)


def test_reads_rendered_chinese_lines_in_order(engine: OcrEngine, letter: Image.Image) -> None:
    page = engine.read(letter, page_number=3)
    assert page.number == 3
    assert squeeze(page.text) == squeeze("".join(LINES))
    assert page.rotated == 0
    assert page.confidence > 0.9
    assert len(page.lines) == len(LINES)
    assert all(line.box[0] < line.box[2] and line.box[1] < line.box[3] for line in page.lines)
    assert page.ocr_seconds > 0


@pytest.mark.parametrize(("turn", "expected"), [(180, 180), (90, 270), (270, 90)])
def test_turned_pages_are_put_upright(engine: OcrEngine, letter: Image.Image, turn: int, expected: int) -> None:
    page = engine.read(letter.rotate(turn, expand=True, fillcolor="white"))
    assert page.rotated == expected
    assert_reads(page, LINES)


def test_skewed_page_reads(engine: OcrEngine, letter: Image.Image) -> None:
    page = engine.read(letter.rotate(-2.5, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC))
    assert_reads(page, LINES)


def test_red_seal_over_the_text_does_not_garble_it(engine: OcrEngine, letter: Image.Image) -> None:
    # A seal: red ring with red writing and a star, stamped (ink multiplies) across lines.
    stamp = Image.new("RGB", letter.size, "white")
    draw = ImageDraw.Draw(stamp)
    draw.ellipse((300, 40, 520, 260), outline=(220, 40, 40), width=7)
    face = ImageFont.truetype(CJK_FONT or "", 26)
    draw.text((330, 80), "某某有限公司", font=face, fill=(220, 40, 40))
    draw.regular_polygon((410, 170, 30), 5, fill=(220, 40, 40))
    page = engine.read(ImageChops.multiply(letter, stamp))
    assert_reads(page, LINES)
    assert "某某有限公司" not in squeeze(page.text)


def test_fax_page_at_half_vertical_resolution(engine: OcrEngine, letter: Image.Image) -> None:
    width, height = letter.size
    fax = letter.convert("L").resize((width, height // 2)).point(lambda v: 255 if v > 140 else 0).convert("1")
    stored = io.BytesIO()
    fax.save(stored, "TIFF", compression="group4", dpi=(200, 100))
    page = engine.read(Image.open(io.BytesIO(stored.getvalue())), fax=True)
    assert_reads(page, LINES)


def test_kai_font_and_low_contrast_jpeg(engine: OcrEngine) -> None:
    listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    kai = [line.split(":")[0] for line in listing.splitlines() if "kai" in line.lower()]
    if not kai:
        pytest.skip("no Kai font installed (fonts-arphic-ukai)")
    faint = render(LINES[:2], font=kai[0]).point(lambda v: 130 + v // 2)
    stored = io.BytesIO()
    faint.save(stored, "JPEG", quality=40)
    page = engine.read(Image.open(io.BytesIO(stored.getvalue())))
    assert_reads(page, LINES[:2])


def test_blank_page_gives_empty_text(engine: OcrEngine) -> None:
    page = engine.read(Image.new("L", (600, 800), 255))
    assert page.text == ""
    assert page.lines == ()
    assert page.ticks == ()


def test_models_come_from_the_wheel_and_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch,
                                                              letter: Image.Image) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the OCR engine tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    offline = create_engine("rapidocr", threads=1)
    assert_reads(offline.read(letter), LINES[:1])


def test_unknown_engine_name_is_refused() -> None:
    with pytest.raises(OcrUnavailable, match="unknown OCR engine"):
        create_engine("abbyy")


def test_paddle_engine_without_paddleocr_raises_ocr_unavailable() -> None:
    pytest.importorskip("intake.ocr.engines.paddle")
    try:
        import paddleocr  # noqa: F401
    except ImportError:
        with pytest.raises(OcrUnavailable, match="paddleocr"):
            create_engine("paddleocr")
    else:
        pytest.skip("paddleocr is installed here")


def test_tesseract_peer_reads_a_page(letter: Image.Image) -> None:
    try:
        peer = create_engine("tesseract")
    except OcrUnavailable:
        pytest.skip("tesseract is not installed")
    assert isinstance(peer, TesseractEngine)
    page = peer.read(letter)
    assert "政府信息公开" in squeeze(page.text)


# ---------------------------------------------------------------- the parts, without models
def test_vertical_stretch_from_dpi_or_fax_shape() -> None:
    half = Image.new("1", (1728, 1100))
    assert vertical_stretch(half, fax=True) == 2.0
    assert vertical_stretch(half, fax=False) == 1.0
    fine = Image.new("1", (1728, 2200))
    assert vertical_stretch(fine, fax=True) == 1.0
    tagged = Image.new("L", (800, 500))
    tagged.info["dpi"] = (204, 98)
    assert vertical_stretch(tagged, fax=False) == 2.0
    tagged.info["dpi"] = (200, 200)
    assert vertical_stretch(tagged, fax=True) == 1.0


def test_prepare_page_makes_square_pixels_and_caps_size() -> None:
    half = Image.new("1", (1728, 1100), 1)
    half.info["dpi"] = (204, 98)
    assert prepare_page(half).shape == (2200, 1728, 3)
    huge = Image.new("RGB", (5000, 7000), "white")
    assert max(prepare_page(huge).shape[:2]) <= 2600


def test_seal_removal_keeps_black_text_and_red_letterhead() -> None:
    rgb = np.full((400, 800, 3), 255, np.uint8)
    yy, xx = np.ogrid[:400, :800]
    ring = np.abs(np.hypot(yy - 105, xx - 300) - 80) < 4
    rgb[ring] = (210, 40, 40)                       # the seal's ring
    rgb[100:106, 100:700] = (0, 0, 0)               # black text over it (ink multiplies)
    rgb[300:340, 50:750] = (200, 20, 20)            # a wide red letterhead bar
    cleaned = remove_seals(rgb)
    assert cleaned[ring & ~((yy >= 100) & (yy < 106))].min() > 150   # seal gone
    assert (cleaned[100:106, 100:700] == 0).all()   # text kept
    assert (cleaned[300:340, 50:750] == (200, 20, 20)).all()   # letterhead kept


def test_transparent_white_text_is_made_readable() -> None:
    rgba = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    ImageDraw.Draw(rgba).rectangle((50, 40, 250, 60), fill=(255, 255, 255, 255))
    page = prepare_page(rgba)
    assert page[50, 150].max() < 60 and page[10, 10].min() > 200


def test_skew_from_line_boxes() -> None:
    angle = np.radians(2.0)
    quads = []
    for y in (100, 200, 300):
        x0, x1 = 100.0, 900.0
        top = [(x0, y), (x1, y + (x1 - x0) * np.tan(angle))]
        quads.append(np.array([top[0], top[1], (top[1][0], top[1][1] + 30), (x0, y + 30)], np.float32))
    assert skew_degrees(quads) == pytest.approx(2.0, abs=0.05)


def test_osd_report_parsing() -> None:
    report = "Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 9.3\n"
    assert parse_osd(report) == 270
    assert parse_osd("Rotate: 90\nOrientation confidence: 0.4\n") is None
    assert parse_osd("garbage") is None


def test_tesseract_tsv_words_grouped_into_lines() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "5\t1\t1\t1\t1\t1\t10\t10\t20\t20\t90\t政府\n"
           "5\t1\t1\t1\t1\t2\t32\t10\t20\t20\t80\t信息\n"
           "5\t1\t1\t1\t2\t1\t10\t40\t20\t20\t70\t公开\n")
    lines = parse_tsv(tsv)
    assert [line.text for line in lines] == ["政府信息", "公开"]
    assert lines[0].box == (10.0, 10.0, 52.0, 30.0)
    assert lines[0].score == pytest.approx(0.85)


# ---------------------------------------------------------------- models and the detector's window
def test_float_and_int8_models_read_the_same_letter(letter: Image.Image) -> None:
    """The int8 default and the float originals agree on a clean page."""
    fp32 = create_engine("rapidocr-fp32", threads=2).read(letter)
    int8 = create_engine("rapidocr", threads=2).read(letter)
    assert squeeze(int8.text) == squeeze(fp32.text) == squeeze("".join(LINES))


def test_int8_models_ship_with_the_package_and_carry_the_charset() -> None:
    import onnxruntime as ort

    from intake.ocr.engines.ppocr import INT8_MODEL_DIR, model_files

    det, rec = model_files("int8", "int8")
    assert det.parent == rec.parent == INT8_MODEL_DIR
    keys = ort.InferenceSession(str(rec), providers=["CPUExecutionProvider"]).get_modelmeta(
        ).custom_metadata_map["character"]
    assert len(keys.splitlines()) > 6000 and "政" in keys


def test_missing_int8_model_or_unknown_precision_is_ocr_unavailable(tmp_path: Any) -> None:
    from intake.ocr.engines.ppocr import model_files

    with pytest.raises(OcrUnavailable, match="missing"):
        model_files("int8", "int8", model_dir=tmp_path)
    with pytest.raises(OcrUnavailable, match="precision"):
        model_files("int4", "int8")


def test_detector_window_keeps_every_inked_part_and_drops_blank_margins() -> None:
    from intake.ocr.engines.ppocr import inked_area

    page = np.full((1754, 1240, 3), 255, np.uint8)
    page[400:430, 300:900] = 20            # a line of text
    page[1200:1202, 600:700] = 215         # a faint, thin stroke far below it
    x0, y0, x1, y1 = inked_area(page, margin=40)
    assert (x0, y0) <= (260, 360) and x1 >= 940 and y1 >= 1242
    assert (x1 - x0) * (y1 - y0) < 0.5 * 1240 * 1754
    # A page inked all over, or a blank one, is searched whole.
    assert inked_area(np.zeros((800, 600, 3), np.uint8), margin=40) == (0, 0, 600, 800)
    assert inked_area(np.full((800, 600, 3), 255, np.uint8), margin=40) == (0, 0, 600, 800)


def test_text_in_a_corner_of_a_large_page_is_found(engine: OcrEngine) -> None:
    page = Image.new("RGB", (1654, 2339), "white")
    page.paste(render(LINES[:2], size=34), (700, 1700))
    read = engine.read(page)
    assert_reads(read, LINES[:2])
    boxes = [line.box for line in read.lines]
    assert all(box[0] > 600 and box[1] > 1600 for box in boxes), boxes
