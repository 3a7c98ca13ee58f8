"""The printed page of an official document written row by row on one XlsxWriter sheet.

``PageLayout`` gives every row an explicit height measured from its text
(``page_setup.wrapped_lines``), so it knows where the pages end at the fit-to-width scale:
a section title moves to the next page with its table header, a table that goes on over
a page break gets its column headers again at the top of the new page (only its own
headers: the "(1) (2) …" numbering row stays under the first table), and the signature
block keeps the last rows of the table with it.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from exemplars import page_setup
from exemplars.xlsx import FONT, safe_text

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
    "numbers": {"italic": True, "align": "center", "border": 1},
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
    "body": {"text_wrap": True, "align": "justify", "font_size": 13},
    "subject": {"align": "center", "text_wrap": True},
    "bold": {"bold": True, "text_wrap": True},
}


def text_lines(text: str, width: float, size: float = 12, caps: bool = False, bold: bool = False) -> int:
    """Lines a wrapped cell of ``width`` characters needs (capitals are wider than the average letter)."""
    return page_setup.wrapped_lines(text.upper() if caps else text, width, size, bold)


class OfficialSheet(Worksheet):
    """A worksheet whose page header is marked "different first page" (ND 30: no number on page 1).

    XlsxWriter has no option for ``differentFirst``; the attribute is added as the
    ``<headerFooter>`` element is written, instead of unzipping and rezipping the finished file.
    """

    def _xml_start_tag(self, tag, attributes=()):
        if tag == "headerFooter":
            attributes = [("differentFirst", 1), *attributes]
        super()._xml_start_tag(tag, list(attributes))


class PageLayout:
    """Writes an official document top to bottom; ``row`` is the next free row.

    Every row gets an explicit height and every page end an explicit break, so Excel and
    LibreOffice break where the layout planned (rows at the fit-to-width scale).
    """

    #: Share of the computed page height the layout fills, so rounding in the office
    #: program never pushes a planned last row onto a page of its own.
    FILL = 0.97

    def __init__(self, wb, ws, widths: tuple[float, ...], size: int = 12, landscape: bool = True):
        self.wb, self.ws, self.widths, self.size, self.landscape = wb, ws, widths, size, landscape
        self.row = 0
        self.numbers_row: int | None = None
        self.breaks: list[int] = []
        self._used = 0.0
        self._capacity = page_setup.page_capacity(widths, landscape) * self.FILL
        self._headers: tuple[str, ...] | None = None  # the open table's column headers
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
        return sum(self.widths[span[0]: span[1] + 1]) + 0.71 * (span[1] - span[0])

    def lines_height(self, text: str, span: tuple[int, int], size: float, caps: bool = False,
                     bold: bool = False) -> float:
        lines = text_lines(text, self.span_width(span), size, caps, bold)
        return lines * page_setup.line_height(size) + 4

    def resume(self, row: int, heights: list[float]) -> None:
        """Go on at ``row`` after rows written by other means, whose ``heights`` are known."""
        for height in heights:
            if not self.fits(height):
                self._used = 0.0
            self._used += height
        self.row = row
        self._headers = None

    def fits(self, height: float) -> bool:
        return self._used + height <= self._capacity

    def new_page(self) -> None:
        """End the page here; an open table gets its column headers again on the new page."""
        if self._used <= 0:
            return
        self.breaks.append(self.row)
        self._used = 0.0
        if self._headers is not None:
            self._write_headers(self._headers)

    def _advance(self, height: float) -> None:
        """Close the current row at ``height`` points (the page was checked by ``_room``)."""
        self.ws.set_row(self.row, height)
        self._used += height
        self.row += 1

    def _room(self, height: float) -> None:
        if not self.fits(height):
            self.new_page()

    def keep_together(self, height: float) -> None:
        """Start a new page here unless ``height`` points still fit on the current one (a block
        taller than a page starts where it is: a new page would not hold it either)."""
        if height <= self._capacity:
            self._room(height)

    def merged(self, span: tuple[int, int], text: str, fmt, height: float | None = None,
               same_row: bool = False) -> None:
        """Text across columns ``span`` on the next row (or on the row just written)."""
        if not same_row:
            size = getattr(fmt, "font_size", self.size) or self.size
            bold = bool(getattr(fmt, "bold", False))
            height = height if height is not None else self.lines_height(text, span, size, bold=bold)
            self._room(height)
        row = self.row - 1 if same_row else self.row
        first, last = span
        if first == last:
            self.ws.write_string(row, first, safe_text(text), fmt)
        else:
            self.ws.merge_range(row, first, row, last, "", fmt)
            self.ws.write_string(row, first, safe_text(text), fmt)
        if not same_row:
            assert height is not None
            self._advance(height)

    def cell(self, col: int, text: str, fmt, span: tuple[int, int] | None = None) -> None:
        self.merged(span or (col, col), text, fmt)

    def skip(self, height: float) -> None:
        """An empty row; at a page end it is dropped rather than opening the next page blank."""
        if not self.fits(height):
            return
        self._advance(height)

    def skip_always(self, height: float) -> None:
        """An empty row that is kept even at a page end (rows of a block kept together)."""
        self._advance(height)

    def rule_row(self, col: int) -> None:
        """A thin row whose only mark is a short line (bottom border) under column ``col``."""
        self.ws.write_blank(self.row, col, None, self.fmt("rule"))
        self._advance(4)

    def row_height(self, values: list[str], size: float = 12, bold: bool = False) -> float:
        lines = max(text_lines(v, self.widths[c], size, bold=bold) for c, v in enumerate(values))
        return max(lines * page_setup.line_height(size) + 5, 20)

    def _write_headers(self, headers: tuple[str, ...]) -> None:
        for col, text in enumerate(headers):
            self.ws.write_string(self.row, col, text, self.fmt("head"))
        self._advance(self.row_height(list(headers), bold=True))

    def header_row(self, headers: tuple[str, ...]) -> None:
        """The column headers of a table; they come again at the top of each page the table reaches."""
        self._room(self.row_height(list(headers), bold=True))
        self._write_headers(headers)
        self._headers = headers

    def end_table(self) -> None:
        self._headers = None

    def number_row(self, count: int) -> None:
        """"(1) (2) …" under the first table header only (not repeated above other tables)."""
        for col in range(count):
            self.ws.write_string(self.row, col, f"({col + 1})", self.fmt("numbers"))
        self.numbers_row = self.row
        self._advance(16)

    def none_row(self, text: str) -> None:
        self._room(20)
        self.ws.write_blank(self.row, 0, None, self.fmt("cell"))
        self.ws.merge_range(self.row, 1, self.row, len(self.widths) - 1, "", self.fmt("none"))
        self.ws.write_string(self.row, 1, safe_text(text), self.fmt("none"))
        self._advance(20)

    def data_row(self, values: list[str], right: tuple[int, ...] = (), keep_with: float = 0.0) -> None:
        """One table row; columns in ``right`` (amounts) are right-aligned, STT centred.

        ``keep_with`` points (what follows the last row: totals, notes, the signature) must
        fit on the same page, else the row opens the next page with the table headers.
        """
        texts = [safe_text(v) for v in values]
        height = self.row_height(texts)
        self._room(height + keep_with if height + keep_with <= self._capacity else height)
        for col, value in enumerate(texts):
            fmt = self.fmt("cell_center" if col == 0 else "cell_right" if col in right else "cell")
            self.ws.write_string(self.row, col, value, fmt)
        self._advance(height)

    def total_row(self, label: str, amount: str, amount_col: int) -> None:
        self.end_table()
        self._room(20)
        self.ws.merge_range(self.row, 0, self.row, amount_col - 1, "", self.fmt("total"))
        self.ws.write_string(self.row, 0, label, self.fmt("total"))
        self.ws.write_string(self.row, amount_col, amount, self.fmt("total_right"))
        for col in range(amount_col + 1, len(self.widths)):
            self.ws.write_blank(self.row, col, None, self.fmt("total"))
        self._advance(20)

    def finish(self, last_row: int | None = None) -> None:
        """A4, ND 30 margins, the page width's scale, page numbers, the planned page breaks."""
        last = self.row - 1 if last_row is None else last_row
        page_setup.set_page(self.ws, self.widths, last_row=last, landscape=self.landscape, official=True,
                            percent=page_setup.layout_percent(self.widths, self.landscape))
        if self.breaks:
            self.ws.set_h_pagebreaks(self.breaks)
