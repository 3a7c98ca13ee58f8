"""LibreOffice turns the submission into a PDF whose first page is a real, non-blank page.

The documentation's pictures come from the demo (``exemplars demo --pictures docs/img``), not from here.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from exemplars.outputs import office, write_outputs
from exemplars.settings import DocumentHeader, RunSettings

sys.path.insert(0, str(Path(__file__).parent))
from support.results import build_run_result  # noqa: E402

HEADER = DocumentHeader(doc_number="15", doc_date=dt.date(2026, 2, 5), signer_name="Cao Tiến Sỹ")


def write_sample(rb, out_dir: Path, plain: bool = False) -> dict[str, Path]:
    result = build_run_result(rb, plain=plain)
    settings = RunSettings(folder=out_dir / "in", out_dir=out_dir, rulebook=rb.id, year=2026, header=HEADER)
    return write_outputs(result, settings, rb)


def test_submission_pdf_first_page_has_ink(soffice, rb_dn, tmp_path):
    written = write_sample(rb_dn, tmp_path)
    pdf = written["submission_pdf"]
    assert pdf == tmp_path / "danh-sach-dang-ky-2026.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp folder or file left
    page = office.pdf_page_to_png(pdf, tmp_path / "p1.png", page=1, dpi=50)
    ratio = office.image_ink_ratio(page)
    assert 0.01 < ratio < 0.5
