"""The hidden "Danh mục" sheet: the lists behind the template's dropdowns.

Dropdowns refer to ranges of this sheet (not inline lists), so a list longer
than Excel's 255-character inline limit, or with commas in its items, works.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from exemplars import page_setup
from exemplars.columns import NO, SHEET_LISTS, YES
from exemplars.domain import (
    Discipline,
    Gender,
    Honorific,
    MovementKind,
    RecognitionLevel,
    Replicability,
    TaskCompletion,
)
from exemplars.rulebook.schema import Rulebook


def _labels(enum) -> list[str]:
    return [m.label for m in enum]


class ListSheet:
    """Named lists (name → (header, items)) in a fixed order, one column each."""

    def __init__(self, rb: Rulebook):
        blocs = list(dict.fromkeys(u.bloc for u in rb.units if u.bloc))
        self.lists: dict[str, tuple[str, list[str]]] = {
            "subject_kinds": ("Loại đối tượng", [k.label for k in rb.subject_kinds]),
            "Honorific": ("Danh xưng", _labels(Honorific)),
            "Gender": ("Giới tính", _labels(Gender)),
            "yesno": ("Có/Không", [YES, NO]),
            "fields": ("Lĩnh vực", list(rb.fields)),
            "MovementKind": ("Phong trào thi đua", _labels(MovementKind)),
            "RecognitionLevel": ("Cấp công nhận", _labels(RecognitionLevel)),
            "Replicability": ("Khả năng nhân rộng", _labels(Replicability)),
            "Discipline": ("Kỷ luật, phê bình", _labels(Discipline)),
            "TaskCompletion": ("Mức độ hoàn thành nhiệm vụ", _labels(TaskCompletion)),
            "reward_forms": ("Hình thức khen thưởng", [f.label for f in rb.reward_forms]),
            "units": ("Đơn vị", [u.name for u in rb.units]),
            "blocs": ("Khối thi đua", blocs),
        }

    def ref(self, name: str) -> str | None:
        """``='Danh mục'!$A$2:$A$6`` for list ``name``; None when the list is empty."""
        names = list(self.lists)
        items = self.lists[name][1]
        if not items:
            return None
        col = xl_col_to_name(names.index(name))
        return f"='{SHEET_LISTS}'!${col}$2:${col}${len(items) + 1}"

    def items(self, name: str) -> list[str]:
        return self.lists[name][1]

    def write(self, ws, fmt) -> None:
        for c, (header, items) in enumerate(self.lists.values()):
            ws.set_column(c, c, 30)
            ws.write_string(0, c, header, fmt.bold)
            for r, item in enumerate(items, start=1):
                ws.write_string(r, c, item, fmt.plain)
        # hidden behind the dropdowns, but an office that shows it prints it on A4 like the rest
        page_setup.set_page(ws, [30] * len(self.lists), last_row=max((len(i) for _h, i in self.lists.values()), default=0))
        ws.hide()
        ws.protect("")
