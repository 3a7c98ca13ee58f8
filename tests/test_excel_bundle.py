"""The offline Windows bundle: batch files cmd.exe reads right, a wheelhouse that resolves for win_amd64 offline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.version import Version

from exemplars.errors import InputError
from exemplars.excel import windows
from exemplars.excel.bundle import build_bundle, scripts, wheelhouse
from exemplars.excel.bundle.guide import markdown_to_html
from exemplars.excel.layout import DEFAULT_FILE

#: pip before 24.2 checks a local wheel's Requires-Python against the running interpreter, not --python-version.
PIP_TARGET_AWARE = Version("24.2")


def _index() -> str:
    return os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/").rstrip("/") + "/pip/"


def _index_reachable() -> bool:
    try:
        with urllib.request.urlopen(_index(), timeout=5):
            return True
    except OSError:
        return False


needs_index = pytest.mark.skipif(not _index_reachable(),
                                 reason=f"no package index reachable ({_index()}): the wheelhouse cannot be downloaded")


@pytest.mark.parametrize("name", [scripts.INSTALL, scripts.UNINSTALL])
def test_batch_files_are_crlf_utf8_and_switch_to_utf8_before_any_vietnamese(tmp_path, name):
    scripts.write_scripts(tmp_path)
    data = (tmp_path / name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # cmd.exe would take a BOM for part of the first command
    assert data.count(b"\n") == data.count(b"\r\n") and data.endswith(b"\r\n")
    lines = data.decode("utf-8").split("\r\n")
    chcp = lines.index("chcp 65001 >nul")
    assert all(line.isascii() for line in lines[:chcp + 1])
    assert any(not line.isascii() for line in lines[chcp:])  # the messages are Vietnamese
    assert lines[0] == "@echo off" and "pause" in lines
    labels = {line[1:].split()[0] for line in lines if line.startswith(":")}
    targets = set(re.findall(r"(?:goto|call) :(\w+)", "\n".join(lines)))
    assert targets <= labels, targets - labels  # every jump has its label
    for line in lines:  # no message inside a parenthesised block: a ')' in it would end the block
        assert not re.match(r"^\s*(if|for)\b.*\($", line), line


def test_install_script_steps():
    text = scripts.INSTALL_TEXT
    trusted = "HKCU\\" + windows.TRUSTED_KEY.replace("{version}", "%~1") + "\\" + windows.LOCATION_NAME
    for step in ("call :try_python py -3\n", '--no-index --find-links "%HERE%wheelhouse" --only-binary=:all:',
                 '-m exemplars excel install --workbook "%TARGET%\\%WORKBOOK%"', 'set "TARGET=%USERPROFILE%\\ThiDua"',
                 "set /p ", f'reg add "{trusted}" /v Path /t REG_SZ /d "%TARGET%\\\\" /f',
                 f'reg add "{trusted}" /v AllowSubfolders /t REG_DWORD /d 1 /f', "for %%O in (16.0 15.0 14.0)"):
        assert step in text, step
    assert text.index("pip install") < text.index("excel install") < text.index("reg add")
    assert "(3, 11) <= sys.version_info[:2] <= (3, 13)" in text
    assert f'copy /y "%HERE%%WORKBOOK%" "%TARGET%\\{scripts.NEW_COPY}"' in text  # an existing workbook is kept


def test_uninstall_script_undoes_the_install():
    text = scripts.UNINSTALL_TEXT
    trusted = "HKCU\\" + windows.TRUSTED_KEY.replace("{version}", "%~1") + "\\" + windows.LOCATION_NAME
    assert f'reg delete "{trusted}" /f' in text
    assert "-m pip uninstall --disable-pip-version-check -y exemplars" in text
    assert "rmdir" not in text and "del " not in text  # the clerk's data stays


def _wheel(folder: Path, filename: str, requires: list[str]) -> None:
    name, version = filename.split("-")[:2]
    meta = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(folder / filename, "w") as z:
        z.writestr(f"{name}-{version}.dist-info/METADATA", meta)


def test_windows_only_requirements_and_missing_python_builds_are_found(tmp_path):
    _wheel(tmp_path, "exemplars-0.1.0-py3-none-any.whl", ["xlwings==0.37.8", "click>=8.1"])
    _wheel(tmp_path, "xlwings-0.37.8-cp312-cp312-win_amd64.whl", ['pywin32>=224; platform_system == "Windows"'])
    _wheel(tmp_path, "click-8.5.1-py3-none-any.whl", ['colorama; platform_system == "Windows"'])
    _wheel(tmp_path, "colorama-0.4.6-py2.py3-none-any.whl", [])
    # pip on Linux leaves pywin32 out (markers are read for the machine pip runs on); the check does not
    assert [r.name for r in wheelhouse.missing_for_windows(tmp_path, "exemplars", "3.12")] == ["pywin32"]
    assert [r.name for r in wheelhouse.missing_for_windows(tmp_path, "exemplars", "3.11")] == ["xlwings"]
    _wheel(tmp_path, "pywin32-312-cp312-cp312-win_amd64.whl", [])
    assert wheelhouse.missing_for_windows(tmp_path, "exemplars", "3.12") == []


def test_guide_markdown_becomes_escaped_html(tmp_path):
    text = ("# Hướng dẫn\n\nGõ `a<b>` rồi bấm **Enable**, *không* <https://python.org>.\n\n"
            "> **RỦI RO** một\n>\n> hai\n\n1. Một\n   * con\n2. Hai\n\n| A | B |\n|---|---|\n| x | [y](http://y.vn) |\n\n```\ncai-dat.bat\n```\n")
    page = markdown_to_html(text, tmp_path, "T")
    assert "<h1>Hướng dẫn</h1>" in page and "<code>a&lt;b&gt;</code>" in page
    assert "<b>Enable</b>" in page and "<i>không</i>" in page and '<a href="https://python.org">' in page
    assert page.count("<ol>") == 1 and page.count("<ul>") == 1 and "<td>x</td>" in page
    assert "<blockquote><p><b>RỦI RO</b> một</p><p>hai</p></blockquote>" in page
    assert '<a href="http://y.vn">y</a>' in page and "<pre>cai-dat.bat</pre>" in page


def test_an_installed_package_needs_a_wheel_to_bundle(tmp_path, monkeypatch):
    import exemplars.excel.bundle as bundle

    monkeypatch.setattr(bundle, "in_source_tree", lambda: False)
    with pytest.raises(InputError, match="--wheel"):
        build_bundle(tmp_path / "bo-cai", pythons=())
    assert not (tmp_path / "bo-cai").exists() and not list(tmp_path.iterdir())  # nothing half-built left


def _pip_for_target(tmp_path: Path) -> list[str]:
    """A pip that honours --python-version for Requires-Python: this one, or a newer one run from its wheel."""
    if Version(metadata.version("pip")) >= PIP_TARGET_AWARE:
        return [sys.executable, "-m", "pip"]
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                    f"pip>={PIP_TARGET_AWARE}", "-d", str(tmp_path / "pip")], check=True, timeout=300)
    return [sys.executable, str(next((tmp_path / "pip").glob("pip-*.whl")) / "pip")]


@pytest.mark.slow
@pytest.mark.soffice
@needs_index
def test_bundle_is_built_and_resolves_offline_for_windows(soffice, tmp_path):
    made = build_bundle(tmp_path / "exemplars-windows")
    folder = made.folder
    for name in (scripts.INSTALL, scripts.UNINSTALL, DEFAULT_FILE, scripts.GUIDE_PDF):
        assert (folder / name).is_file(), name
    assert (folder / scripts.GUIDE_PDF).read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in (folder / scripts.TEMPLATES).glob("*.xlsx")) == [
        "mau-dang-ky-dong-nai-kcn-2020.xlsx", "mau-dang-ky-nnptnt-2017-2020.xlsx"]
    wheels = folder / scripts.WHEELHOUSE
    for python in wheelhouse.PYTHONS:
        tag = "cp" + python.replace(".", "")
        assert list(wheels.glob(f"pywin32-*-{tag}-{tag}-win_amd64.whl")), python  # named explicitly
        assert wheelhouse.missing_for_windows(wheels, "exemplars", python) == []
        assert made.wheels_per_python[python] > 15
    pip = _pip_for_target(tmp_path)
    for python in wheelhouse.PYTHONS:
        done = subprocess.run([*pip, "install", "--dry-run", "--no-index", "--find-links", str(wheels),
                               "--only-binary=:all:", "--platform", "win_amd64", "--python-version", python,
                               "--target", str(tmp_path / f"T{python}"), "--disable-pip-version-check",
                               "exemplars"], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Would install" in done.stdout and f"exemplars-{metadata.version('exemplars')}" in done.stdout
    with zipfile.ZipFile(made.archive) as z:
        names = set(z.namelist())
    assert {f"exemplars-windows/{f}" for f in made.files} == names
