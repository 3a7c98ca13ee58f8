"""The printed page of an official document written row by row on one XlsxWriter sheet.

``PageLayout`` follows where pages end at the fit-to-width scale (Times New Roman, A4,
ND 30 margins 3 / 1,5 / 2 / 2 cm, page numbers from page 2) so that titles stay with
their tables.
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

from exemplars.xlsx import FONT, safe_text

CM = 1 / 2.54
#: Page number at the top centre, Times New Roman 13 (ND 30); hidden on page 1 afterwards.
PAGE_NUMBER_HEADER = '&C&"Times New Roman,Regular"&13&P'

_STYLES: dict[str, dict] = {
    "caps": {"align": "center", "text_wrap": True},
    "caps_bold": {"align": "center", "bold": True, "text_wrap": True},
    "caps_bold13": {"align": "center", "bold": True, "font_size": 13},
    "motto": {"align": "center", "bold": True, "font_size": 13, "underline": 1},
    "center13": {"align": "center", "font_size": 13},
    "date": {"align": "center", "italic": True, "font_size": 13},
    "title": {"align": "center", "valign": "vcenter", "bold": True, "font_size": 14, "text_wrap": True},
    "draft": {"align": "center", "valign": "vcenter", "bold": True, "font_size": 13, "text_wrap": True,
              "font_color": "#C00000"},
    "center_italic": {"align": "center", "italic": True, "font_size": 13, "text_wrap": True},
    "section": {"bold": True, "font_size": 13, "valign": "vcenter"},
    "head": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1},
    "numbers": {"italic": True, "align": "center", "border": 1, "font_size": 11},
    "cell": {"text_wrap": True, "border": 1},
    "cell_center": {"text_wrap": True, "border": 1, "align": "center"},
    "cell_right": {"border": 1, "align": "right", "text_wrap": True},
    "none": {"italic": True, "align": "center", "border": 1},
    "total": {"bold": True, "align": "center", "border": 1},
    "total_right": {"bold": True, "align": "right", "border": 1},
    "note": {"italic": True, "text_wrap": True},
    "rule": {"bottom": 1},
    "bold13_center": {"bold": True, "font_size": 13, "align": "center"},
    "recipients_title": {"bold": True, "italic": True, "font_size": 12},
    "recipient": {"font_size": 11},
    "plain": {"text_wrap": True},
    "bold": {"bold": True, "text_wrap": True},
}


def page_capacity(widths: tuple[float, ...], landscape: bool = True) -> float:
    """Row points that fit on one A4 page once the sheet is scaled to the printable width.

    A column of width w is drawn ~7,6 px per unit (Times New Roman 12 as the normal font,
    measured on LibreOffice output) plus 5 px padding; 1 px = 0,75 pt.
    """
    page_w, page_h = (29.7, 21.0) if landscape else (21.0, 29.7)
    printable_w = (page_w - 4.5) / 2.54 * 72
    printable_h = (page_h - 4.0) / 2.54 * 72
    sheet_w = sum(((w + 0.71) * 7.6 + 5) * 0.75 for w in widths)
    scale = min(1.0, printable_w / sheet_w)
    return printable_h / scale


def text_lines(text: str, width: float, size: float = 12, caps: bool = False) -> int:
    """Lines a wrapped cell needs: Times New Roman fits ~1.1 characters per width unit at 12 pt
    (word wrapping wastes some of it, so the estimate stays on the safe side)."""
    per_line = max(1.0, width * 1.1 * 12 / size * (0.72 if caps else 1.0))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in (text or "").split("\n"))


class PageLayout:
    """Writes an official document top to bottom; ``row`` is the next free row.

    Every row gets an explicit height, so the layout can follow where pages end
    (at the fit-to-width scale) and move a section title with its table header to
    the next page instead of leaving them alone at the bottom of a page.
    """

    def __init__(self, wb, ws, widths: tuple[float, ...], size: int = 12):
        self.wb, self.ws, self.widths, self.size = wb, ws, widths, size
        self.row = 0
        self.numbers_row: int | None = None
        self.repeat_height = 0.0
        self.breaks: list[int] = []
        self._used = 0.0
        self._capacity = page_capacity(widths)
        self._formats: dict[str, object] = {}
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        ws.hide_gridlines(2)

    def fmt(self, name: str):
        if name not in self._formats:
            style = {"font_name": FONT, "font_size": self.size, "valign": "top", **_STYLES[name]}
            self._formats[name] = self.wb.add_format(style)
        return self._formats[name]

    def span_width(self, span: tuple[int, int]) -> float:
        return sum(self.widths[span[0]: span[1] + 1])

    def lines_height(self, text: str, span: tuple[int, int], size: float, caps: bool = False) -> float:
        # long merged paragraphs wrap more tightly than short cells: count on 95 % of the width
        return text_lines(text, self.span_width(span) * 0.95, size, caps) * size * 1.25 + 3

    def _advance(self, height: float) -> None:
        """Close the current row at ``height`` points and follow the page it lands on."""
        self.ws.set_row(self.row, height)
        if self._used + height > self._capacity and self._used > self.repeat_height:
            self._used = self.repeat_height
        self._used += height
        self.row += 1

    def keep_together(self, height: float) -> None:
        """Start a new page here unless ``height`` points still fit on the current one."""
        if self._used + height > self._capacity and self._used > self.repeat_height + height / 2:
            self.breaks.append(self.row)
            self._used = self.repeat_height

    def merged(self, span: tuple[int, int], text: str, fmt, height: float | None = None,
               same_row: bool = False) -> None:
        """Text across columns ``span`` on the next row (or on the row just written)."""
        row = self.row - 1 if same_row else self.row
        first, last = span
        if first == last:
            self.ws.write_string(row, first, safe_text(text), fmt)
        else:
            self.ws.merge_range(row, first, row, last, "", fmt)
            self.ws.write_string(row, first, safe_text(text), fmt)
        if not same_row:
            size = getattr(fmt, "font_size", self.size) or self.size
            self._advance(height if height is not None else self.lines_height(text, span, size))

    def cell(self, col: int, text: str, fmt, span: tuple[int, int] | None = None) -> None:
        self.merged(span or (col, col), text, fmt)

    def skip(self, height: float) -> None:
        self._advance(height)

    def rule_row(self, col: int) -> None:
        """A thin row whose only mark is a short line (bottom border) under column ``col``."""
        self.ws.write_blank(self.row, col, None, self.fmt("rule"))
        self.skip(4)

    def row_height(self, values: list[str], size: float = 12) -> float:
        lines = max(text_lines(v, self.widths[c] - 1, size) for c, v in enumerate(values))
        return max(lines * size * 1.2 + 4, 20)

    def header_row(self, headers: tuple[str, ...]) -> None:
        for col, text in enumerate(headers):
            self.ws.write_string(self.row, col, text, self.fmt("head"))
        self._advance(self.row_height(list(headers)))

    def number_row(self, count: int) -> None:
        """"(1) (2) …" under the first table header: repeated at the top of every printed page."""
        for col in range(count):
            self.ws.write_string(self.row, col, f"({col + 1})", self.fmt("numbers"))
        self.numbers_row = self.row
        self.repeat_height = 16
        self._advance(16)

    def none_row(self, text: str) -> None:
        self.ws.write_blank(self.row, 0, None, self.fmt("cell"))
        self.merged((1, len(self.widths) - 1), text, self.fmt("none"), height=20)

    def data_row(self, values: list[str], right: tuple[int, ...] = ()) -> None:
        """One table row; columns in ``right`` (amounts) are right-aligned, STT centred."""
        texts = [safe_text(v) for v in values]
        for col, value in enumerate(texts):
            fmt = self.fmt("cell_center" if col == 0 else "cell_right" if col in right else "cell")
            self.ws.write_string(self.row, col, value, fmt)
        self._advance(self.row_height(texts))

    def total_row(self, label: str, amount: str, amount_col: int) -> None:
        self.ws.merge_range(self.row, 0, self.row, amount_col - 1, "", self.fmt("total"))
        self.ws.write_string(self.row, 0, label, self.fmt("total"))
        self.ws.write_string(self.row, amount_col, amount, self.fmt("total_right"))
        for col in range(amount_col + 1, len(self.widths)):
            self.ws.write_blank(self.row, col, None, self.fmt("total"))
        self._advance(20)

    def finish(self, repeat_row: int | None, last_row: int, landscape: bool = True) -> None:
        """A4, ND 30 margins, fit to the page width, repeated table header, page numbers."""
        ws = self.ws
        ws.set_paper(9)
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.set_margins(left=3 * CM, right=1.5 * CM, top=2 * CM, bottom=2 * CM)
        ws.set_header(PAGE_NUMBER_HEADER, {"margin": 0.8 * CM})
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.print_area(0, 0, max(last_row, 0), len(self.widths) - 1)
        if repeat_row is not None:
            ws.repeat_rows(repeat_row)
        if self.breaks:
            ws.set_h_pagebreaks(self.breaks)

    @staticmethod
    def without_first_page_number(path: Path) -> None:
        """Mark every sheet's header as "different first page" (ND 30: no number on page 1).

        XlsxWriter cannot write ``differentFirst``; the attribute is added to the
        finished (still temporary) file, whose other parts are copied unchanged.
        """
        with zipfile.ZipFile(path) as zin:
            items = [(info, zin.read(info.filename)) for info in zin.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for info, data in items:
                if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                    data = data.replace(b"<headerFooter>", b'<headerFooter differentFirst="1">')
                zout.writestr(info, data)
