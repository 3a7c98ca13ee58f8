"""How every printable sheet of the product goes onto A4 paper (Nghị định 30/2020, Phụ lục I).

One place decides the paper, the orientation, the ND 30 margins (left 3 cm, right 1,5 cm,
top and bottom 2 cm), the fit to the page width, the repeated header rows, the print area
and the page numbers, so the submission, the registers, the feedback letters, the periodic
reports and the unit template print alike.

It also measures text: Times New Roman advance widths (the metric-compatible Liberation Serif
that LibreOffice uses has the same widths) let a writer know how many lines a wrapped cell
takes, hence where pages end and whether the body text stays readable (at least 9 pt once
the sheet is scaled to the page width).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

CM = 1 / 2.54
A4 = 9
#: ND 30 margins in inches (XlsxWriter's unit).
MARGINS = {"left": 3 * CM, "right": 1.5 * CM, "top": 2 * CM, "bottom": 2 * CM}
#: Smallest body text size on paper, in points, after the sheet is scaled to the page width.
MIN_PRINTED_PT = 9.0
#: Page number at the top centre, Times New Roman 13 (ND 30).
PAGE_NUMBER_HEADER = '&C&"Times New Roman,Regular"&13&P'
#: Working sheets (not official documents) number their pages at the bottom: "Trang 2/5".
PAGE_NUMBER_FOOTER = '&C&"Times New Roman,Italic"&10Trang &P/&N'
#: Pages tall of a sheet fitted to the width.  "0" (no limit) would say the same to Excel, but
#: LibreOffice's search for the fitting scale then often lands 2-4 % below the width's own scale
#: (measured on the periodic reports: 9 pt body text printed at 8,8 pt); a limit no sheet reaches
#: leaves only the width to decide.
FIT_PAGES_TALL = 999

# Times New Roman advance widths in 1/1000 em (Adobe Times-Roman metrics); a Vietnamese letter
# is as wide as its base letter (the marks sit above or below it).
_WIDTHS = {
    **dict.fromkeys("abdghknopquvxy", 500), **dict.fromkeys("ceəz", 444), **dict.fromkeys("fr", 333),
    **dict.fromkeys("ijlt", 278), "m": 778, "s": 389, "w": 722,
    **dict.fromkeys("ACDGHKNOQUVXY", 722), **dict.fromkeys("BR", 667), **dict.fromkeys("ELTZ", 611),
    **dict.fromkeys("FPS", 556), "I": 333, "J": 389, "M": 889, "W": 944,
    **dict.fromkeys("0123456789", 500), " ": 250, ".": 250, ",": 250, ":": 278, ";": 278, "-": 333,
    "–": 500, "—": 1000, "(": 333, ")": 333, "[": 333, "]": 333, "/": 278, "%": 833, "«": 500, "»": 500,
    "'": 180, '"': 408, "“": 444, "”": 444, "&": 778, "!": 333, "?": 444, "×": 564, "+": 564, "=": 564,
    "…": 1000, "_": 500, "*": 500, "#": 500,
}
_BASE = {"đ": "d", "Đ": "D", "ư": "u", "Ư": "U", "ơ": "o", "Ơ": "O"}


def _char_width(ch: str) -> int:
    if ch in _WIDTHS:
        return _WIDTHS[ch]
    base = _BASE.get(ch) or unicodedata.normalize("NFD", ch)[:1]
    return _WIDTHS.get(base, 556)


class _CharWidths(dict):
    """Character → advance width, each character measured once (``_char_width`` on first sight)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = _char_width(ch)
        return width


_CHAR_WIDTHS = _CharWidths()
_SHORT_WORD = 24  # words at most this long are remembered: Vietnamese syllables repeat across every table


@functools.lru_cache(maxsize=1 << 16)
def _word_units(word: str) -> int:
    return sum(map(_CHAR_WIDTHS.__getitem__, word))


def _units(text: str) -> int:
    """Width of ``text`` in 1/1000 em (an integer, so the order of summing never changes a result)."""
    if len(text) <= _SHORT_WORD:
        return _word_units(text)
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` in points (bold Times is about 5 % wider)."""
    width = _units(text) * size / 1000
    return width * (1.05 if bold else 1.0)


def column_width_pt(width: float) -> float:
    """Printed width at 100 % of a column of ``width`` characters.

    XlsxWriter stores ``width + 5/7``; Excel and LibreOffice multiply it by the widest digit of
    the workbook's normal font, 8 px for Times New Roman 12 (1 px = 0,75 pt).  Checked on
    LibreOffice's PDF of the submission: the digits printed give the scale to within 1 %.
    """
    return (width + 5 / 7) * 8 * 0.75


def anchor_px(widths: Sequence[float]) -> int:
    """Pixels XlsxWriter gives these columns when it anchors a chart (7 px per character + 5).

    A chart is saved as anchored to the cells it covers in that measure; Excel and LibreOffice
    then draw it over those cells in their own (wider) measure.  A chart no wider than this
    stays inside these columns, hence inside a print area that ends with them.
    """
    return sum(int(w * 7 + 0.5) + 5 if w >= 1 else int(w * 12 + 0.5) for w in widths)


def wrapped_lines(text: str, width: float, size: float = 12, bold: bool = False) -> int:
    """Lines a wrapped cell of ``width`` characters needs for ``text`` (greedy word wrap)."""
    if len(text or "") <= _SHORT_TEXT:  # names, units, statuses: the same few texts on many rows
        return _short_wrapped_lines(text or "", width, size, bold)
    return _wrapped_lines(text, width, size, bold)


_SHORT_TEXT = 160


@functools.lru_cache(maxsize=1 << 15)
def _short_wrapped_lines(text: str, width: float, size: float, bold: bool) -> int:
    return _wrapped_lines(text, width, size, bold)


def _wrapped_lines(text: str, width: float, size: float, bold: bool) -> int:
    room = column_width_pt(width) - 4  # the cell's own inner padding on both sides
    if "\n" not in (text or "") and len(text or "") * size * (1.05 if bold else 1.0) <= room:
        return 1  # no letter is wider than 1 em: short text fits without measuring
    lines = 0
    space = text_width_pt(" ", size, bold)
    for paragraph in (text or "").split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            w = text_width_pt(word, size, bold)
            gap = space if used else 0.0
            if used and used + gap + w > room:
                lines += 1
                used = 0.0
                gap = 0.0
            while w > room:  # a word longer than the cell breaks anywhere
                lines += 1
                w -= room
            used += gap + w
    return max(lines, 1)


def line_height(size: float) -> float:
    """Height of one text line in points (Times New Roman: ascent + descent + gap ≈ 1,15 em)."""
    return size * 1.17


def printable_pt(landscape: bool) -> tuple[float, float]:
    """Width and height inside the ND 30 margins of an A4 page, in points."""
    page_w, page_h = (29.7, 21.0) if landscape else (21.0, 29.7)
    return (page_w - 4.5) * CM * 72, (page_h - 4.0) * CM * 72


def fit_scale(widths: Sequence[float], landscape: bool) -> float:
    """The scale fit-to-width gives a sheet of these column widths (at most 1)."""
    sheet = sum(column_width_pt(w) for w in widths)
    return min(1.0, printable_pt(landscape)[0] / sheet) if sheet else 1.0


def readable(widths: Sequence[float], landscape: bool, size: float = 12) -> bool:
    """True when body text of ``size`` stays at or above ``MIN_PRINTED_PT`` once fitted to the width."""
    return fit_scale(widths, landscape) * size >= MIN_PRINTED_PT - 1e-9


def orientation_for(widths: Sequence[float], size: float = 12) -> bool:
    """Landscape (True) or portrait for a table: the one that prints more rows per page while
    the text stays readable; portrait when both are equal (ND 30 prefers it)."""
    if not readable(widths, False, size):
        return True
    rows_portrait = printable_pt(False)[1] * fit_scale(widths, False)
    rows_landscape = printable_pt(True)[1] * fit_scale(widths, True)
    return rows_landscape > rows_portrait * 1.02


def pages_across(widths: Sequence[float], landscape: bool, size: float = 12, repeated: int = 0) -> int:
    """Fewest pages side by side that print these columns with text of ``size`` still readable.

    Pages break between columns, so the columns are packed whole at the smallest readable scale;
    the first ``repeated`` columns print again on every following page.  One page when
    ``readable`` says so.
    """
    if readable(widths, landscape, size):
        return 1
    room = printable_pt(landscape)[0] * size / MIN_PRINTED_PT
    carried = sum(column_width_pt(w) for w in widths[:repeated])
    pages, used = 1, 0.0
    for width in widths:
        column = column_width_pt(width)
        if used and used + column > room:
            pages, used = pages + 1, carried
        used += column
    return pages


#: Share of the printable width a page packs at a fixed scale: the programs draw columns up to
#: 1,5 % wider than ``column_width_pt`` says.
_PACKING_ROOM = 0.98


def readable_scale(size: float = 12) -> int:
    """The smallest print scale, in percent, at which text of ``size`` points prints readable."""
    return max(math.ceil(MIN_PRINTED_PT / size * 100), 10)


def column_breaks(widths: Sequence[float], landscape: bool, size: float = 12, repeated: int = 0,
                  keep: Sequence[tuple[int, int]] = ()) -> list[int]:
    """First column of each page after the first, for a sheet printed at ``readable_scale``.

    Whole columns are packed page by page (the first ``repeated`` columns print again on each
    following page); a break never falls inside one of the ``keep`` spans (first, last column
    of a merged cell), which would cut its text at the page's edge.
    """
    room = printable_pt(landscape)[0] * _PACKING_ROOM * 100 / readable_scale(size)
    carried = sum(column_width_pt(w) for w in widths[:repeated])
    breaks: list[int] = []
    start, used = 0, 0.0
    for col, width in enumerate(widths):
        column = column_width_pt(width)
        if col > start and used + column > room:
            inside = [a for a, b in keep if a < col <= b and a > start]
            cut = min(inside) if inside else col
            breaks.append(cut)
            start = cut
            used = carried + sum(column_width_pt(w) for w in widths[cut:col])
        used += column
    return breaks


def set_wide_page(ws, widths: Sequence[float], *, last_row: int, repeat_rows: tuple[int, int] | None = None,
                  repeat_cols: tuple[int, int] | None = None, size: float = 12,
                  keep: Sequence[tuple[int, int]] = ()) -> list[int]:
    """``set_page`` for a sheet wider than one readable page: landscape at ``readable_scale``,
    with page breaks between columns placed by ``column_breaks``; returns the breaks."""
    set_page(ws, widths, last_row=last_row, landscape=True, repeat_rows=repeat_rows, repeat_cols=repeat_cols,
             fit=False, size=size)
    repeated = repeat_cols[1] + 1 if repeat_cols is not None else 0
    breaks = column_breaks(widths, True, size, repeated, keep)
    if breaks:
        ws.set_v_pagebreaks(breaks)
    return breaks


def layout_percent(widths: Sequence[float], landscape: bool = True) -> int:
    """The whole print scale (%) at which a planned page layout prints: the width's fit, rounded down.

    A fixed scale, not "fit to", because Excel and LibreOffice both ignore manual page breaks on a
    sheet set to fit to pages; at a fixed scale they break where the layout planned."""
    return max(10, math.floor(fit_scale(widths, landscape) * 100 + 1e-9))


def page_capacity(widths: Sequence[float], landscape: bool = True) -> float:
    """Row points (at 100 %) that fit on one page at the layout's print scale (``layout_percent``)."""
    return printable_pt(landscape)[1] * 100 / layout_percent(widths, landscape)


def set_page(ws, widths: Sequence[float], *, last_row: int, first_col: int = 0, landscape: bool | None = None,
             repeat_rows: tuple[int, int] | None = None, repeat_cols: tuple[int, int] | None = None,
             official: bool = False, fit: bool = True, size: float = 12, percent: int | None = None) -> bool:
    """A4, ND 30 margins, orientation, print area over the data, repeated header rows, page numbers.

    ``widths`` are the printed columns (from ``first_col``).  ``official`` documents number their
    pages at the top centre (ND 30); working sheets say "Trang 2/5" at the bottom.  With ``fit``
    the sheet is fitted to the page width, which the caller keeps readable (see ``readable``);
    without it the sheet prints at the largest readable scale across as many pages as it needs.
    A sheet too wide for one readable page is fitted to as many pages across as keep it readable
    (``pages_across``).  ``percent``: a fixed print scale instead (a planned layout with manual
    page breaks, see ``layout_percent``).  Returns the orientation used (True = landscape).
    """
    if landscape is None:
        landscape = orientation_for(widths, size)
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(**MARGINS)
    if official:
        ws.set_header(PAGE_NUMBER_HEADER, {"margin": 0.8 * CM})
    else:
        ws.set_footer(PAGE_NUMBER_FOOTER, {"margin": 0.8 * CM})
    if percent is not None:
        ws.set_print_scale(percent)
    elif fit:
        repeated = repeat_cols[1] - first_col + 1 if repeat_cols is not None else 0
        ws.fit_to_pages(pages_across(widths, landscape, size, repeated), FIT_PAGES_TALL)
    else:
        ws.set_print_scale(readable_scale(size))
    ws.center_horizontally()
    ws.print_area(0, first_col, max(last_row, 0), first_col + max(len(widths), 1) - 1)
    if repeat_rows is not None:
        ws.repeat_rows(*repeat_rows)
    if repeat_cols is not None:
        ws.repeat_columns(*repeat_cols)
    return landscape


def without_first_page_number(path: Path) -> None:
    """Mark the header of every sheet numbered at the top (an official document, ``set_page(official=True)``)
    as "different first page" (ND 30: no number on page 1); working sheets keep "Trang 1/n".

    XlsxWriter cannot write ``differentFirst``; the attribute is added to the finished
    (still temporary) file, whose other parts are copied unchanged.
    """
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename) and b"<oddHeader>" in data:
                data = data.replace(b"<headerFooter>", b'<headerFooter differentFirst="1">')
            zout.writestr(info, data)
