"""Building blocks of the Word templates in Nghị định 30/2020 layout (python-docx, no Word needed).

The templates hold docxtpl tags (``{{ … }}``, ``{%p … %}``, ``{%tr … %}``); every tag is written as one
run so Word and docxtpl see it whole.  Sizes follow ND 30 Phụ lục I: A4, margins top/bottom 20 mm,
left 30 mm, right 15 mm, Times New Roman, Quốc hiệu 13 bold, tiêu ngữ 14 bold with a line of its
own length, body 14 justified with a 1.27 cm first-line indent.
"""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
#: Width of the text area of a portrait page (210 − 30 − 15 mm).
TEXT_WIDTH_MM = 165


def new_document(*, landscape: bool = False, margins_mm: tuple[float, float, float, float] = (20, 15, 20, 30),
                 page_numbers: bool = True) -> DocumentObject:
    """An empty A4 document; margins (top, right, bottom, left) in mm; page number top centre from page 2."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
        Mm(top), Mm(right), Mm(bottom), Mm(left))
    section.header_distance = Mm(min(10, top / 2))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    for name in ("Table Grid",):
        doc.styles[name].font.name = FONT
    if page_numbers:
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(number)
    return doc


def _page_field(paragraph: Paragraph) -> None:
    """The page number (a PAGE field of the template itself, never of filled-in text)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def para(container, text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
         align: str = "justify", indent: bool = False, after: float = 6, before: float = 0,
         line: float | None = 1.15, keep_next: bool = False) -> Paragraph:
    """One paragraph with one run of ``text`` (a tag stays whole in its run)."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    p.alignment = ALIGN[align]
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if line is not None:
        fmt.line_spacing = line
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if keep_next:
        fmt.keep_with_next = True
    if text:
        add_run(p, text, size=size, bold=bold, italic=italic)
    return p


def add_run(p: Paragraph, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False):
    run = p.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return run


def tag(container, text: str) -> Paragraph:
    """A paragraph holding only a block tag (``{%p … %}``); docxtpl removes the paragraph itself."""
    return para(container, text, after=0, line=None, align="left")


def line_under(p: Paragraph, indent_mm: float) -> None:
    """A solid line under ``p`` as long as the text: a bottom border, with ``indent_mm`` cut from each side."""
    p.paragraph_format.left_indent = Mm(indent_mm)
    p.paragraph_format.right_indent = Mm(indent_mm)
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def column_widths(table: Table, widths_mm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def cell_para(cell: _Cell, text: str = "", **kwargs) -> Paragraph:
    """A new centred, single-spaced paragraph in ``cell`` (``trim`` drops the cell's initial empty one)."""
    kwargs.setdefault("align", "center")
    kwargs.setdefault("after", 0)
    kwargs.setdefault("line", 1.0)
    return para(cell, text, **kwargs)


def trim(table: Table) -> None:
    """Remove the empty paragraph python-docx puts in every new cell, where the cell has others."""
    for row in table.rows:
        for cell in row.cells:
            paragraphs = cell.paragraphs
            first = paragraphs[0]
            if len(paragraphs) > 1 and not first.runs and not first.text:
                first._p.getparent().remove(first._p)


def indent_table(table: Table, mm: float) -> None:
    """Move the table ``mm`` to the left of the text area (negative = into the left margin)."""
    el = OxmlElement("w:tblInd")
    el.set(qn("w:w"), str(round(mm * 1440 / 25.4)))
    el.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(el)


def nd30_header(doc: DocumentObject, *, symbol_line: str = "{{ h.number_line }}", parent: str = "{{ h.parent_agency }}",
                agency: str = "{{ h.agency }}", left_mm: float = 66, right_mm: float = 111) -> None:
    """Cơ quan chủ quản / ban hành and số, ký hiệu at the left; Quốc hiệu, tiêu ngữ, địa danh and date at the right.

    The block is wider than the text area (as official letters print it) so the Quốc hiệu stays on one line.
    """
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    column_widths(table, [left_mm, right_mm])
    indent_table(table, -(left_mm + right_mm - TEXT_WIDTH_MM) * 0.6)
    left, right = table.rows[0].cells
    cell_para(left, parent, size=13)
    cell_para(left, agency, size=13, bold=True)
    line_under(cell_para(left, "", size=4), left_mm * 0.33)
    if symbol_line:
        cell_para(left, symbol_line, size=13, before=6)
    cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    line_under(cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True), (right_mm - 68) / 2)
    cell_para(right, "{{ h.place_date }}", size=14, italic=True, before=12)
    trim(table)
    para(doc, "", after=0)


def draft_mark(doc: DocumentObject) -> None:
    """«DỰ THẢO» above the title while the council has not voted (the list is a draft)."""
    tag(doc, "{%p if h.draft %}")
    para(doc, "DỰ THẢO – chưa có kết quả biểu quyết của Hội đồng", size=12, bold=True, italic=True, align="right")
    tag(doc, "{%p endif %}")


def title(doc: DocumentObject, kind: str, subject: str = "") -> None:
    """Tên loại văn bản (caps bold) and trích yếu (bold) with a short line under it."""
    para(doc, kind, size=14, bold=True, align="center", after=0, before=6, line=1.0, keep_next=True)
    if subject:
        para(doc, subject, size=14, bold=True, align="center", after=0, line=1.0, keep_next=True)
        line_under(para(doc, "", size=4, after=12, line=1.0), TEXT_WIDTH_MM * 0.38)


def signature(doc: DocumentObject, *, recipients: bool = True, authority: str = "{{ h.authority }}",
              signer_title: str = "{{ h.signer_title }}", signer_name: str = "{{ h.signer_name }}") -> None:
    """«Nơi nhận» at the left, chức vụ and họ tên người ký at the right, kept on the page of the text's
    last paragraph (never a signature alone on a page)."""
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    column_widths(table, [70, 100])
    left, right = table.rows[0].cells
    if recipients:
        cell_para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left")
        tag(left, "{%p for r in h.recipients %}")
        cell_para(left, "{{ r }}", size=11, align="left")
        tag(left, "{%p endfor %}")
    tag(right, "{%p if " + authority.strip("{} ") + " %}")
    cell_para(right, authority, size=14, bold=True)
    tag(right, "{%p endif %}")
    cell_para(right, signer_title, size=14, bold=True)
    cell_para(right, "(Ký, ghi rõ họ tên và đóng dấu)", size=13, italic=True)
    for _ in range(4):
        cell_para(right, "", size=14)
    cell_para(right, signer_name, size=14, bold=True)
    trim(table)
    keep_row_whole(table.rows[0])


def grid_table(doc: DocumentObject, headers: list[str], widths_mm: list[float], loop: str,
               cells: list[str], *, size: float = 12, total: list[str] | None = None,
               centred: tuple[int, ...] = (0,)) -> Table:
    """A bordered table: header row (repeated on each page), one looped data row, an optional total row."""
    rows = 4 + (1 if total else 0)
    table = doc.add_table(rows=rows, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    column_widths(table, widths_mm)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell_para(cell, text, size=size, bold=True)
    _repeat_header(table.rows[0])
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
    for index, (cell, text) in enumerate(zip(table.rows[2].cells, cells, strict=True)):
        align = "right" if text.endswith("amount }}") else "center" if index in centred else "left"
        cell_para(cell, text, size=size, align=align)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    if total:
        last = table.rows[4].cells
        merged = last[0].merge(last[len(headers) - 2])
        cell_para(merged, total[0], size=size, bold=True)
        cell_para(last[-1], total[1], size=size, bold=True, align="right")
    trim(table)
    return table


def keep_row_whole(row) -> None:
    """A signature block is never split across two pages."""
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def two_signatures(doc: DocumentObject, left: tuple[str, str, str], right: tuple[str, str, str]) -> None:
    """Two signature blocks side by side: (chức vụ, hint in brackets, họ tên) each."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    column_widths(table, [TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2])
    for cell, (role, hint, name) in zip(table.rows[0].cells, (left, right), strict=True):
        cell_para(cell, role, size=13, bold=True, before=12)
        cell_para(cell, hint, size=13, italic=True)
        for _ in range(4):
            cell_para(cell, "", size=14)
        cell_para(cell, name, size=14, bold=True)
    trim(table)
    keep_row_whole(table.rows[0])


def page_break(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
