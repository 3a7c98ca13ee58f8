"""An installed package (not a checkout) carries the VBA sources and the shipped workbooks.

``setup.py build_py`` lays the package out as a wheel would; a Python that sees only
that copy must find the packaged ``xlsx_macros``/``workbook`` and build the control
workbook from them.  Runs offline (no wheel download, no build isolation).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from exemplars.excel.builder import assets

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
from exemplars.excel.builder import assets, build, vba_project
out = build.build_control_workbook(sys.argv[1])
print(json.dumps({"source": assets.in_source_tree(), "macros": str(vba_project.MACROS_DIR),
                  "shipped": build.SHIPPED.is_file(), "built": out.is_file(),
                  "modules": [m.name for m in vba_project.own_modules()]}))
"""


@pytest.fixture(scope="module")
def built_package(tmp_path_factory) -> Path:
    lib = tmp_path_factory.mktemp("build-lib")
    done = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return lib


def test_checkout_uses_the_top_level_folders():
    assert assets.in_source_tree()
    assert assets.asset_dir(assets.MACROS) == ROOT / "xlsx_macros"
    assert assets.asset_dir(assets.WORKBOOKS) == ROOT / "workbook"


def test_build_copies_every_asset_into_the_package(built_package):
    packaged = built_package / "exemplars" / "excel" / "builder" / "assets"
    for folder, pattern in (("xlsx_macros", "*.bas"), ("workbook", "*.xls?"), ("docs", "huong-dan-*.md"),
                            ("docs", "img/*.png")):
        expected = sorted(str(p.relative_to(ROOT / folder)) for p in (ROOT / folder).glob(pattern))
        assert expected and sorted(str(p.relative_to(packaged / folder))
                                   for p in (packaged / folder).glob(pattern)) == expected
        for name in expected:
            assert (packaged / folder / name).read_bytes() == (ROOT / folder / name).read_bytes()


def test_installed_layout_builds_the_workbook_from_its_packaged_sources(built_package, tmp_path):
    out = tmp_path / "bang-dieu-khien.xlsm"
    # the built copy comes first on sys.path, ahead of the checkout's editable install
    code = f"import sys; sys.path.insert(0, {str(built_package)!r})\n" + PROBE
    done = subprocess.run([sys.executable, "-c", code, str(out)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["source"] is False
    assert report["macros"].startswith(str(built_package))
    assert report["shipped"] and report["built"]
    assert report["modules"] == ["NutBam", "Probe"]
