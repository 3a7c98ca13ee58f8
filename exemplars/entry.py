"""The ``exemplars`` command's entry point (and ``python -m exemplars``).

Loading the command line pulls in pydantic, click and, for ``run``, pandas and the readers: about a
second on a slow office computer.  A Ctrl+C in that second, before click is listening, would end in
a Python traceback; here it ends with the same Vietnamese line as a Ctrl+C later in the run.  Once
the command has ended, Ctrl+C is ignored: the outputs are complete (or untouched) and a Ctrl+C while
the interpreter shuts down would only end the process without a word.
"""

from __future__ import annotations

import signal
import sys

from exemplars.errors import STOPPED, STOPPED_EXIT


def main() -> None:
    try:
        from exemplars.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{STOPPED}\n")
        sys.exit(STOPPED_EXIT)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
