"""Layout of the plan workbook «Kế hoạch bồi dưỡng, nhân rộng»: sheets, columns, marker keys.

The writer (``workbook``), the reader (``reader``) and the tests read these constants, so a
column moved here moves everywhere.  The marker sheet stores every letter the reader uses, so a
workbook written by an older layout is still read by its own marker.

Sheets: «Hướng dẫn», «Kế hoạch» (one row per exemplar: leader, model, channels, evidence),
«Hoạt động» (actions: what, who, by when, expected result; at each progress report the date done
and the result), «Nhân rộng» (the units or places adopting the model, from when), «Danh mục»
(hidden lists) and «_exemplars» (very hidden marker).
"""

from __future__ import annotations

from dataclasses import dataclass

from exemplars.columns import SHEET_LISTS, SHEET_MARKER

PLAN_TEMPLATE_ID = "exemplars-nurture-plan"
PLAN_TEMPLATE_VERSION = 1

SHEET_GUIDE = "Hướng dẫn"
SHEET_PLAN = "Kế hoạch"
SHEET_ACTIONS = "Hoạt động"
SHEET_ADOPTIONS = "Nhân rộng"
LISTS_SHEET = SHEET_LISTS
MARKER_SHEET = SHEET_MARKER

TITLE_ROW = 0
SUBTITLE_ROW = 1
BLOCK_ROWS = (3, 4)  # unit block, two rows of label/value pairs
HEADER_ROW = 6  # 0-based; the table header of every sheet
FIRST_DATA_ROW = HEADER_ROW + 1
SPARE_ROWS = 30  # empty, validated rows under the pre-filled ones
CODE_SEPARATOR = " · "  # dropdown items read "<code> · <name>"

#: Rounds a unit may be reporting (the «Kỳ báo cáo» dropdown) → round kind.
ROUND_CHOICES = {"Kế hoạch đầu năm": "plan", "Quý": "quy", "6 tháng": "6_thang", "9 tháng": "9_thang",
                 "Cả năm": "nam"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    kind: str = "text"  # text | long_text | date | yesno | exemplar | channel | fixed
    help: str = ""
    required: bool = False

    @property
    def locked(self) -> bool:
        return self.kind == "fixed"


PLAN_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", 6, "fixed"),
    Column("code", "Mã điển hình", 15, "fixed"),
    Column("name", "Tên điển hình (tập thể, cá nhân)", 28, "fixed"),
    Column("kind", "Loại đối tượng", 12, "fixed"),
    Column("field", "Lĩnh vực", 18, "fixed"),
    Column("model", "Mô hình, cách làm hay cần nhân rộng", 34, "long_text",
           "Nội dung mô hình, sáng kiến, cách làm sẽ bồi dưỡng và nhân rộng."),
    Column("effect", "Hiệu quả mang lại", 28, "long_text", "Hiệu quả, tác dụng nêu gương của mô hình."),
    Column("leader_name", "Lãnh đạo chịu trách nhiệm: Họ và tên", 24, "text",
           "Bắt buộc: họ và tên lãnh đạo chỉ đạo bồi dưỡng, tuyên truyền, nhân rộng (B-23).", True),
    Column("leader_position", "Chức vụ", 18, "text", "Bắt buộc: chức vụ của lãnh đạo chịu trách nhiệm.", True),
    Column("channels", "Hình thức tuyên truyền dự kiến", 30, "channel",
           "Chọn trong danh sách; có thể ghi nhiều hình thức, cách nhau bằng dấu chấm phẩy."),
    Column("evidence", "Minh chứng sẽ gửi kèm", 26, "long_text",
           "Ví dụ: báo cáo, hình ảnh, văn bản công nhận, bài viết đã đăng."),
    Column("stopped", "Dừng bồi dưỡng", 10, "yesno", "Chọn Có nếu đơn vị dừng bồi dưỡng điển hình này."),
    Column("stop_reason", "Lý do dừng", 22, "long_text", "Ghi lý do khi chọn dừng."),
)

ACTION_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", 6, "fixed"),
    Column("exemplar", "Điển hình", 34, "exemplar", "Chọn điển hình trong danh sách của đơn vị.", True),
    Column("what", "Nội dung hoạt động bồi dưỡng, tuyên truyền, nhân rộng", 40, "long_text",
           "Việc sẽ làm, ví dụ: tập huấn, hội thảo, tham quan, viết bài giới thiệu.", True),
    Column("who", "Người, bộ phận thực hiện", 24, "text", "Ai thực hiện hoạt động.", True),
    Column("due", "Thời hạn hoàn thành", 13, "date", "Ngày dạng dd/mm/yyyy.", True),
    Column("expected", "Kết quả dự kiến", 30, "long_text", "Kết quả cần đạt.", True),
    Column("done_on", "Ngày hoàn thành", 13, "date", "Khi báo cáo tiến độ: ngày đã hoàn thành (dd/mm/yyyy)."),
    Column("result", "Kết quả đạt được", 34, "long_text", "Khi báo cáo tiến độ: kết quả thực tế."),
)

ADOPTION_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", 6, "fixed"),
    Column("exemplar", "Điển hình", 34, "exemplar", "Chọn điển hình được nhân rộng.", True),
    Column("place", "Đơn vị, nơi áp dụng (nhân rộng)", 36, "text", "Tên đơn vị, tổ, xã, hợp tác xã… áp dụng mô hình.",
           True),
    Column("since", "Áp dụng từ ngày", 13, "date", "Ngày bắt đầu áp dụng (dd/mm/yyyy).", True),
    Column("result", "Kết quả áp dụng", 40, "long_text", "Kết quả sau khi áp dụng (khi báo cáo tiến độ)."),
)

#: Unit block: key → (label, row, label column, value column); values are 0-based cells of «Kế hoạch».
UNIT_BLOCK: tuple[tuple[str, str, int, int, int], ...] = (
    ("unit_name", "Đơn vị", BLOCK_ROWS[0], 0, 2),
    ("round", "Kỳ báo cáo", BLOCK_ROWS[0], 6, 7),
    ("prepared_by", "Người lập", BLOCK_ROWS[1], 0, 2),
    ("prepared_on", "Ngày lập, báo cáo", BLOCK_ROWS[1], 6, 7),
)
VALUE_SPAN = 3  # a value cell spans this many columns (a unit's full name fits)


def letter(index: int) -> str:
    out, index = "", index + 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def letters(columns: tuple[Column, ...]) -> dict[str, str]:
    return {c.key: letter(i) for i, c in enumerate(columns)}


def block_refs() -> dict[str, str]:
    return {key: f"{letter(col)}{row + 1}" for key, _label, row, _lc, col in UNIT_BLOCK}


def exemplar_item(code: str, name: str) -> str:
    """The dropdown text of an exemplar: ``UV-54037bb123 · Huỳnh Diễm Thảo``."""
    return f"{code}{CODE_SEPARATOR}{name}"


def plan_file_name(unit_code: str, year: int) -> str:
    return f"ke-hoach-boi-duong-{unit_code}-{year}.xlsx"
