"""The agency's units: loading the list and recognising a unit from free text.

The list comes from the rulebook (``[[units]]``) or from a workbook/CSV the
office keeps (headers "Mã đơn vị", "Tên đơn vị", "Khối thi đua" and optionally
"Tên khác" with ";"-separated former names).  Units were renamed and merged in
2025, so matching is by code, name or alias, case-, space- and
diacritic-insensitive, and tolerant of type prefixes ("P.", "Chi cục", "TT").
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from exemplars.domain import Unit
from exemplars.errors import InputError
from exemplars.vi.legacy_detect import fix_legacy
from exemplars.vi.text import header_key, syllable_score
from exemplars.vi.values import parse_text

_HEADERS = {
    "code": ("ma don vi", "ma dv", "ma"),
    "name": ("ten don vi", "ten dv", "don vi", "ten"),
    "bloc": ("khoi thi dua", "khoi"),
    "aliases": ("ten khac", "ten cu", "ten goi khac", "bi danh"),
}
_ALIAS_SPLIT_RE = re.compile(r"[;\n]")
_SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# Unit-type words written in full or abbreviated; removed before the tolerant comparison.
_TYPE_PREFIX_RE = re.compile(
    r"^(?:phong|p|chi cuc|cc|trung tam|tt|ban|bp|bo phan|cong ty|cty|to|doi|khoa|so)\s+"
)


def _field(columns: dict[str, int], texts: list[str], name: str) -> str:
    """The text of column ``name`` in one row ("" when the list has no such column or the row is short)."""
    index = columns.get(name)
    return texts[index] if index is not None and index < len(texts) else ""


def _cell_text(value: object) -> str:
    return str(parse_text(value).value)  # parse_text always gives text


def _header_columns(header: Sequence[object], source: str) -> dict[str, int]:
    keys = [header_key(_cell_text(v)) for v in header]
    columns: dict[str, int] = {}
    for field, accepted in _HEADERS.items():
        for wanted in accepted:
            if wanted in keys:
                columns[field] = keys.index(wanted)
                break
    missing = [label for field, label in (("code", "Mã đơn vị"), ("name", "Tên đơn vị")) if field not in columns]
    if missing:
        raise InputError(f"Danh sách đơn vị {source}: dòng tiêu đề thiếu cột {', '.join(missing)}.")
    return columns


def units_from_rows(rows: Iterable[Sequence[object]], source: str = "") -> list[Unit]:
    """Units from table rows whose first non-blank row holds the headers.

    Raises ``InputError`` (Vietnamese, naming ``source`` and the row number) for
    a missing header, a row without code or name, or a duplicate code or name.
    """
    source = source or "(không rõ nguồn)"
    columns: dict[str, int] | None = None
    units: list[Unit] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for row_no, row in enumerate(rows, start=1):
        texts = [_cell_text(v) for v in row]
        if not any(texts):
            continue
        if columns is None:
            columns = _header_columns(row, source)
            continue
        field = partial(_field, columns, texts)
        code, name = field("code"), field("name")
        if not code or not name:
            what = "mã đơn vị" if not code else "tên đơn vị"
            raise InputError(f"Danh sách đơn vị {source}, dòng {row_no}: thiếu {what}.")
        for seen, key, label in ((seen_codes, header_key(code), f"mã {code}"),
                                 (seen_names, header_key(name), f"tên «{name}»")):
            if key in seen:
                raise InputError(f"Danh sách đơn vị {source}, dòng {row_no}: {label} "
                                 f"trùng với dòng {seen[key]}.")
            seen[key] = row_no
        aliases = tuple(a.strip() for a in _ALIAS_SPLIT_RE.split(field("aliases")) if a.strip())
        units.append(Unit(code=code, name=name, bloc=field("bloc"), aliases=aliases))
    if columns is None:
        raise InputError(f"Danh sách đơn vị {source} trống.")
    return units


def decode_csv(raw: bytes) -> str:
    """Text of a CSV file in whatever encoding Excel or a text editor saved it.

    UTF-8 (with or without BOM) and UTF-16 (BOM, or "Unicode Text" without one) are recognised by
    their bytes; otherwise the file is an 8-bit one: Excel on Vietnamese Windows writes cp1258
    (base letters plus combining tone marks), older files hold TCVN3/VNI bytes read as cp1252
    (``parse_text`` converts those per cell).  The reading with more valid Vietnamese syllables wins.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    even, odd = raw[0:2000:2], raw[1:2000:2]
    if len(raw) >= 4 and (even.count(0) > len(even) // 2 or odd.count(0) > len(odd) // 2):
        return raw.decode("utf-16-be" if even.count(0) > odd.count(0) else "utf-16-le", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    windows = unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    legacy = raw.decode("cp1252", errors="replace")
    converted = "\n".join(fix_legacy(line)[0] for line in legacy.splitlines())
    w_valid, w_invalid = syllable_score(windows)
    l_valid, l_invalid = syllable_score(converted)
    return windows if w_valid - w_invalid >= l_valid - l_invalid else legacy


def _read_csv(path: Path) -> list[list[str]]:
    text = decode_csv(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_spreadsheet(path: Path, what: str = "danh sách đơn vị") -> list[list[Any]]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_index(0).to_python()
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise InputError(f"Không đọc được {what} {path.name}: {exc}") from exc


def table_rows(path: Path, what: str) -> list[list[Any]]:
    """The rows of the office's own list ``path`` (first sheet of a workbook, or a CSV); ``what``
    names the list in the Vietnamese error."""
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp {what}: {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in _SPREADSHEET_SUFFIXES:
        return _read_spreadsheet(path, what)
    raise InputError(f"Tệp {what} {path.name} phải là .xlsx, .xls, .ods hoặc .csv.")


def load_units(rulebook: Any, units_file: Path | None = None) -> list[Unit]:
    """The rulebook's units, or those of ``units_file`` (.xlsx/.xlsm/.xls/.ods: first sheet; .csv)."""
    if units_file is None:
        return list(rulebook.units)
    path = Path(units_file)
    return units_from_rows(table_rows(path, "danh sách đơn vị"), source=path.name)


def _core(key: str) -> str:
    """A header_key without its unit-type word ("phong quan ly dau tu" → "quan ly dau tu")."""
    return _TYPE_PREFIX_RE.sub("", key)


class UnitMatcher:
    """Finds the unit a text (unit name cell, file name) refers to.

    In order: exact code, name or alias; the same without the unit-type word
    ("P. Quản lý đầu tư" for "Phòng Quản lý đầu tư"); a text containing exactly
    one unit's full name or alias ("02_Phong Quan ly dau tu_2026"), the longest
    one when names are nested; a text containing exactly one unit code as a word.
    Anything matching several units is not matched.
    """

    def __init__(self, units: Iterable[Unit]):
        self.units = list(units)
        self._exact = self._index(lambda u: [u.code, u.name, *u.aliases], lambda k: k)
        self._cores = self._index(lambda u: [u.name, *u.aliases], _core)
        self._names = [(header_key(text), unit) for unit in self.units for text in (unit.name, *unit.aliases)]
        self._names = [(key, unit) for key, unit in self._names if key]
        self._codes = {header_key(u.code): u for u in self.units if len(header_key(u.code)) >= 2}

    def _index(self, texts, transform) -> dict[str, Unit | None]:
        index: dict[str, Unit | None] = {}
        for unit in self.units:
            for text in texts(unit):
                key = transform(header_key(text))
                if not key:
                    continue
                # None marks a key shared by two units: never matched.
                index[key] = unit if index.get(key, unit) == unit else None
        return index

    def match(self, text: str) -> Unit | None:
        key = header_key(text or "")
        if not key:
            return None
        if key in self._exact:
            return self._exact[key]
        core = _core(key)
        if len(core) >= 3 and core in self._cores:
            return self._cores[core]
        return self._by_contained_name(key) or self._by_code_word(key)

    def _by_contained_name(self, key: str) -> Unit | None:
        padded = f" {key} "
        found = [(name, unit) for name, unit in self._names if f" {name} " in padded]
        if not found:
            return None
        longest, unit = max(found, key=lambda pair: len(pair[0]))
        # Nested names ("Phòng Quản lý" inside "Phòng Quản lý đầu tư") resolve to the longest.
        if all(other is unit or (name != longest and f" {name} " in f" {longest} ") for name, other in found):
            return unit
        return None

    def _by_code_word(self, key: str) -> Unit | None:
        found = {self._codes[word].code: self._codes[word] for word in key.split() if word in self._codes}
        return next(iter(found.values())) if len(found) == 1 else None
