"""A page image made ready to read: upright, level, seals removed, contrast stretched."""
from intake.ocr.image.orientation import deskew, rotate_quarter, stand_up
from intake.ocr.image.prepare import prepare_page

__all__ = ["deskew", "prepare_page", "rotate_quarter", "stand_up"]
