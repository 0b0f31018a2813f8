"""Engines are heavy (models in memory), so the pipeline creates one with `create_engine` and passes
it to every page. "rapidocr" is the embedded default (PP-OCRv6 detector and recogniser quantized
to int8, shipped in ocr/models, run with onnxruntime); "rapidocr-fp32" runs the float originals
from the rapidocr wheel (slower, a shade more accurate on hard pages); "paddleocr" uses the
optional PaddleOCR package; "tesseract" runs the Tesseract CLI and exists as a peer for the benchmark.
"""
from __future__ import annotations

import os

from intake.ocr.engines.base import OcrEngine, OcrUnavailable
from intake.ocr.engines.tesseract import TesseractEngine

ENGINES = ("rapidocr", "rapidocr-fp32", "paddleocr", "tesseract")


# The PP-OCR variants: (detector, recogniser) precision.
RAPID_PRECISIONS = {"rapidocr": ("int8", "int8"), "rapidocr-fp32": ("fp32", "fp32")}


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
