"""Reading unit workbooks: raw values (``workbook``), legacy fonts (``fonts``), the table
(``locate``), cell values (``rows``) and one file end to end (``unitfile``).

``exemplars.consolidate.consolidate_folder`` runs these over a folder; file safety
checks live in ``safety``.
"""

from exemplars.reader.workbook import RawWorkbook, WorkbookError, open_workbook

__all__ = ["RawWorkbook", "WorkbookError", "open_workbook"]
