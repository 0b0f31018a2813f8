"""Small PDFs built byte by byte for the tests (no PDF library needed)."""
from __future__ import annotations


def minimal_pdf(*, pages: int = 1, text: str = "", encrypt: bool = False) -> bytes:
    """A valid PDF with `pages` pages sharing one ASCII text line (a text layer), optionally
    carrying a standard-security /Encrypt dictionary so readers ask for a password."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{3 + i} 0 R' for i in range(pages))}] /Count {pages} >>"]
    content_id, font_id = 3 + pages, 4 + pages
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
                f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>"] * pages
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET"
    objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    trailer_extra = ""
    if encrypt:
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /O <{'00' * 32}> /U <{'11' * 32}> /P -4 >>")
        trailer_extra = (f" /Encrypt {len(objects)} 0 R /ID [<0123456789abcdef0123456789abcdef> "
                         "<0123456789abcdef0123456789abcdef>]")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
