"""One year of the history store as a workbook: runs, files, candidates, selections, problems, awards."""

from __future__ import annotations

from pathlib import Path

from exemplars.errors import InputError
from exemplars.findings import Severity
from exemplars.history.store import RUN_STATUS_LABELS, HistoryStore
from exemplars.results import FileStatus
from exemplars.xlsx import Styles, atomic_path, new_workbook, write_table

#: sheet name → (table, [(column, Vietnamese header, width)])
SHEETS: dict[str, tuple[str, list[tuple[str, str, float]]]] = {
    "Tệp": ("files", [("path", "Tệp", 34), ("sha256", "Mã SHA-256", 20), ("status", "Tình trạng", 22),
                      ("unit_code", "Mã đơn vị", 11), ("unit_name", "Đơn vị", 30), ("candidates", "Số ứng viên", 10),
                      ("modified", "Thời điểm nhận", 20), ("message", "Ghi chú", 40)]),
    "Ứng viên": ("candidates", [("candidate_id", "Mã ứng viên", 16), ("unit_code", "Mã đơn vị", 11),
                                ("unit_name", "Đơn vị", 28), ("kind", "Loại đối tượng", 13),
                                ("name", "Họ và tên / Tên tập thể", 28), ("birth_date", "Ngày sinh", 12),
                                ("movement", "Phong trào", 16), ("field", "Lĩnh vực", 18),
                                ("achievements", "Tóm tắt thành tích", 50), ("eligible", "Đủ điều kiện", 10),
                                ("reasons", "Lý do chưa đủ", 30), ("score", "Điểm", 8), ("rank", "Thứ hạng", 8),
                                ("match_key", "Khóa nhận diện", 36)]),
    "Lựa chọn": ("selections", [("candidate_id", "Mã ứng viên", 16), ("name", "Họ và tên / Tên tập thể", 28),
                                ("track", "Diện", 12),
                                ("reward_label", "Hình thức khen thưởng", 22), ("amount", "Số tiền (đồng)", 14),
                                ("rank", "Thứ hạng", 8), ("score", "Điểm", 8), ("match_key", "Khóa nhận diện", 36)]),
    "Lỗi và cảnh báo": ("problems", [("severity", "Mức độ", 10), ("rule_id", "Quy định", 10), ("file", "Tệp", 28),
                                     ("sheet", "Sheet", 18), ("cell", "Ô", 8), ("value", "Giá trị", 20),
                                     ("message", "Nội dung", 60)]),
    "Lịch sử khen thưởng": ("awards", [("candidate_id", "Mã ứng viên", 16),
                                       ("name", "Họ và tên / Tên tập thể", 28), ("year", "Năm", 8),
                                       ("title", "Danh hiệu, hình thức", 30), ("decision_no", "Số quyết định", 16),
                                       ("decision_date", "Ngày quyết định", 14), ("issuer", "Cơ quan ban hành", 24),
                                       ("match_key", "Khóa nhận diện", 36)]),
}
_TRACKS = {"regular": "Thông thường", "fast_track": "Đặc cách"}


def _shown(column: str, value):
    """Codes turned into the clerk's words; everything else as stored."""
    if column == "eligible" and value is not None:
        return "Có" if value else "Không"
    if column == "severity" and value:
        return Severity(value).label
    if column == "status" and value:
        return FileStatus(value).label
    if column == "track":
        return _TRACKS.get(value, value)
    return value


def export_year(db_path: Path, year: int, out_path: Path) -> Path:
    """Write every run of ``year`` and what it recorded into one workbook at ``out_path``."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise InputError(f"Không tìm thấy cơ sở dữ liệu lịch sử «{db_path}».")
    with HistoryStore(db_path) as store:
        runs = store.runs(year=year)
        if not runs:
            raise InputError(f"Cơ sở dữ liệu lịch sử chưa có lần tổng hợp nào của năm {year}.")
        tables = {name: [(run, row) for run in runs for row in store.rows(table, run.id)]
                  for name, (table, _) in SHEETS.items()}
        decisions = store.decisions(year)
    # Selections and award rows carry only the candidate id; show the name beside it.
    names = {(run.id, row["candidate_id"]): row["name"] for run, row in tables["Ứng viên"]}
    for name in ("Lựa chọn", "Lịch sử khen thưởng"):
        tables[name] = [(run, {**row, "name": names.get((run.id, row["candidate_id"]), "")})
                        for run, row in tables[name]]
    out_path = Path(out_path)
    with atomic_path(out_path) as tmp:
        wb = new_workbook(tmp)
        styles = Styles(wb)
        ws = wb.add_worksheet("Lần tổng hợp")
        write_table(ws, styles, [("Số lần", 8), ("Kỳ", 22), ("Bắt đầu", 20), ("Kết thúc", 20), ("Quy chế", 20),
                                 ("Phiên bản", 9), ("Thư mục", 30), ("Giai đoạn đã xong", 16), ("Mới nhất", 9),
                                 ("Số ứng viên", 10), ("Số được chọn", 10), ("Tổng tiền thưởng", 14)],
                    [(r.id, r.period.label, r.started_at, r.finished_at, r.rulebook_id, r.rulebook_version, r.folder,
                      RUN_STATUS_LABELS.get(r.status, r.status), "Có" if r.latest else "Không", r.candidate_count,
                      r.selected_count, r.reward_total)
                     for r in runs])
        for name, (_, columns) in SHEETS.items():
            ws = wb.add_worksheet(name)
            write_table(ws, styles, [("Số lần", 8), ("Kỳ", 18)] + [(title, width) for _, title, width in columns],
                        [(run.id, run.period.label, *(_shown(c, row[c]) for c, _, _ in columns))
                         for run, row in tables[name]])
        ws = wb.add_worksheet("Quyết định")
        write_table(ws, styles, [("Họ và tên / Tên tập thể", 28), ("Năm", 8), ("Danh hiệu, hình thức", 30),
                                 ("Số quyết định", 16), ("Ngày quyết định", 14), ("Cơ quan ban hành", 24),
                                 ("Ghi chú", 30), ("Ghi nhận lúc", 20)],
                    [(d["name"], d["year"], d["title"], d["decision_no"], d["decision_date"], d["issuer"], d["note"],
                      d["recorded_at"]) for d in decisions])
        wb.close()
    return out_path
