"""The progress sheets shared by the round workbook and the periodic reports.

``NurtureSection`` is what a report shows of the nurturing work as of a day: the latest round
recorded up to then, its exemplars, and the series of every round of the year for the chart.
``write_progress_sheet`` writes the per-exemplar table; ``write_replication_chart`` writes the
series and a native Excel chart of replication over time (adopting places, actions done and
late per round) plus the exemplars by status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from exemplars import page_setup
from exemplars.history.store import HistoryStore
from exemplars.nurture import store as nstore
from exemplars.nurture.model import NurtureStatus
from exemplars.template.layout import line_capacity, wrapped_height
from exemplars.xlsx import Styles, write_table

SHEET_PROGRESS = "Bồi dưỡng, nhân rộng"
SHEET_CHART = "Biểu đồ nhân rộng"
_STATUS = {s.value: s.label for s in NurtureStatus}


@dataclass
class NurtureSection:
    round: nstore.RoundInfo | None
    exemplars: list[dict[str, Any]]
    series: list[nstore.SeriesPoint]
    adoptions: list[dict[str, Any]] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        rows = self.exemplars
        out = {"exemplars": len(rows), "done": sum(r["actions_done"] for r in rows),
               "late": sum(r["actions_late"] for r in rows), "pending": sum(r["actions_pending"] for r in rows),
               "adopters": sum(r["adopters"] for r in rows)}
        out.update({s.value: sum(1 for r in rows if r["status"] == s.value) for s in NurtureStatus})
        return out


def fitted_table(ws, styles: Styles, cols, rows, first_row: int, **options) -> int:
    """``write_table`` plus row heights that show wrapped text (no program grows them by itself)."""
    rows = [tuple(r) for r in rows]
    count = write_table(ws, styles, cols, rows, first_row, **options)
    capacities = [line_capacity(width) for _title, width in cols]
    head = wrapped_height(zip([t for t, _w in cols], capacities, strict=True))
    ws.set_row(first_row, max(head or 0, 30))
    for n, values in enumerate(rows, start=1):
        height = wrapped_height(zip(values, capacities, strict=False))
        if height:
            ws.set_row(first_row + n, height)
    return count


def print_table(ws, cols, header_row: int, last_row: int) -> None:
    """A4 landscape, ND 30 margins, the table's header row repeated, readable on paper."""
    page_setup.set_page(ws, [w for _t, w in cols], last_row=last_row, landscape=True,
                        repeat_rows=(header_row, header_row))


def section_of(store: HistoryStore, rulebook_id: str, year: int, until: dt.date) -> NurtureSection | None:
    """The nurturing work as of ``until`` (None when no round of the year was recorded by then)."""
    found = nstore.rounds(store, rulebook_id, year, until=until)
    if not found:
        return None
    last = found[-1]
    return NurtureSection(last, nstore.round_rows(store, "nurture_exemplars", last.id),
                          nstore.series(store, rulebook_id, year, until),
                          nstore.round_rows(store, "nurture_adoptions", last.id))


def status_label(code: str) -> str:
    return _STATUS.get(code, code)


def write_progress_sheet(wb, styles: Styles, section: NurtureSection, first_row: int = 0, ws=None):
    """Per exemplar: leader, actions done / late / pending, adopters and status; returns the sheet."""
    ws = ws or wb.add_worksheet(SHEET_PROGRESS)
    label = section.round.label if section.round else ""
    as_of = section.round.as_of.strftime("%d/%m/%Y") if section.round else ""
    ws.write_string(first_row, 0, f"TIẾN ĐỘ BỒI DƯỠNG, NHÂN RỘNG ĐIỂN HÌNH — {label.upper()} (tính đến ngày {as_of})",
                    styles.bold)
    places: dict[str, list[str]] = {}
    for a in section.adoptions:
        if a["counted"]:
            places.setdefault(a["code"], []).append(a["place"])
    # narrow enough for one landscape page at 9 pt on paper; long texts wrap
    cols = [("STT", 5), ("Điển hình", 22), ("Đơn vị", 18), ("Lĩnh vực", 13), ("Lãnh đạo chịu trách nhiệm", 18),
            ("Đã thực hiện", 9), ("Quá hạn", 8), ("Chưa đến hạn", 9), ("Số nơi áp dụng", 9), ("Nơi áp dụng", 22),
            ("Tình trạng", 12)]
    rows = [(n, r["name"], r["unit_name"], r["field"],
             ", ".join(x for x in (r["leader_name"], r["leader_position"]) if x), r["actions_done"], r["actions_late"],
             r["actions_pending"], r["adopters"], "; ".join(dict.fromkeys(places.get(r["code"], []))),
             status_label(r["status"])) for n, r in enumerate(section.exemplars, start=1)]
    ints = styles.int
    count = fitted_table(ws, styles, cols, rows, first_row + 2,
                        formats=[ints, styles.text, styles.text, styles.text, styles.text, ints, ints, ints, ints,
                                 styles.text, styles.text], autofilter=False)
    t = section.totals()
    total_row = first_row + 3 + count
    ws.merge_range(total_row, 0, total_row, 4, "", styles.header)
    ws.write_string(total_row, 0, "Tổng cộng", styles.header)
    for col, key in ((5, "done"), (6, "late"), (7, "pending"), (8, "adopters")):
        ws.write_number(total_row, col, t[key], styles.header)
    ws.write_string(total_row + 2, 0, "Tình trạng: " + "; ".join(
        f"{s.label}: {t[s.value]}" for s in NurtureStatus), styles.bold)
    print_table(ws, cols, first_row + 2, total_row + 2)
    return ws


def write_replication_chart(wb, styles: Styles, section: NurtureSection) -> None:
    """The rounds' totals and two native charts: replication over time, exemplars by status."""
    ws = wb.add_worksheet(SHEET_CHART)
    ws.write_string(0, 0, "Số liệu nhân rộng qua các kỳ", styles.bold)
    first = 2
    cols = [("Kỳ", 14), ("Số nơi áp dụng", 12), ("Hoạt động đã thực hiện", 14), ("Hoạt động quá hạn", 12)]
    cols += [(s.label, 12) for s in NurtureStatus]
    points = section.series
    fitted_table(ws, styles, cols, [(p.label, p.adopters, p.done, p.late, *(p.statuses[s.value] for s in NurtureStatus))
                                    for p in points], first - 1, freeze=False, autofilter=False)
    last = first + len(points) - 1
    chart = wb.add_chart({"type": "column"})
    for col, colour in ((1, "#70AD47"), (2, "#5B9BD5"), (3, "#ED7D31")):
        chart.add_series({"name": [SHEET_CHART, first - 1, col], "categories": [SHEET_CHART, first, 0, last, 0],
                          "values": [SHEET_CHART, first, col, last, col], "fill": {"color": colour},
                          "data_labels": {"value": True}})
    chart.set_title({"name": "Nhân rộng điển hình qua các kỳ", "name_font": {"name": "Times New Roman", "size": 12}})
    chart.set_y_axis({"name": "Số lượng", "min": 0, "num_format": "0", "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 320})
    ws.insert_chart(last + 3, 0, chart)
    status = wb.add_chart({"type": "bar", "subtype": "stacked"})
    colours = ("#A5A5A5", "#5B9BD5", "#70AD47", "#C00000")
    for offset, colour in enumerate(colours[:len(NurtureStatus)]):
        col = 4 + offset
        status.add_series({"name": [SHEET_CHART, first - 1, col], "categories": [SHEET_CHART, first, 0, last, 0],
                           "values": [SHEET_CHART, first, col, last, col], "fill": {"color": colour}})
    status.set_title({"name": "Điển hình theo tình trạng", "name_font": {"name": "Times New Roman", "size": 12}})
    status.set_x_axis({"min": 0, "num_format": "0"})
    status.set_legend({"position": "bottom"})
    status.set_size({"width": 640, "height": 280})
    ws.insert_chart(last + 20, 0, status)
    ws.set_h_pagebreaks([last + 20])  # each chart whole on its page
    print_table(ws, cols, first - 1, last + 40)


def add_nurture_sheets(wb, styles: Styles, section: NurtureSection | None) -> None:
    """The progress sheet and the replication chart, when there is a section to show."""
    if section is not None:
        write_progress_sheet(wb, styles, section)
        write_replication_chart(wb, styles, section)
