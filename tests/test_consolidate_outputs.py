"""The register workbook, summary.json and the ``exemplars consolidate`` command."""

from __future__ import annotations

import json

import openpyxl
from click.testing import CliRunner
from support.unit_files import make_unit_file, sample_candidates

from exemplars.cli import cli
from exemplars.consolidate import consolidate_folder
from exemplars.outputs.register_book import write_register
from exemplars.outputs.summary import write_summary

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "-2+3", "=HYPERLINK(\"http://x\")"]


def _folder(tmp_path, rb):
    folder = tmp_path / "in"
    folder.mkdir()
    cands = sample_candidates(rb)
    cands = [c.model_copy(update={"name": name, "achievements": text})
             # three candidates carry the five texts: as names, and reversed as achievements
             for c, name, text in zip(cands, HOSTILE, reversed(HOSTILE), strict=False)]
    make_unit_file(rb, folder / "vp.xlsx", rb.units[0], candidates=cands)
    make_unit_file(rb, folder / "la.xlsx", None, unit_name="=1+2")
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04rac")
    return folder


def test_register_is_text_safe_and_complete(tmp_path, rb_dn):
    cons = consolidate_folder(_folder(tmp_path, rb_dn), rb_dn, 2020)
    path = write_register(cons, tmp_path / "out" / "so-tong-hop.xlsx")
    assert not list(path.parent.glob(".*"))  # no temporary file left behind
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Tổng hợp", "Bản in", "Lịch sử khen thưởng", "Tình trạng nộp", "Lỗi"]
    seen = set()
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
    assert set(HOSTILE) <= seen and "=1+2" in seen
    reg = wb["Tổng hợp"]
    headers = [c.value for c in reg[1]]
    assert {"Mã ứng viên", "Tệp", "Sheet", "Dòng", "Loại đối tượng", "Họ và tên / Tên tập thể"} <= set(headers)
    assert reg.auto_filter.ref and reg["A1"].font.name == "Times New Roman"
    kinds = [r[headers.index("Loại đối tượng")] for r in reg.iter_rows(min_row=2, values_only=True)]
    assert kinds.count("Tập thể") == 2 and kinds.count("Cá nhân") == 4
    assert reg.max_row == 1 + len(cons.register)
    files = [r for r in wb["Tình trạng nộp"].iter_rows(values_only=True)]
    labels = {r[1]: r[2] for r in files[1:] if r[1]}
    assert labels["hong.xlsx"] == "Lỗi, không đọc được" and labels["vp.xlsx"] == "Đã nhận"
    assert any(r[0] and str(r[0]).startswith("Đơn vị chưa gửi") for r in files)
    assert len(labels["vp.xlsx"]) and len(files[1][8]) == 12
    printed = wb["Bản in"]
    assert [c.value for c in printed[1]][:4] == ["STT", "Đơn vị đề xuất", "Loại đối tượng", "Họ và tên / Tên tập thể"]
    assert printed.max_row == reg.max_row and printed.print_area.endswith(f"$H${reg.max_row}")
    assert reg.print_title_cols == "$A:$B" and reg.page_setup.scale == 75  # full data: readable, across pages
    problems = list(wb["Lỗi"].iter_rows(min_row=2, values_only=True))
    assert len(problems) == len(cons.problems) and problems[0][1] == "Lỗi"


def test_summary_json_is_utf8_with_stable_keys(tmp_path, rb_dn):
    cons = consolidate_folder(_folder(tmp_path, rb_dn), rb_dn, 2020)
    path = write_summary(cons.summary(), tmp_path / "summary.json")
    raw = path.read_text(encoding="utf-8")
    assert "\\u" not in raw and raw.startswith("{\n  ")
    data = json.loads(raw)
    assert set(data) == {"run_id", "rulebook", "year", "files", "candidates", "problems", "units_missing", "units_wrong_format"}
    assert data["candidates"] == len(cons.register) and data["problems"]["error"] >= 2


def test_cli_consolidate(tmp_path, rb_dn):
    folder = _folder(tmp_path, rb_dn)
    out = tmp_path / "ket-qua"
    result = CliRunner().invoke(cli, ["consolidate", str(folder), "--rules", rb_dn.id, "--year", "2020",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "so-tong-hop.xlsx").is_file() and (out / "summary.json").is_file()
    assert "Ứng viên: 6" in result.output and "Lỗi, không đọc được: 1" in result.output
    assert "Đơn vị chưa gửi" in result.output
    missing = CliRunner().invoke(cli, ["consolidate", str(tmp_path / "khong-co"), "--rules", rb_dn.id,
                                       "--year", "2020", "--out", str(out)])
    assert missing.exit_code != 0 and "Không tìm thấy thư mục" in missing.output
    bad_rules = CliRunner().invoke(cli, ["consolidate", str(folder), "--rules", "khong-co-quy-che",
                                         "--year", "2020", "--out", str(out)])
    assert bad_rules.exit_code != 0
