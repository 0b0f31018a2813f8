"""Where each recognised line stands on the page as scanned, for the review page's highlight.

The OCR engines give line boxes in pixels of the image they read: scaled, stretched (a fax at half
vertical resolution) and turned upright. As fractions of that image's width and height the scale
and the stretch drop out; the turn is undone here, so a box lands on the original as it is shown.
"""
from __future__ import annotations

from collections.abc import Iterable

from intake.kernel import LineBox, PageText

Box = tuple[float, float, float, float]


def line_boxes(texts: Iterable[PageText]) -> tuple[LineBox, ...]:
    """Every OCR line of every page (text layers and e-mails have none)."""
    found: list[LineBox] = []
    for page in texts:
        width, height = page.size
        if width <= 0 or height <= 0:
            continue
        for line in page.lines:
            x0, y0, x1, y1 = line.box
            fraction = (_clamp(x0 / width), _clamp(y0 / height), _clamp(x1 / width), _clamp(y1 / height))
            found.append(LineBox(page.number, line.text, unturned(fraction, page.rotated)))
    return tuple(found)


def unturned(box: Box, degrees: int) -> Box:
    """A box (fractions) on a page turned `degrees` counter-clockwise, on the page before the turn."""
    u0, v0, u1, v1 = box
    turns = (degrees // 90) % 4
    if turns == 1:
        return (1 - v1, u0, 1 - v0, u1)
    if turns == 2:
        return (1 - u1, 1 - v1, 1 - u0, 1 - v0)
    if turns == 3:
        return (v0, 1 - u1, v1, 1 - u0)
    return box


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))
