"""PaddleOCR's PP-OCR models run with onnxruntime: DB text detection and CTC recognition at height 48.

The ONNX models are the ones bundled inside the `rapidocr` wheel (float) or their int8 versions shipped
in ocr/models. We load them ourselves (rather than through `rapidocr.RapidOCR`) for three reasons:
rapidocr downloads a model when its configuration does not name an existing file, and we must never
touch the network; we need the detector and the recogniser as separate steps (orientation tests,
deskew, crops taken from the full-resolution page); and we want the position of each recognised
character, which the tick-box finder uses. The pre- and post-processing follow PaddleOCR's."""
from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import cv2
import numpy as np
import numpy.typing as npt

from intake.ocr.engines.base import OcrUnavailable

Quad = npt.NDArray[Any]   # 4×2 float32 corner points, clockwise from top-left


Array = npt.NDArray[Any]   # an image; cv2's stubs type arrays loosely


DET_MODEL = "PP-OCRv6_det_small.onnx"


REC_MODEL = "PP-OCRv6_rec_small.onnx"


# The same models quantized to int8 (scripts/quantize_ocr_models.py), shipped in this
# package: detector about 1.5× and recogniser about 1.6× faster on a CPU. Error on the
# benchmark's real images is all but unchanged (CER 0.0151 vs 0.0148); on deliberately hard rendered
# pages (speckle, blur, 100 dpi) the recogniser misreads a few more characters
# (order-free error 0.0366 → 0.0377), so "rapidocr-fp32" stays available.
INT8_SUFFIX = ".int8.onnx"


INT8_MODEL_DIR = Path(__file__).resolve().parent.parent / "models"


REC_HEIGHT = 48


DET_PAD = 16


# Blank paper kept around the inked part of a page for the detector, in its input's pixels,
# and how much darker than the paper counts as ink there.
DET_MARGIN = 32


PAPER_CONTRAST = 24


# Images smaller than this on their long side are enlarged for detection.
SMALL_IMAGE = 640


@dataclass(frozen=True, slots=True)
class Recognised:
    """One text line as read: text, mean character score, and each character's x centre
    as a fraction of the crop's width (for locating tick boxes between words)."""
    text: str
    score: float
    char_x: tuple[float, ...]


def bundled_model_dir() -> Path:
    """The models folder inside the installed rapidocr wheel (found without importing it)."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise OcrUnavailable("the rapidocr package is not installed")
    folder = Path(spec.origin).parent / "models"
    for name in (DET_MODEL, REC_MODEL):
        if not (folder / name).is_file():
            raise OcrUnavailable(f"bundled model {name} missing from {folder}")
    return folder


def model_files(det_precision: str = "int8", rec_precision: str = "int8",
                model_dir: Path | None = None) -> tuple[Path, Path]:
    """The detector and recogniser files, each either the float original in the rapidocr
    wheel (or `model_dir`) or the int8 one shipped with this package (or in `model_dir`)."""
    return (model_file(DET_MODEL, det_precision, model_dir),
            model_file(REC_MODEL, rec_precision, model_dir))


def model_file(name: str, precision: str, model_dir: Path | None = None) -> Path:
    if precision == "fp32":
        return (model_dir or bundled_model_dir()) / name
    if precision != "int8":
        raise OcrUnavailable(f"unknown model precision {precision!r}; choose int8 or fp32")
    path = (model_dir or INT8_MODEL_DIR) / name.replace(".onnx", INT8_SUFFIX)
    if not path.is_file():
        raise OcrUnavailable(f"int8 model {path.name} missing from {path.parent}; "
                             "reinstall intake or set [ocr] engine = \"rapidocr-fp32\"")
    return path


class PpOcrModels:
    """The detection and recognition sessions, loaded once and reused for every page."""

    def __init__(self, det_file: Path, rec_file: Path, *, threads: int = 2, rec_batch: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # The arena keeps the largest buffer ever seen; pages vary in size, so it would only
        # grow. Without it peak memory stays near the working set of the current page.
        options.enable_cpu_mem_arena = False
        providers = ["CPUExecutionProvider"]
        self._det = ort.InferenceSession(str(det_file), options, providers=providers)
        self._rec = ort.InferenceSession(str(rec_file), options, providers=providers)
        keys = self._rec.get_modelmeta().custom_metadata_map.get("character")
        if not keys:
            raise OcrUnavailable(f"{rec_file.name} carries no character list")
        # CTC class 0 is the blank; the list ends with a space, as PaddleOCR builds it.
        self._charset = ["", *keys.splitlines(), " "]
        self._rec_batch = rec_batch

    # ------------------------------------------------------------ detection
    def detect(self, image: Array, *, max_side: int = 1280) -> list[Quad]:
        """Text line quadrilaterals in `image` pixels, via the DB detector at a reduced scale.

        A page is shrunk to `max_side`, a small image enlarged (up to 3×) to 640. The
        detector is reliable for lines 14 to ~250 pixels high at its input; when the first
        pass finds lines far outside that (a poster-size heading, a thumbnail), it runs again
        at the scale that brings them to a comfortable height.
        """
        height, width = image.shape[:2]
        longest = max(height, width)
        scale = min(1.0, max_side / longest)
        if longest * scale < SMALL_IMAGE:
            scale = min(3.0, SMALL_IMAGE / longest)
        quads = self._detect_at(image, scale)
        if quads:
            line_height = float(np.median([min(quad_sides(q)) for q in quads])) * scale
            if line_height > 200 or line_height < 14:
                better = scale * (100 if line_height > 200 else 28) / line_height
                better = min(better, 2400 / longest)
                if abs(better - scale) > 0.1 * scale:
                    rescaled = self._detect_at(image, better)
                    if rescaled:
                        quads = rescaled
        return quads

    def _detect_at(self, image: Array, scale: float) -> list[Quad]:
        height, width = image.shape[:2]
        # Blank margins cost the detector as much as text does; it is convolutional, so
        # running it on the inked part at the same scale finds the same lines.
        x0, y0, x1, y1 = (inked_area(image, margin=int(DET_MARGIN / scale)) if scale < 1
                          else (0, 0, width, height))
        blob = detector_input(image[y0:y1, x0:x1], scale)
        prob = self._det.run(None, {"x": blob})[0][0, 0]
        quads = db_boxes(prob)
        for quad in quads:
            quad -= DET_PAD
            quad /= scale
            quad += (x0, y0)
            quad[:, 0] = np.clip(quad[:, 0], 0, width - 1)
            quad[:, 1] = np.clip(quad[:, 1], 0, height - 1)
        return quads

    # ------------------------------------------------------------ recognition
    def recognise(self, crops: Sequence[Array]) -> list[Recognised]:
        """Read line images (any size, 3 channels).

        The recogniser's cost grows with the padded width it is given, and on a CPU
        batching gains nothing, so by default each line goes alone at its own width (a
        short label is not padded to the width of a long line). With rec_batch > 1,
        lines of similar width are batched together.
        """
        ratios = [c.shape[1] / max(1, c.shape[0]) for c in crops]
        order = sorted(range(len(crops)), key=lambda i: ratios[i])
        results: list[Recognised | None] = [None] * len(crops)
        for start in range(0, len(order), self._rec_batch):
            batch = order[start: start + self._rec_batch]
            blob, used = recogniser_input([crops[i] for i in batch])
            width = blob.shape[3]
            probs = self._rec.run(None, {"x": blob})[0]
            for row, index in enumerate(batch):
                results[index] = self._decode(probs[row], used[row] / width * probs.shape[1])
        return [r if r is not None else Recognised("", 0.0, ()) for r in results]

    def _decode(self, probs: npt.NDArray[np.float32], frames_used: float) -> Recognised:
        best = probs.argmax(axis=1)
        confidence = probs.max(axis=1)
        keep = np.ones(len(best), bool)
        keep[1:] = best[1:] != best[:-1]
        keep &= best != 0
        frames = np.flatnonzero(keep)
        if len(frames) == 0:
            return Recognised("", 0.0, ())
        text = "".join(self._charset[k] for k in best[frames])
        score = float(confidence[frames].mean())
        span = max(frames_used, 1.0)
        char_x = tuple(min(1.0, (f + 0.5) / span) for f in frames.tolist())
        return Recognised(text, score, char_x)


def inked_area(image: Array, *, margin: int) -> tuple[int, int, int, int]:
    """The box (x0, y0, x1, y1) around everything darker than the paper, grown by `margin`;
    the whole image when that would save little. Looked for in 4×4 cells, each as dark as
    its darkest pixel, so a thin or faint stroke is not averaged away."""
    height, width = image.shape[:2]
    whole = (0, 0, width, height)
    if min(height, width) < 64:
        return whole
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    small = cv2.erode(gray, np.ones((4, 4), np.uint8), anchor=(0, 0))[::4, ::4]
    inked = small < float(np.median(small)) - PAPER_CONTRAST
    rows, columns = np.flatnonzero(inked.any(axis=1)), np.flatnonzero(inked.any(axis=0))
    if len(rows) == 0:
        return whole
    x0, x1 = max(0, columns[0] * 4 - margin), min(width, (columns[-1] + 1) * 4 + margin)
    y0, y1 = max(0, rows[0] * 4 - margin), min(height, (rows[-1] + 1) * 4 + margin)
    if (x1 - x0) * (y1 - y0) > 0.9 * width * height:
        return whole
    return int(x0), int(y0), int(x1), int(y1)


def detector_input(image: Array, scale: float) -> npt.NDArray[np.float32]:
    """The detector's input tensor: the image scaled, set on a white canvas with a margin
    of DET_PAD (text touching the border is found more reliably) whose sides are
    multiples of 32, normalised to [-1, 1], NCHW."""
    height, width = image.shape[:2]
    new_w, new_h = max(1, int(round(width * scale))), max(1, int(round(height * scale)))
    target_h = max(32, int(np.ceil((new_h + 2 * DET_PAD) / 32)) * 32)
    target_w = max(32, int(np.ceil((new_w + 2 * DET_PAD) / 32)) * 32)
    canvas = np.full((target_h, target_w, 3), 255, np.uint8)
    small = cv2.resize(image, (new_w, new_h),
                       interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    canvas[DET_PAD: DET_PAD + new_h, DET_PAD: DET_PAD + new_w] = small
    return (canvas.astype(np.float32) / 127.5 - 1.0).transpose(2, 0, 1)[None]


def recogniser_input(crops: Sequence[Array]) -> tuple[npt.NDArray[np.float32], list[int]]:
    """The recogniser's input tensor for line crops: each resized to height 48 keeping its
    aspect ratio, left-aligned and zero-padded to the widest; and each line's used width."""
    ratios = [c.shape[1] / max(1, c.shape[0]) for c in crops]
    width = int(math.ceil(REC_HEIGHT * max(ratios)))
    blob = np.zeros((len(crops), 3, REC_HEIGHT, width), np.float32)
    used: list[int] = []
    for row, (crop, ratio) in enumerate(zip(crops, ratios)):
        resized_w = min(width, int(math.ceil(REC_HEIGHT * ratio)))
        line = cv2.resize(crop, (max(1, resized_w), REC_HEIGHT))
        blob[row, :, :, : line.shape[1]] = line.transpose(2, 0, 1) / 127.5 - 1.0
        used.append(line.shape[1])
    return blob, used


def db_boxes(prob: npt.NDArray[np.float32], *, thresh: float = 0.3, box_thresh: float = 0.5,
             unclip_ratio: float = 1.6, max_candidates: int = 1000) -> list[Quad]:
    """Differentiable-binarisation post-processing: text regions as min-area rectangles,
    grown by `unclip_ratio` as PaddleOCR does (for a rectangle the polygon offset is exact:
    each side moves out by area * ratio / perimeter)."""
    mask = cv2.dilate((prob > thresh).astype(np.uint8), np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    quads: list[Quad] = []
    for contour in contours[:max_candidates]:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        if min(w, h) < 3:
            continue
        x, y, bw, bh = cv2.boundingRect(contour)
        region = np.zeros((bh, bw), np.uint8)
        cv2.fillPoly(region, [cv2.boxPoints(((cx - x, cy - y), (w, h), angle)).astype(np.int32)], 1)
        if cv2.mean(prob[y: y + bh, x: x + bw], region)[0] < box_thresh:
            continue
        grow = w * h * unclip_ratio / (2 * (w + h))
        w, h = w + 2 * grow, h + 2 * grow
        if min(w, h) < 5:
            continue
        quads.append(order_corners(cv2.boxPoints(((cx, cy), (w, h), angle))))
    return quads


def order_corners(points: Quad) -> Quad:
    """Corners as top-left, top-right, bottom-right, bottom-left (PaddleOCR's order)."""
    by_x = points[np.argsort(points[:, 0], kind="stable")]
    left, right = by_x[:2], by_x[2:]
    top_left, bottom_left = left[np.argsort(left[:, 1])]
    top_right, bottom_right = right[np.argsort(right[:, 1])]
    return np.array([top_left, top_right, bottom_right, bottom_left], np.float32)


def quad_sides(quad: Quad) -> tuple[float, float]:
    """Width and height of a quad (top edge, left edge)."""
    return float(np.linalg.norm(quad[1] - quad[0])), float(np.linalg.norm(quad[3] - quad[0]))


def crop_line(image: Array, quad: Quad) -> Array:
    """The line's pixels straightened to a rectangle; tall crops (vertical writing) are
    turned a quarter counter-clockwise, which is how the recogniser was trained to read them."""
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    crop = cv2.warpPerspective(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE,
                               flags=cv2.INTER_CUBIC)
    if height >= 1.5 * width:
        crop = np.ascontiguousarray(np.rot90(crop))
    return crop
