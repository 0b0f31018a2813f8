"""A letter's lines as the template marks them, laid out on A4 in the manner of GB/T 9704-2012.

Template lines (one paragraph per line, blank lines ignored):
  `# …` a comment, not printed          `! …` 发文机关标志: red, centred, with the red rule below
  `= …` the title (二号小标宋, centred)    `~ …` centred (the letter's number)
  `| …` flush left (主送, 附件)           `> …` flush right (署名, 成文日期)
  anything else: a paragraph of text, first line indented two characters (三号仿宋).
A placeholder whose value has several lines becomes several paragraphs of the same kind.

Page (GB/T 9704 §5.2): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, 22 lines of 28 characters,
三号 (16 pt) text, page numbers 四号 in the footer as “— 1 —”.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from intake.letters.fonts import NUMBER_FONT, LetterFonts

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_PT, TITLE_PT, MARK_PT, PAGE_NUMBER_PT = 16, 22, 24, 14
LINE_PT = 28.9          # 225 mm / 22 lines
RED = "C00000"

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import Section
    from docx.styles.style import CharacterStyle
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


class Style(StrEnum):
    MARK = "!"
    TITLE = "="
    CENTRE = "~"
    LEFT = "|"
    RIGHT = ">"
    TEXT = ""


@dataclass(frozen=True, slots=True)
class Line:
    style: Style
    text: str


def parse_lines(filled: str) -> list[Line]:
    """The printed lines of a filled-in template, in order."""
    lines: list[Line] = []
    for raw in filled.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        marker = stripped[0]
        style = Style(marker) if marker in "!=~|>" else Style.TEXT
        text = stripped[1:].strip() if style is not Style.TEXT else stripped
        if text:
            lines.append(Line(style, text))
    return lines


def plain_text(lines: list[Line]) -> str:
    """The letter as text (the .txt beside the .docx, and what tests and the log read)."""
    shown = []
    for line in lines:
        if line.style is Style.TEXT:
            shown.append("　　" + line.text)
        elif line.style is Style.RIGHT:
            shown.append(line.text.rjust(30, "　"))
        elif line.style in (Style.MARK, Style.TITLE, Style.CENTRE):
            shown.append(line.text.center(30, "　").rstrip("　"))
        else:
            shown.append(line.text)
    return "\n".join(shown) + "\n"


def docx_bytes(lines: list[Line], fonts: LetterFonts, *, title: str = "") -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(22)
    document.core_properties.title = title
    _base_style(document, fonts)
    for index, line in enumerate(lines):
        paragraph = _paragraph(document, line, fonts)
        # 署名 and 成文日期 never stand alone on a page (GB/T 9704 §7.3.5): they keep with the last
        # paragraph, whose last lines (widow control) go over with them rather than the whole of it.
        following = lines[index + 1].style if index + 1 < len(lines) else None
        if following is Style.RIGHT:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.widow_control = True
    _page_numbers(section, fonts)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_fonts(target: Run | CharacterStyle, east_asian: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name = NUMBER_FONT
    target.font.size = Pt(size)
    target.font.bold = bold
    properties = target.element.get_or_add_rPr()
    found = properties.find(qn("w:rFonts"))
    if found is None:
        found = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, found)
    found.set(qn("w:eastAsia"), east_asian)
    # Chinese, so a Pan-CJK font (Noto, Source Han) draws the simplified Chinese forms, not Japanese.
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _base_style(document: DocxDocument, fonts: LetterFonts) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt
    from docx.styles.style import ParagraphStyle

    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _set_fonts(normal, fonts.body, TEXT_PT)
    paragraph = normal.paragraph_format
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = Pt(LINE_PT)
    paragraph.space_before = paragraph.space_after = Pt(0)
    paragraph.widow_control = False


def _paragraph(document: DocxDocument, line: Line, fonts: LetterFonts) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph()
    run = paragraph.add_run(line.text)
    form = paragraph.paragraph_format
    if line.style is Style.MARK:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.AT_LEAST, Pt(MARK_PT * 1.3)
        form.space_after = Pt(6)
        _set_fonts(run, fonts.title, MARK_PT, bold=fonts.title_bold)
        run.font.color.rgb = RGBColor.from_string(RED)
        _rule_below(paragraph)
    elif line.style is Style.TITLE:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.AT_LEAST, Pt(LINE_PT * 1.1)
        form.space_before = Pt(0)
        _set_fonts(run, fonts.title, TITLE_PT, bold=fonts.title_bold)
    elif line.style is Style.CENTRE:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        form.space_after = Pt(4)
    elif line.style is Style.RIGHT:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        form.right_indent = Pt(TEXT_PT * 2)      # GB/T 9704 §7.3.5.1: the date 右空四字, near enough
    elif line.style is Style.LEFT:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    else:
        # A web or e-mail address cannot be broken between characters: justified, its line would be torn apart.
        unbreakable = "://" in line.text or "@" in line.text
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if unbreakable else WD_ALIGN_PARAGRAPH.JUSTIFY
        form.first_line_indent = Pt(TEXT_PT * 2)
    return paragraph


def _rule_below(paragraph: Paragraph) -> None:
    """The red rule under the 发文机关标志 (GB/T 9704 §7.2.2 版头中的分隔线)."""
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    borders = properties.makeelement(qn("w:pBdr"), {})
    borders.append(borders.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "12", qn("w:space"): "6",
                                                        qn("w:color"): RED}))
    properties.append(borders)


def _page_numbers(section: Section, fonts: LetterFonts) -> None:
    """“— 1 —” centred in the footer, 四号 (GB/T 9704 §7.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_fonts(paragraph.add_run("— "), fonts.body, PAGE_NUMBER_PT)
    number = paragraph.add_run()
    _set_fonts(number, fonts.body, PAGE_NUMBER_PT)
    number._r.append(number._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "begin"}))
    instruction = number._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    number._r.append(instruction)
    number._r.append(number._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "end"}))
    _set_fonts(paragraph.add_run(" —"), fonts.body, PAGE_NUMBER_PT)
