"""Build the shipped Word templates of the dossier (``exemplars/dossier/templates/*.docx``).

Regenerate with ``python -m exemplars.dossier.build_templates`` after changing this file; the
committed .docx files are its output.  An office does not need this: it copies a .docx into its own
templates folder and edits the wording and layout in Word, keeping the ``{{ … }}`` tags it wants
(the names are listed in ``exemplars/dossier/context.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from exemplars.dossier import docx_parts as D
from exemplars.xlsx import atomic_path

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
BLANK_NOTE = "(các dòng «……» do đơn vị bổ sung: hồ sơ đăng ký không có thông tin này)"


def proposal():
    """Tờ trình đề nghị khen thưởng (Mẫu số 01, Nghị định 152/2025)."""
    doc = D.new_document()
    D.nd30_header(doc)
    D.draft_mark(doc)
    D.title(doc, "TỜ TRÌNH", "Về việc đề nghị khen thưởng điển hình tiên tiến năm {{ h.year }}")
    D.para(doc, "Kính gửi: {{ t.submit_to }}.", align="center", after=12)
    D.para(doc, "Căn cứ {{ h.plan_title }};", indent=True, italic=True)
    D.tag(doc, "{%p if t.voted %}")
    D.para(doc, "Căn cứ kết quả họp, bỏ phiếu của {{ t.council }}{{ t.meeting }} (Biên bản kèm theo);", indent=True,
           italic=True)
    D.tag(doc, "{%p endif %}")
    D.para(doc, "{{ t.proposer }} kính trình {{ t.submit_to }} xem xét, khen thưởng {{ t.total_text }} có thành "
           "tích tiêu biểu trong phong trào thi đua năm {{ h.year }}, cụ thể như sau:", indent=True)
    D.para(doc, "1. Danh sách do {{ t.council }} xét chọn: {{ t.council_text }}.", indent=True, bold=True)
    D.para(doc, "2. {{ t.fast_title }}: {{ t.fast_text }}.", indent=True, bold=True)
    D.tag(doc, "{%p if t.superior_text %}")
    D.para(doc, "3. Đề nghị cấp trên khen thưởng (cấp trên quyết định và chi trả): {{ t.superior_text }}.",
           indent=True, bold=True)
    D.tag(doc, "{%p endif %}")
    D.para(doc, "Số lượng theo hình thức khen thưởng và đối tượng:", indent=True, keep_next=True)
    D.grid_table(doc, ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Hộ gia đình, THT, HTX",
                       "Số tiền (đồng)"], [12, 58, 20, 20, 25, 30], "f in t.forms",
                 ["{{ f.stt }}", "{{ f.label }}", "{{ f.collectives }}", "{{ f.individuals }}", "{{ f.households }}",
                  "{{ f.amount }}"], total=["Tổng số tiền cơ quan chi", "{{ t.agency_amount }}"], centred=(0, 2, 3, 4))
    D.para(doc, "Bằng chữ: {{ t.agency_amount_words }}.", indent=True, italic=True, before=3)
    D.para(doc, "{{ t.money_basis }}", indent=True, size=13)
    D.para(doc, "Danh sách chi tiết kèm theo Tờ trình này. Kính trình {{ t.submit_to }} xem xét, quyết định./.",
           indent=True)
    D.signature(doc, authority="{{ t.authority }}", signer_title="{{ t.signer_title }}")
    D.page_break(doc)
    D.para(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True, align="center", after=0)
    D.para(doc, "(Kèm theo Tờ trình {{ t.reference }} của {{ t.proposer }})", italic=True, align="center", after=12)
    D.grid_table(doc, ["STT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị", "Diện xét", "Hình thức khen thưởng",
                       "Số tiền (đồng)"], [13, 40, 40, 24, 28, 22], "c in t.rows",
                 ["{{ c.stt }}", "{{ c.name }}", "{{ c.where }}", "{{ c.track }}", "{{ c.form }}", "{{ c.amount }}"],
                 size=11)
    return doc


def minutes():
    """Biên bản họp Hội đồng Thi đua – Khen thưởng, with the vote of each candidate."""
    doc = D.new_document()
    D.nd30_header(doc)
    D.title(doc, "BIÊN BẢN", "Họp {{ b.council }} xét chọn điển hình tiên tiến năm {{ h.year }}")
    D.para(doc, "Thời gian: {{ b.when }}.", indent=True)
    D.para(doc, "Địa điểm: {{ b.where }}.", indent=True)
    D.para(doc, "Thành phần: tổng số thành viên Hội đồng {{ b.members }}; có mặt {{ b.present }}; vắng mặt "
           "{{ b.absent }} (thành viên vắng mặt gửi ý kiến bằng văn bản, được ghi vào biên bản).", indent=True)
    D.para(doc, "Chủ trì: {{ b.chair }}", indent=True, align="left")
    D.para(doc, "Thư ký: {{ b.secretary }}", indent=True, align="left")
    D.para(doc, "Nội dung cuộc họp:", indent=True, bold=True)
    D.para(doc, "1. Thường trực Hội đồng báo cáo kết quả tổng hợp: {{ b.received }}; {{ b.eligible }}.", indent=True)
    D.para(doc, "2. Hội đồng thảo luận, bỏ phiếu kín đối với từng trường hợp; mức đạt: {{ b.threshold }}.",
           indent=True)
    D.para(doc, "3. Kết quả bỏ phiếu (đồng ý / tổng số thành viên Hội đồng):", indent=True, keep_next=True)
    D.grid_table(doc, ["STT", "Tên tập thể / Họ và tên", "Đơn vị", "Đồng ý / Tổng số", "Tỷ lệ", "Kết quả"],
                 [13, 42, 40, 22, 18, 30], "v in b.votes",
                 ["{{ v.stt }}", "{{ v.name }}", "{{ v.unit }}", "{{ v.count }}", "{{ v.percent }}", "{{ v.result }}"],
                 size=11, centred=(0, 3, 4))
    D.para(doc, "", after=0)
    D.para(doc, "4. Các trường hợp {{ b.fast_title }} do {{ b.decider }} xem xét, quyết định theo thẩm quyền "
           "(không bỏ phiếu): {{ b.fast_count }}.", indent=True, keep_next=True)
    D.tag(doc, "{%p if b.fast %}")
    D.grid_table(doc, ["STT", "Tên tập thể / Họ và tên", "Đơn vị", "Phong trào", "Hình thức khen thưởng"],
                 [13, 46, 46, 26, 34], "c in b.fast",
                 ["{{ c.stt }}", "{{ c.name }}", "{{ c.unit }}", "{{ c.movement }}", "{{ c.form }}"], size=11)
    D.tag(doc, "{%p endif %}")
    D.para(doc, "", after=0)
    D.para(doc, "Kết luận: Hội đồng thống nhất đề nghị khen thưởng {{ b.selected_count }} theo danh sách trên. Biên "
           "bản kết thúc lúc …… giờ …… cùng ngày, đã được thông qua trước Hội đồng./.", indent=True)
    D.two_signatures(doc, ("{{ b.secretary_title }}", "(Ký, ghi rõ họ tên)", ""),
                     ("{{ b.chair_title }}", "(Ký, ghi rõ họ tên)", "{{ h.signer_name }}"))
    return doc


def _history(doc) -> None:
    D.para(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, keep_next=True)
    D.tag(doc, "{%p if c.history %}")
    D.grid_table(doc, ["Năm", "Danh hiệu thi đua, hình thức khen thưởng", "Số, ngày, tháng, năm quyết định; cơ quan "
                       "ban hành"], [18, 67, 80], "a in c.history", ["{{ a.year }}", "{{ a.title }}", "{{ a.decision }}"],
                 size=12)
    D.tag(doc, "{%p else %}")
    D.para(doc, "Hồ sơ đăng ký không ghi hình thức khen thưởng nào (trang «Lịch sử khen thưởng»).", indent=True,
           italic=True)
    D.tag(doc, "{%p endif %}")


def _achievements(doc) -> None:
    D.para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, keep_next=True)
    D.para(doc, "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận: {{ c.duties }}", indent=True)
    D.para(doc, "2. Thành tích đạt được ({{ c.movement }}; lĩnh vực {{ c.field }}):", indent=True)
    D.tag(doc, "{%p for line in c.achievements %}")
    D.para(doc, "{{ line }}", indent=True)
    D.tag(doc, "{%p endfor %}")
    D.para(doc, "Sáng kiến, mô hình, giải pháp: {{ c.initiative }}", indent=True)
    D.para(doc, "Hiệu quả, khả năng nhân rộng: {{ c.effectiveness }}", indent=True)
    D.para(doc, "Mức độ hoàn thành nhiệm vụ: {{ c.task }}", indent=True)


def _report(section: str, fields: tuple[tuple[str, str], ...], left: tuple[str, str, str],
            right: tuple[str, str, str]):
    """A Báo cáo thành tích: its first section's lines (label, context key), achievements, awards, signatures."""
    doc = D.new_document()
    D.nd30_header(doc, symbol_line="", parent="{{ h.agency }}", agency="{{ c.unit_upper }}")
    D.title(doc, "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG {{ c.form_upper }}")
    D.para(doc, BLANK_NOTE, size=12, italic=True, align="center")
    D.para(doc, section, bold=True, keep_next=True)
    for label, key in fields:
        D.para(doc, f"- {label}: {{{{ c.{key} }}}}", indent=True, after=3, align="left")
    _achievements(doc)
    _history(doc)
    D.two_signatures(doc, left, right)
    return doc


def report_individual():
    """Báo cáo thành tích của cá nhân (Mẫu số 05)."""
    return _report("I. SƠ LƯỢC LÝ LỊCH",
                   (("Họ và tên (ghi đầy đủ, không viết tắt)", "name"), ("Sinh ngày, tháng, năm", "birth"),
                    ("Giới tính", "gender"), ("Quê quán", "blank"), ("Trú quán", "blank"),
                    ("Đơn vị công tác", "workplace"), ("Chức vụ (Đảng, chính quyền, đoàn thể)", "position"),
                    ("Trình độ chuyên môn, nghiệp vụ", "blank"),
                    ("Học hàm, học vị, danh hiệu, giải thưởng", "blank")),
                   ("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)", ""),
                   ("NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ tên)", "{{ c.name }}"))


def report_collective():
    """Báo cáo thành tích của tập thể (hộ gia đình, tổ hợp tác, hợp tác xã dùng cùng mẫu)."""
    return _report("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
                   (("Tên {{ c.kind }} (ghi đầy đủ, không viết tắt)", "name"), ("Đơn vị chủ quản", "unit"),
                    ("Địa chỉ", "blank"), ("Năm thành lập", "blank"),
                    ("Cơ cấu tổ chức, số lượng thành viên", "blank"), ("Chức năng, nhiệm vụ được giao", "blank")),
                   ("THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN", "(Ký, đóng dấu)", ""),
                   ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", ""))


def decision():
    """Dự thảo Quyết định khen thưởng with its annex «Danh sách kèm theo Quyết định»."""
    doc = D.new_document()
    D.nd30_header(doc)
    D.para(doc, "DỰ THẢO", size=13, bold=True, italic=True, align="right")
    D.title(doc, "QUYẾT ĐỊNH", "Về việc khen thưởng điển hình tiên tiến năm {{ h.year }}")
    D.para(doc, "{{ q.issuer_title }}", bold=True, align="center", after=12)
    D.tag(doc, "{%p for basis in q.bases %}")
    D.para(doc, "Căn cứ {{ basis }};", indent=True, italic=True)
    D.tag(doc, "{%p endfor %}")
    D.para(doc, "Xét đề nghị của {{ q.proposer }} tại Tờ trình {{ q.proposal_reference }}.", indent=True, italic=True)
    D.para(doc, "QUYẾT ĐỊNH:", bold=True, align="center", before=6)
    D.para(doc, "Điều 1. {{ q.article }}", indent=True)
    D.tag(doc, "{%p for a in q.articles %}")
    D.para(doc, "- {{ a }}", indent=True)
    D.tag(doc, "{%p endfor %}")
    D.para(doc, "Điều 2. {{ q.money }}", indent=True)
    D.para(doc, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {{ q.executors }} và các tập thể, cá nhân có tên "
           "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.", indent=True)
    D.signature(doc, authority="{{ q.authority }}", signer_title="{{ q.signer_title }}")
    D.page_break(doc)
    D.para(doc, "DANH SÁCH", bold=True, align="center", after=0)
    D.para(doc, "KHEN THƯỞNG ĐIỂN HÌNH TIÊN TIẾN NĂM {{ h.year }}", bold=True, align="center", after=0)
    D.para(doc, "(Kèm theo Quyết định {{ q.reference }} của {{ q.issuer }})", italic=True, align="center", after=12)
    D.tag(doc, "{%p for s in q.sections %}")
    D.para(doc, "{{ s.number }}. {{ s.title }} ({{ s.count }})", bold=True, keep_next=True, before=6)
    D.grid_table(doc, ["STT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng",
                       "Số tiền (đồng)"], [13, 46, 48, 34, 24], "c in s.rows",
                 ["{{ c.stt }}", "{{ c.name }}", "{{ c.where }}", "{{ c.form }}", "{{ c.amount }}"], size=12,
                 total=["Cộng", "{{ s.amount }}"])
    D.tag(doc, "{%p endfor %}")
    D.para(doc, "Tổng cộng: {{ q.count_text }}; tổng số tiền {{ q.amount }} đồng ({{ q.amount_words }}).", bold=True, before=6)
    D.para(doc, "{{ q.money_basis }}", size=12, italic=True)
    return doc


def certificate():
    """The page of the Giấy khen print file: A4 landscape, no margins; the fields are placed from the rulebook."""
    doc = D.new_document(landscape=True, margins_mm=(0, 0, 0, 0), page_numbers=False)
    return doc


TEMPLATES = {
    "to-trinh.docx": proposal,
    "bien-ban-hop-hoi-dong.docx": minutes,
    "bao-cao-thanh-tich-ca-nhan.docx": report_individual,
    "bao-cao-thanh-tich-tap-the.docx": report_collective,
    "du-thao-quyet-dinh.docx": decision,
    "giay-khen.docx": certificate,
}


def build_all(out_dir: Path = TEMPLATES_DIR) -> list[Path]:
    """Write every template into ``out_dir`` (atomically); returns the paths."""
    written = []
    for name, build in TEMPLATES.items():
        target = Path(out_dir) / name
        with atomic_path(target) as tmp:
            build().save(str(tmp))
        written.append(target)
    return written


if __name__ == "__main__":
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES_DIR):
        print(path)
