"""Shared fixtures: pages rendered with a CJK font, a fresh HOME, the CLI runner."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

SCHEMA = json.loads((Path(__file__).parent / "data" / "record.schema.json").read_text(encoding="utf-8"))


def find_cjk_font() -> str | None:
    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in listing.splitlines() if line.strip())
    preferred = [f for f in files if "Regular" in f or "microhei" in f]
    return (preferred or files or [None])[0]


CJK_FONT = find_cjk_font()
needs_cjk_font = pytest.mark.skipif(CJK_FONT is None, reason="no CJK font installed (fonts-noto-cjk)")


def render_page(lines: list[str], *, width: int = 1240, height: int = 1754, size: int = 30,
                margin: int = 110, spacing: float = 1.9) -> Image.Image:
    """An A4 page at 150 dpi with the given lines, black on white."""
    assert CJK_FONT is not None
    font = ImageFont.truetype(CJK_FONT, size)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=font, fill="black")
        y += int(size * spacing)
    return page


APPLICATION_LINES = [
    "政府信息公开申请书",
    "某市市场监督管理局：",
    "申请人：赵一鸣，居民身份证号码：110101199003070011，",
    "联系电话：13912345678，住址：北京市东城区景山街道1号。",
    "现向你局申请公开以下政府信息：",
    "2024年度本市电梯监督抽查结果通报。",
    "希望以纸质形式邮寄给我。",
    "申请人：赵一鸣",
]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def application_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if CJK_FONT is None:
        pytest.skip("no CJK font installed")
    path = tmp_path_factory.mktemp("pages") / "application.png"
    render_page(APPLICATION_LINES).save(path)
    return path


def parse_jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def validate_record(record: dict) -> None:
    import jsonschema
    jsonschema.validate(record, SCHEMA)


@pytest.fixture(scope="session")
def engine():
    """One OCR engine for the whole run: the model is loaded once, as in the service."""
    if CJK_FONT is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk): cannot render test pages")
    from intake.ocr.engines import create_engine
    yield create_engine("rapidocr", threads=2)


def stored_record(database: Path, document_id: int) -> dict[str, object]:
    """The record the register holds for a document, read from its SQLite file."""
    from intake.register.store import Register

    register = Register(database)
    try:
        row = register.get(document_id)
        assert row is not None and row.record is not None
        return row.record.to_json()
    finally:
        register.close()
