"""The dossier for signature, filled from the demo runs of both rulebooks and read back with python-docx."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from support.unit_files import make_unit_file

from exemplars import pipeline
from exemplars.catalogue import MINUTES_WITHOUT_VOTES
from exemplars.cli import cli
from exemplars.demo import run_demo_rulebook
from exemplars.domain import Candidate
from exemplars.dossier import DOSSIER_DIR, write_dossier
from exemplars.dossier.build_templates import TEMPLATES, build_all
from exemplars.dossier.render import SHIPPED_DIR
from exemplars.errors import InputError
from exemplars.outputs.feedback import FEEDBACK_DIR
from exemplars.outputs.office import image_ink_ratio, pdf_page_to_png
from exemplars.outputs.submission import submission_name
from exemplars.results import RunResult
from exemplars.rewards import format_vnd
from exemplars.rulebook import load_rulebook
from exemplars.selection import fast_track_total
from exemplars.settings import DocumentHeader, RunSettings

RULEBOOKS = ("dong-nai-kcn-2020", "nnptnt-2017-2020")
COUNCIL_DATE = dt.date(2026, 12, 5)


def text_of(path: Path) -> str:
    """Every paragraph of the body, tables included, one per line."""
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def settings_for(base: Path, rulebook: str, **changes) -> RunSettings:
    values = dict(folder=base / "ho-so-don-vi", out_dir=base / "ket-qua", rulebook=rulebook, year=2026,
                  votes_file=base / "phieu-bau.xlsx", decision_date=dt.date(2026, 12, 15), council_date=COUNCIL_DATE,
                  header=DocumentHeader(doc_date=dt.date(2026, 12, 1), signer_name="Nguyễn Văn Minh"))
    values.update(changes)
    return RunSettings(**values)


@pytest.fixture(scope="module", params=RULEBOOKS)
def demo(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"dossier-{request.param}")
    run = run_demo_rulebook(load_rulebook(request.param), out)
    result, made = pipeline.dossier(settings_for(run.base, request.param))
    return run, result, made


def test_proposal_names_counts_and_money(demo):
    _, result, made = demo
    sel = result.selection
    text = text_of(made.written["proposal"])
    for c in sel.selected + sel.fast_track:
        assert c.name in text
    agency = sel.reward_total + fast_track_total(sel, result.consolidation.rulebook)
    assert f"Tổng số tiền cơ quan chi\n{format_vnd(agency)}" in text
    assert f"tiền thưởng cơ quan chi {format_vnd(sel.reward_total)} đồng" in text
    assert "ngày 05 tháng 12 năm 2026" in text and "DỰ THẢO" not in text


def test_minutes_record_each_vote_against_the_ranking(demo):
    _, result, made = demo
    text = text_of(made.written["minutes"])
    table = result.ranking.table
    voted = table[table["vote_status"].isin(["passed", "below", "no_quorum"]) & ~table["fast_track"]]
    assert len(voted) > 0
    for _, r in voted.iterrows():
        assert f"{r['name']}\n" in text and f"{int(r['vote_yes'])}/{int(r['vote_members'])}" in text
    for c in result.selection.selected:
        row = voted[voted["id"] == c.id].iloc[0]
        assert f"{int(row['vote_yes'])}/{int(row['vote_members'])}" in text
    assert "Đạt – được chọn" in text and "tổng số thành viên Hội đồng 11" in text
    for c in result.selection.fast_track:  # decided by the head, listed apart, no vote
        assert c.name in text


def test_decision_lists_what_the_agency_pays(demo):
    _, result, made = demo
    sel, rb = result.selection, result.consolidation.rulebook
    superior = {f.id for f in rb.reward_forms if f.paid_by == "superior"}
    awardees = [c for c in sel.selected + sel.fast_track if c.reward and c.reward.form_id not in superior]
    text = text_of(made.written["decision"])
    for c in awardees:
        assert c.name in text
    assert f"tổng số tiền {format_vnd(sum(c.reward.amount for c in awardees))} đồng" in text
    assert "152/2025/NĐ-CP" in text and "2.530.000" in text


def test_one_report_per_candidate_with_its_own_form(demo):
    _, result, made = demo
    sel = result.selection
    reports = {k.removeprefix("report:"): p for k, p in made.written.items()
               if k.startswith("report:") and not k.endswith("_pdf")}
    assert set(reports) == {c.id for c in sel.selected + sel.fast_track}
    for c in sel.selected + sel.fast_track:
        text = text_of(reports[c.id])
        assert c.name in text
        heading = "I. SƠ LƯỢC LÝ LỊCH" if c.kind.value == "ca_nhan" else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
        assert heading in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
        assert "Quê quán: ……" in text or c.kind.value != "ca_nhan"  # not in the template: a marked blank


def test_certificates_one_page_per_awardee(demo):
    _, result, made = demo
    xml = zipfile.ZipFile(made.written["certificates"]).read("word/document.xml").decode()
    sel = result.selection
    superior = {f.id for f in result.consolidation.rulebook.reward_forms if f.paid_by == "superior"}
    awardees = [c for c in sel.selected + sel.fast_track if c.reward and c.reward.form_id not in superior]
    assert xml.count('w:type="page"') == len(awardees) - 1
    assert xml.count("w:framePr") >= len(awardees) * 9
    for c in awardees:
        assert c.name in xml


@pytest.mark.soffice
def test_first_pages_render_with_ink(demo, soffice, tmp_path):
    _, _, made = demo
    for key in ("proposal", "minutes", "decision", "certificates", "test_page"):
        pdf = made.written[f"{key}_pdf"]
        png = pdf_page_to_png(pdf, tmp_path / f"{key}.png", dpi=40)
        assert image_ink_ratio(png) > 0.005, key


def test_rerun_without_votes_drops_the_minutes_and_says_why(demo):
    run, _, made = demo
    assert made.written["minutes"].exists()
    rb = run.rulebook.id
    result, again = pipeline.dossier(settings_for(run.base, rb, votes_file=None))
    assert "minutes" not in again.written and not made.written["minutes"].exists()
    assert [f.rule_id for f in again.findings] == [MINUTES_WITHOUT_VOTES]
    assert result.selection.draft and "DỰ THẢO" in text_of(again.written["proposal"])
    pipeline.dossier(settings_for(run.base, rb))  # back as the other tests read it
    assert made.written["minutes"].exists()


def test_a_template_in_the_office_folder_is_used(tmp_path, demo):
    run, _, _ = demo
    own = tmp_path / "mau-rieng"
    own.mkdir()
    doc = Document(str(SHIPPED_DIR / "to-trinh.docx"))
    doc.add_paragraph("Mẫu riêng của cơ quan: {{ t.submit_to }}")
    doc.save(str(own / "to-trinh.docx"))
    _, made = pipeline.dossier(settings_for(run.base, run.rulebook.id, templates_dir=own, out_dir=tmp_path / "kq"))
    text = text_of(made.written["proposal"])
    assert f"Mẫu riêng của cơ quan: {run.rulebook.dossier.submit_to}" in text
    assert "Mẫu riêng" not in text_of(made.written["decision"])  # the others stay the shipped ones


def test_unit_text_with_template_tags_prints_literally(tmp_path):
    rb = load_rulebook("dong-nai-kcn-2020")
    hostile = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} =SUM(A1:A9) <w:fldSimple w:instr=\"PAGE\"/>"
    cand = Candidate(subject_kind="ca_nhan", honorific="ba", name="Lê Thị {{ h }}", birth_date=dt.date(1988, 2, 3),
                     gender="nu", position="Chuyên viên", movement="dot_xuat", achievements=hostile,
                     discipline="khong", task_completion="htxs", proposed_award=rb.reward_forms[0].id,
                     criteria={c.id: True for c in rb.criteria if "ca_nhan" in [k.value for k in c.applies_to]})
    folder = tmp_path / "ho-so"
    make_unit_file(rb, folder / "vp.xlsx", rb.units[0], year=2026, candidates=[cand])
    settings = RunSettings(folder=folder, out_dir=tmp_path / "kq", rulebook=rb.id, year=2026,
                           decision_date=dt.date(2026, 12, 15))
    result, made = pipeline.dossier(settings)
    assert [c.name for c in result.selection.fast_track] == ["Lê Thị {{ h }}"]
    report = next(p for k, p in made.written.items() if k.startswith("report:") and not k.endswith("_pdf"))
    text = text_of(report)
    assert hostile in text and "Lê Thị {{ h }}" in text
    xml = zipfile.ZipFile(report).read("word/document.xml").decode()
    assert xml.count("<w:fldSimple") == 0 and "&lt;w:fldSimple" in xml


def test_committed_templates_are_the_built_ones(tmp_path):
    built = build_all(tmp_path)
    assert {p.name for p in built} == set(TEMPLATES)
    for path in built:
        fresh = zipfile.ZipFile(path).read("word/document.xml")
        committed = zipfile.ZipFile(SHIPPED_DIR / path.name).read("word/document.xml")
        assert fresh == committed, f"run: python -m exemplars.dossier.build_templates ({path.name})"


def test_dossier_needs_a_selection(demo):
    run, result, _ = demo
    partial = RunResult(consolidation=result.consolidation)
    with pytest.raises(InputError):
        write_dossier(partial, settings_for(run.base, run.rulebook.id), run.rulebook)


def test_the_dossier_leaves_the_last_run_set_in_place(demo):
    """The dossier reads the stages again but commits no output set: the list to sign, its PDF, the
    letters and summary.json stay exactly as the last full run wrote them."""
    run, _, _ = demo
    out = run.base / "ket-qua"
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*")
              if p.is_file() and DOSSIER_DIR not in p.parts and not p.name.startswith(".exemplars")}
    assert Path(submission_name(2026)) in before and any(p.parts[0] == FEEDBACK_DIR for p in before)
    pipeline.dossier(settings_for(run.base, run.rulebook.id))
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and DOSSIER_DIR not in p.parts and not p.name.startswith(".exemplars")}
    assert after == before


def test_the_dossier_command_runs_with_the_shared_options(demo):
    run, _, _ = demo
    base = run.base
    args = ["dossier", str(base / "ho-so-don-vi"), "--rules", run.rulebook.id, "--year", "2026",
            "--out", str(base / "ket-qua"), "--votes", str(base / "phieu-bau.xlsx"), "--council-date", "05/12/2026",
            "--wait", "5"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Tờ trình: to-trinh-2026.docx" in result.output
