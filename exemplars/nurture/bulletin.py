"""The bulletin «Gương điển hình tiên tiến» for the intranet and the staff conference (A-31, B-27).

``bulletin_html`` is one self-contained page (inline style, no script, no outside resource) with
a cover and one printed page per exemplar: name, unit, field, achievement summary, the model and
its effect, and its replication so far.  Every text that comes from a unit file is escaped, so a
cell holding ``<script>`` shows as text.  ``write_flag_sheet`` writes the printable A4 sheet for
the Monday flag ceremony: one worksheet, one page, per exemplar, in large type.  Both become PDF
through LibreOffice (``exemplars.outputs.office``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from exemplars.nurture.model import Exemplar
from exemplars.rulebook.schema import Rulebook
from exemplars.xlsx import FONT, atomic_path, atomic_write_text, new_workbook, safe_text

TITLE = "GƯƠNG ĐIỂN HÌNH TIÊN TIẾN"
NONE_YET = "Chưa có thông tin."

_STYLE = """
@page { size: A4; margin: 2cm 1.5cm 2cm 3cm; }
body { font-family: 'Times New Roman', Times, serif; font-size: 13pt; line-height: 1.4; color: #111; margin: 0; }
h2.page { page-break-before: always; }
.agency { text-align: center; font-weight: bold; text-transform: uppercase; margin: 0; }
.parent { text-align: center; text-transform: uppercase; margin: 0; }
h1 { text-align: center; color: #C00000; font-size: 22pt; margin: 0.8em 0 0.2em; }
h2 { color: #C00000; font-size: 18pt; margin: 0.2em 0; border-bottom: 2px solid #C00000; }
h3 { font-size: 13pt; margin: 0.9em 0 0.2em; color: #1F4E79; }
.sub { text-align: center; font-style: italic; margin: 0 0 1em; }
.meta { margin: 0.2em 0; }
table.list { border-collapse: collapse; width: 100%; margin-top: 1em; }
table.list td, table.list th { border: 1px solid #555; padding: 3px 6px; vertical-align: top; }
table.list th { background: #DDEBF7; }
.figure { font-weight: bold; color: #375623; }
p.text { text-align: justify; margin: 0.2em 0; white-space: pre-wrap; }
"""


@dataclass
class BulletinEntry:
    """One exemplar as the bulletin shows it."""

    exemplar: Exemplar
    model: str = ""
    effect: str = ""
    status: str = ""
    adopters: list[str] = field(default_factory=list)
    actions_done: int = 0
    leader: str = ""
    channels: str = ""


def _p(text: str) -> str:
    return f'<p class="text">{escape(text) if text else escape(NONE_YET)}</p>'


def _page(n: int, entry: BulletinEntry) -> str:
    e = entry.exemplar
    replicated = (f'<p class="figure">{len(entry.adopters)} đơn vị, nơi đã áp dụng: '
                  f'{escape("; ".join(entry.adopters))}.</p>' if entry.adopters
                  else '<p class="text">Chưa có đơn vị, nơi áp dụng.</p>')
    lines = [
        '<div class="exemplar">',
        f'<h2 class="page" style="page-break-before: always">{n}. {escape(e.name)}</h2>',
        f'<p class="meta"><b>Đơn vị:</b> {escape(e.unit_name)} &nbsp;·&nbsp; <b>Loại:</b> {escape(e.kind_label)}'
        f" &nbsp;·&nbsp; <b>Lĩnh vực:</b> {escape(e.field or '—')}</p>",
        "<h3>Tóm tắt thành tích</h3>", _p(e.achievements),
        "<h3>Mô hình, cách làm hay</h3>", _p(entry.model or e.model),
        "<h3>Hiệu quả</h3>", _p(entry.effect or e.effect),
        "<h3>Nhân rộng đến nay</h3>", replicated,
    ]
    facts = []
    if entry.status:
        facts.append(f"<b>Tình trạng:</b> {escape(entry.status)}")
    if entry.actions_done:
        facts.append(f"<b>Hoạt động bồi dưỡng, tuyên truyền đã thực hiện:</b> {entry.actions_done}")
    if entry.leader:
        facts.append(f"<b>Lãnh đạo chịu trách nhiệm:</b> {escape(entry.leader)}")
    if entry.channels:
        facts.append(f"<b>Hình thức tuyên truyền:</b> {escape(entry.channels)}")
    lines += [f'<p class="meta">{f}</p>' for f in facts]
    lines.append("</div>")
    return "\n".join(lines)


def bulletin_html(rb: Rulebook, year: int, entries: Sequence[BulletinEntry], as_of: dt.date) -> str:
    """The whole bulletin as one HTML document (UTF-8, self-contained)."""
    rows = "\n".join(f"<tr><td>{n}</td><td>{escape(x.exemplar.name)}</td><td>{escape(x.exemplar.unit_name)}</td>"
                     f"<td>{escape(x.exemplar.field)}</td><td>{len(x.adopters)}</td></tr>"
                     for n, x in enumerate(entries, start=1))
    cover = (
        '<div class="cover">'
        f'<p class="parent">{escape(rb.parent_agency)}</p><p class="agency">{escape(rb.agency)}</p>'
        f"<h1>{TITLE}</h1>"
        f'<p class="sub">Năm {year} — tài liệu giới thiệu trên mạng nội bộ, tại hội nghị cán bộ, công chức, viên '
        f"chức và các buổi sinh hoạt của cơ quan (thông tin đến ngày {as_of:%d/%m/%Y})</p>"
        f"<p class=\"text\">Thực hiện {escape(rb.plan_title)}, {escape(rb.agency)} giới thiệu {len(entries)} gương "
        "điển hình tiên tiến để toàn cơ quan học tập, nhân rộng.</p>"
        '<table class="list"><tr><th>STT</th><th>Điển hình</th><th>Đơn vị</th><th>Lĩnh vực</th>'
        f"<th>Số nơi áp dụng</th></tr>\n{rows}</table></div>"
    )
    pages = "\n".join(_page(n, x) for n, x in enumerate(entries, start=1))
    return ("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{TITLE} năm {year} — {escape(rb.agency)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            f"{cover}\n{pages}\n</body>\n</html>\n")


def write_bulletin_html(target: Path, rb: Rulebook, year: int, entries: Sequence[BulletinEntry],
                        as_of: dt.date) -> Path:
    return atomic_write_text(target, bulletin_html(rb, year, entries, as_of))


def _sheet_name(n: int, name: str, used: set[str]) -> str:
    bad = '[]:*?/\\'
    base = "".join(" " if ch in bad else ch for ch in f"{n}. {name}").strip()[:31].rstrip()
    out, k = base, 2
    while out.lower() in used:
        out, k = f"{base[:28]}({k})", k + 1
    used.add(out.lower())
    return out


_FLAG_WIDTH = 80
_FLAG_LINE_CHARS = 68  # 15-point Times New Roman in a column 80 wide, with room to spare
_FLAG_LINE_POINTS = 21


def _flag_height(text: str) -> float:
    lines = sum(max(1, -(-len(part) // _FLAG_LINE_CHARS)) for part in text.split("\n"))
    return lines * _FLAG_LINE_POINTS + 6


def write_flag_sheet(target: Path, rb: Rulebook, year: int, entries: Sequence[BulletinEntry]) -> Path:
    """The A4 sheet for the Monday flag ceremony: one worksheet per exemplar, each one printed page."""
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp)
        base = {"font_name": FONT, "valign": "top", "text_wrap": True}
        agency = wb.add_format({**base, "font_size": 12, "bold": True, "align": "center"})
        title = wb.add_format({**base, "font_size": 24, "bold": True, "align": "center", "font_color": "#C00000"})
        name = wb.add_format({**base, "font_size": 20, "bold": True, "align": "center"})
        label = wb.add_format({**base, "font_size": 15, "bold": True, "font_color": "#1F4E79"})
        text = wb.add_format({**base, "font_size": 15})
        used: set[str] = set()
        for n, entry in enumerate(entries, start=1):
            e = entry.exemplar
            ws = wb.add_worksheet(_sheet_name(n, e.name, used))
            ws.set_paper(9)
            ws.set_portrait()
            ws.set_margins(left=0.8, right=0.6, top=0.6, bottom=0.6)
            ws.fit_to_pages(1, 1)
            ws.set_column(0, 0, _FLAG_WIDTH)
            ws.hide_gridlines(2)
            blocks: list[tuple[str, object, float]] = [(rb.agency.upper(), agency, 20),
                                                       (TITLE + f" NĂM {year}", title, 40), (e.name, name, 56)]
            where = f"{e.unit_name} — {e.field or e.kind_label}"
            blocks.append((where, text, _flag_height(where)))
            for heading, body in (("Thành tích tiêu biểu", e.achievements),
                                  ("Mô hình, cách làm hay", entry.model or e.model),
                                  ("Hiệu quả", entry.effect or e.effect),
                                  ("Nhân rộng đến nay", ("; ".join(entry.adopters) if entry.adopters
                                                         else "Chưa có đơn vị, nơi áp dụng."))):
                blocks.append((heading, label, 26))
                body = body or NONE_YET
                blocks.append((body, text, _flag_height(body)))
            for row, (value, fmt, height) in enumerate(blocks):
                ws.set_row(row, height)
                ws.write_string(row, 0, safe_text(value), fmt)
            ws.print_area(0, 0, len(blocks) - 1, 0)
        if not entries:
            wb.add_worksheet("Chưa có điển hình").write_string(0, 0, "Chưa có điển hình tiên tiến trong năm.")
        wb.close()
    return target
