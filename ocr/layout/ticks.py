"""Check boxes: find the square boxes printed before option words and tell ticked from empty.

The recogniser is unreliable here: it often drops a ticked box entirely and reads an empty
one as □, 口 or nothing. So boxes are found on the image: small squares made of straight
strokes, sitting on a text line where no recognised character is (a 口 or 国 inside a word
is a square too, but the recogniser has a character there). A box is ticked when its
inside carries ink (☑ ■ √ ✓ ×, or a pen tick; a pen tick crossing the outline does not
hide the outline, because only straight horizontal and vertical strokes are used to find
it). Each box is then written into the line's text as ☑ or □ before its option words, the
way the corpus labels them, and reported as a `Tick`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Sequence

import cv2
import numpy as np
import numpy.typing as npt

from intake.kernel.model import Tick
from intake.ocr.layout.lines import Box, ReadLine

Array = npt.NDArray[Any]   # an image; cv2's stubs type arrays loosely

TICKED, EMPTY = "☑", "□"
# What the recogniser may write for a box, ticked or not.
EMPTY_GLYPHS = "□☐▢◻◽⬜❏❐❑❒"
TICKED_GLYPHS = "☑☒⊠▣⊡■◼▪✓✔✅√×✕✖✗✘❎☓"
BOX_GLYPHS = EMPTY_GLYPHS + TICKED_GLYPHS
# Characters the recogniser also writes for an empty box. They are real characters too
# (人口, 口罩), so they count as a box only where a square is found on the image and it
# starts an option.
LOOKALIKES = "口囗"
# Share of a box's inside covered with ink above which it counts as ticked.
TICKED_INK = 0.08


@dataclass(frozen=True, slots=True)
class Square:
    box: Box
    ticked: bool

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


def find_squares(ink: Array, height: float, where: npt.NDArray[np.bool_] | None = None,
                 inside: Array | None = None) -> list[Square]:
    """Small square boxes (0.3-1.2 character heights) on the page.

    Looked for twice: on the ink as it is, and with gaps of a pixel or two closed (outlines
    broken by a fax or a poor scan); closing first would merge a small box with the
    character beside it, so both are kept (a box found both ways counts once). Whether a
    box is ticked is always judged on the ink as it was, or on `inside` when given (only
    the darker ink: faint grey left from a seal's red is no tick). `where` (True where a box
    could be) spares looking into the middle of words.
    """
    if where is None:
        where = np.ones(ink.shape, bool)
    # Only the part of the page where a box could be is searched (a box reaches at most
    # 1.6 character heights from its centre): the rest is never looked at.
    rows, columns = np.flatnonzero(where.any(axis=1)), np.flatnonzero(where.any(axis=0))
    if len(rows) == 0:
        return []
    reach = int(2 * height) + 2
    y0, y1 = max(0, rows[0] - reach), min(ink.shape[0], rows[-1] + 1 + reach)
    x0, x1 = max(0, columns[0] - reach), min(ink.shape[1], columns[-1] + 1 + reach)
    ink, where = ink[y0:y1, x0:x1], where[y0:y1, x0:x1]
    judged = ink if inside is None else inside[y0:y1, x0:x1]
    mended = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    found: list[Square] = []
    for strokes in (ink, mended):
        found += squares_from_sides(strokes, judged, height, where) + squares_in_blobs(strokes, judged, height, where)
    return [Square((b[0] + x0, b[1] + y0, b[2] + x0, b[3] + y0), square.ticked)
            for square in dedupe(found) for b in (square.box,)]


def squares_from_sides(strokes: Array, ink: Array, height: float,
                       where: npt.NDArray[np.bool_]) -> list[Square]:
    """Boxes as a left and a right vertical stroke of the same height, about that far
    apart, joined by a horizontal stroke at top and bottom.

    Only straight strokes are looked at, so a tick inside a box (or crossing it, or rising
    above it) does not hide the box, nor does the next character touching it.
    """
    stroke = max(3, int(round(0.25 * height)))
    vertical = cv2.morphologyEx(strokes, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, stroke)))
    horizontal = cv2.morphologyEx(strokes, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (stroke, 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(vertical, connectivity=8)
    low, high = 0.35 * height, 1.2 * height
    sides = sorted((int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:count]
                   if low <= h <= 1.6 * high and w <= max(4.0, 0.4 * h))
    found: list[Square] = []
    for index, (lx, ly, lw, lh) in enumerate(sides):
        if lh > high or not where[ly + lh // 2, min(ink.shape[1] - 1, lx + lh // 2)]:
            continue   # a left side is never overlong; a right side may carry a tick's stroke
        best: tuple[float, Square] | None = None
        for rx, ry, rw, rh in sides[index + 1:]:
            if rx - lx > 1.5 * lh:
                break
            width = rx + rw - lx
            if not 0.75 <= width / lh <= 1.35:
                continue
            if min(ly + lh, ry + rh) - max(ly, ry) < 0.85 * lh:
                continue   # the right stroke must run the left one's whole height
            box = (lx, ly, rx + rw, ly + lh)
            if not (has_edge(horizontal, box, top=True) and has_edge(horizontal, box, top=False)):
                continue
            fit = abs(width / lh - 1.0)
            if best is None or fit < best[0]:
                ticked = box_ink(ink, box, max(lw, rw)) >= TICKED_INK
                best = (fit, Square(float_box(box), ticked))
        if best is not None:
            found.append(best[1])
    return found


def squares_in_blobs(mended: Array, ink: Array, height: float,
                     where: npt.NDArray[np.bool_]) -> list[Square]:
    """Boxes whose tick is drawn so heavily that it merges with the outline's strokes
    (small ☑ glyphs): a blob of about a character's size with a straight left side, a
    right side, and top and bottom edges between them."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mended, connectivity=8)
    found = []
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        if not (0.35 * height <= h <= 1.6 * height and 0.35 * height <= w <= 1.3 * height):
            continue
        if not where[y + h // 2, x + w // 2]:
            continue
        blob = labels[y: y + h, x: x + w] == index
        box = box_in_blob(blob, 0.35 * height)
        if box is None:
            continue
        bx0, by0, bx1, by1 = box
        outer = (x + bx0, y + by0, x + bx1, y + by1)
        ticked = box_ink(ink, outer, outline_width(blob, box)) >= TICKED_INK
        found.append(Square(float_box(outer), ticked))
    return found


def box_in_blob(blob: npt.NDArray[np.bool_], minimum: float) -> tuple[int, int, int, int] | None:
    """The square outline inside a blob, from its longest vertical run near the left edge."""
    h, w = blob.shape
    columns = max(1, int(np.ceil(0.3 * w)))
    # Two columns at a time: a scanned or faxed line wobbles by a pixel.
    band = blob[:, :columns] | blob[:, 1: columns + 1] if w > columns else blob[:, :columns]
    run = np.zeros(band.shape[1], np.int32)
    longest = np.zeros(band.shape[1], np.int32)
    ends = np.zeros(band.shape[1], np.int32)
    for row in range(h):
        run = (run + 1) * band[row]
        better = run > longest
        longest[better] = run[better]
        ends[better] = row + 1
    left = int(np.argmax(longest))
    size = int(longest[left])
    top = int(ends[left]) - size
    if size < minimum:
        return None
    bottom = top + size
    for right in range(min(w - 1, left + int(1.35 * size)), left + int(0.7 * size) - 1, -1):
        if float(blob[top:bottom, right - 1: right + 1].any(axis=1).mean()) < 0.8:
            continue
        span = slice(left, right + 1)
        top_edge = blob[top: top + 2, span].any(axis=0).mean()
        bottom_edge = blob[bottom - 2: bottom, span].any(axis=0).mean()
        if top_edge >= 0.75 and bottom_edge >= 0.75:
            return left, top, right + 1, bottom
    return None


def outline_width(blob: npt.NDArray[np.bool_], box: tuple[int, int, int, int]) -> int:
    """How many columns thick the box's left side is."""
    left, top, right, bottom = box
    width = 0
    while left + width < right and float(blob[top:bottom, left + width].mean()) >= 0.8:
        width += 1
    return max(1, width)


def has_edge(horizontal: Array, box: tuple[int, int, int, int], *, top: bool) -> bool:
    """A horizontal stroke along most of the box's top (or bottom) edge."""
    x0, y0, x1, y1 = box
    reach = max(2, int(round(0.2 * (y1 - y0))))
    rows = horizontal[y0 - 1: y0 + reach, x0: x1] if top else horizontal[y1 - reach: y1 + 1, x0: x1]
    if rows.size == 0:
        return False
    return float((rows > 0).any(axis=0).mean()) >= 0.75


def box_ink(ink: Array, box: tuple[int, int, int, int], line_width: int) -> float:
    """Share of ink in the middle half of a box: clear of the outline, its blur and its
    wobble, and where any tick (✓, ×, a pen stroke, a fill) passes."""
    x0, y0, x1, y1 = box
    side = y1 - y0
    margin = max(2, int(round(0.25 * side)), min(line_width + 1, int(0.35 * side)))
    inner = ink[y0 + margin: y1 - margin, x0 + margin: x1 - margin]
    return float((inner > 0).mean()) if inner.size else 0.0


def float_box(box: tuple[int, int, int, int]) -> Box:
    return float(box[0]), float(box[1]), float(box[2]), float(box[3])


def dedupe(squares: list[Square]) -> list[Square]:
    """One square per box: of overlapping finds keep the most square one (a box's right
    side also pairs with the next character's first stroke into a wider false box)."""
    kept: list[Square] = []
    for square in sorted(squares, key=squareness):
        if not any(overlaps(square.box, other.box) for other in kept):
            kept.append(square)
    return kept


def squareness(square: Square) -> tuple[float, float]:
    x0, y0, x1, y1 = square.box
    return abs(np.log((x1 - x0) / max(1.0, y1 - y0))), -(x1 - x0)


def overlaps(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@dataclass(frozen=True, slots=True)
class Mark:
    """A box on a row: found on the image, or only read by the recogniser."""
    x: float
    ticked: bool
    box: Box


def apply_ticks(rows: Sequence[ReadLine], ink: Array, height: float, *, dark: Array | None = None
                ) -> tuple[list[ReadLine], list[Tick]]:
    """Write the boxes of option rows into their text as ☑/□ and list them as ticks.
    `dark` (the page's darker ink) is what counts as a tick inside a box, if given."""
    placed: dict[int, list[Square]] = {}
    for square in find_squares(ink, height, box_places(rows, ink.shape, height), dark):
        owner = row_for(square, rows, height)
        if owner is not None:
            placed.setdefault(owner, []).append(square)
    out: list[ReadLine] = []
    ticks: list[Tick] = []
    for index, row in enumerate(rows):
        marks = marks_on(row, placed.get(index, []), height)
        # Options come in lists: a row is only taken to hold boxes when it has two or more.
        # A lone square is more likely part of a character the detector cut in two, and a
        # lone × or √ is more likely arithmetic or a mark in running text.
        if len(marks) < 2:
            out.append(row)
            continue
        rewritten, found = rewrite(row, marks, height)
        out.append(rewritten)
        ticks.extend(found)
    return out, ticks


def box_places(rows: Sequence[ReadLine], shape: tuple[int, ...], height: float) -> npt.NDArray[np.bool_]:
    """Where on the page a box's centre may be: on a horizontal line (or just left of it),
    but not on a character the recogniser read."""
    where = np.zeros(shape[:2], bool)
    for row in rows:
        if row.vertical or len(row.char_x) != len(row.text):
            continue
        x0, y0, x1, y1 = (int(round(v)) for v in row.box)
        where[max(0, y0): y1 + 1, max(0, int(x0 - 2.5 * height)): x1 + 1] = True
        for char, x in zip(row.text, row.char_x):
            if not char.isspace() and char not in BOX_GLYPHS + LOOKALIKES:
                where[max(0, y0): y1 + 1, max(0, int(x - 0.3 * height)): int(x + 0.3 * height) + 1] = False
    return where


def marks_on(row: ReadLine, squares: Sequence[Square], height: float) -> list[Mark]:
    """The row's boxes: squares found on it, plus box glyphs the recogniser read where no
    square was found (a glyph standing before a word, as an option's box does)."""
    marks = [Mark(s.centre[0], s.ticked, s.box) for s in squares]
    if len(row.char_x) != len(row.text):
        return marks
    half = 0.4 * height
    centre_y = (row.box[1] + row.box[3]) / 2
    for index, (char, x) in enumerate(zip(row.text, row.char_x)):
        if char not in BOX_GLYPHS or any(abs(x - s.centre[0]) <= 0.6 * height for s in squares):
            continue
        after = row.text[index + 1: index + 2]
        before = row.text[index - 1: index] if index else " "
        if not after or after.isspace() or after in BOX_GLYPHS:
            continue
        if char not in EMPTY_GLYPHS + "☑☒■✅❎" and not before.isspace():
            continue
        marks.append(Mark(x, char in TICKED_GLYPHS, (x - half, centre_y - half, x + half, centre_y + half)))
    return marks


def row_for(square: Square, rows: Sequence[ReadLine], height: float) -> int | None:
    """The row a box belongs to: on its line (vertically), inside it or just left of its
    text, and not where the recogniser read a character."""
    cx, cy = square.centre
    best: tuple[float, int] | None = None
    for index, row in enumerate(rows):
        if row.vertical or not row.char_x:
            continue
        x0, y0, x1, y1 = row.box
        if not y0 <= cy <= y1 or not x0 - 2.5 * height <= cx <= x1:
            continue
        # A box sits about the middle of the line; the 口 of 品 or 另 does not.
        if abs(cy - (y0 + y1) / 2) > 0.5 * height:
            continue
        step = pitch(row, height)
        if covers_character(row, square, step) or not after_a_gap(row, square, step):
            return None
        distance = max(0.0, x0 - cx)
        if best is None or distance < best[0]:
            best = (distance, index)
    return None if best is None else best[1]


def pitch(row: ReadLine, height: float) -> float:
    """Distance from one character to the next on the row (the recogniser's character
    positions are good to about a tenth of it)."""
    xs = [x for char, x in zip(row.text, row.char_x) if not char.isspace()]
    steps = [b - a for a, b in zip(xs, xs[1:]) if b > a]
    return float(np.median(steps)) if len(steps) >= 2 else height


def covers_character(row: ReadLine, square: Square, step: float) -> bool:
    """A character the recogniser read is centred on the square: the square is part of it
    (the 口 in 品 or 号, the frame of 国). A box's label starts at least half a character
    plus half the box away."""
    reach = max(0.45 * step, (square.box[2] - square.box[0]) / 2 + 0.1 * step)
    for char, x in zip(row.text, row.char_x):
        if char.isspace() or char in BOX_GLYPHS + LOOKALIKES:
            continue
        if abs(x - square.centre[0]) <= reach:
            return True
    return False


def after_a_gap(row: ReadLine, square: Square, step: float) -> bool:
    """A box starts an option: it opens the line, follows a space, or is where the
    recogniser itself read a box glyph. One squeezed between two characters of running
    text is part of a character."""
    # What the recogniser wrote for the box itself (□, or 口) is not "before" it.
    before = [(x, char) for char, x in zip(row.text, row.char_x)
              if x < square.centre[0] and not char.isspace()
              and not (char in BOX_GLYPHS + LOOKALIKES and x >= square.box[0] - 0.3 * step)]
    if not before:
        return True
    glyphs = [x for char, x in zip(row.text, row.char_x) if char in BOX_GLYPHS]
    if any(abs(x - square.centre[0]) <= 0.6 * step for x in glyphs):
        return True
    x, char = max(before)
    # Full-width punctuation (：，、) inks only part of its cell, so less space is needed.
    needed = 0.5 if unicodedata.category(char).startswith("P") else 0.7
    return square.box[0] - x >= needed * step


def rewrite(row: ReadLine, marks: Sequence[Mark], height: float) -> tuple[ReadLine, list[Tick]]:
    """The row's text with each box written ☑/□ at its place (replacing whatever the
    recogniser wrote there), and a tick per box labelled with the words up to the next box."""
    if len(row.char_x) != len(row.text):
        return row, []
    chars: list[tuple[str, float, Mark | None]] = [
        (c, x, None) for c, x in zip(row.text, row.char_x)
        if not (c in BOX_GLYPHS + LOOKALIKES and any(abs(x - m.x) <= 0.6 * height for m in marks))]
    chars += [(TICKED if m.ticked else EMPTY, m.x, m) for m in marks]
    chars.sort(key=lambda item: item[1])
    text = ""
    char_x: list[float] = []
    starts: list[tuple[int, Mark]] = []
    for char, x, mark in chars:
        if mark is not None:
            if text and not text[-1].isspace():
                text += " "
                char_x.append(x - 0.5 * height)
            starts.append((len(text), mark))
        text += char
        char_x.append(x)
    ticks = []
    for number, (start, mark) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        label = option_label(text[start + 1: end])
        if label:
            ticks.append(Tick(label=label, ticked=mark.ticked, box=mark.box))
    box = (min(row.box[0], min(m.box[0] for m in marks)), row.box[1], row.box[2], row.box[3])
    return ReadLine(text, box, row.score, tuple(char_x)), ticks


def option_label(words: str) -> str:
    """An option's words without surrounding spaces and punctuation."""
    def edge(c: str) -> bool:
        return c.isspace() or unicodedata.category(c)[0] in "PS"
    start, end = 0, len(words)
    while start < end and edge(words[start]):
        start += 1
    while end > start and edge(words[end - 1]):
        end -= 1
    return words[start:end]
