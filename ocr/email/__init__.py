"""intake.ocr.email."""
