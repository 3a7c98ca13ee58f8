"""Exceptions for "cannot continue" situations.

Problems found in the data are not exceptions: they are ``Finding`` records
(see ``exemplars.findings``).  An exception here always carries a Vietnamese
message a clerk can act on.

    ExemplarsError
     ├── RulebookError     a rulebook file is missing or invalid
     ├── InputError        a folder, setting or argument is unusable
     ├── OutputError       an output could not be written (nothing half-written is left)
     └── UnitFileError     one unit file cannot be read (reported on that file; the others go on)
          ├── UnreadableFile   refused by the safety gate (exemplars.reader.safety)
          ├── WorkbookError    not readable as a workbook (exemplars.reader.workbook)
          └── FileRefused      a workbook, but not a registration table (exemplars.reader.unitfile)
"""

from __future__ import annotations

#: what a clerk reads after pressing Ctrl+C, at any moment of a command, and its exit status
STOPPED = "Đã dừng theo yêu cầu."
STOPPED_EXIT = 1


class ExemplarsError(Exception):
    """Base class; ``str(err)`` is the Vietnamese message for the clerk."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RulebookError(ExemplarsError):
    exit_code = 2


class InputError(ExemplarsError):
    exit_code = 2


class OutputError(ExemplarsError):
    exit_code = 3


class UnitFileError(ExemplarsError):
    """One unit file cannot be consolidated; ``rule_id`` is its catalogue code.

    Consolidation turns it into an error finding on that file and reads the others.
    """

    def __init__(self, message: str, rule_id: str):
        super().__init__(message)
        self.rule_id = rule_id


class UnreadableFile(UnitFileError):
    """Refused by the safety gate (``exemplars.reader.safety``) before any parser touched the file."""
