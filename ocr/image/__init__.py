"""intake.ocr.image."""
