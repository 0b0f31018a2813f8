"""OCR engines: the interface (`OcrEngine`), and `create_engine` to build one by name."""
from intake.ocr.engines.base import OcrEngine, OcrUnavailable
from intake.ocr.engines.factory import ENGINES, create_engine

__all__ = ["ENGINES", "OcrEngine", "OcrUnavailable", "create_engine"]
