"""The archived original's pages, drawn for the office's eyes: PNG images and e-mail text.

Pages are rendered on demand from the file in HOME/archive/ and kept in a small in-memory
cache of the app (not a module global). Only a path that resolves inside the archive is
ever opened, so a damaged or tampered `archive_path` cannot reach other files.
"""
from __future__ import annotations

import io
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from intake.kernel.errors import IntakeError, office_error
from intake.kernel.model import EmailMeta, FileKind
from intake.ocr.files import sniff

DISPLAY_WIDTH = 1400          # pixels: sharp enough to read small print when zoomed to 200 %
PDF_MAX_SCALE = 200 / 72      # never render a PDF page at more than 200 dpi
IMAGE_KINDS = {FileKind.PNG, FileKind.JPEG, FileKind.BMP, FileKind.TIFF, FileKind.GIF, FileKind.WEBP}
TEXT_KINDS = {FileKind.EML, FileKind.DOCX, FileKind.TXT}


class ScanError(RuntimeError):
    """The original cannot be shown; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class ViewPage:
    number: int                 # 1-based, as in the image URL
    kind: str                   # "image" or "text"
    text: str | None = None     # for text pages (e-mail body, .docx, .txt)
    origin: str = ""            # e.g. "attachment:scan.jpg"
    sender: str = ""            # an e-mail body's From (name and address) …
    sent_at: str = ""           # … and its Date, as the office reads them
    subject: str = ""


def archived_file(archive_root: Path, archive_path: str | None) -> Path | None:
    """The archived original if it lies inside HOME/archive (after resolving links), else None."""
    if not archive_path:
        return None
    root = archive_root.resolve()
    try:
        path = Path(archive_path).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def _kind(path: Path) -> FileKind:
    with path.open("rb") as handle:
        head = handle.read(8192)
    return sniff(head, path)


def list_pages(path: Path, max_pixels: int) -> list[ViewPage]:
    kind = _kind(path)
    if kind in IMAGE_KINDS:
        count = _image_frame_count(path, max_pixels)
        return [ViewPage(number, "image") for number in range(1, count + 1)]
    if kind == FileKind.PDF:
        return [ViewPage(number, "image") for number in range(1, _pdf_page_count(path) + 1)]
    if kind in TEXT_KINDS:
        pages, meta = _text_document(path, kind)
        return [_view_page(number, page, meta) for number, page in enumerate(pages, 1)]
    raise ScanError("原件不是图片、PDF、邮件或文本，无法显示")


def render_png(path: Path, number: int, max_pixels: int, width: int = DISPLAY_WIDTH) -> bytes:
    """Page `number` (1-based) as PNG bytes, at most `width` pixels wide."""
    kind = _kind(path)
    if kind in IMAGE_KINDS:
        image = _image_frame(path, number, max_pixels)
    elif kind == FileKind.PDF:
        image = _pdf_page(path, number, width, max_pixels)
    elif kind in TEXT_KINDS:
        pages = _text_document_pages(path, kind)
        attached = pages[number - 1].image if 1 <= number <= len(pages) else None
        if attached is None:
            raise ScanError(f"第 {number} 页不是图片")
        image = attached
    else:
        raise ScanError("原件无法显示")
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
    if image.mode not in ("1", "L", "RGB", "RGBA", "P"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------- images and TIFF frames
def _open_image(path: Path, max_pixels: int) -> Image.Image:
    """Opened lazily (header only); the pixel limit is checked here rather than through Pillow's
    process-wide MAX_IMAGE_PIXELS, which the request threads must not change under each other."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise ScanError("图片过大，无法安全打开") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ScanError("图片无法解码，文件可能已损坏") from exc
    _check_size(image, max_pixels)
    return image


def _check_size(image: Image.Image, max_pixels: int) -> None:
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise ScanError(f"图片过大（{width}×{height} 像素），无法安全打开")


def _image_frame_count(path: Path, max_pixels: int) -> int:
    with _open_image(path, max_pixels) as image:
        return int(getattr(image, "n_frames", 1))


def _image_frame(path: Path, number: int, max_pixels: int) -> Image.Image:
    with _open_image(path, max_pixels) as image:
        for index, frame in enumerate(ImageSequence.Iterator(image), 1):
            if index == number:
                _check_size(frame, max_pixels)
                try:
                    page = ImageOps.exif_transpose(frame.copy())
                    page.load()
                except (OSError, SyntaxError, ValueError, EOFError) as exc:
                    raise ScanError("图片已损坏，无法显示") from exc
                return page
    raise ScanError(f"没有第 {number} 页")


# ---------------------------------------------------------------- PDF
def _pdf_page_count(path: Path) -> int:
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise ScanError("PDF 无法打开，文件可能已损坏或设有密码") from exc
    try:
        return len(pdf)
    finally:
        pdf.close()


def _pdf_page(path: Path, number: int, width: int, max_pixels: int) -> Image.Image:
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise ScanError("PDF 无法打开，文件可能已损坏或设有密码") from exc
    try:
        if not 1 <= number <= len(pdf):
            raise ScanError(f"没有第 {number} 页")
        page = pdf[number - 1]
        try:
            page_width, page_height = page.get_size()
            scale = min(PDF_MAX_SCALE, width / max(page_width, 1.0))
            if page_width * page_height * scale * scale > max_pixels:
                raise ScanError("PDF 页面过大，无法显示")
            image: Image.Image = page.render(scale=scale).to_pil().convert("RGB")
            return image
        finally:
            page.close()
    finally:
        pdf.close()


# ---------------------------------------------------------------- e-mail, .docx, .txt
@dataclass(frozen=True, slots=True)
class _TextDocumentPage:
    text: str | None
    image: Image.Image | None
    origin: str


def _text_document(path: Path, kind: FileKind) -> tuple[list[_TextDocumentPage], EmailMeta | None]:
    """An e-mail's body as text and its attachments as pages, the way the pipeline read them, and
    the e-mail's headers."""
    from intake.ocr.pages import PageLimits, document_from_bytes
    try:
        document = document_from_bytes(path.read_bytes(), kind, PageLimits())
    except (IntakeError, OSError) as exc:
        raise ScanError(f"原件无法读取：{office_error(str(exc))}") from exc
    return [_TextDocumentPage(page.text, page.image, page.origin) for page in document.pages], document.email


def _text_document_pages(path: Path, kind: FileKind) -> list[_TextDocumentPage]:
    return _text_document(path, kind)[0]


def _view_page(number: int, page: _TextDocumentPage, meta: EmailMeta | None = None) -> ViewPage:
    if page.image is not None:
        return ViewPage(number, "image", origin=page.origin)
    if meta is not None and page.origin == "email-body":
        sender = " ".join(part for part in (meta.sender_name, f"<{meta.sender_address}>" if meta.sender_address
                                            else None) if part) or "（无）"
        sent_at = f"{meta.date:%Y-%m-%d %H:%M}" if meta.date else "（邮件未注明）"
        return ViewPage(number, "text", text=page.text or "", origin=page.origin, sender=sender, sent_at=sent_at,
                        subject=meta.subject)
    return ViewPage(number, "text", text=page.text or "", origin=page.origin)


# ---------------------------------------------------------------- cache
class RenderCache:
    """A bounded LRU of rendered pages, shared by the app's request threads."""

    def __init__(self, max_entries: int = 64) -> None:
        self._entries: OrderedDict[tuple[str, float, int], bytes] = OrderedDict()
        self._pages: OrderedDict[tuple[str, float], list[ViewPage]] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_entries

    def pages(self, path: Path, max_pixels: int) -> list[ViewPage]:
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        pages = list_pages(path, max_pixels)
        with self._lock:
            self._pages[key] = pages
            while len(self._pages) > self._max:
                self._pages.popitem(last=False)
        return pages

    def png(self, path: Path, number: int, max_pixels: int) -> bytes:
        key = (str(path), path.stat().st_mtime, number)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        data = render_png(path, number, max_pixels)
        with self._lock:
            self._entries[key] = data
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
        return data
