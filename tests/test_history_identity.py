"""Identity across years: the same candidate is found whatever the spelling, encoding or honorific."""

from __future__ import annotations

import datetime as dt

import pytest
from support.history import make_result, person, settings_for

from exemplars.history import open_lookup, record_run
from exemplars.history.identity import match_key
from exemplars.vi.legacy import encode

NAME = "Nguyễn Thị Hương"
BIRTH = dt.date(1985, 4, 2)
GDVH = "Gia đình văn hóa"


@pytest.mark.parametrize("spelling", [
    NAME, "Nguyen Thi Huong", "NGUYỄN THỊ HƯƠNG", "  nguyễn   thị hương ", "Bà Nguyễn Thị Hương",
    "Đ/c Nguyễn Thị Hương",
    encode(NAME, "tcvn3"), encode(NAME, "vni"),
])
def test_spellings_share_a_key(spelling):
    assert match_key(spelling, BIRTH, "CCTL") == match_key(NAME, BIRTH, "CCTL")


@pytest.mark.parametrize("other", [
    ("Nguyễn Thị Hoa", BIRTH, "CCTL"),            # another person: different name
    (NAME, dt.date(1985, 4, 3), "CCTL"),          # homonym born another day
    (NAME, BIRTH, "CCKL"),                        # homonym in another unit
    (NAME, None, "CCTL"),                         # birth date unknown: never merged with a dated record
])
def test_homonyms_stay_apart(other):
    assert match_key(*other) != match_key(NAME, BIRTH, "CCTL")


def test_birth_date_forms():
    key = match_key(NAME, BIRTH, "CCTL")
    assert match_key(NAME, dt.datetime(1985, 4, 2, 0, 0), "CCTL") == key
    assert match_key(NAME, "1985-04-02", "CCTL") == key
    assert match_key(NAME, "02/04/1985", "cctl") == key


def test_lookup_across_years_and_encodings(tmp_path):
    """A household recorded in 2024 and 2025 is found in 2026 under a TCVN3 spelling; selections too."""
    house = "Hộ ông Lê Văn Tám"
    for year in (2024, 2025):
        rows = [person("H1", "CCPTNT", house, None, kind="ho_gia_dinh"),
                person("P1", "CCPTNT", NAME, BIRTH)]
        history = [{"candidate_id": "H1", "year": year, "title": GDVH},
                   {"candidate_id": "H1", "year": year - 1, "title": "Gia đình văn hoá"},  # other accent placement
                   {"candidate_id": "P1", "year": year - 1, "title": "Lao động tiên tiến"}]
        settings = settings_for(tmp_path, "nnptnt-2017-2020", year, "nam")
        record_run(settings.history_db, make_result("nnptnt-2017-2020", year, rows, selected=("P1",),
                                                    history=history), settings)
    lookup = open_lookup(settings.history_db)
    house_2026 = {"name": encode("Hộ ông Lê Văn Tám", "tcvn3"), "birth_date": None, "unit_code": "CCPTNT"}
    assert [y for y, _ in lookup.award_titles(house_2026)] == [2023, 2024, 2025]
    hương = {"name": "Nguyen Thi Huong", "birth_date": BIRTH, "unit_code": "CCTL"}
    assert lookup.award_titles(hương) == []  # same person in another unit is not matched
    hương["unit_code"] = "CCPTNT"
    assert lookup.award_titles(hương) == [(2023, "Lao động tiên tiến"), (2024, "Lao động tiên tiến")]
    assert lookup.selected_years(hương) == [2024, 2025]
    assert open_lookup(settings.history_db, before_year=2025).selected_years(hương) == [2024]


def test_replaced_run_does_not_count_as_selection(tmp_path):
    settings = settings_for(tmp_path, "nnptnt-2017-2020", 2025, "nam")
    rows = [person("P1", "VPS", "Trần Văn Bảy", dt.date(1970, 1, 1))]
    record_run(settings.history_db, make_result("nnptnt-2017-2020", 2025, rows, selected=("P1",)), settings)
    record_run(settings.history_db, make_result("nnptnt-2017-2020", 2025, rows), settings)  # re-run: not selected
    assert open_lookup(settings.history_db).selected_years(rows[0]) == []


def test_lookup_is_preloaded(tmp_path):
    settings = settings_for(tmp_path, "nnptnt-2017-2020", 2025, "nam")
    rows = [person(f"P{i}", "VPS", f"Người số {i}", dt.date(1970, 1, 1) + dt.timedelta(days=i)) for i in range(300)]
    record_run(settings.history_db, make_result("nnptnt-2017-2020", 2025, rows, selected=("P7",)), settings)
    lookup = open_lookup(settings.history_db)
    settings.history_db.unlink()  # every answer comes from memory once opened
    for wal in settings.history_db.parent.glob("*.sqlite-*"):
        wal.unlink()
    assert lookup.selected_years(rows[7]) == [2025]
    assert all(lookup.selected_years(r) == [] for r in rows[:7])
