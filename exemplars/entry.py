"""The ``exemplars`` command's entry point (and ``python -m exemplars``).

Loading the command line pulls in pydantic, click and, for ``run``, pandas and the readers: about a
second on a slow office computer.  A Ctrl+C in that second, before click is listening, would end in
a Python traceback; here it ends with the same Vietnamese line as a Ctrl+C later in the run.
"""

from __future__ import annotations

import sys

from exemplars.errors import STOPPED, STOPPED_EXIT


def main() -> None:
    try:
        from exemplars.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{STOPPED}\n")
        sys.exit(STOPPED_EXIT)
