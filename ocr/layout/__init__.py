"""intake.ocr.layout.lines."""
