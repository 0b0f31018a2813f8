"""The OCR stage's interface: an engine reads one page image into a `PageText`.

Engines are heavy (models in memory), so the pipeline creates one with `create_engine` and
passes it to every page. "rapidocr" is the embedded default (PP-OCRv6 detector and
recogniser quantized to int8, shipped in ocr/models, run with onnxruntime); "rapidocr-fp32"
runs the float originals from the rapidocr wheel (slower, a shade more accurate on hard
pages); "paddleocr" uses the optional PaddleOCR package;
"tesseract" runs the Tesseract CLI and exists as a peer for the benchmark.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from typing import Protocol, runtime_checkable

import numpy as np
from PIL import Image

from intake.kernel.model import PageText, TextLine

ENGINES = ("rapidocr", "rapidocr-fp32", "paddleocr", "tesseract")
# The PP-OCR variants: (detector, recogniser) precision.
RAPID_PRECISIONS = {"rapidocr": ("int8", "int8"), "rapidocr-fp32": ("fp32", "fp32")}


class OcrUnavailable(RuntimeError):
    """The engine asked for cannot run here (package, model or program missing)."""


@runtime_checkable
class OcrEngine(Protocol):
    """`read` returns the page's text in reading order (lines joined by newlines; option
    boxes written ☑/□ before their words and listed in `ticks`), each line's box in the
    pixels of the page as read (after fax stretching, downscaling, turning and levelling),
    `confidence` the mean recogniser score, and `rotated` the counter-clockwise degrees
    (0/90/180/270) the page was turned to be read. `fax=True` marks a fax page, which may
    be at half vertical resolution."""
    name: str

    def read(self, image: Image.Image, *, page_number: int = 1, fax: bool = False) -> PageText: ...


def create_engine(name: str = "rapidocr", *, threads: int | None = None) -> OcrEngine:
    """Build an engine once; `threads` caps its inference threads (default: all cores,
    at most 4). Run two worker processes with threads=1 each rather than one with 2."""
    threads = threads if threads is not None else min(4, os.cpu_count() or 1)
    if name in RAPID_PRECISIONS:
        from intake.ocr.engines.rapid import RapidOcrEngine
        det, rec = RAPID_PRECISIONS[name]
        return RapidOcrEngine(threads=threads, det_precision=det, rec_precision=rec)
    if name == "paddleocr":
        from intake.ocr.engines.paddle import PaddleOcrEngine
        return PaddleOcrEngine(threads=threads)
    if name == "tesseract":
        return TesseractEngine()
    raise OcrUnavailable(f"unknown OCR engine {name!r}; choose one of {', '.join(ENGINES)}")


class TesseractEngine:
    """Tesseract's chi_sim through its CLI: a peer to compare with, not the default."""
    name = "tesseract"

    def __init__(self, *, language: str = "chi_sim", omp_threads: int | None = 1) -> None:
        binary = shutil.which("tesseract")
        if binary is None:
            raise OcrUnavailable("the tesseract program is not installed")
        self._binary = binary
        self._language = language
        # Tesseract's OpenMP threads make it several times slower on a small machine
        # (2.5 s instead of 0.7 s for an A4 page with two cores), so it runs single-threaded
        # unless asked (omp_threads=None: as installed, which the benchmark measures too).
        self._env = dict(os.environ)
        self._env.pop("OMP_THREAD_LIMIT", None)
        if omp_threads is not None:
            self._env["OMP_THREAD_LIMIT"] = str(omp_threads)

    def read(self, image: Image.Image, *, page_number: int = 1, fax: bool = False) -> PageText:
        from intake.ocr.image.prepare import prepare_page
        import cv2

        started = time.perf_counter()
        page = prepare_page(image, fax=fax)
        ok, png = cv2.imencode(".png", page)
        if not ok:
            raise OcrUnavailable("could not encode the page for tesseract")
        done = subprocess.run(
            [self._binary, "stdin", "stdout", "-l", self._language, "--psm", "3", "tsv"],
            input=png.tobytes(), capture_output=True, env=self._env, check=False, timeout=300)
        if done.returncode != 0:
            raise OcrUnavailable(f"tesseract failed: {done.stderr.decode('utf-8', 'replace')[-300:]}")
        lines = parse_tsv(done.stdout.decode("utf-8", "replace"))
        scores = [line.score for line in lines]
        return PageText(number=page_number, text="\n".join(line.text for line in lines),
                        lines=tuple(lines), confidence=float(np.mean(scores)) if scores else 0.0,
                        ocr_seconds=time.perf_counter() - started)


def parse_tsv(tsv: str) -> list[TextLine]:
    """Tesseract TSV words grouped into its lines (block, paragraph, line numbers)."""
    grouped: dict[tuple[str, str, str], list[list[str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        grouped.setdefault((cells[2], cells[3], cells[4]), []).append(cells)
    lines = []
    for words in grouped.values():
        x0 = min(float(w[6]) for w in words)
        y0 = min(float(w[7]) for w in words)
        x1 = max(float(w[6]) + float(w[8]) for w in words)
        y1 = max(float(w[7]) + float(w[9]) for w in words)
        text = "".join(w[11] for w in words)
        score = float(np.mean([max(0.0, float(w[10])) for w in words])) / 100.0
        lines.append(TextLine(text=text, box=(x0, y0, x1, y1), score=score))
    return lines
