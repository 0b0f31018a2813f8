"""Reading: a stored original becomes the text of its pages (text layers as they are, images by
real OCR); what cannot be read raises a coded error for the runner to record."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from intake.kernel import FileKind, NoText, TooLarge
from intake.ocr.engines import OcrEngine
from intake.ocr.reading import ReadLimits, read_document
from intake.pipeline.ingest import ingest
from tests.helpers import minimal_pdf, render_page


def no_engine() -> OcrEngine:
    raise AssertionError("a text layer needs no OCR")


def test_a_text_layer_is_read_without_loading_the_ocr_model(tmp_path: Path) -> None:
    path = tmp_path / "online.pdf"
    path.write_bytes(minimal_pdf(pages=2, text="Request for the 2024 inspection results of Dongchang district"))
    reading = read_document(ingest(path, source="online.pdf"), path, ReadLimits(), no_engine)
    assert reading.kind == FileKind.PDF and len(reading.texts) == 2
    assert "inspection results" in reading.text and reading.ocr_confidence == 1.0


def test_a_scan_is_read_by_ocr(tmp_path: Path, engine: OcrEngine) -> None:
    path = tmp_path / "scan.png"
    render_page(["政府信息公开申请书", "申请人：赵一鸣，联系电话：13912345678"], height=500).save(path)
    reading = read_document(ingest(path, source="scan.png", received_on=dt.date(2025, 9, 26)), path, ReadLimits(),
                            lambda: engine)
    assert "政府信息公开申请书" in reading.text and "13912345678" in reading.text
    assert reading.texts[0].lines and 0.5 < reading.ocr_confidence <= 1.0


def test_a_blank_scan_has_no_text(tmp_path: Path, engine: OcrEngine) -> None:
    path = tmp_path / "blank.png"
    Image.new("RGB", (800, 600), "white").save(path)
    with pytest.raises(NoText):
        read_document(ingest(path, source="blank.png"), path, ReadLimits(), lambda: engine)


def test_too_many_pages_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "fax.tif"
    pages = [Image.new("1", (200, 100), 1) for _ in range(3)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    with pytest.raises(TooLarge):
        read_document(ingest(path, source="fax.tif"), path, ReadLimits(max_pages=2), no_engine)
