"""Reading pages: page preparation, orientation and the OCR engines."""
