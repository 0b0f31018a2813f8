"""A page's geometry: lines in reading order, ruled tables cell by cell, tick boxes, comb fields."""
from intake.ocr.layout.combs import clear_comb
from intake.ocr.layout.lines import ReadLine, find_cells, order_lines
from intake.ocr.layout.ticks import apply_ticks, find_squares

__all__ = ["ReadLine", "apply_ticks", "clear_comb", "find_cells", "find_squares", "order_lines"]
