"""The README's library example runs verbatim, and the public names are what it uses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import exemplars

ROOT = Path(__file__).resolve().parents[1]


def _library_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it as a library", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_library_example_runs(tmp_path):
    done = subprocess.run([sys.executable, "-c", _library_example()], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert re.match(r"1 \S", lines[0]), "the first selected candidate is printed with rank 1"
    assert "'submission'" in lines[-1]
    assert (tmp_path / "ket-qua" / "summary.json").exists()


def test_public_names_resolve_and_import_is_cheap():
    for name in exemplars.__all__:
        assert getattr(exemplars, name) is not None
    code = "import sys, exemplars; print('exemplars.pipeline' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"], "import exemplars stays light; the pipeline loads on first use"


def test_all_lists_exactly_the_lazy_names():
    assert set(exemplars.__all__) - {"__version__"} == set(exemplars._API)
