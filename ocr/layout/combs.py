"""Comb fields: a row of printed boxes with one character in each (the postcode boxes of an
envelope, the ID-number boxes of a form).

The recogniser reads the box walls as characters (1, |, □) or, worse, drops digits next to
them. Within one text line's crop a comb shows as vertical strokes nearly as tall as the
crop, several of them, with horizontal rules along its top and bottom; ordinary characters
are shorter than their crop. `clear_comb` paints the walls and rules over with paper so only
the characters are left to read; the engine keeps that reading only when the recogniser is
more confident of it than of the first.
"""
from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]   # an image; cv2's stubs type arrays loosely

# A wall runs at least this share of the crop's height; a character's stroke does not
# (the detector's box leaves a margin above and below the characters).
WALL_HEIGHT = 0.7
MIN_WALLS = 4        # three boxes or more: two boxes are more likely □□ written as options
INK_LEVEL = 160      # prepared pages have white paper; box walls of any colour are darker


def clear_comb(crop: Array) -> Array | None:
    """The crop with a comb's walls and rules painted white, or None when it holds no comb."""
    height, width = crop.shape[:2]
    if height < 12 or width < 2.5 * height:
        return None
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    ink = (gray < INK_LEVEL).astype(np.uint8)
    walls = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                             cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(round(WALL_HEIGHT * height)))))
    positions = wall_positions(np.asarray(walls.any(axis=0), dtype=bool))
    if len(positions) < MIN_WALLS:
        return None
    if max(b - a for a, b in zip(positions, positions[1:])) > 1.6 * height:
        return None   # walls far apart: tall characters or ruling, not a row of boxes
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                             cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(round(0.5 * height))), 1)))
    band = max(1, int(round(0.3 * height)))
    rules[band: height - band] = 0   # rules run along the top and bottom, never through the middle
    if not (rules[:band].any() and rules[height - band:].any()):
        return None
    painted = cv2.dilate(cv2.bitwise_or(walls, rules), np.ones((3, 3), np.uint8)) > 0
    cleared = crop.copy()
    cleared[painted] = 255
    return cleared


def wall_positions(columns: npt.NDArray[np.bool_]) -> list[float]:
    """Centres of the runs of True in a column mask (one per wall)."""
    positions: list[float] = []
    start = None
    for x, inked in enumerate(columns.tolist() + [False]):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            positions.append((start + x - 1) / 2)
            start = None
    return positions
