"""Rulebook settings of the dossier for signature (``[dossier]``): who proposes, who signs, the templates
folder of the office, and where each field of the Giấy khen falls on the agency's pre-printed blanks.

Every setting has a default, so a rulebook without ``[dossier]`` still makes the dossier; the shipped
rulebooks carry the section in full so an office sees what it can change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: What a Giấy khen field prints (filled by ``exemplars.dossier.certificates``).
CertificateValue = Literal[
    "issuer_title", "form_label", "name", "position_unit", "achievement", "decision", "golden_book",
    "place_date", "signer_title", "signer_name",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CertificateField(_Strict):
    """One printed field: its top-left corner in mm from the top-left corner of the A4 landscape page."""

    value: CertificateValue
    x_mm: float = Field(ge=0, le=297)
    y_mm: float = Field(ge=0, le=210)
    width_mm: float = Field(gt=0, le=297)
    font: str = "Times New Roman"
    size_pt: float = Field(default=14, gt=0, le=72)
    bold: bool = False
    italic: bool = False
    uppercase: bool = False
    align: Literal["left", "center", "right"] = "center"
    color: str = Field(default="000000", pattern=r"^[0-9A-Fa-f]{6}$", description="RGB hex, e.g. 'C00000' (red).")


#: Positions measured on a common A4 landscape Giấy khen blank (Quốc hiệu, Quốc huy and «GIẤY KHEN»
#: pre-printed at the top); an office adjusts them to its own blanks with the grid test page.
DEFAULT_CERTIFICATE_FIELDS: tuple[CertificateField, ...] = (
    CertificateField(value="issuer_title", x_mm=38, y_mm=52, width_mm=221, size_pt=16, bold=True, uppercase=True,
                     color="C00000"),
    CertificateField(value="name", x_mm=38, y_mm=86, width_mm=221, size_pt=24, bold=True, color="C00000"),
    CertificateField(value="position_unit", x_mm=38, y_mm=102, width_mm=221, size_pt=15, italic=True),
    CertificateField(value="achievement", x_mm=38, y_mm=114, width_mm=221, size_pt=15),
    CertificateField(value="decision", x_mm=25, y_mm=160, width_mm=110, size_pt=12, align="left"),
    CertificateField(value="golden_book", x_mm=25, y_mm=167, width_mm=110, size_pt=12, align="left"),
    CertificateField(value="place_date", x_mm=160, y_mm=146, width_mm=115, size_pt=14, italic=True),
    CertificateField(value="signer_title", x_mm=160, y_mm=154, width_mm=115, size_pt=14, bold=True, uppercase=True),
    CertificateField(value="signer_name", x_mm=160, y_mm=186, width_mm=115, size_pt=15, bold=True),
)


class Certificate(_Strict):
    achievement: str = Field(default="Đã có thành tích xuất sắc, tiêu biểu trong phong trào thi đua năm {year}",
                             description="Achievement line; {year} is the registration year.")
    golden_book_prefix: str = Field(default="Số sổ vàng:", description="Label before the serial in the decision.")
    fields: list[CertificateField] = Field(default_factory=lambda: list(DEFAULT_CERTIFICATE_FIELDS))


class Dossier(_Strict):
    templates_dir: str = Field(default="", description="Folder of the office's own .docx templates (a file "
                               "there replaces the shipped one of the same name); relative to the working folder.")
    proposer: str = Field(default="Hội đồng Thi đua - Khen thưởng",
                          description="Who signs the Tờ trình (the council, through its chair).")
    proposer_signer_title: str = "CHỦ TỊCH HỘI ĐỒNG"
    submit_to: str = Field(default="Thủ trưởng cơ quan", description="«Kính gửi» line of the Tờ trình.")
    proposal_recipients: list[str] = Field(default_factory=lambda: ["Như trên;", "Lưu: VT, TĐKT."],
                                           description="Nơi nhận of the Tờ trình.")
    proposal_symbol: str = Field(default="TTr-HĐTĐKT", description="Ký hiệu of the Tờ trình: 'Số: …/TTr-HĐTĐKT'.")
    decision_symbol: str = Field(default="QĐ", description="Ký hiệu of the Quyết định: 'Số: …/QĐ-…'.")
    minutes_symbol: str = Field(default="BB-HĐTĐKT", description="Ký hiệu of the Biên bản.")
    council_chair_title: str = "CHỦ TỊCH HỘI ĐỒNG"
    council_secretary_title: str = "THƯ KÝ HỘI ĐỒNG"
    decision_signer_title: str = Field(default="", description="Signer of the Quyết định; default the "
                                       "submission's signer title.")
    decision_issuer_title: str = Field(default="", description="«TRƯỞNG BAN BAN QUẢN LÝ …» line above «QUYẾT ĐỊNH:»; "
                                       "default signer title + agency.")
    executors: str = Field(default="Chánh Văn phòng, Thủ trưởng các phòng, đơn vị có liên quan",
                           description="Who carries out the Quyết định (its Điều 3).")
    decision_recipients: list[str] = Field(default_factory=lambda: ["Như Điều 3;", "Lưu: VT, TĐKT."],
                                           description="Nơi nhận of the Quyết định.")
    fund: str = Field(default="quỹ thi đua, khen thưởng của cơ quan", description="Where the money is paid from.")
    legal_bases: list[str] = Field(default_factory=lambda: [
        "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"],
        description="«Căn cứ …» lines above the decree and the plan in the Quyết định.")
    certificate: Certificate = Certificate()
