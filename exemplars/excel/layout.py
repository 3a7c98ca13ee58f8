"""Layout of the clerk's control workbook: sheets, named cells, buttons, xlwings settings.

The builder, the button glue and the tests all read these constants, so a cell
moved here moves everywhere.  Names of defined cells are ASCII (``cfg_*`` for
settings, ``dk_*`` for the dashboard); everything the clerk reads is Vietnamese.
This module imports neither xlwings nor XlsxWriter.
"""

from __future__ import annotations

from dataclasses import dataclass

from exemplars.rulebook.schema import PERIOD_LABELS

DEFAULT_FILE = "bang-dieu-khien.xlsm"
DEFAULT_RULEBOOK = "dong-nai-kcn-2020"
DEFAULT_YEAR = 2026

SHEET_DASHBOARD = "Bảng điều khiển"
SHEET_SETTINGS = "Cấu hình"
SHEET_UNITS = "Đơn vị"
SHEET_REGISTER = "Tổng hợp"
SHEET_PROBLEMS = "Lỗi"
SHEET_RANKING = "Xếp hạng"
SHEET_VOTES = "Phiếu bầu"
SHEET_SELECTION = "Danh sách chọn"
SHEET_SUBMISSIONS = "Tình trạng nộp"
SHEET_SETUP = "Cài đặt"
SHEET_XLWINGS = "xlwings.conf"

#: Sheet order of the workbook; VBA document modules Sheet1..SheetN follow it.
SHEETS = (
    SHEET_DASHBOARD, SHEET_SETTINGS, SHEET_UNITS, SHEET_REGISTER, SHEET_PROBLEMS,
    SHEET_RANKING, SHEET_VOTES, SHEET_SELECTION, SHEET_SUBMISSIONS, SHEET_SETUP, SHEET_XLWINGS,
)
#: Sheets the buttons fill; the build leaves a one-line hint in A1.
RESULT_SHEETS = {
    SHEET_REGISTER: "Bấm nút «Tổng hợp hồ sơ» (hoặc «Kiểm tra») để điền trang này.",
    SHEET_PROBLEMS: "Bấm nút «Tổng hợp hồ sơ» hoặc «Kiểm tra» để liệt kê lỗi của hồ sơ.",
    SHEET_RANKING: "Bấm nút «Xếp hạng» để điền trang này.",
    SHEET_SELECTION: "Bấm nút «Lập danh sách đăng ký» để điền trang này.",
    SHEET_SUBMISSIONS: "Bấm nút «Tổng hợp hồ sơ» hoặc «Báo cáo định kỳ» để xem đơn vị nào đã nộp.",
    SHEET_SETUP: "Bấm nút «Kiểm tra cài đặt» để xem Python, thư viện và thư mục đang dùng.",
}

UNIT_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Khối thi đua", "Tên khác")
VOTE_HEADERS = ("Mã ứng viên", "Họ và tên / Tên tập thể", "Đơn vị", "Phiếu đồng ý", "Tổng số thành viên")

#: Period choices of the «Kỳ» dropdown → RunSettings.period ("{year}" is filled in).
DEFAULT_PERIOD = PERIOD_LABELS["nam"]
PERIOD_CHOICES = {
    PERIOD_LABELS["nam"]: "nam",
    PERIOD_LABELS["6_thang"]: "6_thang",
    PERIOD_LABELS["9_thang"]: "9_thang",
    **{f"Quý {q}": f"{{year}}-Q{q}" for q in range(1, 5)},
}


#: «Kỳ theo dõi nhân rộng» dropdown → round of ``exemplars.nurture.pipeline.collect``.
NURTURE_ROUND_CHOICES = {"Kế hoạch đầu năm": "plan", "6 tháng": "6_thang", "9 tháng": "9_thang", "Cả năm": "nam"}


@dataclass(frozen=True)
class Setting:
    """One named input cell of the «Cấu hình» sheet."""

    name: str
    label: str
    help: str
    default: str | int = ""
    kind: str = "text"  # text | folder | file | rulebook | year | period | nurture_round | date


SETTINGS_FIRST_ROW = 4  # 1-based row of the first setting; column A label, B value, C help
SETTINGS: tuple[Setting, ...] = (
    Setting("cfg_thu_muc_ho_so", "Thư mục hồ sơ đơn vị",
            "Thư mục chứa các tệp Excel đơn vị gửi về. Đường dẫn tương đối tính từ thư mục của bảng điều khiển.",
            "ho-so-don-vi", "folder"),
    Setting("cfg_thu_muc_ket_qua", "Thư mục kết quả",
            "Nơi lưu mẫu đăng ký, bảng tổng hợp, danh sách đăng ký. Tạo mới nếu chưa có.", "ket-qua", "folder"),
    Setting("cfg_quy_che", "Quy chế (kế hoạch thi đua)",
            "Chọn mã quy chế trong danh sách, hoặc dán đường dẫn tới tệp .toml của cơ quan.", DEFAULT_RULEBOOK,
            "rulebook"),
    Setting("cfg_nam", "Năm", "Năm xét chọn điển hình tiên tiến (4 chữ số).", DEFAULT_YEAR, "year"),
    Setting("cfg_ky", "Kỳ", "Năm, 6 tháng, 9 tháng hoặc Quý 1..4 (dùng cho báo cáo định kỳ).",
            DEFAULT_PERIOD, "period"),
    Setting("cfg_co_quan_chu_quan", "Cơ quan chủ quản", "Dòng trên cùng bên trái của văn bản. Để trống: lấy theo quy chế."),
    Setting("cfg_co_quan_ban_hanh", "Cơ quan ban hành", "Tên cơ quan ban hành văn bản. Để trống: lấy theo quy chế."),
    Setting("cfg_dia_danh", "Địa danh", "Ví dụ: Đồng Nai (dòng «Đồng Nai, ngày … tháng … năm …»). Để trống: lấy theo quy chế."),
    Setting("cfg_chuc_danh_nguoi_ky", "Chức danh người ký", "Ví dụ: TRƯỞNG BAN. Để trống: lấy theo quy chế."),
    Setting("cfg_nguoi_ky", "Người ký", "Họ và tên người ký văn bản."),
    Setting("cfg_so_van_ban", "Số văn bản", "Ví dụ: 15 hoặc 15/KCNĐN-VP. Để trống nếu chưa có số."),
    Setting("cfg_ngay_quyet_dinh", "Ngày quyết định khen thưởng",
            "Ngày dạng dd/mm/yyyy; dùng để tính mức tiền thưởng. Để trống: ngày 31/12 của năm xét chọn.", "", "date"),
    Setting("cfg_thu_muc_lich_su", "Thư mục lịch sử",
            "Nơi lưu lịch sử các năm (để kiểm tra thành tích nhiều năm liền). Để trống nếu không dùng.",
            "lich-su", "folder"),
    Setting("cfg_thu_muc_ke_hoach", "Thư mục kế hoạch bồi dưỡng",
            "Thư mục chứa kế hoạch bồi dưỡng, nhân rộng và báo cáo tiến độ các đơn vị gửi về.", "ke-hoach-don-vi",
            "folder"),
    Setting("cfg_ky_nhan_rong", "Kỳ theo dõi nhân rộng",
            "Kế hoạch đầu năm, 6 tháng, 9 tháng hoặc Cả năm (dùng cho nút «Theo dõi nhân rộng»).",
            next(iter(NURTURE_ROUND_CHOICES)), "nurture_round"),
    Setting("cfg_ngay_hop_hoi_dong", "Ngày họp Hội đồng",
            "Ngày dạng dd/mm/yyyy, ghi vào biên bản và tờ trình. Để trống: để dòng chấm cho văn phòng điền.", "", "date"),
    Setting("cfg_thu_muc_mau_van_ban", "Thư mục mẫu văn bản",
            "Thư mục chứa mẫu Word riêng của cơ quan (tệp .docx cùng tên thay mẫu có sẵn). Để trống: dùng mẫu có sẵn.",
            "", "folder"),
    Setting("cfg_so_nhan_ho_so", "Sổ nhận hồ sơ",
            "Tệp .xlsx/.csv Văn phòng ghi ngày nhận hồ sơ (cột «Mã đơn vị», «Ngày nhận»). Để trống: theo «Ngày lập».",
            "", "file"),
)


def setting(name: str) -> Setting:
    return next(s for s in SETTINGS if s.name == name)


def setting_cell(name: str) -> str:
    """A1 address of a setting's value cell on the «Cấu hình» sheet."""
    index = [s.name for s in SETTINGS].index(name)
    return f"B{SETTINGS_FIRST_ROW + index}"


@dataclass(frozen=True)
class Button:
    caption: str
    sub: str  # VBA Sub in module BUTTON_MODULE
    function: str  # entry point in exemplars.excel.buttons
    help: str


BUTTON_MODULE = "NutBam"
BUTTON_FIRST_ROW = 4  # 1-based; one button every BUTTON_ROW_STEP rows in column B
BUTTON_ROW_STEP = 2
BUTTONS: tuple[Button, ...] = (
    Button("Tạo mẫu cho đơn vị", "TaoMauDonVi", "make_templates",
           "Tạo tệp mẫu đăng ký cho từng đơn vị ở trang «Đơn vị», lưu vào thư mục kết quả."),
    Button("Tổng hợp hồ sơ", "TongHopHoSo", "consolidate",
           "Đọc mọi tệp trong thư mục hồ sơ đơn vị, ghi trang «Tổng hợp», «Lỗi», «Tình trạng nộp»."),
    Button("Kiểm tra", "KiemTra", "validate",
           "Đối chiếu từng ứng viên với tiêu chí của quy chế; lỗi ghi ở trang «Lỗi»."),
    Button("Xếp hạng", "XepHang", "rank",
           "Chấm điểm, tính tỷ lệ phiếu từ trang «Phiếu bầu» và xếp hạng; ghi trang «Xếp hạng»."),
    Button("Lập danh sách đăng ký", "LapDanhSach", "registration_list",
           "Chọn điển hình theo hạn mức, tính tiền thưởng, xuất văn bản vào thư mục kết quả."),
    Button("Báo cáo định kỳ", "BaoCaoDinhKy", "periodic_report",
           "Lập báo cáo của kỳ đã chọn ở «Cấu hình» và tình trạng nộp đúng hạn."),
    Button("Kế hoạch bồi dưỡng", "KeHoachBoiDuong", "nurture_plans",
           "Tạo cho mỗi đơn vị có điển hình tệp «Kế hoạch bồi dưỡng, nhân rộng» điền sẵn điển hình của đơn vị."),
    Button("Theo dõi nhân rộng", "TheoDoiNhanRong", "nurture_progress",
           "Tổng hợp kế hoạch, báo cáo tiến độ đơn vị gửi về (kỳ chọn ở «Cấu hình»); lỗi ghi ở trang «Lỗi»."),
    Button("Tài liệu tuyên truyền", "TaiLieuTuyenTruyen", "bulletin",
           "Lập tài liệu «Gương điển hình tiên tiến» (HTML, PDF) và tờ giới thiệu A4 cho buổi chào cờ."),
    Button("Kiểm tra cài đặt", "KiemTraCaiDat", "check_setup",
           "Xem phiên bản Python, thư viện, thư mục và LibreOffice (để xuất PDF)."),
    Button("Lập hồ sơ trình ký", "LapHoSoTrinhKy", "dossier",
           "Lập tờ trình, biên bản họp Hội đồng (khi đã có phiếu bầu), báo cáo thành tích, dự thảo quyết định và "
           "tệp in Giấy khen vào thư mục «ho-so-trinh-ky» của thư mục kết quả."),
)


def button_row(index: int) -> int:
    """1-based row of the ``index``-th button (0-based)."""
    return BUTTON_FIRST_ROW + BUTTON_ROW_STEP * index


#: Dashboard output cells: name → (label, 1-based row); the value sits in column C.
STATUS_FIRST_ROW = BUTTON_FIRST_ROW + BUTTON_ROW_STEP * len(BUTTONS) + 1
STATUS_CELLS: tuple[tuple[str, str], ...] = (
    ("dk_trang_thai", "Kết quả lần chạy gần nhất"),
    ("dk_tien_trinh", "Tiến trình"),
    ("dk_thoi_diem", "Thời điểm chạy"),
    ("dk_chi_tiet_loi", "Chi tiết lỗi (nếu có)"),
)
SUMMARY_FIRST_ROW = STATUS_FIRST_ROW + len(STATUS_CELLS) + 2
SUMMARY_CELLS: tuple[tuple[str, str], ...] = (
    ("dk_so_tep", "Số tệp đã nhận"),
    ("dk_so_ung_vien", "Số ứng viên"),
    ("dk_so_loi", "Số lỗi"),
    ("dk_so_canh_bao", "Số cảnh báo"),
    ("dk_chua_nop", "Đơn vị chưa nộp"),
    ("dk_so_duoc_chon", "Số được chọn"),
    ("dk_tien_thuong", "Tổng tiền thưởng (đồng)"),
    ("dk_thu_muc_ket_qua", "Kết quả đã lưu tại"),
)


def dashboard_cell(name: str) -> str:
    """A1 address of a status or summary value cell on the dashboard."""
    for first, cells in ((STATUS_FIRST_ROW, STATUS_CELLS), (SUMMARY_FIRST_ROW, SUMMARY_CELLS)):
        names = [n for n, _ in cells]
        if name in names:
            return f"C{first + names.index(name)}"
    raise KeyError(name)


#: Cell the VBA marker Sub (Probe.WriteMarker) writes on the first sheet.
PROBE_CELL = dashboard_cell("dk_trang_thai")

#: xlwings.conf keys (contiguous from A1: xlwings reads A1 down to the first blank).
XLWINGS_SETTINGS: tuple[tuple[str, object], ...] = (
    ("Interpreter_Win", "python"),
    ("Interpreter_Mac", ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", ""),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
    ("ADD_WORKBOOK_TO_PYTHONPATH", False),
)
INTERPRETER_CELL = "B1"
XLWINGS_NOTES = (
    "Hướng dẫn:",
    "Ô B1 (Interpreter_Win) là đường dẫn tới python.exe đã cài gói exemplars.",
    "Chạy lệnh «exemplars excel install» để tự điền ô này; không xóa hoặc đổi tên trang này.",
)
