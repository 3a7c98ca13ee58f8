"""The registration template's columns: the one contract between template, reader and register.

The template writer lays these out in this order, followed by one Có/Không column
per criterion of the rulebook (grouped by subject group).  The consolidator finds
them by the hidden marker or, failing that, by matching ``header`` / ``aliases``
after folding (case-, space- and diacritic-insensitive).  The register DataFrame
uses ``key`` as column name; criteria columns are named ``criterion_column(id)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exemplars.domain import (
    Discipline,
    Gender,
    Honorific,
    LabelledEnum,
    MovementKind,
    RecognitionLevel,
    Replicability,
    SubjectGroup,
    TaskCompletion,
)

TEMPLATE_ID = "exemplars-unit-registration"
TEMPLATE_VERSION = 2

SHEET_CANDIDATES = "Danh sách đề xuất"
SHEET_HISTORY = "Lịch sử khen thưởng"
SHEET_GUIDE = "Hướng dẫn"
SHEET_LISTS = "Danh mục"
SHEET_MARKER = "_exemplars"

YES = "Có"
NO = "Không"

ALL = (SubjectGroup.TAP_THE, SubjectGroup.CA_NHAN, SubjectGroup.HO_THT_HTX)
PERSON = (SubjectGroup.CA_NHAN,)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # text | long_text | date | int | percent | choice | yesno | unit
    help: str
    width: float = 16
    required_for: tuple[SubjectGroup, ...] = ()
    #: For kind == "choice": an enum class, or the name of a rulebook list ("subject_kinds", "fields", "reward_forms").
    choices: type[LabelledEnum] | str | None = None
    aliases: tuple[str, ...] = field(default=())


CANDIDATE_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", "int", "Số thứ tự, bắt đầu từ 1.", 6),
    Column("subject_kind", "Loại đối tượng", "choice", "Chọn trong danh sách: Tập thể, Cá nhân…", 14,
           ALL, "subject_kinds", ("Đối tượng", "Loại")),
    Column("honorific", "Danh xưng", "choice", "Ông hoặc Bà (chỉ với cá nhân).", 9, (), Honorific,
           ("Ông/Bà", "Ông (bà)")),
    Column("name", "Họ và tên / Tên tập thể", "text",
           "Ghi đầy đủ, không viết tắt. Với tập thể: tên đầy đủ của tập thể.", 28, ALL, None,
           ("Họ và tên", "Họ tên", "Tên tập thể", "Tên đối tượng", "Họ và tên/Tên tập thể")),
    Column("birth_date", "Ngày sinh", "date", "Ngày sinh, dạng dd/mm/yyyy (chỉ với cá nhân).", 12, PERSON, None,
           ("Ngày tháng năm sinh", "Năm sinh")),
    Column("gender", "Giới tính", "choice", "Nam hoặc Nữ (chỉ với cá nhân).", 9, PERSON, Gender),
    Column("position", "Chức vụ", "text", "Chức vụ Đảng, chính quyền, đoàn thể.", 18, (), None,
           ("Chức vụ (Đảng, chính quyền, đoàn thể)",)),
    Column("is_leader", "Lãnh đạo, quản lý", "yesno",
           "Có nếu giữ chức vụ lãnh đạo, quản lý (người đứng đầu).", 10, (), None,
           ("Lãnh đạo/quản lý", "Là lãnh đạo")),
    Column("workplace", "Đơn vị công tác", "text", "Phòng, bộ phận nơi công tác.", 20),
    Column("collective", "Thuộc tập thể", "text",
           "Với cá nhân: tên tập thể (phòng, bộ phận) mà cá nhân thuộc về; mỗi tập thể chỉ chọn tối đa 1 cá nhân.",
           20, (), None, ("Tập thể", "Thuộc tập thể (phòng, bộ phận)")),
    Column("field", "Lĩnh vực", "choice", "Chọn lĩnh vực tiêu biểu.", 18, (), "fields"),
    Column("movement", "Phong trào thi đua", "choice",
           "Thường xuyên, Cải cách hành chính, Chuyên đề, Đột xuất, Người tốt việc tốt.", 16, ALL, MovementKind,
           ("Phong trào", "Loại phong trào")),
    Column("achievements", "Tóm tắt thành tích", "long_text",
           "Thành tích nổi bật trong kỳ, ngắn gọn (dưới 1.000 ký tự).", 45, ALL, None,
           ("Thành tích", "Tóm tắt thành tích đạt được", "Thành tích nổi bật")),
    Column("initiative", "Sáng kiến, mô hình, giải pháp", "long_text",
           "Tên sáng kiến, mô hình mới, cách làm hay (nếu có).", 30, (), None,
           ("Sáng kiến", "Mô hình, cách làm hay", "Sáng kiến/mô hình")),
    Column("initiative_level", "Cấp công nhận sáng kiến", "choice",
           "Cấp đã công nhận sáng kiến, mô hình.", 16, (), RecognitionLevel, ("Cấp công nhận",)),
    Column("initiative_decision", "Số, ngày QĐ công nhận", "text",
           "Số và ngày quyết định công nhận sáng kiến (ví dụ 12/QĐ-BQL ngày 05/3/2026).", 18, (), None,
           ("Quyết định công nhận",)),
    Column("effectiveness", "Hiệu quả", "long_text",
           "Hiệu quả kinh tế (tiết kiệm ngân sách, tăng thu nhập), xã hội.", 28, (), None,
           ("Hiệu quả (kinh tế, xã hội)",)),
    Column("replicability", "Khả năng nhân rộng", "choice", "Cao, Trung bình hoặc Thấp.", 12, (), Replicability),
    Column("discipline", "Kỷ luật, phê bình", "choice",
           "Hình thức kỷ luật, phê bình trong kỳ; Không nếu không có.", 14, ALL, Discipline,
           ("Kỷ luật", "Kỷ luật, phê bình trong kỳ")),
    Column("task_completion", "Mức độ hoàn thành nhiệm vụ", "choice",
           "Mức độ hoàn thành nhiệm vụ trong năm.", 20, ALL, TaskCompletion,
           ("Hoàn thành nhiệm vụ", "Xếp loại")),
    Column("proposed_award", "Hình thức khen thưởng đề nghị", "choice",
           "Hình thức khen thưởng đề nghị.", 22, (), "reward_forms", ("Hình thức khen thưởng",)),
    Column("evidence", "Minh chứng", "text",
           "Tài liệu minh chứng cho các tiêu chí (số văn bản, quyết định).", 22, (), None,
           ("Tài liệu minh chứng",)),
    Column("note", "Ghi chú", "text", "Ghi chú khác.", 16),
)

#: Columns the signed list needs beyond the plans' own fields (Nghị định 152/2025 Điều 4), kept in
#: their own block after the original ones so the table's first columns never move.
SIGNED_LIST_COLUMNS: tuple[Column, ...] = (
    Column("under_review", "Đang xem xét kỷ luật, thanh tra, khiếu nại", "yesno",
           "Có nếu đang trong thời gian bị xem xét kỷ luật, thanh tra, kiểm tra hoặc có đơn thư khiếu nại, tố cáo "
           "đang giải quyết (Nghị định 152/2025 Điều 4); Không nếu không có.", 14, (), None,
           ("Đang bị xem xét kỷ luật", "Đang xem xét kỷ luật, thanh tra, khiếu nại, tố cáo")),
    Column("women_share", "Tỷ lệ nữ (%)", "percent",
           "Với tập thể: tỷ lệ nữ trong tập thể, ví dụ 75% (Nghị định 152/2025 Điều 4: ưu tiên tập thể có từ 70% "
           "nữ khi thành tích như nhau). Bỏ trống nếu không có số liệu.", 9, (), None,
           ("Tỷ lệ nữ", "Tỉ lệ nữ (%)", "Tỷ lệ lao động nữ")),
    Column("office_proposal", "Thường trực Hội đồng đề xuất", "yesno",
           "Chỉ Văn phòng (Thường trực Hội đồng Thi đua - Khen thưởng) điền: Có nếu Thường trực trực tiếp phát "
           "hiện, đề xuất trường hợp này; các đơn vị khác để trống.", 14, (), None,
           ("Thường trực đề xuất", "Do Thường trực Hội đồng đề xuất")),
)
CANDIDATE_COLUMNS = CANDIDATE_COLUMNS + SIGNED_LIST_COLUMNS

HISTORY_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", "int", "Số thứ tự.", 6),
    Column("candidate_stt", "STT ứng viên", "int",
           "STT của ứng viên ở sheet Danh sách đề xuất.", 10, (), None, ("STT trong danh sách",)),
    Column("name", "Họ và tên / Tên tập thể", "text", "Như ở sheet Danh sách đề xuất.", 28, ALL, None,
           ("Họ và tên", "Tên tập thể")),
    Column("year", "Năm", "int", "Năm đạt danh hiệu, hình thức khen thưởng.", 8, ALL),
    Column("title", "Danh hiệu, hình thức khen thưởng", "text",
           "Ví dụ: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Gia đình văn hóa.", 30, ALL, None,
           ("Danh hiệu", "Hình thức khen thưởng")),
    Column("decision_no", "Số quyết định", "text", "Số quyết định, ví dụ 125/QĐ-UBND.", 16),
    Column("decision_date", "Ngày quyết định", "date", "Ngày ký quyết định, dd/mm/yyyy.", 14),
    Column("issuer", "Cơ quan ban hành", "text", "Cơ quan ban hành quyết định.", 24),
)

#: Unit block above the candidate table: (key, label).  Values sit in the cell right of the label.
UNIT_BLOCK: tuple[tuple[str, str], ...] = (
    ("unit_name", "Tên đơn vị"),
    ("bloc", "Khối thi đua"),
    ("prepared_by", "Người lập"),
    ("phone", "Điện thoại"),
    ("prepared_on", "Ngày lập"),
    ("year", "Năm đăng ký"),
)

CRITERION_PREFIX = "tc:"


def criterion_column(criterion_id: str) -> str:
    """Register column name for a criterion answer."""
    return CRITERION_PREFIX + criterion_id


def criterion_header(criterion_id: str, short: str) -> str:
    """Template header text of a criterion column: the id in brackets keeps matching robust."""
    return f"[{criterion_id}] {short}"


#: Provenance columns every register row carries, besides the column keys above.
PROVENANCE_COLUMNS = ("id", "unit_code", "unit_name", "source_file", "source_sheet", "source_row")
