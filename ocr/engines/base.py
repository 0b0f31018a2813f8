"""The OCR stage's interface: an engine reads one page image into a `PageText`."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from PIL import Image

from intake.kernel.model import PageText


class OcrUnavailable(RuntimeError):
    """The engine asked for cannot run here (package, model or program missing)."""


@runtime_checkable
class OcrEngine(Protocol):
    """`read` returns the page's text in reading order (lines joined by newlines; option
    boxes written ☑/□ before their words and listed in `ticks`), each line's box in the
    pixels of the page as read (after fax stretching, downscaling, turning and levelling),
    `confidence` the mean recogniser score, and `rotated` the counter-clockwise degrees
    (0/90/180/270) the page was turned to be read. `fax=True` marks a fax page, which may
    be at half vertical resolution."""
    name: str

    def read(self, image: Image.Image, *, page_number: int = 1, fax: bool = False) -> PageText: ...
