"""Cell formats of the registration template (Times New Roman throughout).

Input cells are unlocked so the sheet can stay protected; each column also
carries an unlocked column format, so rows a clerk inserts or types below the
pre-formatted area keep the font, the date format and stay editable.
"""

from __future__ import annotations

from exemplars.template.layout import TableColumn
from exemplars.xlsx import FONT

_INPUT_BG = "#FFFDE7"


class TemplateFormats:
    def __init__(self, wb, size: int = 12):
        base = {"font_name": FONT, "font_size": size, "valign": "top"}
        self._wb = wb
        self._base = base
        self.locked = wb.add_format(base)
        self.plain = self.locked
        self.bold = wb.add_format({**base, "bold": True})
        self.italic = wb.add_format({**base, "italic": True})
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
        self.subtitle = wb.add_format({**base, "italic": True, "align": "center", "text_wrap": True})
        self.label = wb.add_format({**base, "bold": True, "align": "right", "valign": "vcenter"})
        self.group = wb.add_format({**base, "bold": True, "text_wrap": True, "border": 1, "align": "center",
                                    "valign": "vcenter", "bg_color": "#BDD7EE"})
        self.header = wb.add_format({**base, "font_size": 11, "bold": True, "text_wrap": True, "border": 1,
                                     "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"})
        inp = {**base, "locked": False, "border": 1, "bg_color": _INPUT_BG, "valign": "vcenter"}
        self.input = wb.add_format({**inp, "text_wrap": True})
        self.input_date = wb.add_format({**inp, "num_format": "dd/mm/yyyy", "align": "left"})
        self.input_int = wb.add_format({**inp, "num_format": "0", "align": "left"})
        self._columns: dict[str, object] = {}
        self._cells: dict[str, object] = {}

    @staticmethod
    def _shape(col: TableColumn) -> str:
        if col.criterion is not None:
            return "yesno"
        kind = col.spec.kind
        return kind if kind in ("date", "int", "percent", "yesno", "long_text") else "text"

    def _props(self, shape: str) -> dict:
        props = {**self._base, "locked": False}
        if shape == "date":
            props.update(num_format="dd/mm/yyyy", align="center")
        elif shape == "int":
            props.update(num_format="0", align="center")
        elif shape == "percent":  # a typed 75 becomes 75 % (stored 0,75), as the reader expects
            props.update(num_format="0%", align="center")
        elif shape == "yesno":
            props.update(align="center")
        else:
            props.update(text_wrap=True)
        return props

    def column_format(self, col: TableColumn):
        """Unlocked, borderless format for the whole column."""
        shape = self._shape(col)
        if shape not in self._columns:
            self._columns[shape] = self._wb.add_format(self._props(shape))
        return self._columns[shape]

    def cell_format(self, col: TableColumn):
        """Unlocked, bordered format of the pre-formatted input cells."""
        shape = self._shape(col)
        if shape not in self._cells:
            self._cells[shape] = self._wb.add_format({**self._props(shape), "border": 1})
        return self._cells[shape]
