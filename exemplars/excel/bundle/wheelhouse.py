"""The bundle's wheelhouse: Windows (win_amd64) wheels of the package and of every dependency.

``pip download`` is run once per supported Python with ``--platform win_amd64
--only-binary=:all:``.  pip evaluates environment markers against the machine it
runs on, not the target, so requirements that only Windows needs (pywin32 for
xlwings, colorama for click, tzdata for pandas) would be left out on Linux.
``missing_for_windows`` reads every wheel's metadata with Windows markers and
names what is still missing; those are downloaded by name until nothing is.
"""

from __future__ import annotations

import email.parser
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

from exemplars.errors import OutputError
from exemplars.excel.windows import SUPPORTED_PYTHONS

PYTHONS = SUPPORTED_PYTHONS
PLATFORM = "win_amd64"
#: xlwings calls Excel through pywin32 on Windows; named every time, not only when the metadata says so.
ALWAYS = ("pywin32",)
MAX_ROUNDS = 5


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str
    version: str
    tags: frozenset[Tag]


def windows_environment(python: str) -> dict[str, str]:
    """Marker variables of CPython ``python`` (e.g. "3.12") on 64-bit Windows."""
    return {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64",
            "platform_release": "10", "platform_version": "10.0", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "implementation_version": f"{python}.0",
            "python_version": python, "python_full_version": f"{python}.0", "extra": ""}


def target_tags(python: str) -> set[Tag]:
    """Wheel tags CPython ``python`` accepts on win_amd64."""
    version = tuple(int(part) for part in python.split("."))
    interpreter = f"cp{version[0]}{version[1]}"
    return (set(cpython_tags(version, platforms=[PLATFORM]))
            | set(compatible_tags(version, interpreter=interpreter, platforms=[PLATFORM])))


def wheels(folder: Path) -> list[Wheel]:
    out = []
    for path in sorted(folder.glob("*.whl")):
        name, version, _, tags = parse_wheel_filename(path.name)
        out.append(Wheel(path, name, str(version), frozenset(tags)))
    return out


def requirements(wheel: Path) -> list[Requirement]:
    """``Requires-Dist`` of a wheel, read from its METADATA."""
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        message = email.parser.Parser().parsestr(z.read(meta).decode("utf-8"))
    return [Requirement(value) for value in message.get_all("Requires-Dist") or []]


def missing_for_windows(folder: Path, root: str, python: str) -> list[Requirement]:
    """Requirements of ``root`` and its dependencies on Windows/``python`` that no wheel in ``folder`` meets."""
    tags, env = target_tags(python), windows_environment(python)
    usable = [w for w in wheels(folder) if w.tags & tags]
    by_name: dict[str, list[Wheel]] = {}
    for wheel in usable:
        by_name.setdefault(wheel.name, []).append(wheel)
    missing: dict[str, Requirement] = {}
    todo, seen = [Requirement(root)], set()
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        candidates = [w for w in by_name.get(name, []) if requirement.specifier.contains(w.version, prereleases=True)]
        if not candidates:
            missing.setdefault(name, requirement)
            continue
        chosen = max(candidates, key=lambda w: Version(w.version))
        if chosen.path in seen:
            continue
        seen.add(chosen.path)
        todo += [r for r in requirements(chosen.path) if r.marker is None or r.marker.evaluate(env)]
    return [missing[name] for name in sorted(missing)]


def pip_download(requirements: Iterable[str], folder: Path, python: str) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--only-binary=:all:",
           "--platform", PLATFORM, "--python-version", python, "--implementation", "cp",
           "--find-links", str(folder), "--dest", str(folder), *requirements]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise OutputError(f"Không tải được thư viện cho Python {python} ({PLATFORM}): "
                          + (detail[-1] if detail else f"pip trả về mã {done.returncode}"))


def build_package_wheel(source: Path, folder: Path) -> Path:
    """``pip wheel`` of the checkout ``source`` into ``folder``; returns the wheel."""
    folder.mkdir(parents=True, exist_ok=True)
    before = set(folder.glob("exemplars-*.whl"))
    for old in before:
        old.unlink()
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
           "--wheel-dir", str(folder), str(source)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    built = sorted(folder.glob("exemplars-*.whl"))
    if done.returncode != 0 or len(built) != 1:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise OutputError("Không đóng gói được phần mềm: " + (detail[-1] if detail else "không có tệp .whl"))
    return built[0]


def fill_wheelhouse(folder: Path, package: Path, pythons: Iterable[str] = PYTHONS) -> dict[str, int]:
    """Download into ``folder`` what ``package`` (a wheel in it) needs on each Python; returns wheels per Python."""
    name = parse_wheel_filename(package.name)[0]
    counts = {}
    for python in pythons:
        wanted = [str(package), *ALWAYS]
        for _ in range(MAX_ROUNDS):
            pip_download(wanted, folder, python)
            missing = missing_for_windows(folder, name, python)
            if not missing:
                break
            wanted = [str(r) for r in missing]
        else:
            raise OutputError(f"Vẫn thiếu thư viện cho Python {python}: " + ", ".join(wanted))
        tags = target_tags(python)
        counts[python] = sum(1 for w in wheels(folder) if w.tags & tags)
    return counts
