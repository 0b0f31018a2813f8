"""Ingest and pages: type by content, PDF text layers, multi-page faxes, .docx, limits."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from intake.kernel.errors import CorruptFile, EncryptedFile, TooLarge, UnsupportedFile
from intake.kernel.model import FileKind
from intake.ocr.files import sniff
from intake.ocr.pages import PageLimits, decode_text, document_from_bytes
from tests.helpers import minimal_pdf


def png_bytes(size=(40, 30), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("head, kind", [
    (b"\x89PNG\r\n\x1a\n....", FileKind.PNG), (b"\xff\xd8\xff\xe0", FileKind.JPEG), (b"II*\x00", FileKind.TIFF),
    (b"MM\x00*", FileKind.TIFF), (b"%PDF-1.7", FileKind.PDF), (b"BM\x00\x00", FileKind.BMP),
    ("申请书\n现申请公开以下信息".encode("gbk"), FileKind.TXT),
    (b"From: a@b.cn\r\nSubject: x\r\n\r\nbody", FileKind.EML),
    (bytes(range(256)), FileKind.UNKNOWN),
])
def test_kind_by_content_not_name(head, kind):
    assert sniff(head) == kind


def test_pdf_text_layer_is_used_without_ocr():
    document = document_from_bytes(minimal_pdf(pages=2, text="Request for the 2024 inspection report"),
                                   FileKind.PDF, PageLimits())
    assert [p.origin for p in document.pages] == ["pdf-text", "pdf-text"]
    assert "inspection report" in document.pages[0].text and document.pages[0].image is None


def test_pdf_without_text_is_rendered_for_ocr():
    document = document_from_bytes(minimal_pdf(text=""), FileKind.PDF, PageLimits())
    [page] = document.pages
    assert page.origin == "pdf-image" and abs(page.image.size[0] - 1654) <= 2 and abs(page.image.size[1] - 2339) <= 2


def test_encrypted_pdf():
    with pytest.raises(EncryptedFile):
        document_from_bytes(minimal_pdf(text="secret", encrypt=True), FileKind.PDF, PageLimits())


def test_pdf_over_the_page_limit():
    with pytest.raises(TooLarge):
        document_from_bytes(minimal_pdf(pages=12, text="page text here 12345"), FileKind.PDF, PageLimits(max_pages=10))


def test_multi_page_fax_tiff():
    frames = [Image.new("1", (1728, 1100), 1) for _ in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], compression="group4", dpi=(204, 98))
    document = document_from_bytes(buffer.getvalue(), FileKind.TIFF, PageLimits())
    assert [p.number for p in document.pages] == [1, 2, 3]
    assert all(p.fax for p in document.pages)


def test_decompression_bomb_is_refused():
    with pytest.raises(TooLarge):
        document_from_bytes(png_bytes((5000, 5000), "1"), FileKind.PNG, PageLimits(max_image_pixels=1_000_000))


def test_truncated_image():
    with pytest.raises(CorruptFile):
        document_from_bytes(png_bytes()[:50], FileKind.PNG, PageLimits())


def test_unknown_bytes_are_unsupported():
    with pytest.raises(UnsupportedFile):
        document_from_bytes(b"\x00\x01\x02", FileKind.UNKNOWN, PageLimits())


def test_docx_paragraphs_and_tables_in_order():
    import docx
    document = docx.Document()
    document.add_paragraph("政府信息公开申请书")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "姓名"
    table.rows[0].cells[1].text = "孙八"
    document.add_paragraph("希望以纸质形式邮寄给我。")
    buffer = io.BytesIO()
    document.save(buffer)
    [page] = document_from_bytes(buffer.getvalue(), FileKind.DOCX, PageLimits()).pages
    assert page.text.splitlines() == ["政府信息公开申请书", "姓名", "孙八", "希望以纸质形式邮寄给我。"]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5", "utf-16"])
def test_text_encodings(encoding):
    text = "申請政府資訊公開" if encoding == "big5" else "申请政府信息公开"
    assert decode_text(text.encode(encoding)) == text


def test_email_attachment_names_cannot_escape(tmp_path):
    from email.message import EmailMessage
    message = EmailMessage()
    message["From"] = "a@example.com"
    message["Subject"] = "申请"
    message.set_content("正文")
    message.add_attachment(b"plain text attachment", maintype="text", subtype="plain", filename="../../etc/passwd")
    document = document_from_bytes(bytes(message), FileKind.EML, PageLimits())
    origins = [p.origin for p in document.pages]
    assert origins[0] == "email-body"
    assert all("/" not in o.split(":", 1)[-1] for o in origins)
