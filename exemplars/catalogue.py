"""Every rule id the product can report, once: code, severity, Vietnamese message, source, reading.

A stage reports a finding with a code from here (``rule_id=catalogue.FILE_EMPTY``), never a
literal.  ``docs/rules.md`` is rendered from this module and the rulebooks
(``exemplars.rules_doc``); a test fails when the committed file differs, and another when
code reports an id that is neither here nor declared by a rulebook (criterion, quota and
cross-rule ids belong to the plan, so a new plan brings its own).

Entries are grouped by the stage that reports them.  ``message`` is the Vietnamese
template the clerk reads, with ``{fields}`` standing for what the stage fills in.
"""

from __future__ import annotations

from dataclasses import dataclass

from exemplars.findings import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE


@dataclass(frozen=True)
class Rule:
    code: str
    stage: str
    severities: tuple[Severity, ...]
    message: str
    source: str
    product_does: str
    plan_says: str = ""
    setting: str = ""


RULES: dict[str, Rule] = {}

#: Stages in the order ``docs/rules.md`` shows them (heading, module).
STAGE_TITLES = {
    "file": ("Reading a file: the safety gate and the table (`exemplars.reader`, `exemplars.consolidate`)"),
    "cell": "Reading a cell (`exemplars.vi.values`)",
    "validate": "Validation (`exemplars.validate`)",
    "votes": "Council votes (`exemplars.votes`)",
    "selection": "Selection and rewards (`exemplars.selection`, `exemplars.rewards`)",
    "history": "History across periods (`exemplars.validate.history`)",
    "nurture": "Nurturing, replication and propagation plans (`exemplars.nurture`)",
    "dossier": "The dossier for signature (`exemplars.dossier`)",
}


def _rule(code: str, stage: str, severities: tuple[Severity, ...], message: str, source: str,
          product_does: str, plan_says: str = "", setting: str = "") -> str:
    if code in RULES:
        raise ValueError(f"rule id {code} declared twice")
    if stage not in STAGE_TITLES:
        raise ValueError(f"rule {code}: unknown stage {stage}")
    RULES[code] = Rule(code, stage, severities, message, source, product_does, plan_says, setting)
    return code


def known(code: str) -> bool:
    return code in RULES


# --- reading a file ---------------------------------------------------------------------------------
FILE_SKIPPED = _rule(
    "F-00", "file", (N,), "Bỏ qua {file}: {reason}.", "Domain brief §6 V8",
    "Temporary, hidden and non-spreadsheet files of the folder (~$ lock files, desktop.ini, .txt…) are "
    "listed and skipped, so the clerk sees that nothing was missed.")
FILE_EMPTY = _rule(
    "F-01", "file", (E,), "Tệp rỗng (0 byte), không có nội dung. Đề nghị đơn vị gửi lại tệp.",
    "Domain brief §6 V8", "A 0-byte file is refused; the other files are read.")
FILE_NOT_WORKBOOK = _rule(
    "F-02", "file", (E,), "Tệp là {kind} đổi đuôi, không phải bảng tính.", "Domain brief §6 V8",
    "The content decides the format, not the extension: a Word, PowerPoint, text or unknown file named "
    ".xlsx/.xls is refused with what it really is.")
FILE_DAMAGED = _rule(
    "F-03", "file", (E,), "Tệp bị hỏng: không đọc được {part}. Đề nghị đơn vị gửi lại tệp.",
    "Domain brief §6 V8", "A truncated or corrupt zip/OLE container or invalid XML is refused, naming the part.")
FILE_PASSWORD = _rule(
    "F-04", "file", (E,), "Tệp được đặt mật khẩu, không mở được. Đề nghị đơn vị gỡ mật khẩu rồi gửi lại.",
    "Domain brief §6 V8", "An encrypted workbook is refused (the product never asks for passwords).")
FILE_TOO_LARGE = _rule(
    "F-05", "file", (E,), "Tệp quá lớn ({size} MB, giới hạn {limit} MB).", "Architecture rule: read safely",
    "A file above the size limit is refused before it is read.", setting="`--max-file-mb` (default 25)")
FILE_ZIP_BOMB = _rule(
    "F-06", "file", (E,), "Tệp có dấu hiệu bất thường (có thể là tệp độc hại): {detail}.",
    "Architecture rule: read safely",
    "Too many parts, too large once unpacked, or a part compressed beyond the ratio limit: refused "
    "before unpacking.")
FILE_XML_ENTITIES = _rule(
    "F-07", "file", (E,), "Tệp có khai báo XML bất thường (DOCTYPE/ENTITY); chương trình không đọc tệp này.",
    "Architecture rule: defused XML", "XML with a DOCTYPE or entity declaration is refused (billion laughs, XXE).")
FILE_SHEET_EXTENT = _rule(
    "F-08", "file", (E,), "Trang tính «{sheet}» khai báo {rows} dòng × {cols} cột, vượt giới hạn.",
    "Architecture rule: read safely",
    "A sheet whose cells reach beyond the row/column limit (stray values at the end of a sheet) is "
    "refused before it is expanded in memory.")
FILE_ACTIVE_CONTENT = _rule(
    "F-09", "file", (N,), "Tệp có macro (VBA) / liên kết tới bảng tính khác; chỉ đọc dữ liệu, không chạy macro.",
    "Architecture rule: never run unit files",
    "Macros and external links are noted; only stored values are read, nothing is executed or refreshed.")
FILE_NOT_REGULAR = _rule(
    "F-10", "file", (E,), "Đây không phải tệp thông thường ({what}), không đọc.", "Architecture rule: read safely",
    "Links, folders named like workbooks, devices and pipes are refused without being opened.")
FILE_BIFF_DAMAGED = _rule(
    "F-11", "file", (E,), "Tệp .xls bị hỏng hoặc có cấu trúc bất thường: {detail}.", "Architecture rule: read safely",
    "The BIFF records of an .xls are walked before reading; a broken record stream is refused.")
FILE_WRONG_EXTENSION = _rule(
    "F-12", "file", (N,), "Tệp có đuôi “.{ext}” nhưng nội dung là bảng tính .{fmt}; chương trình đọc theo định "
    "dạng thực.", "Domain brief §6 V8", "The file is read in its real format and the unit is told to rename it.")
FILE_WRONG_FORMAT = _rule(
    "F-13", "file", (E,), "Tệp là {format}, chương trình không đọc định dạng này. {how_to_resave}",
    "Domain brief §6 V8",
    "A spreadsheet saved in a format the product does not read (CSV, Excel 2003 XML, flat OpenDocument "
    ".fods, a web page saved as .xls, an .xlsm with an Excel 4.0 macro sheet, Numbers, a template) is "
    "named exactly, the unit is told how to re-save it as .xlsx, and the unit's status is «gửi sai định "
    "dạng», not «chưa gửi». Binary .xlsb workbooks are read like .xlsx.")
FILE_READ_FAILED = _rule(
    "F-19", "file", (E,), "Lỗi khi đọc tệp ({error}).", "Exceptions never lose work",
    "An unexpected error while reading one file is reported on that file; the other files are read.")
MARKER_FOREIGN = _rule(
    "F-20", "file", (N,), "Sheet đánh dấu mẫu không phải của mẫu đăng ký này; đã bỏ qua nó.",
    "The template is the contract", "A hidden marker sheet of another product or template is ignored.")
MARKER_OTHER_RULEBOOK = _rule(
    "F-21", "file", (E,), "Tệp dùng mẫu của quy chế khác («{other}»), không phải «{rulebook}».",
    "The template is the contract", "A template made for another plan is refused: its criteria differ.")
NO_MARKER = _rule(
    "F-22", "file", (N,), "Không có dấu hiệu mẫu; đã tìm bảng theo tiêu đề cột ở sheet «{sheet}», dòng {row}.",
    "The template is the contract", "Without the marker, the table is found by its header texts.")
LAYOUT_CHANGED = _rule(
    "F-23", "file", (N,), "Bảng đã bị sửa so với mẫu; đã đọc theo tiêu đề cột ở sheet «{sheet}», dòng {row}.",
    "The template is the contract", "Inserted, deleted or moved columns are followed by their headers.")
OLD_TEMPLATE = _rule(
    "F-24", "file", (N,), "Tệp dùng mẫu cũ (phiên bản {version}, hiện hành {current}).",
    "The template is the contract", "An older template version is still read; the unit is asked to update.")
NO_TABLE = _rule(
    "F-30", "file", (E,), "Không tìm thấy bảng danh sách đề xuất (cần các cột «Họ và tên / Tên tập thể», "
    "«Loại đối tượng»).", "Template columns (brief §3.1)", "A file without a recognisable table is refused.")
MISSING_COLUMNS = _rule(
    "F-31", "file", (E,), "Bảng ở sheet «{sheet}» thiếu cột bắt buộc: {columns}.", "Template columns (brief §3.1)",
    "A table missing a required column is refused, naming the columns.")
MISSING_CRITERIA_COLUMNS = _rule(
    "F-32", "file", (W,), "Bảng không có cột tiêu chí: {criteria}.", "The plan's criteria",
    "Missing criterion columns leave those criteria unanswered (see V1-TC).")
UNKNOWN_CRITERION_COLUMN = _rule(
    "F-33", "file", (W,), "Cột tiêu chí «{header}» không có trong quy chế; đã bỏ qua.", "The plan's criteria",
    "A criterion column the plan does not have is ignored.")
SECOND_TABLE = _rule(
    "F-34", "file", (E,), "Sheet «{sheet}» cũng có bảng danh sách đề xuất nhưng mỗi tệp chỉ tổng hợp một bảng.",
    "Template (one table per file)", "Rows of a second table are not consolidated; the unit is told to move them.")
UNKNOWN_UNIT = _rule(
    "F-40", "file", (E,), "Không xác định được đơn vị «{unit}»; {count} ứng viên vẫn được tổng hợp với mã đơn vị trống.",
    "The plan's units", "A file whose unit is not in the units list is an error; its candidates are still consolidated with a blank unit code so nothing is lost.",
    setting="`units` of the rulebook, or `--units` list")
UNIT_FROM_FILE_NAME = _rule(
    "F-41", "file", (N,), "Xác định đơn vị «{unit}» theo tên tệp.", "The plan's units",
    "When the unit cell is blank, the unit is recognised from the file name.")
WRONG_YEAR = _rule(
    "F-42", "file", (W,), "Tệp ghi năm đăng ký {found}, khác năm đang tổng hợp {year}.", "The period of the run",
    "A registration dated for another year is read with a warning.")
SUPERSEDED_FILE = _rule(
    "F-43", "file", (N,), "Đơn vị đã gửi tệp mới hơn «{newer}»; {count} ứng viên của tệp này không được tổng hợp.",
    "One registration per unit", "When a unit sent several files, the newest (Ngày lập, then file time) counts; the others are listed.")
UNIT_MISSING = _rule(
    "F-44", "file", (W,), "Đơn vị «{unit}» ({code}) chưa gửi danh sách đề xuất.", "A-31 / B-30 deadlines",
    "Every unit of the list that sent nothing is named.")
RECEIVED_DATE_INVALID = _rule(
    "F-45", "file", (W,), "Sổ nhận hồ sơ, dòng {row}: {problem}; hạn gửi của đơn vị này tính theo «Ngày lập» ghi trên danh sách.",
    "A-31 / B-30 deadlines", "The office's receipt book (`--received`) gives the date each unit's file arrived; "
    "a row without a readable date or a known unit or file is reported and not used.",
    setting="`RunSettings.received_file`")
KIND_FROM_SECTION = _rule(
    "F-50", "file", (N,), "Ô «Loại đối tượng» trống; lấy theo mục «{section}».", "Template columns",
    "A blank subject kind is taken from the section title above the row (I. Tập thể, II. Cá nhân).")
ROW_WITHOUT_NAME = _rule(
    "F-51", "file", (E,), "Dòng có dữ liệu nhưng thiếu «Họ và tên / Tên tập thể».", "Template columns",
    "A filled row without a name is not a candidate; the cell is named.")
POSSIBLE_DUPLICATE = _rule(
    "F-60", "file", (W,), "«{name}» (sinh {birth}) cũng được đề xuất bởi: {units}.", "Domain brief §6 V7",
    "Candidates of different units with the same folded name (after legacy conversion) and birth date are "
    "flagged on both rows.")
NOMINATED_TWICE = _rule(
    "F-61", "file", (W,), "Ứng viên «{name}» được đề xuất {count} lần (trùng tên, ngày sinh, loại đối tượng và đơn vị).", "Domain brief §6 V7",
    "The same candidate written on several rows of one file is flagged, naming every cell.")
HISTORY_ROW_UNMATCHED = _rule(
    "F-70", "file", (W,), "Dòng lịch sử khen thưởng không khớp ứng viên nào (theo STT ứng viên hoặc họ tên).",
    "B-14 (history sheet)", "An award-history row that names no candidate of the file is reported, not guessed.")

# --- reading a cell ---------------------------------------------------------------------------------
LEGACY_TCVN3 = _rule(
    "D-10", "cell", (N,), "Đã chuyển {count} ô ở cột «{column}» từ mã TCVN3 (ABC) sang Unicode, ví dụ «{text}».",
    "Domain brief §4.1",
    "Text typed in TCVN3 (.VnTime fonts, or recognised without a font) is converted to Unicode; the encoding "
    "is decided per file and per column from all its cells, and one notice per file and column names how many "
    "cells were converted, with an example (the register's sheet of findings lists them).")
LEGACY_VNI = _rule(
    "D-11", "cell", (N,), "Đã chuyển {count} ô ở cột «{column}» từ mã VNI sang Unicode, ví dụ «{text}».",
    "Domain brief §4.1",
    "Text typed in VNI (VNI-Times fonts, or recognised without a font) is converted to Unicode; one notice "
    "per file and column, as for TCVN3.")
LEGACY_FONT_IGNORED = _rule(
    "D-12", "cell", (W,), "{count} ô ở cột «{column}» dùng phông chữ cũ «{font}» nhưng nội dung đã là chữ Unicode: "
    "giữ nguyên, không chuyển mã.", "Domain brief §4.1",
    "A cell set in a legacy font whose text already is Vietnamese Unicode (it would turn into no Vietnamese "
    "under the font's encoding) is left as it is and warned about, one warning per file and column.")
DATE_INTERPRETED = _rule(
    "D-20", "cell", (N,), "Ngày được nhập dạng chữ «{text}», đã hiểu là {date} (ngày/tháng/năm).",
    "Domain brief §4.6", "Dates written as text or serial numbers are read day-first and the reading is shown.")
DATE_MAYBE_SWAPPED = _rule(
    "D-21", "cell", (W,), "Ngày {date} có thể bị đảo ngày và tháng (Excel đọc theo kiểu tháng/ngày).",
    "Domain brief §4.6", "A real date whose day ≤ 12 typed on a month-first Excel may be swapped: warned.")
DATE_INVALID = _rule(
    "D-22", "cell", (E,), "Không đọc được ngày «{text}»: cần ghi dạng dd/mm/yyyy, ví dụ 05/02/2020.",
    "Domain brief §4.6", "An unreadable or impossible date (31/02) is an error on the cell.")
DATE_OUT_OF_RANGE = _rule(
    "D-23", "cell", (E,), "Ngày {date} không hợp lệ: sau năm {max_year}.", "Domain brief §4.6",
    "A date after the period or before the plausible range is an error.")
YEAR_ONLY = _rule(
    "D-24", "cell", (W,), "Chỉ ghi năm {year}, thiếu ngày và tháng: cần ghi đủ dạng dd/mm/yyyy.",
    "Domain brief §4.6", "A bare year where a date is needed is not taken as a date.")
NUMBER_INTERPRETED = _rule(
    "D-30", "cell", (N,), "Số được nhập dạng chữ «{text}», đã hiểu là {number}.", "Domain brief §4.6",
    "Numbers written as text (Vietnamese separators) are read and the reading is shown.")
NUMBER_INVALID = _rule(
    "D-31", "cell", (E,), "«{text}» không phải là {what}.", "Domain brief §4.6",
    "A cell that must hold a number and does not is an error.")
YESNO_INVALID = _rule(
    "D-40", "cell", (E,), "Không hiểu câu trả lời «{text}»: cần ghi Có (hoặc x) hoặc Không.", "Template lists",
    "Criterion answers accept Có, x, ✓, Không and their variants; anything else is an error on the cell.")
CHOICE_INVALID = _rule(
    "D-41", "cell", (E,), "«{text}» không có trong danh sách; chọn một trong: {labels}.", "Template lists",
    "A choice cell must hold a label of its list (compared folded, legacy-converted).")

# --- validation -------------------------------------------------------------------------------------
KIND_OUTSIDE_PLAN = _rule(
    "V1-LOAI", "validate", (E,), "«{name}»: loại đối tượng «{kind}» không thuộc đối tượng của kế hoạch.",
    "A: mục II.1; B: mục II.1", "The subject kind must be one the plan covers.",
    plan_says="Each plan names its subjects (tập thể, cá nhân; B also hộ gia đình, tổ hợp tác, HTX).",
    setting="`subject_kinds`")
FIELD_MISSING = _rule(
    "V1-THIEU", "validate", (E,), "«{name}»: thiếu «{field}» (bắt buộc với {group}).", "Domain brief §6 V1",
    "Every field required for the subject group is filled (kind, name, movement, summary, discipline, task "
    "rating; birth date and gender for individuals).")
VALUE_OUTSIDE_LIST = _rule(
    "V1-GIATRI", "validate", (E, W), "«{name}»: {field} «{value}» không có trong kế hoạch.", "Domain brief §6 V1",
    "Required column → error; optional column, a field outside the plan's `fields`, or a reward form "
    "outside the plan → warning (the plan's first form is proposed).", setting="`fields`, `reward_forms`")
CRITERION_UNANSWERED = _rule(
    "V1-TC", "validate", (E, W), "«{name}»: chưa trả lời tiêu chí bắt buộc [{criterion}] «{text}».",
    "A: mục II.2–3; B: mục II.2",
    "Every criterion that applies to the candidate is answered Có/Không. Blank mandatory → error; blank "
    "optional → warning, counted as not met.", setting="`criteria[].mandatory`")
DISCIPLINE_BLOCKS = _rule(
    "V6-KL", "validate", (E,), "«{name}»: bị {discipline} trong kỳ nên không được xét điển hình tiên tiến.",
    "A-17; Nghị định 152/2025 (brief §6 V6)", "A discipline in the plan's blocking list makes the candidate ineligible.",
    plan_says="Đồng Nai: không bị phê bình trở lên; NN&PTNT: không bị kỷ luật từ khiển trách trở lên.",
    setting="`cross_rules.blocking_discipline`")
UNDER_REVIEW = _rule(
    "V6-XEMXET", "validate", (E,), "«{name}»: đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc có khiếu nại, tố cáo "
    "đang giải quyết nên chưa được xét điển hình tiên tiến.", "Nghị định 152/2025 Điều 4 (brief §6 V6)",
    "«Đang xem xét kỷ luật, thanh tra, khiếu nại» = Có makes the candidate ineligible (error on the cell). "
    "Blank or Không: no effect. Templates made before the column existed are read as blank.",
    plan_says="Chưa xét khen thưởng cho cá nhân, tập thể đang trong thời gian bị xem xét kỷ luật, điều tra, thanh "
    "tra, kiểm tra hoặc có đơn thư khiếu nại, tố cáo đang được xác minh.")
TASK_TOO_LOW = _rule(
    "V6-HTNV", "validate", (E,), "«{name}»: mức «{rating}» thấp hơn yêu cầu tối thiểu «{minimum}».",
    "Both plans' general criteria", "Task completion must reach the plan's minimum.",
    plan_says="Hoàn thành tốt nhiệm vụ trở lên.", setting="`cross_rules.min_task_completion`")
PER_COLLECTIVE = _rule(
    "A-22", "validate", (E, W, N), "«{name}»: tập thể «{collective}» đề xuất {count} cá nhân, vượt mức tối đa "
    "{max} cá nhân mỗi tập thể.", "A-22 (mục II.4)",
    "An individual belongs to the collective in «Thuộc tập thể», or to the unit when blank (folded, within "
    "the unit). Individuals of uncapped movements (A-23) are not counted. `keep_best` (default): after the "
    "ranking the best-ranked eligible member stays selectable (notice on its row saying it was kept and why), "
    "every other member gets a warning naming the rule and the member kept, and is reserve. `reject_all`: "
    "every member of an over-full collective gets an error naming the others.",
    plan_says="Mỗi tập thể đăng ký tối đa 01 cá nhân.",
    setting="`selection.max_individuals_per_collective`, `selection.over_nomination` (keep_best | reject_all)")
LEADER_FROM_POSITION = _rule(
    "V4-CHUCVU", "validate", (W,), "«{name}»: chức vụ «{position}» là chức vụ lãnh đạo, quản lý nhưng ô «Lãnh đạo, "
    "quản lý» để trống; chương trình xét như lãnh đạo, quản lý.", "A-20 (mục II.3.2); B-16 (mục II.2.c)",
    "An individual whose «Chức vụ» contains, as whole words (folded), a phrase of `leader_positions` and whose "
    "leader flag is blank is treated as a leader: the leaders-only criteria and the leader rules apply. An "
    "explicit «Không» is respected.",
    plan_says="Cá nhân giữ chức vụ lãnh đạo, quản lý phải đạt thêm các tiêu chí của người đứng đầu.",
    setting="`cross_rules.leader_positions`")
OFFICE_MARK_ELSEWHERE = _rule(
    "V4-THUONG-TRUC", "validate", (W,), "«{name}»: ô «Thường trực Hội đồng đề xuất» ghi Có nhưng tệp của {unit}, "
    "không phải của Thường trực; xét như đơn vị đề xuất.", "A-24 (mục III.1)",
    "A candidate marked «Thường trực Hội đồng đề xuất» = Có in the file of the standing office's unit "
    "(`selection.office_unit`) is a top-down proposal: it is validated, ranked and selected like any other, "
    "and labelled «Thường trực Hội đồng đề xuất» on the submission (Ghi chú), the working register, the "
    "feedback, the control workbook and summary.json. The same mark in another unit's file is not taken: "
    "warning on the cell, the row counts as the unit's own proposal.",
    plan_says="Điển hình tiên tiến được xác định từ đơn vị cơ sở hoặc do Thường trực Hội đồng thi đua khen "
    "thưởng đề xuất.", setting="`selection.office_unit` (Đồng Nai VP, NN&PTNT VPS)")

# --- council votes ----------------------------------------------------------------------------------
VOTE_ROW = _rule(
    "PB-01", "votes", (E, W), "«{name}»: số phiếu đồng ý ({yes}) lớn hơn tổng số thành viên ({members}).",
    "Luật TĐKT 2022, Nghị định 152/2025 (brief §2.5)",
    "The «Phiếu bầu» sheet has a header row; each row names a candidate (Mã ứng viên, or Họ tên + Đơn vị); "
    "«Phiếu đồng ý» and «Tổng số thành viên» are whole numbers, not negative, members > 0, yes ≤ members. "
    "A candidate recorded twice → warning (the later row is used).",
    setting="`voting.threshold`, `voting.base`, `voting.required`")

VOTE_MISSING = _rule(
    "PB-02", "votes", (W,), "«{name}»: không có dòng phiếu bầu của Hội đồng trong tệp phiếu bầu nên chưa được chọn.",
    "Luật TĐKT 2022 Điều 84; Nghị định 152/2025 (brief §2.5)",
    "Once a vote sheet is supplied, a council-track candidate without a row of its own is not selectable "
    "(it is not counted as approved); the candidate is named so the office can add the row. Fast-track "
    "candidates (decided by the head of agency) need no row.",
    plan_says="Hội đồng Thi đua - Khen thưởng xét, biểu quyết danh sách đề nghị.",
    setting="`voting.required` (refuse without votes)")
DRAFT_WITHOUT_VOTES = _rule(
    "PB-03", "votes", (W,), "Danh sách là DỰ THẢO – chưa có kết quả biểu quyết của Hội đồng.",
    "Luật TĐKT 2022 Điều 84",
    "With no vote sheet at all, candidates stay selectable so the office can prepare the meeting, but every "
    "output that shows the selection is marked «DỰ THẢO – chưa có kết quả biểu quyết của Hội đồng» and the "
    "run ends with this warning.", setting="`voting.required`")
VOTE_NO_QUORUM = _rule(
    "PB-04", "votes", (W,), "«{name}»: chỉ {present}/{members} thành viên có mặt khi biểu quyết, dưới túc số "
    "{quorum} tổng số thành viên Hội đồng nên chưa được chọn.", "Luật TĐKT 2022 Điều 84; brief §2.5",
    "With `voting.quorum` set and the vote sheet's optional «Số thành viên có mặt» column filled, a vote row "
    "whose members present are below that share of all members does not count: the candidate is not "
    "selectable and the warning names the cell. A row without the members present is not checked.",
    plan_says="Phiên họp Hội đồng hợp lệ khi có ít nhất 2/3 tổng số thành viên tham dự (quy chế hoạt động "
    "của Hội đồng).", setting="`voting.quorum` (both plans 0.6667; leave out to not check)")

# --- selection --------------------------------------------------------------------------------------
TOO_FEW_MODELS = _rule(
    "V2-TOI-THIEU", "selection", (W,), "Chỉ có {count} mô hình đủ điều kiện, còn thiếu {missing} so với tối "
    "thiểu {minimum}.", "B-18", "In `models` mode at most `max_total` are selected; fewer than `min_total` → warning.",
    plan_says="Mỗi năm lựa chọn 3–5 mô hình đăng ký với Thành phố.",
    setting="`selection.min_total`, `selection.max_total`")
MODEL_NOT_REPLICABLE = _rule(
    "V2-NHAN-RONG", "selection", (W,), "«{name}»: khả năng nhân rộng {level}, chưa đạt mức tối thiểu «{minimum}» của "
    "mô hình (B-18) nên không được chọn làm mô hình đăng ký.", "B-18",
    "In `models` mode a candidate whose «Khả năng nhân rộng» is blank or below `model_min_replicability` is "
    "reserve with this reason and the unit is warned on the cell. Not used in `quotas` mode.",
    plan_says="Lựa chọn 03–05 mô hình, điển hình tiên tiến có khả năng nhân rộng để đăng ký với Thành phố.",
    setting="`selection.model_min_replicability` (default trung_binh)")
NO_COEFFICIENT = _rule(
    "V2-TIEN-THUONG", "selection", (W,), "«{name}»: {decree} không quy định hệ số «{form}» cho {kind}.",
    "Nghị định 152/2025 Điều 49 (brief §2.2)",
    "A proposed form without a coefficient for the subject kind in the decree in force gets no amount.",
    setting="`legal.toml` (decrees, coefficients)")

SAME_IDENTITY = _rule(
    "V7-TRUNG", "selection", (W,), "«{name}» ({place}) trùng với «{other}» ({other_place}) đã được chọn; "
    "một người (tập thể) chỉ được chọn một lần.", "Domain brief §6 V7; A-21",
    "Rows that are the same person (folded name, legacy text converted, and birth date) or the same "
    "collective (folded name and unit) form one identity: at most one row is selected, once across all "
    "movements and both tracks; the others go to reserve with the reason, and both units are told.")
TIE_AT_LAST_PLACE = _rule(
    "V2-DONG-DIEM", "selection", (W,), "«{taken}» và «{left}» đồng điểm ({score}) ở vị trí cuối của {limit}; "
    "đồng điểm, quyết định theo tiêu chí phụ «{rule}».", "Nghị định 152/2025 Điều 4; A-21; B-18",
    "When the last place of a quota (or of the models) goes to one of several candidates with the same "
    "score, the council is told who was taken, who was left and which tie-break decided, in the findings, "
    "the ranking sheet («Ghi chú xếp hạng») and the run summary. When only the name or the id decided, the "
    "message adds that the council decides.",
    plan_says="Ưu tiên nữ, tập thể có tỷ lệ nữ từ 70% khi thành tích như nhau (Nghị định 152/2025 Điều 4).",
    setting="`scoring.tie_breaks`, `scoring.women_collective_share`")
NOTHING_TO_SIGN = _rule(
    "V2-KHONG-CO", "selection", (W,), "Không có ứng viên nào được lựa chọn: không lập danh sách đề nghị khen "
    "thưởng để ký (sổ làm việc và phản hồi cho đơn vị vẫn được ghi).", "Domain brief §6",
    "A run whose selection is empty (no candidate, or none eligible) writes no submission workbook and no "
    "PDF, so an empty list is never signed; the previous run's list is removed with the rest of its set.")

# --- history ----------------------------------------------------------------------------------------
NEW_HISTORY_STORE = _rule(
    "LS-00", "history", (W,), "Chưa có cơ sở dữ liệu lịch sử «{path}»: lần chạy này tạo mới, nên các kiểm tra "
    "với những năm trước không có gì để đối chiếu. Nếu đã có cơ sở dữ liệu của các năm trước, hãy kiểm tra "
    "lại đường dẫn --history.", "Domain brief §5.2",
    "A history path that does not exist yet is announced with this warning (in the run summary, the "
    "register's findings and summary.json), so a mistyped path is never silently an empty store; the store "
    "is created when the run records.")
ALREADY_EXEMPLAR = _rule(
    "LS-01", "history", (W, N), "«{name}» đã là điển hình tiên tiến năm {year}; Hội đồng cân nhắc khi lựa chọn lại.",
    "Domain brief §5.2", "With a history store: selected in an earlier year. Last year → warning, older → notice.")

# --- nurturing and replication plans --------------------------------------------------------------
NURTURE_NOT_A_PLAN = _rule(
    "NR-01", "nurture", (E,), "Tệp không phải kế hoạch bồi dưỡng, nhân rộng của chương trình ({reason}).",
    "B-23", "A file of the plans folder without the plan workbook's marker (or made for another rulebook or "
    "year) is refused; the other files are read. Unsafe or damaged files get the F-nn ids of the safety gate.")
NURTURE_NO_LEADER = _rule(
    "NR-02", "nurture", (E,), "«{name}»: chưa ghi {what} của lãnh đạo chịu trách nhiệm bồi dưỡng, nhân rộng.",
    "B-23", "The responsible leader's full name and position are required for every exemplar of the plan; "
    "the cell left blank is named.",
    plan_says="Kế hoạch cần xác định rõ trách nhiệm của lãnh đạo, chỉ đạo các hoạt động bồi dưỡng, tuyên truyền, "
    "nhân rộng.")
NURTURE_ACTION_LATE = _rule(
    "NR-03", "nurture", (W,), "«{name}»: hoạt động «{action}» hạn {due}, đến {as_of} chưa có kết quả.",
    "B-23, B-28", "An action whose date is before the round's reference day (the period end, or the day "
    "given) with neither a completion date nor a result is late; the completion cell is named.",
    plan_says="Đánh giá định kỳ 6 tháng, 9 tháng và năm.", setting="`--as-of` (default: end of the period)")
NURTURE_NO_PLAN = _rule(
    "NR-04", "nurture", (E,), "«{name}» ({unit}): chưa có kế hoạch bồi dưỡng, nhân rộng ({reason}).",
    "B-23", "An exemplar of the year whose unit sent no plan, or whose plan has no action for it, has no plan; "
    "its status is «Chưa có kế hoạch».")
NURTURE_UNKNOWN_EXEMPLAR = _rule(
    "NR-05", "nurture", (E,), "Mã điển hình «{code}» không thuộc các điển hình đã đăng ký của đơn vị; dòng này "
    "không được tính.", "B-23",
    "An action or adoption row must name one of the unit's exemplars (the dropdown of the sheet); a row naming "
    "another is not counted.")
NURTURE_ACTION_INCOMPLETE = _rule(
    "NR-06", "nurture", (W,), "Hoạt động «{action}»: chưa ghi {what}.", "B-23",
    "An action needs its content, who carries it out, its date and the expected result; a blank one is warned "
    "on the cell (an action without a date is never late).")
NURTURE_ADOPTION_UNDATED = _rule(
    "NR-07", "nurture", (W,), "Nơi áp dụng «{place}»: chưa ghi ngày bắt đầu áp dụng; vẫn được tính là đã nhân rộng.",
    "B-23", "An adoption without its start date counts as done (the unit reports it) and is warned; one starting "
    "after the reference day is planned, not yet counted.")
NURTURE_SECOND_FILE = _rule(
    "NR-08", "nurture", (N,), "Đơn vị {unit} gửi nhiều tệp kế hoạch; dùng tệp lưu gần nhất «{used}».", "B-23",
    "Of several plan files of one unit, the latest saved one is read (a corrected re-send replaces the first).")
NURTURE_CARRIED = _rule(
    "NR-09", "nurture", (N,), "Đơn vị {unit} chưa gửi báo cáo kỳ này; dùng kế hoạch, tiến độ đã báo cáo ở kỳ "
    "{previous}.", "B-28, B-29",
    "A unit that sent nothing in a progress round keeps the plan and progress of its last report (re-read as of "
    "the new reference day, so an action can become late); the deadline tracker shows the report as missing.")

# --- dossier for signature -------------------------------------------------------------------------
MINUTES_WITHOUT_VOTES = _rule(
    "HS-01", "dossier", (W,), "Chưa lập Biên bản họp Hội đồng: chưa có kết quả bỏ phiếu của Hội đồng cho ứng viên "
    "nào.", "Luật TĐKT 2022 Điều 84 k1; Nghị định 152/2025 (brief §2.4–2.5)",
    "The Biên bản records the council's vote per candidate, so without a single vote row (no vote sheet, or "
    "none of its rows matches a council-track candidate) it is not produced and the dossier says why; the other "
    "documents are still made, marked «DỰ THẢO» while the list is a draft.",
    plan_says="Hồ sơ đề nghị khen thưởng gồm tờ trình, báo cáo thành tích và biên bản bình xét, kết quả bỏ phiếu.",
    setting="`voting.required` (refuse a list without votes)")

#: Plan-bound checks: the rule id comes from the rulebook (the criterion it enforces); the default
#: is used only when a rulebook names none.
PLAN_BOUND_DEFAULTS = {
    "collective_members": "A-17",
    "leader_requires_collective": "A-20",
    "household_culture": "B-14",
}
