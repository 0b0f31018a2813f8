"""Pages: an `Intake` becomes the ordered pages of its document.

A page either carries text already (a PDF text layer, an e-mail body, a .docx, a .txt) or an
image for the OCR stage. E-mail attachments become further pages of the same document.
`page_stream` gives them one at a time, so a 200-page scan never sits in memory at once.
"""
from __future__ import annotations

import io
import logging
import math
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from intake.kernel.errors import CorruptFile, EncryptedFile, IntakeError, TooLarge, UnsupportedFile
from intake.ocr.files import sniff
from intake.kernel.model import Document, EmailMeta, FileKind, Intake, Page

log = logging.getLogger(__name__)

PDF_RENDER_DPI = 200
# A PDF page whose text layer has fewer characters than this is treated as a scan.
MIN_TEXT_LAYER_CHARS = 20
IMAGE_KINDS = {FileKind.PNG, FileKind.JPEG, FileKind.BMP, FileKind.TIFF, FileKind.GIF, FileKind.WEBP}
# A page image longer than this is reduced as it is decoded: OCR prepares pages at 2,600 pixels
# anyway, and a 12,000-pixel page would otherwise cost half a gigabyte in every copy made of it.
MAX_PAGE_SIDE = 6000
# word/document.xml is parsed whole (lxml needs ~10× its size); 20 MB is a thousand pages of text.
MAX_DOCX_XML_BYTES = 20_000_000


class NeedsOcr(Exception):
    """A page is an image and this reading was asked to do without OCR (the text lane); the file
    is read again where the OCR model is."""


@dataclass(frozen=True, slots=True)
class PageLimits:
    max_pages: int = 200
    max_image_pixels: int = 150_000_000
    # What a .docx's members may unpack to in all (a zip bomb is refused from its directory).
    max_unpacked_bytes: int = 100_000_000
    # False: raise NeedsOcr instead of decoding or rendering a page image.
    images: bool = True


def read_pages(intake: Intake, limits: PageLimits = PageLimits()) -> Document:
    data = intake.path.read_bytes()
    return document_from_bytes(data, intake.kind, limits)


def page_stream(intake: Intake, limits: PageLimits) -> Document | Iterator[Page]:
    """The pages one at a time, numbered; an e-mail as its whole Document (its meta and warnings
    come with its pages)."""
    data = intake.path.read_bytes()
    if intake.kind == FileKind.EML:
        return _email_document(data, limits)
    return _counted(_pages_of(data, intake.kind, limits, origin=intake.kind.value), limits)


def document_from_bytes(data: bytes, kind: FileKind, limits: PageLimits) -> Document:
    if kind == FileKind.EML:
        return _email_document(data, limits)
    pages = list(_pages_of(data, kind, limits, origin=kind.value))
    return Document(pages=tuple(_numbered(pages, limits)))


def _numbered(pages: list[Page], limits: PageLimits) -> list[Page]:
    if len(pages) > limits.max_pages:
        raise TooLarge(f"{len(pages)} pages, over the limit of {limits.max_pages}")
    return list(_counted(pages, limits))


def _counted(pages: Iterable[Page], limits: PageLimits) -> Iterator[Page]:
    for number, page in enumerate(pages, 1):
        if number > limits.max_pages:
            raise TooLarge(f"more than {limits.max_pages} pages, the limit")
        yield Page(number=number, origin=page.origin, text=page.text, image=page.image, fax=page.fax)


def _pages_of(data: bytes, kind: FileKind, limits: PageLimits, origin: str) -> Iterator[Page]:
    if kind in IMAGE_KINDS:
        if not limits.images:
            raise NeedsOcr()
        yield from _image_pages(data, limits, origin)
    elif kind == FileKind.PDF:
        yield from _pdf_pages(data, limits, origin)
    elif kind == FileKind.DOCX:
        yield Page(number=0, origin=origin, text=_docx_text(data, limits))
    elif kind == FileKind.TXT:
        yield Page(number=0, origin=origin, text=decode_text(data))
    else:
        raise UnsupportedFile("not an image, PDF, e-mail, .docx or text file")


# ---------------------------------------------------------------- images
def _image_pages(data: bytes, limits: PageLimits, origin: str) -> Iterator[Page]:
    with warnings.catch_warnings():
        # Pillow warns before it refuses; make the warning a refusal too (decompression bombs).
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
        try:
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            if frames > limits.max_pages:
                raise TooLarge(f"{frames} pages, over the limit of {limits.max_pages}")
            for frame in ImageSequence.Iterator(image):
                width, height = frame.size
                if width * height > limits.max_image_pixels:
                    raise TooLarge(f"a page of {width}×{height} pixels")
                fax = _looks_like_fax(frame)
                page = ImageOps.exif_transpose(_reduced(frame))
                page.load()
                yield Page(number=0, origin=origin, image=page, fax=fax)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise TooLarge(f"image too large to open safely ({exc})") from exc
        except UnidentifiedImageError as exc:
            raise CorruptFile("the image cannot be decoded") from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise CorruptFile(f"the image is truncated or damaged ({exc})") from exc


def _reduced(frame: Image.Image) -> Image.Image:
    """The frame as its own image, reduced by a whole factor when its long side is over MAX_PAGE_SIDE."""
    factor = math.ceil(max(frame.size) / MAX_PAGE_SIDE)
    if factor <= 1:
        return frame.copy()
    if frame.mode not in ("L", "RGB", "RGBA", "I", "F"):
        frame = frame.convert("RGB" if frame.mode in ("P", "CMYK", "YCbCr", "LAB", "HSV") else "L")
    return frame.reduce(factor)


def _looks_like_fax(frame: Image.Image) -> bool:
    """Fax pages are bilevel with CCITT compression, often at 200×100 dpi."""
    compression = str(frame.info.get("compression", ""))
    return frame.mode == "1" and (compression.startswith("group") or "fax" in compression)


# ---------------------------------------------------------------- PDF
def _pdf_pages(data: bytes, limits: PageLimits, origin: str) -> Iterator[Page]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise EncryptedFile() from exc
        raise CorruptFile(f"the PDF cannot be opened ({exc})") from exc
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFile("the PDF has no pages")
        if count > limits.max_pages:
            raise TooLarge(f"{count} pages, over the limit of {limits.max_pages}")
        for index in range(count):
            page = pdf[index]
            try:
                text = page.get_textpage().get_text_bounded().strip()
                if len("".join(text.split())) >= MIN_TEXT_LAYER_CHARS:
                    yield Page(number=0, origin=f"{origin}-text", text=text)
                    continue
                if not limits.images:
                    raise NeedsOcr()
                width, height = page.get_size()
                scale = PDF_RENDER_DPI / 72
                if width * height * scale * scale > limits.max_image_pixels:
                    raise TooLarge(f"a page of {width:.0f}×{height:.0f} points")
                image = page.render(scale=scale).to_pil().convert("RGB")
                yield Page(number=0, origin=f"{origin}-image", image=image)
            finally:
                page.close()
    finally:
        pdf.close()


# ---------------------------------------------------------------- text formats
def _check_unpacked(data: bytes, limits: PageLimits) -> None:
    """Refuse a zip bomb from its central directory, before anything is unpacked (zipfile stops
    each member at its declared size, so the directory cannot understate it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CorruptFile(f"the .docx cannot be opened ({exc})") from exc
    total = sum(member.file_size for member in members)
    if total > limits.max_unpacked_bytes:
        raise TooLarge(f"the .docx unpacks to {total / 1e6:.0f} MB, over the limit of "
                       f"{limits.max_unpacked_bytes / 1e6:.0f} MB")
    for member in members:
        if member.filename.endswith(".xml") and member.file_size > MAX_DOCX_XML_BYTES:
            raise TooLarge(f"{member.filename} unpacks to {member.file_size / 1e6:.0f} MB, over the limit of "
                           f"{MAX_DOCX_XML_BYTES / 1e6:.0f} MB")


def _docx_text(data: bytes, limits: PageLimits) -> str:
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_unpacked(data, limits)
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFile(f"the .docx cannot be opened ({exc})") from exc
    lines: list[str] = []
    # Body order matters: paragraphs and tables interleave in the letter as written.
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:   # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    if cell.text.strip():
                        lines.append(cell.text.strip())
    return "\n".join(line for line in lines if line.strip())


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # GB18030 or Big5: Big5 bytes also decode as GB18030, into rare characters; the e-mail
    # reader's script scoring tells them apart.
    from intake.ocr.email.decoding import decode_chinese
    return decode_chinese(data) or data.decode("gb18030", errors="replace")


# ---------------------------------------------------------------- e-mail
_ATTACHMENT_KINDS = IMAGE_KINDS | {FileKind.PDF, FileKind.DOCX, FileKind.TXT}


def _email_document(data: bytes, limits: PageLimits) -> Document:
    from intake.ocr.email import EmailReadError, read_email

    try:
        mail = read_email(data)
    except EmailReadError as exc:
        raise CorruptFile(f"not a readable e-mail ({exc})") from exc
    body = _email_body_text(mail.meta, mail.body)
    pages: list[Page] = [Page(number=0, origin="email-body", text=body)]
    notes = list(mail.warnings)
    for attachment in mail.attachments:
        kind = sniff(attachment.data[:8192])
        if kind == FileKind.UNKNOWN and attachment.data.startswith(b"PK"):
            kind = FileKind.DOCX if _zip_is_docx(attachment.data) else FileKind.UNKNOWN
        if kind not in _ATTACHMENT_KINDS:
            notes.append(f"attachment {attachment.filename!r} skipped: not a readable document type")
            continue
        try:
            pages.extend(_pages_of(attachment.data, kind, limits, origin=f"attachment:{attachment.filename}"))
        except IntakeError as exc:
            # One bad attachment must not lose the letter in the body.
            notes.append(f"attachment {attachment.filename!r} unreadable: {exc}")
            log.warning("attachment %r unreadable: %s", attachment.filename, exc)
    return Document(pages=tuple(_numbered(pages, limits)), email=mail.meta, warnings=tuple(notes))


def _zip_is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _email_body_text(meta: EmailMeta, body: str) -> str:
    """The subject is part of what the applicant wrote: keep it as the first line."""
    head = [f"主题：{meta.subject}"] if meta.subject else []
    return "\n".join(head + [body.strip()])
