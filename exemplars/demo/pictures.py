"""Pictures of the demo's outputs as printed: the first page of each, for the README and the guide.

``exemplars demo --pictures docs/img`` runs the demo, prints every kind of output it made
(one LibreOffice start for all of them) and renders page 1 of each to
``demo-<rulebook id>-<kind>.png``.  The names do not depend on the run (the first feedback
letter and the first plan stand for the others), and each picture replaces the previous one
atomically, so the pictures in the documentation are always the demo's own.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from exemplars.demo import DEMO_YEAR, RESULTS_DIR, DemoRun
from exemplars.outputs import office
from exemplars.xlsx import atomic_path

#: (picture kind, file under the results folder, page): the first file matching each pattern.
PICTURES = (
    ("danh-sach-dang-ky", "danh-sach-dang-ky-*.xlsx", 1),
    ("so-lam-viec", "so-lam-viec-*.xlsx", 1),
    ("so-tong-hop", "so-tong-hop.xlsx", 1),
    ("phan-hoi-don-vi", "phan-hoi-don-vi/*.xlsx", 1),
    ("bao-cao-danh-gia-don-vi", f"bao-cao/{DEMO_YEAR}-danh-gia-don-vi.xlsx", 1),
    ("bao-cao-danh-sach-nam", f"bao-cao/{DEMO_YEAR}-danh-sach-nam.xlsx", 1),
    ("bao-cao-theo-doi-thoi-han", f"bao-cao/{DEMO_YEAR}-theo-doi-thoi-han.xlsx", 1),
    ("ke-hoach-boi-duong", "ke-hoach-boi-duong/*.xlsx", 1),
    ("theo-doi-nhan-rong", f"theo-doi-nhan-rong/theo-doi-nhan-rong-{DEMO_YEAR}.xlsx", 1),
    ("chao-co-thu-hai", "tuyen-truyen/chao-co-thu-hai-*.xlsx", 1),
    ("guong-dien-hinh-tien-tien", "tuyen-truyen/guong-dien-hinh-tien-tien-*.pdf", 1),
    # the bulletin opens with a cover; its second page is the first exemplar
    ("guong-dien-hinh-tien-tien-trang-2", "tuyen-truyen/guong-dien-hinh-tien-tien-*.pdf", 2),
)
DPI = 50  # small enough to ship in the package with the guide, large enough to recognise the page


def picture_name(rulebook_id: str, kind: str) -> str:
    return f"demo-{rulebook_id}-{kind}.png"


def picture_sources(run: DemoRun) -> list[tuple[str, Path, int]]:
    """(picture file name, output file, page) for each kind of output this demo run made."""
    results = run.base / RESULTS_DIR
    found = []
    for kind, pattern, page in PICTURES:
        matches = sorted(results.glob(pattern))
        if matches:
            found.append((picture_name(run.rulebook.id, kind), matches[0], page))
    return found


def render_demo_pictures(runs: list[DemoRun], out_dir: Path | str, dpi: int = DPI) -> list[Path]:
    """Print the outputs of ``runs`` and render the chosen page of each into ``out_dir``."""
    out_dir = Path(out_dir)
    sources = [item for run in runs for item in picture_sources(run)]
    with tempfile.TemporaryDirectory(prefix="exemplars-demo-pictures-") as tmp:
        work = Path(tmp)
        copies: dict[Path, Path] = {}  # output → its PDF
        to_convert = []
        for n, (_name, path, _page) in enumerate(sources):
            if path in copies:
                continue
            if path.suffix.lower() == ".pdf":
                copies[path] = path
                continue
            copy = work / "in" / f"{n:02d}-{path.name}"  # both rulebooks name their outputs alike
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, copy)
            to_convert.append((path, copy))
        if to_convert:
            pdfs = office.convert_all([copy for _p, copy in to_convert], "pdf", work / "pdf")
            copies.update({path: pdf for (path, _c), pdf in zip(to_convert, pdfs, strict=True)})
        written = []
        for name, path, page in sources:
            rendered = office.pdf_page_to_png(copies[path], work / "png" / name, page=page, dpi=dpi)
            with atomic_path(out_dir / name) as target:
                shutil.copyfile(rendered, target)
            written.append(out_dir / name)
    return written
