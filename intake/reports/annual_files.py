"""The annual report's table 三 written out: CSV, an HTML page, and a spreadsheet laid out like the form
(merged label cells, the corner rule)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from intake.outbox import write_atomic
from intake.reports.annual import _RESULTS, CHECK_RULE, COLUMN_KEYS, COLUMN_LABELS, COLUMNS, ROWS, TITLE, AnnualTable


# ---------------------------------------------------------------- output
def table_csv(table: AnnualTable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["key", "项目", *(COLUMN_LABELS[c] for c in COLUMN_KEYS)])
    for row in ROWS:
        writer.writerow([row.key, row.label, *(table.value(row.key, c) for c in COLUMN_KEYS)])
    return buffer.getvalue()


def write_report(table: AnnualTable, folder: Path, *, agency: str, home: Path | None = None) -> list[Path]:
    """The table as .xlsx, .csv (UTF-8 with BOM, for Excel) and .html, each written atomically."""
    from intake.reports.templates import render_template
    stem = folder / f"annual-report-{table.year}"
    html = render_template("annual_report.html", home, table=table, rows=ROWS, layout=row_layout(),
                           columns=COLUMNS, column_keys=COLUMN_KEYS, agency=agency, title=TITLE, rule=CHECK_RULE)
    return [
        write_atomic(stem.with_suffix(".xlsx"), table_xlsx(table, agency=agency)),
        write_atomic(stem.with_suffix(".csv"), "\ufeff" + table_csv(table)),
        write_atomic(stem.with_suffix(".html"), html),
    ]


@dataclass(frozen=True, slots=True)
class LabelCell:
    """One label cell of the form's left-hand side: which of the three label columns it starts
    in, how many it spans, and how many rows."""
    text: str
    column: int       # 0, 1 or 2
    colspan: int
    rowspan: int


def row_layout() -> list[list[LabelCell]]:
    """The label cells that start on each row of ROWS, merged as the printed form merges them."""
    layout: list[list[LabelCell]] = []
    for index, row in enumerate(ROWS):
        cells: list[LabelCell] = []
        if row.section != _RESULTS:
            cells.append(LabelCell(row.section, 0, 3, 1))
        else:
            if index == 0 or ROWS[index - 1].section != _RESULTS:
                cells.append(LabelCell(row.section, 0, 1, sum(1 for r in ROWS if r.section == _RESULTS)))
            if not row.item:
                cells.append(LabelCell(row.group, 1, 2, 1))
            else:
                if ROWS[index - 1].group != row.group:
                    cells.append(LabelCell(row.group, 1, 1, sum(1 for r in ROWS if r.group == row.group)))
                cells.append(LabelCell(row.item, 2, 1, 1))
        layout.append(cells)
    return layout


def table_xlsx(table: AnnualTable, *, agency: str) -> bytes:
    """An Excel sheet laid out like the printed form: three merged label columns, then the seven counts."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)       # a new workbook's first sheet
    sheet.title = "表三 依申请公开"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)

    def put(row: int, column: int, value: str | int, *, rows: int = 1, columns: int = 1,
            align: Alignment = centre, bold: bool = False) -> None:
        sheet.cell(row, column, value)
        if rows > 1 or columns > 1:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + rows - 1,
                              end_column=column + columns - 1)
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                sheet.cell(r, c).border = border
                sheet.cell(r, c).alignment = align
                if bold:
                    sheet.cell(r, c).font = Font(bold=True)

    sheet.cell(1, 1, f"{agency} {table.year}年度 三、{TITLE}").font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=10)
    put(2, 1, CHECK_RULE, rows=3, columns=3)
    put(2, 4, "申请人情况", columns=7, bold=True)
    put(3, 4, "自然人", rows=2)
    put(3, 5, "法人或其他组织", columns=5)
    put(3, 10, "总计", rows=2)
    for offset, (_, label) in enumerate(COLUMNS[1:]):
        put(4, 5 + offset, label)
    first = 5
    for index, (row, cells) in enumerate(zip(ROWS, row_layout())):
        for cell in cells:
            put(first + index, 1 + cell.column, cell.text, rows=cell.rowspan, columns=cell.colspan, align=left)
        for offset, column in enumerate(COLUMN_KEYS):
            put(first + index, 4 + offset, table.value(row.key, column))
    for letter, width in zip("ABCDEFGHIJ", (16, 22, 40, 9, 9, 9, 11, 11, 9, 9)):
        sheet.column_dimensions[letter].width = width
    if table.notes:
        notes = book.create_sheet("说明 notes")
        for number, note in enumerate(table.notes, 1):
            notes.cell(number, 1, note)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
