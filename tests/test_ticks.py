"""Check boxes: ticked told from empty on the image, written as ☑/□ before the option words."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.ocr.engines import OcrEngine
from intake.ocr.layout.lines import ReadLine
from intake.ocr.layout.ticks import apply_ticks, find_squares, option_label
from tests.helpers import CJK_FONT

SIZE = 26


def draw_box(draw: ImageDraw.ImageDraw, x: int, y: int, side: int, mark: str) -> None:
    """An option box; mark: '' empty, 'v' printed check, 'x' cross, 'fill', 'pen' (a tick
    drawn by hand, crossing the outline and rising above it)."""
    draw.rectangle((x, y, x + side, y + side), outline="black", width=2)
    if mark == "v":
        draw.line((x + 4, y + side // 2, x + side // 2 - 1, y + side - 5, x + side - 3, y + 4), fill="black", width=3)
    elif mark == "x":
        draw.line((x + 4, y + 4, x + side - 4, y + side - 4), fill="black", width=2)
        draw.line((x + 4, y + side - 4, x + side - 4, y + 4), fill="black", width=2)
    elif mark == "fill":
        draw.rectangle((x, y, x + side, y + side), fill="black")
    elif mark == "pen":
        draw.line((x - 3, y + side // 2, x + side // 2, y + side + 3, x + side + 8, y - 9), fill=(20, 20, 120), width=4)


def render_options(rows: list[list[tuple[str, str]]]) -> Image.Image:
    font = ImageFont.truetype(CJK_FONT or "", SIZE)
    page = Image.new("RGB", (1000, 80 + 70 * len(rows)), "white")
    draw = ImageDraw.Draw(page)
    for number, options in enumerate(rows):
        y = 50 + 70 * number
        draw.text((40, y), "获取方式：", font=font, fill="black")
        x = 190
        for mark, words in options:
            draw_box(draw, x, y + 7, 20, mark)
            draw.text((x + 28, y), words, font=font, fill="black")
            x += 28 + SIZE * len(words) + 40
    return page


def test_ticked_and_empty_boxes_are_told_apart(engine: OcrEngine) -> None:
    page = engine.read(render_options([[("v", "纸质文本"), ("", "电子邮件"), ("", "光盘")],
                                       [("", "邮寄"), ("x", "电子邮件"), ("", "自行领取"), ("fill", "当场阅读")]]))
    assert [(t.label, t.ticked) for t in page.ticks] == [
        ("纸质文本", True), ("电子邮件", False), ("光盘", False),
        ("邮寄", False), ("电子邮件", True), ("自行领取", False), ("当场阅读", True)]
    text = "".join(page.text.split())
    assert "☑纸质文本□电子邮件□光盘" in text
    assert "□邮寄☑电子邮件□自行领取☑当场阅读" in text
    for tick in page.ticks:
        x0, y0, x1, y1 = tick.box
        assert 15 <= x1 - x0 <= 30 and 15 <= y1 - y0 <= 30


def test_a_pen_tick_crossing_the_box_counts(engine: OcrEngine) -> None:
    page = engine.read(render_options([[("", "纸质文本"), ("pen", "电子邮件"), ("", "光盘")]]))
    assert [(t.label, t.ticked) for t in page.ticks] == [("纸质文本", False), ("电子邮件", True), ("光盘", False)]


def test_square_characters_in_running_text_are_not_boxes(engine: OcrEngine) -> None:
    font = ImageFont.truetype(CJK_FONT or "", SIZE)
    page_image = Image.new("RGB", (1000, 200), "white")
    draw = ImageDraw.Draw(page_image)
    draw.text((40, 40), "出入口处的国家标准回执单，日用品口罩四只。", font=font, fill="black")
    draw.text((40, 110), "人口普查的回执和国家田园规划，品质四方。", font=font, fill="black")
    page = engine.read(page_image)
    assert page.ticks == ()
    assert "☑" not in page.text and "□" not in page.text


# ---------------------------------------------------------------- without models
def ink_of(image: Image.Image) -> np.ndarray:
    return (np.asarray(image.convert("L")) < 128).astype(np.uint8) * 255


def test_find_squares_sees_outline_and_tick() -> None:
    image = Image.new("L", (300, 80), 255)
    draw = ImageDraw.Draw(image)
    draw_box(draw, 20, 20, 20, "")
    draw_box(draw, 120, 20, 20, "v")
    draw_box(draw, 220, 20, 12, "x")       # a small box, as some fonts draw □
    squares = sorted(find_squares(ink_of(image), 24.0), key=lambda s: s.box[0])
    assert [s.ticked for s in squares] == [False, True, True]
    assert squares[0].box == pytest.approx((20, 20, 41, 41), abs=1.5)


def test_recognised_box_glyphs_become_ticks_without_an_image_square() -> None:
    text = "□邮寄 ✓电子邮件 □自行领取"
    row = ReadLine(text, (100, 100, 500, 130), 0.95, tuple(float(120 + 16 * i) for i in range(len(text))))
    rows, ticks = apply_ticks([row], np.zeros((300, 700), np.uint8), 18.0)
    assert rows[0].text == "□邮寄 ☑电子邮件 □自行领取"
    assert [(t.label, t.ticked) for t in ticks] == [("邮寄", False), ("电子邮件", True), ("自行领取", False)]


def test_a_lone_cross_in_running_text_is_left_alone() -> None:
    text = "面积为3×4平方米"
    row = ReadLine(text, (100, 100, 400, 130), 0.95, tuple(float(110 + 16 * i) for i in range(len(text))))
    rows, ticks = apply_ticks([row], np.zeros((300, 700), np.uint8), 18.0)
    assert rows[0].text == text and ticks == []


def test_option_label_trims_spaces_and_punctuation() -> None:
    assert option_label(" 当场阅读、抄录；") == "当场阅读、抄录"
    assert option_label("  ") == ""
