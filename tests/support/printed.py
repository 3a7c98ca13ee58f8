"""What a printed PDF page shows, read with Poppler: word boxes, body text size, cut text, ink.

``pdftotext -bbox`` gives every word with its box in points.  The height of a word box is
proportional to the font size as printed (after the sheet's scale); the ratio is measured on a
calibration workbook of one known size converted in the same LibreOffice call, so the check does
not depend on Poppler's or the font's exact metrics.
"""

from __future__ import annotations

import collections
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

#: Size and font of the calibration cells (the body font of every output).
CALIBRATION_PT = 12.0
CALIBRATION_TEXT = "Hoàng Thị Ánh Dương, Phòng Hành chính – Tổng hợp 2026"

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def text(self) -> str:
        """The page's words in reading order, one space apart."""
        return " ".join(w.text for w in self.words)

    def common_height(self) -> float | None:
        """The most frequent word-box height (the body text: titles and chart labels are fewer)."""
        counts = collections.Counter(round(w.height, 2) for w in self.words)
        return counts.most_common(1)[0][0] if counts else None


def poppler_missing() -> str | None:
    """Name of the first missing Poppler tool, or None."""
    return next((tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None), None)


def read_pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its word boxes."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    pages = []
    for n, m in enumerate(_PAGE.finditer(out), start=1):
        words = tuple(Word(float(a), float(b), float(c), float(d), html.unescape(t))
                      for a, b, c, d, t in _WORD.findall(m[3]))
        pages.append(Page(n, float(m[1]), float(m[2]), words))
    return pages


def write_calibration(path: Path) -> Path:
    """A workbook of Times New Roman 12 cells printed at 100 % on A4."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Cỡ chữ")
    cell = wb.add_format({"font_name": "Times New Roman", "font_size": CALIBRATION_PT})
    ws.set_column(0, 0, 70)
    for row in range(30):
        ws.write_string(row, 0, CALIBRATION_TEXT, cell)
    ws.set_paper(9)
    ws.set_print_scale(100)
    wb.close()
    return path


def height_per_point(calibration_pdf: Path) -> float:
    """Word-box height of one point of font, measured on the calibration PDF."""
    page = read_pages(calibration_pdf)[0]
    common = page.common_height()
    assert common, "the calibration page has no text"
    return common / CALIBRATION_PT


def printed_body_pt(page: Page, per_point: float) -> float | None:
    """The page's body font size on paper, in points (None for a page without text)."""
    common = page.common_height()
    return None if common is None else common / per_point


def cut_words(page: Page, edge: float = 14.0) -> list[Word]:
    """Words reaching into the last ``edge`` points at the page's right (or left) side: cut text.

    Every printed sheet keeps an ND 30 right margin of 1,5 cm (42 pt); a word within 0,5 cm of
    the edge, or beyond it, has run out of its print area.
    """
    return [w for w in page.words if w.x1 > page.width - edge or w.x0 < 0]


def hash_words(page: Page) -> list[Word]:
    """Cells too narrow for their number, which spreadsheets print as "###"."""
    return [w for w in page.words if "###" in w.text]
