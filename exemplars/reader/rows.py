"""Cells of a located table → register values, column by column.

Clean cells (already-Unicode Vietnamese text, real dates, whole numbers, the
exact dropdown labels) take dictionary or regex fast paths; everything else goes
through ``legacy`` / ``text`` / ``values`` and may leave a ``Finding`` naming the
cell (paired with the row's position until the candidate id is known).  Rows that are blank, section titles ("I. Tập thể"), column numbering
("(1) (2) …") or subtotals are skipped; the signature block ends the table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from exemplars.catalogue import LEGACY_FONT_IGNORED, LEGACY_TCVN3, LEGACY_VNI
from exemplars.findings import Finding, Severity, short_value
from exemplars.reader.workbook import column_letter
from exemplars.vi import text, values
from exemplars.vi.legacy import ENCODING_LABELS, TCVN3, VNI, could_be_legacy
from exemplars.vi.legacy_detect import Decision, decide_encoding

_VN_CLEAN = re.compile(
    r"[ -~À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]*"
)
#: Clean text that neither starts nor ends with a space (one C-level check per cell).
_VN_CLEAN_EDGES = re.compile(
    r"[!-~À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]"
    r"(?:[ -~À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]*[!-~À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ])?"
)
_VN_SPECIFIC = re.compile(r"[ĂăĐđĨĩŨũƠơƯưẠ-ỹ]")
_ROMAN_SECTION = re.compile(r"^\s*(?:I|II|III|IV|V|VI|VII|VIII|IX|X)\s*[\.\)/:\-–]\s*\S", re.IGNORECASE)
_ROMAN_ONLY = re.compile(r"^\s*(?:I|II|III|IV|V|VI|VII|VIII|IX|X)\s*\.?\s*$", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*\(?\s*\d{1,3}\s*\)?\s*$")
_SIGNATURE = ("nguoi lap", "thu truong", "ky ten", "ky, ghi ro", "ky ghi ro", "xac nhan cua", "nguoi ky",
              "tm. ", "kt. ")
_PLACE_DATE = re.compile(r"ngay\s+\S*\s*thang\s+\S*\s*nam")
_SUBTOTAL = ("tong cong", "tong so", "cong:")


#: A finding before the candidate id is known, with the index of its row among the table's data rows (-1: none).
Located = tuple[int, Finding]
#: Legacy conversions are summed up per column: one finding says how many cells, the first one as example.
_LEGACY_RULES = frozenset({LEGACY_TCVN3, LEGACY_VNI, LEGACY_FONT_IGNORED})
_LAST_QUOTE = re.compile(r"«([^«»]*)»")
_LEGACY_LABEL = {LEGACY_TCVN3: ENCODING_LABELS[TCVN3], LEGACY_VNI: ENCODING_LABELS[VNI]}


@dataclass
class LegacyCells:
    """The cells of one column that one legacy rule touched: where, and the first one's texts."""

    cells: list[str] = field(default_factory=list)
    example_raw: str = ""
    example: str = ""
    font: str = ""


@dataclass
class Cells:
    """Shared per-file state: legacy fonts of the sheet and the issues found so far."""

    sheet_fonts: dict[tuple[int, int], str]
    issues: list[Located] = field(default_factory=list)
    #: Equal values share one object across all files (positions, titles, issuers, dates repeat a lot).
    pool: dict = field(default_factory=dict)
    date1904: bool = False
    max_year: int | None = None
    #: How the file's text cells read (``pool_file``) and the column being read (``pool_column``).
    file_decision: Decision | None = None
    pooled: Decision | None = None
    #: (column, legacy rule) → the cells it touched, summed up by ``legacy_findings``.
    legacy: dict[tuple[int, str], LegacyCells] = field(default_factory=dict)

    def pool_file(self, rows: list[list]) -> None:
        """Decide the legacy encoding of the file from all its text cells (nothing to do for most files)."""
        texts = [v for row in rows for v in row if type(v) is str and not v.isascii()]
        if not texts:
            self.file_decision = None
        elif not any(map(could_be_legacy, set(texts))):
            # no cell can vote for a legacy encoding, which is what ``decide_encoding`` finds after
            # scoring every cell (Unicode files repeat "Có", titles and positions: test each text once)
            self.file_decision = Decision(None, False, 0)
        else:
            self.file_decision = decide_encoding(texts)
        self.pooled = self.file_decision

    def pool_column(self, cells_in: list) -> None:
        """Decide the encoding of one column (its own evidence first, else the file's)."""
        if self.file_decision is None or not self.file_decision.cells:
            self.pooled = self.file_decision
            return
        self.pooled = decide_encoding(cells_in, within=self.file_decision)

    def add(self, pos: int, severity, rule_id: str, message: str, row0: int, col: int, value: object,
            shown: str = "", font: str = "") -> None:
        sev = severity if isinstance(severity, Severity) else Severity(str(getattr(severity, "value", severity)))
        cell = f"{column_letter(col)}{row0 + 1}" if row0 >= 0 else ""
        if rule_id in _LEGACY_RULES:
            got = self.legacy.setdefault((col, rule_id), LegacyCells())
            if not got.cells:
                got.example_raw, got.example, got.font = short_value(value), shown, font
            got.cells.append(cell)
            return
        self.issues.append((pos, Finding(severity=sev, rule_id=rule_id, message=message, cell=cell,
                                         value=short_value(value))))

    def legacy_findings(self, headers: dict[int, str], label: str = "") -> list[Located]:
        """One finding per column and legacy rule: how many cells, which, and an example.

        ``headers`` names the columns (0-based index → header); ``label`` names every cell instead
        (the unit block)."""
        out: list[Located] = []
        for (col, rule_id), got in sorted(self.legacy.items()):
            column = label or headers.get(col) or column_letter(col)
            count = f"{len(got.cells):,}".replace(",", ".")
            if rule_id == LEGACY_FONT_IGNORED:
                severity = Severity.WARNING
                message = (f"{count} ô ở cột «{column}» dùng phông chữ cũ «{got.font}» nhưng nội dung đã là chữ "
                           f"Unicode: giữ nguyên, không chuyển mã (ví dụ «{got.example}»). Đề nghị đơn vị đổi "
                           "sang phông chữ Unicode (Times New Roman).")
            else:
                severity = Severity.NOTICE
                message = (f"Đã chuyển {count} ô ở cột «{column}» từ mã {_LEGACY_LABEL[rule_id]} sang Unicode, "
                           f"ví dụ «{got.example_raw}» → «{got.example}».")
            where = got.cells[0] if len(got.cells) == 1 else f"{got.cells[0]}:{got.cells[-1]}"
            out.append((-1, Finding(severity=severity, rule_id=rule_id, message=message, cell=where,
                                    value="; ".join(got.cells)[:200])))
        self.legacy.clear()
        return out

    def text(self, v: object, row0: int, col: int, pos: int) -> str:
        """Any cell as clean Unicode text ("" for empty); legacy conversions are counted per column."""
        if type(v) is str:
            font = self.sheet_fonts.get((row0, col)) if self.sheet_fonts else None
            if font is None and _VN_CLEAN.fullmatch(v) and (v.isascii() or _VN_SPECIFIC.search(v)) \
                    and v[:1] != " " and v[-1:] != " " and "  " not in v:
                return v
            got = values.parse_text(v, font_name=font, pooled=self.pooled)
            if got.rule_id in _LEGACY_RULES:
                shown = str(got.value)  # parse_text always gives text
                self.add(pos, got.severity, got.rule_id, got.message, row0, col, v, shown=shown, font=font or "")
                return shown
            return self.parsed(got, pos, row0, col, v)
        if v == "" or v is None:
            return ""
        if type(v) is float:
            return str(int(v)) if v.is_integer() else repr(v)
        if isinstance(v, dt.datetime):
            return v.strftime("%d/%m/%Y %H:%M") if (v.hour or v.minute) else v.strftime("%d/%m/%Y")
        if isinstance(v, dt.date):
            return v.strftime("%d/%m/%Y")
        if isinstance(v, bool):
            return "Có" if v else "Không"
        return text.clean_text(str(v))

    def parsed(self, p, pos: int, row0: int, col: int, raw: object):
        """Record a ``values.Parsed`` finding (if any) and return its value."""
        if p.severity and p.rule_id:
            shown = _LAST_QUOTE.findall(p.message)[-1:] if p.rule_id in _LEGACY_RULES else ()
            self.add(pos, p.severity, p.rule_id, p.message, row0, col, raw, shown=next(iter(shown), ""))
        return p.value


def _yes_no_fast() -> dict[object, bool]:
    out: dict[object, bool] = {True: True, False: False}
    for yes in ("Có", "có", "CÓ", "x", "X", "1"):
        out[yes] = True
    for no in ("Không", "không", "KHÔNG", "0"):
        out[no] = False
    return out


class ColumnReader:
    """Converts one column's cells to register values (``kind`` as in ``columns.Column``)."""

    _YES_NO = _yes_no_fast()

    def __init__(self, key: str, kind: str, choices: list[tuple[str, str]] | None = None):
        self.key = key
        self.kind = kind
        self.fast: dict[object, object] = {}
        self.mapping: dict[str, str] = {}
        if kind == "choice":
            pairs = list(choices or ())
            self.fast = {label: code for label, code in pairs}
            self.fast.update({code: code for _label, code in pairs})
            self.mapping = values.choice_map(pairs)

    @staticmethod
    def _looked_up(cells: Cells, col: int, cells_in: list, rows0: list[int], fast: Mapping[object, object],
                   parse: Callable[[str], values.Parsed]) -> list:
        """Cells found in ``fast`` (the exact labels and codes) as they are; any other cell is parsed."""
        out: list[Any] = []
        for i, (v, r) in enumerate(zip(cells_in, rows0, strict=True)):
            if v == "":
                out.append(None)
                continue
            got = fast.get(v)
            if got is None:
                got = cells.parsed(parse(cells.text(v, r, col, i)), i, r, col, v)
            out.append(got)
        return out

    def read(self, cells: Cells, col: int, cells_in: list, rows0: list[int]) -> list:
        kind = self.kind
        out: list[Any]
        cells.pool_column(cells_in)
        if kind in ("text", "long_text", "unit"):
            share = cells.pool.setdefault
            if cells.sheet_fonts:
                return [share(t, t) for t in (cells.text(v, r, col, i) if v != "" else ""
                                              for i, (v, r) in enumerate(zip(cells_in, rows0, strict=True)))]
            out = []
            for i, v in enumerate(cells_in):  # inlined fast path of ``Cells.text``: most cells are clean
                if v == "":
                    out.append("")
                elif type(v) is str and _VN_CLEAN_EDGES.fullmatch(v) and "  " not in v \
                        and (v.isascii() or _VN_SPECIFIC.search(v)):
                    out.append(share(v, v))
                else:
                    t = cells.text(v, rows0[i], col, i)
                    out.append(share(t, t))
            return out
        if kind in ("yesno", "criterion"):
            return self._looked_up(cells, col, cells_in, rows0, self._YES_NO, values.parse_yesno)
        if kind == "choice":
            mapping = self.mapping
            return self._looked_up(cells, col, cells_in, rows0, self.fast,
                                   lambda text: values.parse_choice(text, mapping))
        if kind == "int":
            out = []
            for i, (v, r) in enumerate(zip(cells_in, rows0, strict=True)):
                if v == "":
                    out.append(None)
                elif type(v) is float and v.is_integer():
                    out.append(int(v))
                else:
                    raw = cells.text(v, r, col, i) if type(v) is str else v
                    out.append(cells.parsed(values.parse_int(raw), i, r, col, v))
            return out
        if kind == "percent":
            return [None if v == "" else cells.parsed(values.parse_percent(cells.text(v, r, col, i)
                                                                           if type(v) is str else v), i, r, col, v)
                    for i, (v, r) in enumerate(zip(cells_in, rows0, strict=True))]
        if kind == "date":
            return self._dates(cells, col, cells_in, rows0)
        raise ValueError(f"unknown column kind {kind!r}")

    def _dates(self, cells: Cells, col: int, cells_in: list, rows0: list[int]) -> list:
        out: list[dt.date | None] = []
        real: list[tuple[int, int, dt.date]] = []
        day_first_text = False
        share = cells.pool.setdefault
        hi = cells.max_year if cells.max_year is not None else 9999
        lo = hi - 100 if cells.max_year is not None else 1
        for i, (v, r) in enumerate(zip(cells_in, rows0, strict=True)):
            if v == "":
                out.append(None)
                continue
            if type(v) is dt.date and lo <= v.year <= hi:  # a real, plausible date: nothing to parse
                real.append((i, r, v))
                out.append(share(v, v))
                continue
            if isinstance(v, dt.date):
                real.append((i, r, v.date() if isinstance(v, dt.datetime) else v))
            elif type(v) is str and not day_first_text:
                day_first_text = values.is_day_first_text_date(v)
            raw = cells.text(v, r, col, i) if type(v) is str else v
            got = cells.parsed(values.parse_date(raw, date1904=cells.date1904, max_year=cells.max_year),
                               i, r, col, v)
            got = got.date() if isinstance(got, dt.datetime) else got
            out.append(cells.pool.setdefault(got, got) if got is not None else None)
        # BRIEF §4.6: en-US Excel turned 05/02 into 2 May but left 25/02 as text in the same column.
        if real and day_first_text and all(d.day <= 12 for _i, _r, d in real):
            for i, r, d in real:
                if values.is_ambiguous_date_cell(d):
                    cells.parsed(values.date_swap_warning(d), i, r, col, d)
        return out


@dataclass
class TableRows:
    """Data rows kept: 0-based sheet rows, the raw row lists, the section kind text per row."""

    rows0: list[int]
    raw: list[list]
    section: list[str]
    end_row0: int | None = None


def data_rows(rows: list[list], first_data_row: int, name_col: int, stt_col: int | None) -> TableRows:
    """Select candidate rows below the header (see module docstring for what is skipped)."""
    kept = TableRows([], [], [])
    section = ""
    for r in range(first_data_row - 1, len(rows)):
        row = rows[r]
        width = len(row)
        empties = row.count("")
        if empties == width:
            continue
        name = row[name_col] if name_col < width else ""
        stt = row[stt_col] if stt_col is not None and stt_col < width else ""
        filled = width - empties
        if filled <= 4:
            folded = " ".join(text.fold(v) for v in row if type(v) is str and v)
            name_folded = text.fold(name) if type(name) is str else ""
            signs = any(w in folded for w in _SIGNATURE) or _PLACE_DATE.search(folded)
            # A position like "Thủ trưởng" in a sparse candidate row must not end the table.
            if signs and (not name_folded or any(w in name_folded for w in _SIGNATURE)
                          or _PLACE_DATE.search(name_folded)):
                kept.end_row0 = r
                break
            if any(folded.startswith(w) or f" {w}" in folded for w in _SUBTOTAL):
                continue
            label = next((v for v in (stt, name) if type(v) is str and v.strip()), "")
            if label and _ROMAN_SECTION.match(label):  # "I. Tập thể" in the STT or the name column
                section = label
                continue
            if type(stt) is str and _ROMAN_ONLY.match(stt) and type(name) is str and name:  # "I" | "Tập thể"
                section = name
                continue
        if type(name) is str and _NUMBERING.match(name) and all(
                type(v) is not str or not v or _NUMBERING.match(v) for v in row):
            continue
        if name == "" and filled <= 2:
            continue
        kept.rows0.append(r)
        kept.raw.append(row)
        kept.section.append(section)
    return kept
