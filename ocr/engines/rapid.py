"""The embedded engine: PP-OCR detection and recognition run with onnxruntime (models in ppocr.py),
with page preparation, orientation, levelling, tick boxes and comb fields around them."""
from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import cv2
import numpy as np
from PIL import Image

from intake.kernel.model import PageText, TextLine
from intake.ocr.engines.ppocr import Array, PpOcrModels, Quad, Recognised, crop_line, model_files
from intake.ocr.image.orientation import (
    POOR_SCORE,
    UPRIGHT_SCORE,
    deskew,
    flip_wins,
    rotate_quarter,
    stand_up,
    tesseract_osd,
    turn_quad,
)
from intake.ocr.image.prepare import prepare_page
from intake.ocr.layout.combs import clear_comb
from intake.ocr.layout.lines import ReadLine, char_height, dark_ink, ink_mask, order_lines
from intake.ocr.layout.ticks import apply_ticks

# Lines the recogniser is less sure of than this are mostly noise read as characters
# (specks, ruling fragments, seal remnants); PaddleOCR drops them at 0.5 too.
MIN_LINE_SCORE = 0.5


class RapidOcrEngine:
    """The default engine: PP-OCR det + rec, with our page preparation, orientation,
    reading order and tick boxes around it."""
    name = "rapidocr"

    def __init__(self, *, threads: int = 2, det_precision: str = "int8", rec_precision: str = "int8",
                 model_dir: Path | None = None, det_max_side: int = 1024, use_osd: bool = True) -> None:
        self._models = PpOcrModels(*model_files(det_precision, rec_precision, model_dir), threads=threads)
        self._reader = _LineReader(self._models, det_max_side)
        self._use_osd = use_osd

    def read(self, image: Image.Image, *, page_number: int = 1, fax: bool = False) -> PageText:
        started = time.perf_counter()
        page = prepare_page(image, fax=fax)
        standing = stand_up(page, self._reader.detect(page), self._reader, crop_line)
        levelled, quads, read = self._read_level(standing.image, standing.quads)
        degrees = standing.degrees
        if read and mean_score(read) < UPRIGHT_SCORE:
            levelled, quads, read, turn = self._turn_if_better(levelled, quads, read)
            degrees = (degrees + turn) % 360
        lines = [to_line(quad, found) for quad, found in zip(quads, read)
                 if found.text.strip() and found.score >= MIN_LINE_SCORE]
        lines = [replace(line, text=tidy(line.text)) for line in lines]
        height = char_height(lines)
        gray = cv2.cvtColor(levelled, cv2.COLOR_BGR2GRAY)
        ink = ink_mask(gray, height)
        rows, ticks = apply_ticks(order_lines(lines, ink, height), ink, height, dark=dark_ink(gray, ink))
        return PageText(
            number=page_number,
            text="\n".join(row.text for row in rows),
            lines=tuple(TextLine(row.text, row.box, row.score) for row in rows),
            confidence=mean_score(read),
            rotated=degrees,
            ticks=tuple(ticks),
            ocr_seconds=time.perf_counter() - started,
            size=(int(levelled.shape[1]), int(levelled.shape[0])),
        )

    def _read_level(self, image: Array, quads: list[Quad]) -> tuple[Array, list[Quad], list[Recognised]]:
        """Level the page's skew, then recognise every line (comb fields read again without
        their box walls, that reading kept when the recogniser is surer of it)."""
        levelled, quads, _ = deskew(image, quads)
        crops = [crop_line(levelled, q) for q in quads]
        read = self._models.recognise(crops)
        combs = {index: cleared for index, crop in enumerate(crops)
                 if (cleared := clear_comb(crop)) is not None}
        if combs:
            for index, again in zip(combs, self._models.recognise(list(combs.values()))):
                if again.score > read[index].score:
                    read[index] = again
        return levelled, quads, read

    def _turn_if_better(self, image: Array, quads: list[Quad], read: list[Recognised]
                        ) -> tuple[Array, list[Quad], list[Recognised], int]:
        """A page that reads poorly may be upside down (tested on a few lines) or, failing
        that, turned in a way Tesseract's OSD can tell; keep whichever reads best."""
        if flip_wins(image, quads, self._reader, crop_line):
            flipped = rotate_quarter(image, 180)
            flipped_quads = [turn_quad(q, image.shape, 180) for q in quads]
            return flipped, flipped_quads, self._models.recognise(
                [crop_line(flipped, q) for q in flipped_quads]), 180
        if self._use_osd and mean_score(read) < POOR_SCORE:
            turn = tesseract_osd(image)
            if turn:
                turned = rotate_quarter(image, turn)
                levelled, turned_quads, turned_read = self._read_level(turned, self._reader.detect(turned))
                if mean_score(turned_read) > mean_score(read):
                    return levelled, turned_quads, turned_read, turn
        return image, quads, read, 0


# The recogniser reads the character 一 as a dash when it stands alone between two
# characters (赵—鸣); Chinese text writes its dash doubled (——), so a single one between
# ideographs is the character.
LONE_DASH = re.compile(r"(?<=[\u4e00-\u9fff])[—―─](?=[\u4e00-\u9fff])")


def tidy(text: str) -> str:
    return LONE_DASH.sub("一", text)


def mean_score(read: Sequence[Recognised]) -> float:
    """Recogniser confidence over the page, each line weighted by its length."""
    weights = [len(found.text.strip()) for found in read]
    if sum(weights) == 0:
        return 0.0
    return float(np.average([found.score for found in read], weights=weights))


class _LineReader:
    """The detector and a scoring recogniser, as orientation needs them."""

    def __init__(self, models: PpOcrModels, det_max_side: int) -> None:
        self._models = models
        self._det_max_side = det_max_side

    def detect(self, image: Array) -> list[Quad]:
        return self._models.detect(image, max_side=self._det_max_side)

    def scores(self, crops: Sequence[Array]) -> list[float]:
        return [found.score for found in self._models.recognise(crops)]


def to_line(quad: Quad, found: Recognised) -> ReadLine:
    """A recognised quad as an axis-aligned line with page x positions of its characters."""
    xs, ys = quad[:, 0], quad[:, 1]
    box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
    width = float(np.linalg.norm(quad[1] - quad[0]))
    height = float(np.linalg.norm(quad[3] - quad[0]))
    if height >= 1.5 * width:
        return ReadLine(found.text, box, found.score)
    left, right = float(quad[0][0]), float(quad[1][0])
    return ReadLine(found.text, box, found.score, tuple(left + f * (right - left) for f in found.char_x))
