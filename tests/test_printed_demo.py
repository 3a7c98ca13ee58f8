"""Every workbook both demo runs produce, and the unit template, printed to PDF and read back.

One LibreOffice call per demo converts all of its outputs (submission, working register, register,
feedback letters, periodic reports, nurturing plans and progress books, the flag-ceremony sheet)
with the unit template and a calibration workbook.  Then, page by page, from Poppler's word boxes:
no text cut at the right edge, no "###", body text at least 9 pt on paper, page counts within
bounds (the demo's working register on at most 8 pages), the submission's last page holding table
rows with its signature, and every first page not blank.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from exemplars.demo import DEMO_YEAR, RESULTS_DIR, demo_settings, run_demo
from exemplars.outputs import office
from exemplars.outputs.feedback import FEEDBACK_DIR
from exemplars.page_setup import MIN_PRINTED_PT
from exemplars.template.build import build_template

sys.path.insert(0, str(Path(__file__).parent))
from support import printed  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.soffice]

#: Most pages each printed file may take (today's count with some room): a layout that suddenly
#: spreads over many more pages fails here.  The first pattern matching the file's name counts.
PAGE_LIMITS = (
    (r"so-lam-viec-\d{4}", 8),          # the issue: the demo's working register on at most 8 pages
    (r"danh-sach-dang-ky-\d{4}", 6),
    (r"so-tong-hop", 64),               # «Bản in», the full 46-column data and the findings
    (r"\d{4}(-\w+)?-theo-doi-thoi-han", 10),
    (r"\d{4}(-\w+)?-.*", 12),           # the other periodic reports
    (r"ke-hoach-boi-duong-.*", 12),       # guide, then the plan and actions sheets two pages across
    (r"theo-doi-nhan-rong-.*", 12),
    (r"chao-co-thu-hai-\d{4}", 16),     # one page per exemplar
    (r"mau-dang-ky.*", 16),
    (r"[A-Z0-9]+", 3),                  # a unit's feedback letter
)
#: Box heights are read to 0,001 pt; a printed size this close under 9 pt is a measuring difference.
SIZE_TOLERANCE = 0.02
#: The sign-off alone is about 25 words; a last page with table rows and the closing has many more.
LETTER_LAST_PAGE_WORDS = 60
#: A page with fewer words has no body text to measure (a sign-off: «Nơi nhận» is 11 pt by ND 30).
BODY_WORDS = 30


def _limit(stem: str) -> int:
    for pattern, limit in PAGE_LIMITS:
        if re.fullmatch(pattern, stem):
            return limit
    raise AssertionError(f"no page limit for the output {stem!r}: add it to PAGE_LIMITS")


@pytest.fixture(scope="module")
def poppler() -> None:
    missing = printed.poppler_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} (poppler-utils) is required on CI but is not installed")
        pytest.skip(f"{missing} (poppler-utils) not installed")


@pytest.fixture(scope="module")
def printed_demo(tmp_path_factory, soffice, poppler):
    """(demo run, {output stem: PDF}, height per point) for each shipped rulebook."""
    base = tmp_path_factory.mktemp("printed-demo")
    runs = run_demo(base / "demo")
    made = []
    for demo in runs:
        sources = sorted((demo.base / RESULTS_DIR).rglob("*.xlsx"))
        unit = demo.rulebook.units[0] if demo.rulebook.units else None
        sources.append(build_template(demo.rulebook, base / demo.rulebook.id / "mau-dang-ky.xlsx",
                                      unit=unit, year=DEMO_YEAR))
        flat = base / demo.rulebook.id / "in"
        flat.mkdir(parents=True)
        copies = {}
        for path in sources:  # one folder of unique names: LibreOffice names each PDF after its source
            assert path.stem not in copies, f"two outputs named {path.stem}"
            copies[path.stem] = shutil.copyfile(path, flat / path.name)
        calibration = printed.write_calibration(flat / "co-chu-12.xlsx")
        pdfs = office.convert_all([*copies.values(), calibration], "pdf", base / demo.rulebook.id / "pdf",
                                  timeout=600)
        per_point = printed.height_per_point(pdfs[-1])
        made.append((demo, {stem: pdf for stem, pdf in zip(copies, pdfs, strict=False)}, per_point))
    return made


def test_calibration_is_plausible(printed_demo):
    for _demo, _pdfs, per_point in printed_demo:
        assert 1.0 < per_point < 1.5  # a word box is a little taller than its font size


def test_every_page_prints_whole_and_readable(printed_demo):
    problems = []
    for demo, pdfs, per_point in printed_demo:
        for stem, pdf in pdfs.items():
            pages = printed.read_pages(pdf)
            where = f"{demo.rulebook.id}/{stem}.pdf"
            if not 1 <= len(pages) <= _limit(stem):
                problems.append(f"{where}: {len(pages)} pages (limit {_limit(stem)})")
            for page in pages:
                cut = printed.cut_words(page)
                if cut:
                    problems.append(f"{where} p.{page.number}: text cut at the edge: {[w.text for w in cut[:3]]}")
                if printed.hash_words(page):
                    problems.append(f"{where} p.{page.number}: ### in place of a number")
                size = printed.printed_body_pt(page, per_point)
                if len(page.words) >= BODY_WORDS and size is not None and size < MIN_PRINTED_PT - SIZE_TOLERANCE:
                    problems.append(f"{where} p.{page.number}: body text {size:.1f} pt on paper")
    assert not problems, "\n".join(problems)


def test_working_register_and_submission_page_counts(printed_demo):
    for _demo, pdfs, _ in printed_demo:
        working = next(pdf for stem, pdf in pdfs.items() if stem.startswith("so-lam-viec-"))
        assert 2 <= len(printed.read_pages(working)) <= 8
        submission = printed.read_pages(pdfs[f"danh-sach-dang-ky-{DEMO_YEAR}"])
        assert all(p.landscape for p in submission)


def test_submission_last_page_holds_rows_and_signature(printed_demo):
    for demo, pdfs, _ in printed_demo:
        pages = printed.read_pages(pdfs[f"danh-sach-dang-ky-{DEMO_YEAR}"])
        last = pages[-1].text()
        signer = demo_settings(demo.rulebook, demo.base).header.signer_name
        assert signer and signer in last
        assert "Nơi nhận" in last
        selection = demo.result.selection
        names = {c.name for c in selection.selected + selection.fast_track} - {signer}
        words = {w.text for w in pages[-1].words}
        on_last = [n for n in names if set(n.split()) <= words]  # a name may wrap inside its cell
        assert on_last, f"{demo.rulebook.id}: the submission's last page has its signature but no table row"
        if len(pages) > 1:  # and the first page is no near-empty page before the table
            assert len(pages[0].words) > 0.5 * len(pages[1].words)


def test_every_first_page_has_ink(printed_demo, tmp_path):
    blank = []
    for demo, pdfs, _ in printed_demo:
        for stem, pdf in pdfs.items():
            image = office.pdf_page_to_pgm(pdf, tmp_path / f"{demo.rulebook.id}-{stem}.pgm", page=1, dpi=40)
            if office.image_ink_ratio(image) < 0.003:
                blank.append(f"{demo.rulebook.id}/{stem}")
    assert not blank, f"blank first pages: {blank}"


def test_template_prints_its_table_readably(printed_demo):
    """The unit template's candidate sheet: landscape pages whose body text stays readable."""
    for _demo, pdfs, per_point in printed_demo:
        pages = printed.read_pages(pdfs["mau-dang-ky"])
        table = [p for p in pages if "STT" in p.text().split()]
        assert table and all(p.landscape for p in table)
        assert all(printed.printed_body_pt(p, per_point) >= MIN_PRINTED_PT - SIZE_TOLERANCE for p in table)


def test_demo_pictures_render_every_kind_of_output_under_stable_names(printed_demo, tmp_path):
    from exemplars.demo.pictures import PICTURES, picture_name, render_demo_pictures

    runs = [demo for demo, _pdfs, _ in printed_demo]
    folder = tmp_path / "img"
    folder.mkdir()
    (folder / picture_name(runs[0].rulebook.id, "so-lam-viec")).write_bytes(b"old picture")
    made = render_demo_pictures(runs, folder)
    names = {p.name for p in made}
    assert sorted(names) == sorted(p.name for p in folder.iterdir())  # replaced in place, no temp file left
    for demo in runs:  # every kind both demos make; the nurturing plan only where the plan has one
        kinds = {kind for kind, _pattern, _page in PICTURES}
        if demo.nurture is None or not demo.nurture.plans:
            kinds.discard("ke-hoach-boi-duong")
        if demo.nurture is None or not demo.nurture.rounds:
            kinds.discard("theo-doi-nhan-rong")
        assert {picture_name(demo.rulebook.id, k) for k in kinds} <= names
    for path in made:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert office.image_ink_ratio(path) > 0.003, path.name


def test_every_letter_ends_with_rows_beside_its_signature(printed_demo):
    """A feedback letter never ends on a page holding only «Nơi nhận» and the signer."""
    problems = []
    for demo, pdfs, _ in printed_demo:
        signer = demo_settings(demo.rulebook, demo.base).header.signer_name
        letters = sorted((demo.base / RESULTS_DIR / FEEDBACK_DIR).glob("*.xlsx"))
        assert letters
        for letter in letters:
            last = printed.read_pages(pdfs[letter.stem])[-1]
            text = last.text()
            if signer not in text or "Nơi nhận" not in text:
                problems.append(f"{demo.rulebook.id}/{letter.name}: no signature on the last page")
            elif len(last.words) < LETTER_LAST_PAGE_WORDS:
                problems.append(f"{demo.rulebook.id}/{letter.name}: last page holds {len(last.words)} words only")
    assert not problems, "\n".join(problems)
