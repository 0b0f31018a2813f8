"""Reading order: forms read cell by cell, row by row; columns one after the other."""
from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from intake.ocr.engines import OcrEngine
from intake.ocr.layout.lines import ReadLine, columns_of, find_cells, ink_mask, join_row, order_lines, rows_of
from tests.helpers import CJK_FONT

ROWS = [("姓名", "王建国", "工作单位", "无"),
        ("证件名称", "居民身份证", "证件号码", "371502196802242514"),
        ("联系电话", "15895438262", "电子邮箱", "wjg@163.com"),
        ("通信地址", "聊城市东昌府区古楼街道|楼西街17号院3号楼", "邮政编码", "252000")]


def render_form() -> Image.Image:
    """A title, then a ruled table: a vertical group label down the left, then four rows of
    label | value | label | value; one value wraps onto a second line in its cell."""
    font = ImageFont.truetype(CJK_FONT or "", 22)
    page = Image.new("RGB", (1100, 560), "white")
    draw = ImageDraw.Draw(page)
    draw.text((300, 30), "政府信息公开申请表", font=font, fill="black")
    columns = [40, 110, 230, 560, 690, 1060]
    heights = [70, 70, 70, 110]
    top = 90
    tops = [top + sum(heights[:i]) for i in range(len(heights) + 1)]
    for x in columns:
        draw.line((x, top, x, tops[-1]), fill="black", width=2)
    for index, y in enumerate(tops):
        draw.line((columns[0] if index in (0, len(tops) - 1) else columns[1], y, columns[-1], y),
                  fill="black", width=2)
    for offset, char in enumerate("申请人信息"):
        draw.text((63, 170 + offset * 30), char, font=font, fill="black")
    for row, cells in enumerate(ROWS):
        for column, text in enumerate(cells):
            for line_number, part in enumerate(text.split("|")):
                draw.text((columns[column + 1] + 12, tops[row] + 22 + line_number * 34), part, font=font,
                          fill="black")
    draw.text((60, tops[-1] + 30), "说明：一张申请表填写一项政府信息。", font=font, fill="black")
    return page


def test_form_table_reads_label_then_value_row_by_row(engine: OcrEngine) -> None:
    page = engine.read(render_form())
    expected = ["政府信息公开申请表", "申请人信息"]
    for cells in ROWS:
        expected += [part for text in cells for part in text.split("|")]
    expected.append("说明：一张申请表填写一项政府信息。")
    text = "".join(page.text.split())
    positions = [text.find(item) for item in expected]
    assert -1 not in positions, f"missing {[e for e, p in zip(expected, positions) if p < 0]} in {page.text!r}"
    assert positions == sorted(positions), page.text
    # The wrapped address stays in one piece, before the next label.
    assert "聊城市东昌府区古楼街道楼西街17号院3号楼邮政编码" in text


# ---------------------------------------------------------------- without models
def line(text: str, x0: float, y0: float, x1: float, y1: float) -> ReadLine:
    return ReadLine(text, (x0, y0, x1, y1), 0.99,
                    tuple(np.linspace(x0, x1, len(text) + 2)[1:-1].tolist()))


def test_boxes_on_one_visual_line_are_joined_left_to_right() -> None:
    rows = rows_of([line("电子邮件", 300, 102, 400, 128), line("纸质文本", 100, 100, 200, 126),
                    line("下一行", 100, 150, 180, 176)])
    assert [[ln.text for ln in row] for row in rows] == [["纸质文本", "电子邮件"], ["下一行"]]  # type: ignore[union-attr]
    joined = join_row([ln for ln in rows[0] if isinstance(ln, ReadLine)])
    assert joined.text == "纸质文本 电子邮件"
    assert len(joined.char_x) == len(joined.text)
    assert joined.box == (100, 100, 400, 128)


def test_two_columns_are_read_one_after_the_other_below_a_heading() -> None:
    heading = line("两栏文章的标题在最上面", 100, 20, 900, 50)
    left = [line(f"左栏第{n}行文字内容较长", 100, 100 + 40 * n, 420, 126 + 40 * n) for n in range(4)]
    right = [line(f"右栏第{n}行文字内容较长", 560, 100 + 40 * n, 880, 126 + 40 * n) for n in range(4)]
    blocks = columns_of([heading, *right, *left], 16.0)
    order = [ln.text for block in blocks for row in rows_of(block) for ln in row]  # type: ignore[union-attr]
    assert order == [heading.text] + [ln.text for ln in left] + [ln.text for ln in right]


def test_label_and_value_on_one_line_are_not_taken_for_columns() -> None:
    pairs = [line("姓名：", 100, 100 + 40 * n, 160, 126 + 40 * n) for n in range(3)]
    values = [line(f"值{n}", 400, 100 + 40 * n, 440, 126 + 40 * n) for n in range(3)]
    blocks = columns_of(pairs + values, 16.0)
    order = [ln.text for block in blocks for row in rows_of(block) for ln in row]  # type: ignore[union-attr]
    assert order == ["姓名：", "值0", "姓名：", "值1", "姓名：", "值2"]


def ruled_table() -> np.ndarray:
    """A 300×600 grey image with a ruled table of three rows and two columns."""
    gray = np.full((300, 600), 255, np.uint8)
    for y in (50, 120, 190, 260):
        cv2.line(gray, (50, y), (550, y), 0, 2)
    for x in (50, 200, 550):
        cv2.line(gray, (x, 50), (x, 260), 0, 2)
    return gray


def test_cells_found_from_ruled_lines() -> None:
    gray = ruled_table()
    labels, cells = find_cells(ink_mask(gray, 20.0), 20.0)
    assert len(cells) == 6
    assert labels[85, 120] != labels[85, 300] != 0
    assert labels[20, 20] == 0


def test_cells_in_row_order_with_a_spanning_group_label() -> None:
    gray = np.full((400, 700), 255, np.uint8)
    cv2.rectangle(gray, (40, 40), (660, 340), 0, 2)
    cv2.line(gray, (120, 40), (120, 340), 0, 2)      # group label column
    cv2.line(gray, (330, 40), (330, 340), 0, 2)
    for y in (140, 240):
        cv2.line(gray, (120, y), (660, y), 0, 2)
    lines = [line("值三", 340, 270, 420, 300), line("标签一", 130, 70, 230, 100), line("值一", 340, 70, 420, 100),
             line("组", 65, 120, 95, 150), line("标签二", 130, 170, 230, 200), line("值二", 340, 170, 420, 200),
             line("标签三", 130, 270, 230, 300), line("表格标题", 250, 5, 450, 30)]
    ordered = order_lines(lines, ink_mask(gray, 18.0), 18.0)
    assert [ln.text for ln in ordered] == ["表格标题", "组", "标签一", "值一", "标签二", "值二", "标签三", "值三"]


def test_cells_are_placed_on_the_page_wherever_the_table_is() -> None:
    """Only the inked part is searched; the cells still come back in page coordinates."""
    table = ruled_table()
    page = np.full((1200, 1400), 255, np.uint8)
    page[700:1000, 650:1250] = table
    _, alone = find_cells(ink_mask(table, 20.0), 20.0)
    labels, placed = find_cells(ink_mask(page, 20.0), 20.0)
    assert len(placed) == len(alone) == 6
    moved = sorted(tuple(c.box) for c in placed.values())
    assert moved == sorted((b[0] + 650, b[1] + 700, b[2] + 650, b[3] + 700)
                           for b in (tuple(c.box) for c in alone.values()))
    assert labels.shape == page.shape
    x0, y0, x1, y1 = (int(v) for v in moved[0])
    assert labels[(y0 + y1) // 2, (x0 + x1) // 2] > 0


def test_blank_page_has_no_cells() -> None:
    labels, cells = find_cells(ink_mask(np.full((400, 300), 255, np.uint8), 20.0), 20.0)
    assert cells == {} and not labels.any()
