"""Rows streamed as XML text (``RowStream``) give the very bytes XlsxWriter writes cell by cell."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from exemplars.xlsx import RowStream, Styles, add_held_sheet, fitted_height, new_workbook, write_table, write_value

HEADERS = [("Tên", 20), ("Số", 8), ("Ngày", 12), ("Ghi chú", 30)]
ROWS = [
    ["Nguyễn Văn An", 1, dt.date(2020, 3, 9), None],
    ["  khoảng trắng đầu", 2.5, dt.datetime(2020, 1, 1, 8, 30), "cuối  "],
    ["=cmd|' /C calc'!A0", float("nan"), None, "a & b <c> \"d\""],
    ["dòng\r\nxuống", True, False, "_x0041_ literal"],
    ["\x01điều khiển\x1f", -0.0, 10**12, "\ufffe"],
    ["", 0, dt.date(1900, 3, 1), "x" * 40_000],
    ["Tên rất dài " * 8 + "xuống nhiều dòng", 36.363636, None, "ghi chú " * 30],
]


def _book(path, streamed: bool) -> dict[str, bytes]:
    wb = new_workbook(path, constant_memory=True)
    st = Styles(wb)
    ws = wb.add_worksheet("Bảng")
    formats = [None, st.int, None, st.text_nowrap]
    if streamed:
        write_table(ws, st, HEADERS, ROWS, formats=formats)
    else:  # XlsxWriter's own cell-by-cell path, row heights by set_row
        widths = [w for _, w in HEADERS]
        ws.set_row(0, fitted_height([t for t, _ in HEADERS], widths, bold=True))
        for c, (title, width) in enumerate(HEADERS):
            ws.write_string(0, c, title, st.header)
            ws.set_column(c, c, width)
        wrapped = [f is None or f is st.text for f in formats]
        for r, values in enumerate(ROWS, start=1):
            height = fitted_height(values, widths, wrapped=wrapped)
            if height is not None:
                ws.set_row(r, height)
            for c, v in enumerate(values):
                write_value(ws, r, c, v, st, formats[c])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, len(ROWS), len(HEADERS) - 1)
    ws2 = wb.add_worksheet("Màu")
    stream = RowStream(ws2, st) if streamed else None
    for r in range(1, 4):
        special = {1: st.error if r % 2 else st.warning}
        values = [f"dòng {r}", "trạng thái", r, r / 3, r / 7]
        formats2 = [None, None, None, st.percent, None]
        height = 33.5 if r == 2 else None
        if stream is not None:
            stream.row(r, values, formats2, special=special, height=height)
        else:
            if height is not None:
                ws2.set_row(r, height)
            for c, v in enumerate(values):
                write_value(ws2, r, c, v, st, special.get(c, formats2[c]))
    wb.close()
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_streamed_rows_are_byte_identical(tmp_path):
    streamed = _book(tmp_path / "a.xlsx", streamed=True)
    cell_by_cell = _book(tmp_path / "b.xlsx", streamed=False)
    assert streamed.keys() == cell_by_cell.keys()
    for sheet in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):  # fitted and given row heights
        assert b'customHeight="1"' in streamed[sheet]
    assert b"<v>36.36</v>" in streamed["xl/worksheets/sheet1.xml"]  # a score rounded as write_value does
    for name in streamed:
        assert streamed[name] == cell_by_cell[name], name


def test_row_stream_refuses_a_sheet_held_in_memory(tmp_path):
    wb = new_workbook(tmp_path / "c.xlsx")
    with pytest.raises(ValueError):
        RowStream(wb.add_worksheet("x"), Styles(wb))
    wb.close()


def test_rich_string_shaped_text_stays_text(tmp_path):
    wb = new_workbook(tmp_path / "d.xlsx", constant_memory=True)
    st = Styles(wb)
    ws = wb.add_worksheet("x")
    RowStream(ws, st).row(1, ["<r><t>chèn</t></r>"])
    wb.close()
    with zipfile.ZipFile(tmp_path / "d.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "&lt;r&gt;&lt;t&gt;chèn&lt;/t&gt;&lt;/r&gt;" in sheet


def test_held_sheet_keeps_chart_values_in_a_streamed_workbook(tmp_path):
    path = tmp_path / "e.xlsx"
    wb = new_workbook(path, constant_memory=True)
    st = Styles(wb)
    write_table(wb.add_worksheet("Dòng"), st, HEADERS, ROWS)
    ws = add_held_sheet(wb, "Biểu đồ")
    write_table(ws, st, [("Đơn vị", 20), ("Ứng viên", 10)], [["A", 3], ["B", 5]])
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"categories": ["Biểu đồ", 1, 0, 2, 0], "values": ["Biểu đồ", 1, 1, 2, 1]})
    ws.insert_chart(0, 3, chart)
    wb.close()
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/charts/chart1.xml").decode()
        streamed = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<c:v>3</c:v>" in xml and "<c:v>5</c:v>" in xml and "<c:v>B</c:v>" in xml
    assert 't="inlineStr"' in streamed  # the big sheet was streamed
