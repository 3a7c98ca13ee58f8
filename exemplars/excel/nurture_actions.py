"""What the three nurturing buttons do, given the calling workbook ``book`` (any xlwings engine).

«Kế hoạch bồi dưỡng» writes the plan workbooks, «Theo dõi nhân rộng» consolidates the plans or
progress reports of the chosen round, «Tài liệu tuyên truyền» writes the bulletin.  Each reads
the settings cells, calls the same ``exemplars.nurture.pipeline`` function as the command line,
shows what it found and ends with a short Vietnamese message (``actions.run_button``).
"""

from __future__ import annotations

from typing import Any

from exemplars.errors import InputError
from exemplars.excel import layout as L
from exemplars.excel import tables
from exemplars.excel.actions import ButtonRun, _units, run_button
from exemplars.excel.settings_io import _text, read_inputs, resolve_folder
from exemplars.excel.sheets import summary_values, write_named, write_table
from exemplars.findings import count_by_severity
from exemplars.nurture import pipeline as nurture


def nurture_round(label: Any) -> str:
    """«Kỳ theo dõi nhân rộng» dropdown text → the round of ``nurture.collect``."""
    text = _text(label) or next(iter(L.NURTURE_ROUND_CHOICES))
    for choice, code in L.NURTURE_ROUND_CHOICES.items():
        if text.casefold() == choice.casefold():
            return code
    raise InputError(f"Kỳ theo dõi nhân rộng «{text}» không hợp lệ. Chọn một trong: "
                     f"{', '.join(L.NURTURE_ROUND_CHOICES)}.")


def nurture_plans(book) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book, units=True)
        settings = inputs.settings()
        paths = nurture.make_plans(settings, _units(inputs))
        folder = settings.out_dir / nurture.PLANS_DIR
        write_named(book, summary_values(thu_muc_ket_qua=str(folder)))
        return (f"Đã tạo {len(paths)} kế hoạch bồi dưỡng, nhân rộng tại {folder}. Gửi mỗi đơn vị tệp mang mã "
                "đơn vị đó; đơn vị điền rồi gửi về thư mục kế hoạch.")

    return run_button(book, "Kế hoạch bồi dưỡng", body)


def nurture_progress(book) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book, units=True)
        settings = inputs.settings()
        label = next(s.label for s in L.SETTINGS if s.name == "cfg_thu_muc_ke_hoach")
        folder = resolve_folder(inputs.values.get("cfg_thu_muc_ke_hoach"), label, inputs.base_dir)
        done = nurture.collect(settings.model_copy(update={"folder": folder}),
                               nurture_round(inputs.values.get("cfg_ky_nhan_rong")), units=_units(inputs))
        problems = tables.problem_table(done.result.problems)
        write_table(book, L.SHEET_PROBLEMS, problems.headers, problems.rows, problems.widths,
                    f"Bảng theo dõi đầy đủ: {done.workbook}", problems.number_formats)
        write_named(book, summary_values(thu_muc_ket_qua=str(done.workbook.parent)))
        t = done.result.totals()
        counts = count_by_severity(done.result.problems)
        return (f"{t['exemplars']} điển hình: {t['done']} hoạt động đã thực hiện, {t['late']} quá hạn, "
                f"{t['adopters']} nơi áp dụng; {t['da_nhan_rong']} đã nhân rộng, {t['chua_co_ke_hoach']} chưa có "
                f"kế hoạch. {counts['error']} lỗi, {counts['warning']} cảnh báo (trang «{L.SHEET_PROBLEMS}»).")

    return run_button(book, "Theo dõi nhân rộng", body)


def bulletin(book) -> str:
    def body(run: ButtonRun) -> str:
        settings = read_inputs(book).settings()
        written = nurture.make_bulletin(settings)
        pdf = "bulletin_pdf" in written
        folder = written["bulletin_html"].parent
        write_named(book, summary_values(thu_muc_ket_qua=str(folder)))
        extra = "" if pdf else " Chưa có LibreOffice nên chưa xuất PDF."
        return f"Đã lập tài liệu «Gương điển hình tiên tiến» và tờ giới thiệu A4 tại {folder}.{extra}"

    return run_button(book, "Tài liệu tuyên truyền", body)
