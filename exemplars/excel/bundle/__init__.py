"""``exemplars excel bundle``: the folder (and .zip) an IT officer copies to a Windows PC without internet.

Layout of the bundle::

    cai-dat.bat, go-cai-dat.bat      install / undo, double-clicked by the clerk
    bang-dieu-khien.xlsm             the control workbook
    mau-dang-ky/*.xlsx               the unit templates of the shipped rulebooks
    huong-dan-van-phong.pdf          the clerk guide
    wheelhouse/*.whl                 win_amd64 wheels of the package and every dependency, per Python

Only filling the wheelhouse needs a package index; the PC that runs
``cai-dat.bat`` needs none.  The folder is assembled beside ``out`` and renamed
into place, so a failed build never leaves half a bundle under that name.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exemplars.errors import InputError, OutputError
from exemplars.excel.builder.assets import DOCS, SOURCE_ROOT, WORKBOOKS, asset_dir, in_source_tree
from exemplars.excel.bundle import scripts, wheelhouse
from exemplars.excel.bundle.guide import guide_pdf
from exemplars.excel.layout import DEFAULT_FILE
from exemplars.xlsx import atomic_path

GUIDE_SOURCE = "huong-dan-van-phong.md"
GUIDE_TITLE = "Hướng dẫn cho Văn phòng — phần mềm điển hình tiên tiến"


@dataclass
class Bundle:
    folder: Path
    archive: Path | None
    wheels_per_python: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def _package_wheel(wheel: Path | None, dest: Path) -> Path:
    """The package's own wheel: the one given, or built from this checkout."""
    if wheel is not None:
        if not wheel.is_file() or wheel.suffix != ".whl":
            raise InputError(f"Không tìm thấy tệp gói «{wheel}» (.whl).")
        return Path(shutil.copy2(wheel, dest / wheel.name))
    if not in_source_tree():
        raise InputError("Gói đã cài không tự đóng gói lại được: chạy lệnh này trong thư mục mã nguồn, "
                         "hoặc chỉ tệp .whl của phần mềm bằng --wheel.")
    return wheelhouse.build_package_wheel(SOURCE_ROOT, dest)


def _copy_shipped(folder: Path) -> None:
    shipped = asset_dir(WORKBOOKS)
    workbook = shipped / DEFAULT_FILE
    if not workbook.is_file():
        raise InputError(f"Không tìm thấy bảng điều khiển «{workbook}».")
    shutil.copy2(workbook, folder / DEFAULT_FILE)
    templates = folder / scripts.TEMPLATES
    templates.mkdir()
    for template in sorted(shipped.glob("mau-dang-ky-*.xlsx")):
        shutil.copy2(template, templates / template.name)


def _zip(folder: Path, archive: Path) -> Path:
    """``folder`` as ``archive``, its files under one top folder of the same name."""
    with atomic_path(archive) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                # wheels are zips already: stored, not deflated again
                kind = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
                z.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}", compress_type=kind)
    return archive


def build_bundle(out: Path | str, *, pythons: Sequence[str] = wheelhouse.PYTHONS, wheel: Path | None = None,
                 make_zip: bool = True) -> Bundle:
    """Write the bundle folder ``out`` (replacing an older one) and ``out``.zip."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        wheels = staging / scripts.WHEELHOUSE
        wheels.mkdir()
        package = _package_wheel(wheel, wheels)
        counts = wheelhouse.fill_wheelhouse(wheels, package, pythons)
        _copy_shipped(staging)
        guide_pdf(asset_dir(DOCS) / GUIDE_SOURCE, staging / scripts.GUIDE_PDF, GUIDE_TITLE)
        scripts.write_scripts(staging)
        if out.exists():
            old = out.with_name(f".{out.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        staging.rename(out)
    except OSError as exc:
        raise OutputError(f"Không tạo được bộ cài «{out}»: {exc.strerror or exc}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    archive = _zip(out, out.with_name(out.name + ".zip")) if make_zip else None
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    return Bundle(out, archive, counts, files)
