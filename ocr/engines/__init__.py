"""intake.ocr.engines."""
