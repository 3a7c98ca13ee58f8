"""The «Hướng dẫn» sheet of the plan workbook: what B-23 asks, how to fill, when to send.

Everything here is for the clerk of a unit, in Vietnamese: the steps, the unit's exemplars,
what is checked when the file comes back, the channels and the deadlines of the plan.
"""

from __future__ import annotations

from collections.abc import Sequence

from exemplars.columns import YES
from exemplars.domain import Unit
from exemplars.nurture import layout as L
from exemplars.nurture.model import Exemplar
from exemplars.rulebook.schema import NurtureDeadline, Rulebook
from exemplars.template.layout import line_capacity, wrapped_height

_TEXT_WIDTH = 100
_ROUND_WORDS = {"plan": "kế hoạch", "quy": "mỗi quý", "6_thang": "kỳ 6 tháng", "9_thang": "kỳ 9 tháng", "nam": "năm"}


def deadline_line(d: NurtureDeadline, year: int) -> str:
    if d.month and d.day:
        when = f"ngày {d.day:02d}/{d.month:02d}/{year}"
    elif d.offset_days:
        when = f"{d.offset_days} ngày sau khi kết thúc {_ROUND_WORDS[d.round]}"
    else:
        when = f"cuối {_ROUND_WORDS[d.round]}"
    return f"{d.label} — hạn {when}."


def _steps() -> list[str]:
    return [
        f"1. Sheet «{L.SHEET_PLAN}»: mỗi dòng là một điển hình của đơn vị đã được lựa chọn (cột xám do Văn phòng "
        "ghi sẵn, không sửa). Ghi mô hình, cách làm hay cần nhân rộng và hiệu quả của mô hình.",
        "2. Bắt buộc ghi họ và tên, chức vụ của lãnh đạo chịu trách nhiệm chỉ đạo bồi dưỡng, tuyên truyền, nhân "
        "rộng từng điển hình.",
        "3. Chọn hình thức tuyên truyền dự kiến và ghi minh chứng sẽ gửi kèm (báo cáo, hình ảnh, bài viết…).",
        f"4. Sheet «{L.SHEET_ACTIONS}»: mỗi dòng một hoạt động — chọn điển hình, ghi nội dung, người thực hiện, "
        "thời hạn (dd/mm/yyyy) và kết quả dự kiến. Mỗi điển hình cần ít nhất một hoạt động.",
        f"5. Sheet «{L.SHEET_ADOPTIONS}»: mỗi dòng một đơn vị hoặc nơi áp dụng mô hình, từ ngày nào.",
        "6. Khi báo cáo tiến độ (6 tháng, 9 tháng, cả năm): mở lại chính tệp này, chọn «Kỳ báo cáo», ghi ngày "
        "hoàn thành và kết quả đạt được của từng hoạt động, thêm nơi áp dụng mới, rồi gửi lại.",
        f"7. Nếu dừng bồi dưỡng một điển hình: chọn «{YES}» ở cột «Dừng bồi dưỡng» và ghi lý do.",
        "8. Không đổi tên sheet, không xóa hoặc chèn cột; có thể chèn thêm dòng. Lưu dạng .xlsx và gửi về Văn phòng.",
    ]


def _checks() -> list[str]:
    return [
        "Thiếu họ tên hoặc chức vụ lãnh đạo chịu trách nhiệm: lỗi, đơn vị phải bổ sung.",
        "Điển hình không có hoạt động nào: coi như chưa có kế hoạch.",
        "Hoạt động đã quá thời hạn mà chưa ghi ngày hoàn thành hoặc kết quả: cảnh báo quá hạn.",
        "Hoạt động thiếu nội dung, người thực hiện, thời hạn hoặc kết quả dự kiến: cảnh báo.",
        "Nơi áp dụng chưa ghi ngày: vẫn tính là đã nhân rộng, kèm cảnh báo.",
        "Tình trạng của điển hình: «Đã nhân rộng» khi có ít nhất một nơi áp dụng; «Dừng» khi đơn vị chọn dừng; "
        "còn lại «Đang bồi dưỡng».",
    ]


def write_guide(ws, rb: Rulebook, styles, unit: Unit, year: int, exemplars: Sequence[Exemplar]) -> None:
    """Fill the guide sheet (already created); ``styles`` has title, italic, bold, plain, wrap."""
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, _TEXT_WIDTH)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=1.18, right=0.6, top=0.79, bottom=0.79)
    ws.fit_to_pages(1, 0)
    ws.merge_range(0, 0, 0, 1, f"HƯỚNG DẪN LẬP KẾ HOẠCH BỒI DƯỠNG, NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN NĂM {year}",
                   styles.title)
    ws.set_row(1, 34)
    ws.merge_range(1, 0, 1, 1, f"{unit.name} — {rb.plan_title} ({rb.agency})", styles.subtitle)
    r = 3

    def heading(text: str) -> None:
        nonlocal r
        r += 1
        ws.write_string(r, 0, text, styles.bold)
        r += 1

    def line(text: str, first: str = "") -> None:
        nonlocal r
        ws.set_row(r, wrapped_height([(text, line_capacity(_TEXT_WIDTH))]))
        ws.write_string(r, 0, first, styles.plain)
        ws.write_string(r, 1, text, styles.wrap)
        r += 1

    line("Trên cơ sở đã đăng ký, các đơn vị xây dựng kế hoạch để bồi dưỡng, nhân rộng. Kế hoạch cần xác định rõ "
         "trách nhiệm của lãnh đạo, chỉ đạo các hoạt động bồi dưỡng, tuyên truyền, nhân rộng.")
    heading("I. CÁCH ĐIỀN")
    for s in _steps():
        line(s)
    heading(f"II. ĐIỂN HÌNH CỦA ĐƠN VỊ ({len(exemplars)})")
    for n, e in enumerate(exemplars, start=1):
        line(f"{e.name} — {e.kind_label}; {e.field or 'chưa ghi lĩnh vực'} (mã {e.code})", str(n))
    if not exemplars:
        line("Đơn vị chưa có điển hình được lựa chọn trong năm.")
    heading("III. KIỂM TRA KHI TỔNG HỢP")
    for s in _checks():
        line(s, "•")
    heading("IV. HÌNH THỨC TUYÊN TRUYỀN, NÊU GƯƠNG")
    for c in rb.nurture.channels:
        line(c, "•")
    if rb.nurture.deadlines:
        heading("V. THỜI HẠN")
        for d in rb.nurture.deadlines:
            line(deadline_line(d, year), "•")
    ws.write_string(r + 1, 1, f"Mẫu kế hoạch theo quy chế «{rb.id}», phiên bản mẫu {L.PLAN_TEMPLATE_VERSION}.",
                    styles.italic)
    ws.protect("", {"format_columns": True, "format_rows": True})
