"""exemplars: consolidate, validate, rank and select advanced exemplars (điển hình tiên tiến).

The public API, the same functions the command line and the Excel buttons call::

    from exemplars import RunSettings, run
    result = run(RunSettings(folder="don-vi", out_dir="ket-qua", rulebook="dong-nai-kcn-2020", year=2026))
    result.selection.selected, result.problems          # selected candidates, every Finding

The core never imports xlwings; ``exemplars.excel`` is the only Excel glue.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name → module that defines it.  Imported on first use: the pipeline pulls in pandas and
#: the readers (about 0.6 s measured with ``python -X importtime``), which ``import exemplars`` for
#: the version or the installer does not need.
_API = {
    "run": "exemplars.pipeline",
    "consolidate": "exemplars.pipeline",
    "make_templates": "exemplars.pipeline",
    "STAGES": "exemplars.pipeline",
    "RunSettings": "exemplars.settings",
    "DocumentHeader": "exemplars.settings",
    "RunResult": "exemplars.results",
    "Consolidation": "exemplars.results",
    "load_rulebook": "exemplars.rulebook",
    "list_rulebooks": "exemplars.rulebook",
    "Rulebook": "exemplars.rulebook",
    "Finding": "exemplars.findings",
    "Severity": "exemplars.findings",
    "RULES": "exemplars.catalogue",
    "ExemplarsError": "exemplars.errors",
    "InputError": "exemplars.errors",
    "RulebookError": "exemplars.errors",
    "OutputError": "exemplars.errors",
}

__all__ = [
    "__version__", "run", "consolidate", "make_templates", "STAGES", "RunSettings", "DocumentHeader", "RunResult",
    "Consolidation", "load_rulebook", "list_rulebooks", "Rulebook", "Finding", "Severity", "RULES",
    "ExemplarsError", "InputError", "RulebookError", "OutputError",
]

if TYPE_CHECKING:
    from exemplars.catalogue import RULES
    from exemplars.errors import ExemplarsError, InputError, OutputError, RulebookError
    from exemplars.findings import Finding, Severity
    from exemplars.pipeline import STAGES, consolidate, make_templates, run
    from exemplars.results import Consolidation, RunResult
    from exemplars.rulebook import Rulebook, list_rulebooks, load_rulebook
    from exemplars.settings import DocumentHeader, RunSettings


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'exemplars' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
