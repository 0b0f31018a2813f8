"""Comb fields (a box per character): walls painted out, ordinary lines left alone."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.ocr.engines import create_engine
from intake.ocr.layout.combs import clear_comb
from tests.helpers import CJK_FONT, needs_cjk_font


def comb_page(digits: str, *, side: int, size: int, colour: tuple[int, int, int]) -> Image.Image:
    """A page with a row of boxes, one digit in each, and an address line below."""
    page = Image.new("RGB", (1400, 500), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(CJK_FONT or "", size)
    for index, digit in enumerate(digits):
        x = 60 + index * (side + 8)
        draw.rectangle((x, 60, x + side, 60 + side), outline=colour, width=2)
        draw.text((x + (side - size * 0.6) / 2, 60 + (side - size) / 2 - 4), digit, font=font, fill="black")
    draw.text((300, 300), "山东省聊城市东昌府区东昌路123号", font=ImageFont.truetype(CJK_FONT or "", 40),
              fill="black")
    return page


def line_crop(text: str, *, boxed: bool) -> np.ndarray:
    """A crop as the detector would cut it: the characters with a margin above and below."""
    image = Image.new("RGB", (60 + 48 * len(text), 64), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(CJK_FONT or "", 30)
    for index, char in enumerate(text):
        x = 10 + index * 48
        if boxed:
            draw.rectangle((x, 8, x + 44, 56), outline="black", width=2)
        draw.text((x + 8, 14), char, font=font, fill="black")
    return np.asarray(image)[:, :, ::-1].copy()


@needs_cjk_font
def test_comb_walls_are_painted_out_and_characters_kept() -> None:
    crop = line_crop("252000", boxed=True)
    cleared = clear_comb(crop)
    assert cleared is not None
    dark = (cleared.min(axis=2) < 160)
    assert not dark[:, 10:13].any()          # the first wall is gone
    assert dark[20:45, 18:40].any()           # the first digit is still there


@needs_cjk_font
@pytest.mark.parametrize("text", ["申请公开下列政府信息", "中华人民共和国11111"])
def test_ordinary_lines_are_not_combs(text: str) -> None:
    assert clear_comb(line_crop(text, boxed=False)) is None


@needs_cjk_font
@pytest.mark.parametrize("colour", [(200, 30, 30), (0, 0, 0)])
def test_postcode_boxes_on_an_envelope_are_read(colour: tuple[int, int, int]) -> None:
    engine = create_engine("rapidocr", threads=2)
    page = engine.read(comb_page("252000", side=36, size=26, colour=colour))
    first = "".join(page.text.splitlines()[0].split())
    assert first == "252000", page.text
    assert page.ticks == ()   # boxes with a character in them are not option boxes
