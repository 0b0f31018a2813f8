"""Reading order: the recognised lines of a page put in the order a person reads them.

Plain text runs top to bottom, and boxes on the same visual line are joined left to right.
Forms need more: the detector sees a table's cells as unrelated boxes, and sorting them by
height mixes a cell's wrapped second line, a tall group label written down the left edge,
and the next row's label. So the ruled lines of tables are found on the image, each line
is put in its cell, and cells are read row by row (a group label spanning several rows
comes first, because its top is the top of its first row), label before value, each cell's
lines kept together. This is also how the corpus writes a form's text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import cv2
import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]   # an image; cv2's stubs type arrays loosely
Box = tuple[float, float, float, float]

# A detector box is about this much taller than the characters in it (DB's unclip margin).
BOX_TO_CHAR_HEIGHT = 1.6


@dataclass(frozen=True, slots=True)
class ReadLine:
    """A recognised line with the page x-centre of each character (empty for vertical lines)."""
    text: str
    box: Box                        # x0, y0, x1, y1 on the levelled page
    score: float
    char_x: tuple[float, ...] = ()

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def vertical(self) -> bool:
        return self.height >= 1.5 * self.width and len(self.text) > 1


def char_height(lines: Sequence[ReadLine]) -> float:
    """Typical character height on the page (from horizontal lines' boxes)."""
    heights = [line.height for line in lines if not line.vertical and line.width >= line.height]
    if not heights:
        return 20.0
    return max(6.0, float(np.median(heights)) / BOX_TO_CHAR_HEIGHT)


def ink_mask(gray: Array, height: float) -> Array:
    """Dark pixels (ink) as 255 on 0.

    The threshold is local (clearly darker than the surroundings, over a window a few
    characters wide): one global threshold splits a page with shaded or highlighted areas
    between the two paper tones instead of between paper and ink.
    """
    window = max(15, int(3 * height) | 1)
    mask: Array = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                        cv2.THRESH_BINARY_INV, window, 25)
    return mask


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table's lines, already in reading order, placed on the page as one item."""
    box: Box
    lines: tuple[ReadLine, ...]
    vertical = False


Item = ReadLine | TableBlock


def dark_ink(gray: Array, ink: Array) -> Array:
    """The part of the ink darker than halfway between the page's paper and its darkest
    print: what a pen or a printed tick leaves, unlike the grey remains of a removed seal."""
    inked = gray[ink > 0]
    if inked.size == 0:
        return ink
    paper = float(np.percentile(gray[::4, ::4], 90))
    darkest = float(np.percentile(inked, 5))
    dark: Array = cv2.bitwise_and(ink, ink, mask=(gray < (paper + darkest) / 2).astype(np.uint8))
    return dark


def order_lines(lines: Sequence[ReadLine], ink: Array, height: float) -> list[ReadLine]:
    """Lines in reading order, boxes on the same visual line of a cell merged into one."""
    labels, cells = find_cells(ink, height)
    members: dict[int, list[ReadLine]] = {}
    loose: list[ReadLine] = []
    for line in lines:
        number = cell_of(line, labels)
        if number == 0:
            loose.append(line)
        else:
            members.setdefault(number, []).append(line)
    tables: dict[int, list[Cell]] = {}
    for number, found in members.items():
        cell = cells[number]
        tables.setdefault(cell.table, []).append(Cell(cell.box, cell.table, found))
    bounds = {table: (min(c.box[0] for c in group), min(c.box[1] for c in group),
                      max(c.box[2] for c in group), max(c.box[3] for c in group))
              for table, group in tables.items()}
    items: list[Item] = []
    for line in loose:
        # A line inside a table but in no closed cell (an open-sided cell, text on a rule)
        # is read with the table, as a cell of its own.
        table = next((t for t, box in bounds.items() if inside(line.box, box)), None)
        if table is None:
            items.append(line)
        else:
            tables[table].append(Cell(line.box, table, [line]))
    for table, group in tables.items():
        ordered = tuple(line for cell in table_order(group, height) for line in merge_rows(cell.lines))
        items.append(TableBlock(bounds[table], ordered))
    out: list[ReadLine] = []
    for block in columns_of(items, height):
        for row in rows_of(block):
            texts = [item for item in row if isinstance(item, ReadLine)]
            if texts:
                out.append(join_row(texts))
            for item in row:
                if isinstance(item, TableBlock):
                    out.extend(item.lines)
    return out


def inside(box: Box, region: Box) -> bool:
    """The box's centre lies within the region."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= x <= region[2] and region[1] <= y <= region[3]


# ---------------------------------------------------------------- rows of text
def rows_of(lines: Sequence[Item]) -> list[list[Item]]:
    """Group lines sharing a visual line (vertical overlap), rows top to bottom, each left to right."""
    rows: list[list[Item]] = []
    bands: list[tuple[float, float]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        y0, y1 = line.box[1], line.box[3]
        placed = False
        # Only the last few rows can share a line with this one; a column of vertical
        # writing is a row of its own.
        for index in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom = bands[index]
            overlap = min(bottom, y1) - max(top, y0)
            if (overlap >= 0.5 * min(bottom - top, y1 - y0)
                    and not line.vertical and not rows[index][0].vertical):
                rows[index].append(line)
                placed = True
                break
        if not placed:
            rows.append([line])
            bands.append((y0, y1))
    for row in rows:
        row.sort(key=lambda ln: ln.box[0])
    rows.sort(key=lambda row: min(ln.box[1] for ln in row))
    return rows


def columns_of(items: Sequence[Item], height: float) -> list[list[Item]]:
    """Free text cut into blocks read one after the other (recursive XY-cut).

    A region is cut into columns where a wide vertical gutter runs through all of it and
    both sides hold several lines of real width (so label/value gaps on one line, a
    signature block beside a closing, or a table's narrow columns are not columns). Where
    there is no such gutter, the region is cut at its widest horizontal gap, so a full-width
    heading above two columns is split off before the columns are looked for.
    """
    if len(items) < 2:
        return [list(items)] if items else []
    gutter = column_gutter(items, height)
    gap = widest_gap([(it.box[1], it.box[3]) for it in items])
    # Both possible (a grid of cards, columns under a heading): the wider gap separates
    # the bigger units, so it is cut first.
    if gutter is not None and (gap is None or gutter[1] >= gap[1]):
        left = [it for it in items if it.box[2] <= gutter[0]]
        right = [it for it in items if it.box[2] > gutter[0]]
        return columns_of(left, height) + columns_of(right, height)
    if gap is None:
        return [list(items)]
    cut = gap[0]
    above = [it for it in items if (it.box[1] + it.box[3]) / 2 < cut]
    below = [it for it in items if (it.box[1] + it.box[3]) / 2 >= cut]
    return columns_of(above, height) + columns_of(below, height)


def column_gutter(items: Sequence[Item], height: float) -> tuple[float, float] | None:
    """(x, width) of a gutter between two columns, both at least 6 characters wide; None
    when there is none. Columns of several rows each need a gutter of 2 character heights;
    a single line beside a block (an envelope's note beside the sender's address) needs 4.
    Two single lines side by side are one row, not columns."""
    spans = sorted((it.box[0], it.box[2]) for it in items)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= 2 * height and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    if best is None:
        return None
    gutter = (best[0] + best[1]) / 2
    sides = ([it for it in items if it.box[2] <= gutter], [it for it in items if it.box[2] > gutter])
    if any(max(it.box[2] for it in side) - min(it.box[0] for it in side) < 6 * height for side in sides):
        return None
    rows = sorted(len(rows_of(side)) for side in sides)
    if rows[1] < 2 or (rows[0] < 2 and best[1] - best[0] < 4 * height):
        return None
    return gutter, best[1] - best[0]


def widest_gap(spans: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """(middle, width) of the widest empty stretch between intervals, or None if they all overlap."""
    ordered = sorted(spans)
    reach = ordered[0][1]
    best: tuple[float, float] | None = None
    for start, end in ordered[1:]:
        if start > reach and (best is None or start - reach > best[1] - best[0]):
            best = (reach, start)
        reach = max(reach, end)
    return None if best is None else ((best[0] + best[1]) / 2, best[1] - best[0])


def merge_rows(lines: Sequence[ReadLine]) -> list[ReadLine]:
    return [join_row([ln for ln in row if isinstance(ln, ReadLine)]) for row in rows_of(lines)]


def join_row(row: Sequence[ReadLine]) -> ReadLine:
    """One line from boxes on the same visual line, a space between boxes."""
    if len(row) == 1:
        return row[0]
    text = ""
    char_x: list[float] = []
    for line in row:
        if text:
            text += " "
            char_x.append((char_x[-1] + line.box[0]) / 2 if char_x else line.box[0])
        text += line.text
        char_x.extend(line.char_x if len(line.char_x) == len(line.text)
                      else np.linspace(line.box[0], line.box[2], len(line.text) + 2)[1:-1].tolist())
    weights = [max(1, len(line.text)) for line in row]
    score = float(np.average([line.score for line in row], weights=weights))
    box = (min(ln.box[0] for ln in row), min(ln.box[1] for ln in row),
           max(ln.box[2] for ln in row), max(ln.box[3] for ln in row))
    return ReadLine(text, box, score, tuple(char_x))


# ---------------------------------------------------------------- tables
@dataclass(frozen=True, slots=True)
class Cell:
    box: Box
    table: int
    lines: list[ReadLine] = field(default_factory=list)


def find_cells(ink: Array, height: float) -> tuple[npt.NDArray[np.int32], dict[int, Cell]]:
    """Label image of table cells (0 = not in a cell) and each label's cell.

    Ruled lines are ink runs much longer than a character's strokes: horizontally at least
    2.5 character heights, vertically 1.3 (rows are rarely lower than 1.4 characters, and no
    stroke of a character is taller than the character). Cells are the regions those lines
    enclose; a region touching the edge of the table's bounding box is outside the table.
    """
    labels = np.zeros(ink.shape, np.int32)
    cells: dict[int, Cell] = {}
    # Only the inked part of the page is searched (blank margins hold no ruling); the
    # label image stays page-sized.
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if len(rows) == 0:
        return labels, cells
    top, left = max(0, int(rows[0]) - 2), max(0, int(columns[0]) - 2)
    ink = ink[top: int(rows[-1]) + 3, left: int(columns[-1]) + 3]
    area = labels[top: top + ink.shape[0], left: left + ink.shape[1]]   # a view: writes land in labels
    h_len = max(15, int(2.5 * height))
    v_len = max(12, int(1.3 * height))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    # A ruled line broken for a stretch (under a seal, in a fax, by JPEG) is bridged along
    # its own direction; joints are closed by a small dilation.
    bridge = max(5, int(1.5 * height))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    grid = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    for table in range(1, count):
        x, y, w, h, _ = stats[table]
        if w < 6 * height or h < 2 * height:
            continue
        if not (vertical[y: y + h, x: x + w].any() and horizontal[y: y + h, x: x + w].any()):
            continue
        enclosed = (grid[y: y + h, x: x + w] == 0).astype(np.uint8)
        n, cell_map, cell_stats, _ = cv2.connectedComponentsWithStats(enclosed, connectivity=4)
        numbers = np.zeros(n, np.int32)   # this table's region index -> page-wide cell number
        for index in range(1, n):
            cx, cy, cw, ch, _ = cell_stats[index]
            if cx == 0 or cy == 0 or cx + cw >= w or cy + ch >= h:
                continue   # open to the outside: not a cell
            if cw < 0.8 * height or ch < 0.8 * height:
                continue
            numbers[index] = len(cells) + 1
            x0, y0 = left + x + cx, top + y + cy
            cells[len(cells) + 1] = Cell((float(x0), float(y0), float(x0 + cw), float(y0 + ch)), table)
        window = area[y: y + h, x: x + w]
        mapped = numbers[cell_map]
        window[mapped > 0] = mapped[mapped > 0]
    return labels, cells


def cell_of(line: ReadLine, labels: npt.NDArray[np.int32]) -> int:
    """The cell under most of the line's centre line (its centre row, or column if vertical), or 0."""
    x0, y0, x1, y1 = line.box
    if line.vertical:
        ys = np.linspace(y0 + 0.1 * (y1 - y0), y1 - 0.1 * (y1 - y0), 9).round().astype(int)
        xs = np.full_like(ys, int(round((x0 + x1) / 2)))
    else:
        xs = np.linspace(x0 + 0.1 * (x1 - x0), x1 - 0.1 * (x1 - x0), 9).round().astype(int)
        ys = np.full_like(xs, int(round((y0 + y1) / 2)))
    on_page = (xs >= 0) & (xs < labels.shape[1]) & (ys >= 0) & (ys < labels.shape[0])
    found = labels[ys[on_page], xs[on_page]]
    found = found[found > 0]
    if len(found) == 0:
        return 0
    values, counts = np.unique(found, return_counts=True)
    return int(values[np.argmax(counts)])


def table_order(cells: Sequence[Cell], height: float) -> list[Cell]:
    """Cells row by row, left to right. Cells whose tops are within half a character share a
    row, so a label spanning several rows (its top is its first row's) leads those rows."""
    rows: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: c.box[1]):
        if rows and cell.box[1] - rows[-1][0].box[1] <= 0.5 * height:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [cell for row in rows for cell in sorted(row, key=lambda c: c.box[0])]
