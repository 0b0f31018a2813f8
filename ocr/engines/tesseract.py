"""Tesseract's chi_sim through its CLI: a peer to compare with in bench/, not the default."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import numpy as np
from PIL import Image

from intake.kernel.model import PageText, TextLine
from intake.ocr.engines.base import OcrUnavailable


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
        import cv2

        from intake.ocr.image.prepare import prepare_page

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
                        ocr_seconds=time.perf_counter() - started, size=(int(page.shape[1]), int(page.shape[0])))


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
