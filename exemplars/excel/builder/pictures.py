"""Pictures of the control workbook for the clerk's guide (``docs/img/bang-dieu-khien*.png``).

LibreOffice prints one copy of the workbook per picture, with every other sheet
hidden, and pdftoppm renders the first page.  The result pictures show the
sheets as the buttons fill them: the pipeline runs on generated sample files
and ``tables`` gives the same rows the buttons write.  No xlwings and no Excel.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill

from exemplars import pipeline
from exemplars.demo import DEMO_DECISION_DATE, demo_settings, run_demo_rulebook
from exemplars.demo.samples import generate_unit_files
from exemplars.excel import layout as L
from exemplars.excel import tables
from exemplars.excel.builder.build import SHIPPED
from exemplars.excel.sheets import HEADER_COLOR, cell_value
from exemplars.outputs.office import convert_all, pdf_page_to_png
from exemplars.results import SELECT
from exemplars.rulebook import load_rulebook
from exemplars.settings import RunSettings

#: picture file → sheet shown
PICTURES = {
    "bang-dieu-khien.png": L.SHEET_DASHBOARD,
    "bang-dieu-khien-cau-hinh.png": L.SHEET_SETTINGS,
    "bang-dieu-khien-don-vi.png": L.SHEET_UNITS,
    "bang-dieu-khien-phieu-bau.png": L.SHEET_VOTES,
    "bang-dieu-khien-tong-hop.png": L.SHEET_REGISTER,
    "bang-dieu-khien-loi.png": L.SHEET_PROBLEMS,
    "bang-dieu-khien-xep-hang.png": L.SHEET_RANKING,
    "bang-dieu-khien-danh-sach-chon.png": L.SHEET_SELECTION,
}
SAMPLE_YEAR = L.DEFAULT_YEAR
ROWS_SHOWN = 14  # enough rows for the reader to recognise the table


def _printable_buttons(source: Path, target: Path) -> None:
    """Copy with form buttons marked printable (they are not, in the shipped workbook)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith(".vml"):
                data = data.replace(b"<x:PrintObject>False</x:PrintObject>", b"")
            zout.writestr(info, data)


def sample_tables(work: Path) -> dict[str, tables.Table]:
    """The result sheets after «Lập danh sách đăng ký» on generated sample files."""
    folder = work / "ho-so-don-vi"
    generate_unit_files(load_rulebook(L.DEFAULT_RULEBOOK), folder, SAMPLE_YEAR)
    settings = RunSettings(folder=folder, out_dir=work / "ket-qua", rulebook=L.DEFAULT_RULEBOOK, year=SAMPLE_YEAR)
    result = pipeline.run(settings, until=SELECT)
    return {
        L.SHEET_REGISTER: tables.register_table(result),
        L.SHEET_PROBLEMS: tables.problem_table(result.problems),
        L.SHEET_RANKING: tables.ranking_table(result),
        L.SHEET_SELECTION: tables.selection_table(result),
    }


def _fill(ws, table: tables.Table) -> None:
    """Header and the first rows; long texts cut to the column width so each row stays one line."""
    ws.delete_rows(1, ws.max_row)
    for col, (header, width) in enumerate(zip(table.headers, table.widths, strict=True), start=1):
        cell = ws.cell(1, col, header)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_COLOR[1:])
        ws.column_dimensions[cell.column_letter].width = max(width, len(header) + 2)
    for r, row in enumerate(table.rows[:ROWS_SHOWN], start=2):
        for c, value in enumerate(row, start=1):
            shown = cell_value(value)
            if isinstance(shown, str):
                shown = shown.removeprefix("'")
                limit = int(max(table.widths[c - 1], len(table.headers[c - 1]) + 2))
                shown = shown if len(shown) <= limit else shown[: limit - 1] + "…"
            cell = ws.cell(r, c, shown)
            if c - 1 in table.number_formats:
                cell.number_format = table.number_formats[c - 1]


def _copy_showing(source: Path, target: Path, sheet: str, table: tables.Table | None) -> None:
    wb = openpyxl.load_workbook(source, keep_vba=True)
    for ws in wb.worksheets:
        ws.sheet_state = "visible" if ws.title == sheet else "hidden"
    wb.active = wb.sheetnames.index(sheet)
    if table is not None:
        _fill(wb[sheet], table)
    wb.save(target)


def render_pictures(out_dir: Path | str, workbook: Path = SHIPPED, dpi: int = 100) -> list[Path]:
    """Write the guide's pictures into ``out_dir``; returns their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="exemplars-pictures-") as tmp:
        work = Path(tmp)
        printable = work / "printable.xlsm"
        _printable_buttons(workbook, printable)
        filled = sample_tables(work)
        copies = []
        for name, sheet in PICTURES.items():
            copy = work / "copies" / f"{Path(name).stem}.xlsm"
            copy.parent.mkdir(exist_ok=True)
            _copy_showing(printable, copy, sheet, filled.get(sheet))
            copies.append(copy)
        pdfs = convert_all(copies, "pdf", work / "pdf")
        return [pdf_page_to_png(pdf, out_dir / name, page=1, dpi=dpi) for pdf, name in zip(pdfs, PICTURES, strict=True)]


#: picture file → (dossier key, page) of the documents' pictures in the README and the clerk's guide
DOSSIER_PICTURES = {
    "ho-so-to-trinh.png": "proposal", "ho-so-bien-ban.png": "minutes", "ho-so-bao-cao-thanh-tich.png": "report",
    "ho-so-du-thao-quyet-dinh.png": "decision", "ho-so-giay-khen.png": "certificates",
    "ho-so-giay-khen-trang-thu.png": "test_page",
}


def render_dossier_pictures(out_dir: Path | str, dpi: int = 60) -> list[Path]:
    """First page of each dossier document, made from the demo of the default rulebook."""
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="exemplars-dossier-pictures-") as tmp:
        run = run_demo_rulebook(load_rulebook(L.DEFAULT_RULEBOOK), Path(tmp))
        _, made = pipeline.dossier(demo_settings(run.rulebook, run.base).model_copy(
            update={"council_date": DEMO_DECISION_DATE.replace(day=5)}))
        first_report = next(k for k in made.written if k.startswith("report:") and not k.endswith("_pdf"))
        keys = {name: (first_report if key == "report" else key) for name, key in DOSSIER_PICTURES.items()}
        return [pdf_page_to_png(made.written[f"{key}_pdf"], out_dir / name, page=1, dpi=dpi)
                for name, key in keys.items()]
