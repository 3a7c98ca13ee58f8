"""RunPython entry points, one per button of the control workbook (see ``xlsx_macros/NutBam.bas``).

Each Sub runs ``import exemplars.excel.buttons as b; b.<name>()`` in a fresh
Python process; ``xw.Book.caller()`` is the control workbook that was clicked.
The work itself is in ``actions``, which tests drive with a remote-engine book.
"""

from __future__ import annotations

import xlwings as xw

from exemplars.excel import actions, nurture_actions


def make_templates() -> None:
    actions.make_templates(xw.Book.caller())


def consolidate() -> None:
    actions.consolidate(xw.Book.caller())


def validate() -> None:
    actions.validate(xw.Book.caller())


def rank() -> None:
    actions.rank(xw.Book.caller())


def registration_list() -> None:
    actions.registration_list(xw.Book.caller())


def periodic_report() -> None:
    actions.periodic_report(xw.Book.caller())


def nurture_plans() -> None:
    nurture_actions.nurture_plans(xw.Book.caller())


def nurture_progress() -> None:
    nurture_actions.nurture_progress(xw.Book.caller())


def bulletin() -> None:
    nurture_actions.bulletin(xw.Book.caller())


def check_setup() -> None:
    actions.check_setup(xw.Book.caller())


def dossier() -> None:
    actions.dossier(xw.Book.caller())
