"""Turning a page the right way up (0/90/180/270°) and levelling a small skew.

Cheap signals first: the detector's boxes tell a sideways page (most text lines are tall),
and reading a few lines both ways round tells an upside-down one (the recogniser is far
more confident on upright text). Tesseract's orientation detection is only asked when the
page reads poorly either way. The recogniser's own 180° line classifier stays off: it
flips many upright lines of Chinese text.
"""
from __future__ import annotations

import logging
import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any, Callable, Protocol, Sequence

import cv2
import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]   # an image; cv2's stubs type arrays loosely
Quad = npt.NDArray[Any]   # 4×2 float32 corner points, clockwise from top-left

log = logging.getLogger(__name__)

# Lines sampled for the 0/180 decision, and the longest piece of each that is read
# (in multiples of its height): enough characters to be sure, little time.
SAMPLE_LINES = 4
SAMPLE_RATIO = 10.0
# A page whose lines read at least this well as they are is upright: upside-down Chinese
# reads as low-confidence garbage. Below it the 0/180 test runs.
UPRIGHT_SCORE = 0.85
# Turn the page over only when reading it upside down is clearly better.
FLIP_MARGIN = 0.05
# Below this mean score, ask Tesseract's OSD for a second opinion.
POOR_SCORE = 0.6
MAX_SKEW_DEGREES = 5.0


class LineReader(Protocol):
    """What orientation needs from an engine: find lines, and score how well crops read."""
    def detect(self, image: Array) -> list[Quad]: ...
    def scores(self, crops: Sequence[Array]) -> list[float]: ...


@dataclass(frozen=True, slots=True)
class Upright:
    image: Array                 # the page turned so its lines are horizontal
    quads: list[Quad]            # text lines found on `image`
    degrees: int                 # counter-clockwise turn applied: 0 or 90


def stand_up(image: Array, quads: list[Quad], reader: LineReader,
             crop: Callable[[Array, Quad], Array]) -> Upright:
    """Turn a page lying on its side (most text in tall boxes) a quarter turn, so its lines
    run horizontally; whether it then reads upside down is `flip_wins`'s question."""
    if not is_sideways(quads):
        return Upright(image, quads, 0)
    turned = rotate_quarter(image, 90)
    turned_quads = reader.detect(turned)
    # A page really set in vertical columns also has tall lines: keep it as it is when
    # it reads better that way (tall crops are read as vertical writing).
    as_is = sample_score(image, quads, reader, crop, 0)
    turned_score = max(sample_score(turned, turned_quads, reader, crop, 0),
                       sample_score(turned, turned_quads, reader, crop, 180))
    if turned_score > as_is:
        return Upright(turned, turned_quads, 90)
    return Upright(image, quads, 0)


def flip_wins(image: Array, quads: Sequence[Quad], reader: LineReader,
              crop: Callable[[Array, Quad], Array]) -> bool:
    """Whether a few long lines read clearly better turned 180°."""
    as_is = sample_score(image, quads, reader, crop, 0)
    flipped = sample_score(image, quads, reader, crop, 180)
    log.debug("orientation scores: as is %.3f, flipped %.3f", as_is, flipped)
    return flipped > as_is + FLIP_MARGIN


def is_sideways(quads: Sequence[Quad]) -> bool:
    """Most of the text (by length) sits in tall boxes: the page lies on its side."""
    wide = tall = 0.0
    tall_count = 0
    for quad in quads:
        width, height = quad_size(quad)
        if width >= 2.5 * height:
            wide += width
        elif height >= 2.5 * width:
            tall += height
            tall_count += 1
    return tall_count >= 3 and tall > 1.5 * wide


def sample_score(image: Array, quads: Sequence[Quad], reader: LineReader,
                 crop: Callable[[Array, Quad], Array], degrees: int) -> float:
    """Mean recogniser score over a few long lines, read as they are or turned 180°."""
    # The longest lines say the most; a page of a single short word still gets its test.
    wide = [q for q in quads if quad_size(q)[0] >= 1.2 * quad_size(q)[1]]
    wide.sort(key=lambda q: -quad_size(q)[0])
    crops = []
    for quad in wide[:SAMPLE_LINES]:
        piece = crop(image, quad)
        limit = int(piece.shape[0] * SAMPLE_RATIO)
        if piece.shape[1] > limit:
            start = (piece.shape[1] - limit) // 2
            piece = piece[:, start: start + limit]
        crops.append(np.ascontiguousarray(np.rot90(piece, 2)) if degrees == 180 else piece)
    if not crops:
        return 0.0
    return float(np.mean(reader.scores(crops)))


def quad_size(quad: Quad) -> tuple[float, float]:
    width = float(np.linalg.norm(quad[1] - quad[0]))
    height = float(np.linalg.norm(quad[3] - quad[0]))
    return width, height


def rotate_quarter(image: Array, degrees: int) -> Array:
    """Turn by a multiple of 90° counter-clockwise (as PIL's Image.rotate does)."""
    turns = (degrees // 90) % 4
    return np.ascontiguousarray(np.rot90(image, turns)) if turns else image


def turn_quad(quad: Quad, shape: tuple[int, ...], degrees: int) -> Quad:
    """Map a quad on an image of `shape` to the same image turned by `degrees` (only 180)."""
    if degrees != 180:
        raise ValueError("only 180° turns map quads; redetect after a quarter turn")
    height, width = shape[:2]
    turned = np.empty_like(quad)
    turned[:, 0] = width - 1 - quad[:, 0]
    turned[:, 1] = height - 1 - quad[:, 1]
    # Corner order is kept top-left first: what was bottom-right is now top-left.
    return np.roll(turned, 2, axis=0)


# ---------------------------------------------------------------- skew
def skew_degrees(quads: Sequence[Quad]) -> float:
    """The page's skew from the slope of its long text lines (positive: lines fall to the right)."""
    angles = []
    weights = []
    for quad in quads:
        width, height = quad_size(quad)
        if width < 4 * height:
            continue
        dx, dy = quad[1] - quad[0]
        angles.append(math.degrees(math.atan2(float(dy), float(dx))))
        weights.append(width)
    if len(angles) < 2:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    return median if abs(median) <= MAX_SKEW_DEGREES else 0.0


def deskew(image: Array, quads: Sequence[Quad], *, minimum: float = 0.2) -> tuple[Array, list[Quad], float]:
    """Level the page (and its line boxes with it) when the skew is worth correcting."""
    angle = skew_degrees(quads)
    if abs(angle) < minimum:
        return image, list(quads), 0.0
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    levelled = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)
    moved = [(q @ matrix[:, :2].T + matrix[:, 2]).astype(np.float32) for q in quads]
    return levelled, moved, angle


# ---------------------------------------------------------------- Tesseract OSD
def tesseract_osd(image: Array, *, timeout: float = 20.0) -> int | None:
    """Counter-clockwise degrees that Tesseract's OSD says would turn the page upright,
    or None when Tesseract is not installed or is unsure."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    ok, png = cv2.imencode(".png", image)
    if not ok:
        return None
    try:
        # OpenMP threads make Tesseract far slower on a small machine, never faster here.
        done = subprocess.run([binary, "stdin", "stdout", "--psm", "0"], input=png.tobytes(),
                              capture_output=True, timeout=timeout, check=False,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        log.warning("tesseract OSD timed out after %.0f s", timeout)
        return None
    return parse_osd(done.stdout.decode("utf-8", "replace"))


def parse_osd(report: str) -> int | None:
    """Read Tesseract's `Rotate:` (clockwise degrees to correct) when its confidence is fair."""
    fields = {}
    for line in report.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    try:
        rotate = int(fields["Rotate"])
        confidence = float(fields.get("Orientation confidence", "0"))
    except (KeyError, ValueError):
        return None
    if rotate == 0 or confidence < 1.5:
        return None
    return (360 - rotate) % 360
