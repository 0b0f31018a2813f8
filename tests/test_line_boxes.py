"""Where a line was read, on the page as scanned: real OCR on rendered pages, upright and turned,
and the review page's matching of a field's value to those lines."""
from __future__ import annotations

import pytest
from intake.kernel import LineBox
from intake.ocr.boxes import line_boxes, unturned
from intake.review.highlights import field_marks
from tests.helpers import needs_cjk_font, render_page

LINES = ["政府信息公开申请书", "申请人：钱文博", "联系电话：13805311234", "所需信息：2025年电梯维保单位名录"]
WIDTH, HEIGHT, MARGIN, SIZE, SPACING = 1240, 1754, 110, 30, 1.9


def _drawn_at(index: int) -> tuple[float, float]:
    """The fraction (x, y) of the page where line `index` was drawn, its top-left corner."""
    return MARGIN / WIDTH, (MARGIN + index * int(SIZE * SPACING)) / HEIGHT


@needs_cjk_font
@pytest.mark.parametrize("turn", [0, 180, 90])
def test_a_line_box_lands_where_the_line_was_printed_on_the_original(engine, turn: int) -> None:
    page = render_page(LINES)
    # A page fed the wrong way round: OCR reads it turned upright; the box must come back to the original.
    scanned = page.rotate(turn, expand=True) if turn else page
    read = engine.read(scanned)
    phone = next(box for box in line_boxes([read]) if "13805311234" in box.text)
    expected_x, expected_y = _drawn_at(2)
    x0, y0, x1, y1 = phone.box
    if turn == 180:
        # In the scanned orientation the line's start is at the far corner.
        expected_x, expected_y = 1 - expected_x, 1 - expected_y - SIZE / HEIGHT
        assert abs(x1 - expected_x) < 0.03 and abs(y0 - expected_y) < 0.03, phone
    elif turn == 90:
        # PIL's rotate(90) is counter-clockwise: the page's top-left corner goes to the bottom-left.
        assert abs(x0 - expected_y) < 0.03 and abs(y1 - (1 - expected_x)) < 0.03, phone
    else:
        assert abs(x0 - expected_x) < 0.03 and abs(y0 - expected_y) < 0.03, phone
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1


def test_unturning_four_quarter_turns_gives_the_box_back() -> None:
    box = (0.1, 0.2, 0.4, 0.25)
    assert unturned(box, 0) == box
    assert unturned(unturned(box, 180), 180) == pytest.approx(box)
    # A turn and the opposite turn cancel out.
    assert unturned(unturned(box, 90), 270) == pytest.approx(box)


def test_text_layers_and_emails_have_no_boxes() -> None:
    from intake.kernel import PageText
    assert line_boxes([PageText(number=1, text="邮件正文")]) == ()


def test_a_field_is_marked_on_the_lines_its_value_was_read_from() -> None:
    lines = [LineBox(1, "申请人：钱文博", (0.1, 0.1, 0.4, 0.12)),
             LineBox(1, "所需信息：2025年本市电梯维护保养", (0.1, 0.2, 0.8, 0.22)),
             LineBox(1, "单位名录及其资质 证书编号", (0.1, 0.23, 0.6, 0.25)),
             LineBox(2, "申请人签名：钱文博", (0.5, 0.9, 0.8, 0.92)),
             LineBox(2, "获取方式：邮寄", (0.1, 0.8, 0.3, 0.82))]
    record = {"applicant": {"name": "钱文博", "phone": None},
              "request": {"description": "2025年本市电梯维护保养单位名录及其资质证书编号", "titles": []}}
    marks = field_marks(record, lines)
    assert marks["applicant.name"] == [[1.0, 0.1, 0.1, 0.4, 0.12], [2.0, 0.5, 0.9, 0.8, 0.92]]
    # A description over two lines is marked on both, never on the delivery line below it.
    assert [mark[2] for mark in marks["request.description"]] == [0.2, 0.23]
    assert "applicant.phone" not in marks
