"""Properties of the reader on generated workbooks (no marker sheet: the table is found by its headers).

Random candidate rows — Vietnamese names in NFC, NFD or a legacy font encoding, dates
as real dates or typed text in several formats, yes/no in many spellings — in a random
column order under random title rows, written by XlsxWriter or openpyxl, must come
back from ``consolidate_folder`` as the values they stand for.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from pathlib import Path

import openpyxl
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from exemplars.columns import CANDIDATE_COLUMNS, SHEET_CANDIDATES, criterion_column
from exemplars.consolidate import consolidate_folder
from exemplars.rulebook import load_rulebook
from exemplars.vi import legacy

RB = load_rulebook("nnptnt-2017-2020")
YEAR = 2020
UNIT = RB.units[0]
HEADERS = {c.key: c.header for c in CANDIDATE_COLUMNS}
PERSON_CRITERIA = [c for c in RB.criteria if any(k.value == "ca_nhan" for k in c.applies_to)][:2]
# Capitals kept to plain letters and Đ: TCVN3 has no capital codes for the other accented letters.
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Võ")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thùy", "Xuân")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hương", "Lan", "Hùng", "Thảo", "Tuấn", "Yến", "Nguyệt", "Phượng",
         "Khuê", "Trường", "Vỹ", "Lợi")
YES = ("Có", "có", "CÓ", "x", "X", "Đạt", "yes", "1")
NO = ("Không", "không", "KHÔNG", "ko", "K", "Không đạt", "no", "0")
TITLES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
          "DANH SÁCH ĐĂNG KÝ ĐIỂN HÌNH TIÊN TIẾN", f"Năm {YEAR}")
DATE_FORMATS = ("real", "%d/%m/%Y", "{d}/{m}/%Y", "%d.%m.%Y", "%d-%m-%Y")
FIXED = {"subject_kind": "Cá nhân", "movement": "Thường xuyên", "discipline": "Không",
         "task_completion": "Hoàn thành tốt nhiệm vụ"}


@st.composite
def person(draw) -> dict:
    name = " ".join((draw(st.sampled_from(FAMILY)), draw(st.sampled_from(MIDDLE)), draw(st.sampled_from(GIVEN))))
    answer = st.one_of(st.sampled_from(YES).map(lambda s: (s, True)), st.sampled_from(NO).map(lambda s: (s, False)),
                       st.just(("", None)))
    return {
        "name": name,
        "name_form": draw(st.sampled_from(("nfc", "nfd", "tcvn3", "vni"))),
        "birth": draw(st.dates(dt.date(1960, 1, 1), dt.date(2000, 12, 31))),
        "birth_form": draw(st.sampled_from(DATE_FORMATS)),
        "gender": draw(st.sampled_from((("Nam", "nam"), ("Nữ", "nu"), ("nữ", "nu")))),
        "leader": draw(answer),
        "criteria": [draw(answer) for _ in PERSON_CRITERIA],
        "achievements": draw(st.sampled_from(("Hoàn thành xuất sắc nhiệm vụ", "Sáng kiến cải tiến thủ tục",
                                              "Dẫn đầu phong trào thi đua", "Đạt 120% kế hoạch năm"))),
    }


def _date_cell(d: dt.date, form: str) -> object:
    if form == "real":
        return dt.datetime(d.year, d.month, d.day)
    return d.strftime(form.replace("{d}", str(d.day)).replace("{m}", str(d.month)))


def _cells(p: dict, key: str) -> tuple[object, str | None]:
    """(cell value, legacy font name or None) of field ``key`` of person ``p``."""
    if key == "name":
        form = p["name_form"]
        if form in ("tcvn3", "vni"):
            return legacy.encode(p["name"], form), ".VnTime" if form == "tcvn3" else "VNI-Times"
        return unicodedata.normalize("NFD" if form == "nfd" else "NFC", p["name"]), None
    if key == "birth_date":
        return _date_cell(p["birth"], p["birth_form"]), None
    if key == "gender":
        return p["gender"][0], None
    if key == "is_leader":
        return p["leader"][0], None
    if key == "achievements":
        return p["achievements"], None
    if key.startswith("tc:"):
        return p["criteria"][[criterion_column(c.id) for c in PERSON_CRITERIA].index(key)][0], None
    return FIXED[key], None


def _header(key: str) -> str:
    if key.startswith("tc:"):
        crit = next(c for c in PERSON_CRITERIA if criterion_column(c.id) == key)
        return f"[{crit.id}] {crit.label}"
    return HEADERS[key]


def write_book(path: Path, people: list[dict], keys: list[str], titles: int, writer: str) -> None:
    top = [("Tên đơn vị", UNIT.name)] + [(t, None) for t in TITLES[:titles]]
    header_row = len(top) + 1  # one blank row under the title block
    if writer == "xlsxwriter":
        wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
        ws = wb.add_worksheet(SHEET_CANDIDATES)
        date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
        fonts = {name: wb.add_format({"font_name": name}) for name in (".VnTime", "VNI-Times")}
        for r, (label, value) in enumerate(top):
            ws.write_string(r, 0, label)
            if value:
                ws.write_string(r, 1, value)
        ws.write_row(header_row, 0, [_header(k) for k in keys])
        for i, p in enumerate(people, start=header_row + 1):
            for c, key in enumerate(keys):
                value, font = _cells(p, key)
                if isinstance(value, dt.datetime):
                    ws.write_datetime(i, c, value, date_fmt)
                elif value != "":
                    ws.write_string(i, c, value, fonts[font] if font else None)
        wb.close()
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_CANDIDATES
    for r, (label, value) in enumerate(top, start=1):
        ws.cell(r, 1, label)
        if value:
            ws.cell(r, 2, value)
    for c, key in enumerate(keys, start=1):
        ws.cell(header_row + 1, c, _header(key))
    for i, p in enumerate(people, start=header_row + 2):
        for c, key in enumerate(keys, start=1):
            value, font = _cells(p, key)
            if value == "":
                continue
            cell = ws.cell(i, c, value)
            if isinstance(value, str):
                cell.data_type = "s"
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy"
            if font:
                cell.font = Font(name=font)
    wb.save(path)


KEYS = ["subject_kind", "name", "birth_date", "gender", "is_leader", "movement", "achievements",
        "discipline", "task_completion"] + [criterion_column(c.id) for c in PERSON_CRITERIA]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(person(), min_size=1, max_size=6), order=st.permutations(KEYS),
       titles=st.integers(0, len(TITLES)), writer=st.sampled_from(("xlsxwriter", "openpyxl")))
def test_values_come_back(people, order, titles, writer):
    keys = list(order)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_book(folder / "don-vi.xlsx", people, keys, titles, writer)
        cons = consolidate_folder(folder, RB, YEAR)
    record = cons.files[0]
    assert record.status.value == "received", (record.message, [p.message for p in cons.problems])
    assert record.unit_code == UNIT.code
    reg = cons.register.sort_values("source_row").reset_index(drop=True)
    assert len(reg) == len(people)
    for p, (_, row) in zip(people, reg.iterrows(), strict=True):
        assert row["name"] == p["name"], (p["name_form"], row["name"])
        assert row["birth_date"] == p["birth"], (p["birth_form"], row["birth_date"])
        assert row["gender"] == p["gender"][1]
        assert row["is_leader"] == p["leader"][1] or (p["leader"][1] is None and row["is_leader"] in (None, False))
        assert row["achievements"] == p["achievements"]
        for crit, (_text, expected) in zip(PERSON_CRITERIA, p["criteria"], strict=True):
            got = row[criterion_column(crit.id)]
            assert (got is None if expected is None else got == expected), (crit.id, _text, got)
