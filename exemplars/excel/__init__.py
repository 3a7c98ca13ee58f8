"""Excel glue: the clerk's control workbook and its buttons (the only package that imports xlwings).

``layout``, ``vba_project`` and ``build`` make the workbook without xlwings;
``buttons`` holds the RunPython entry points, ``actions`` the button bodies,
``settings_io`` and ``sheets`` read and write the calling workbook.
"""
