"""The frame of an official document (Nghị định 30/2020, Phụ lục I) on a ``PageLayout``.

Shared by the submission, the feedback letters and the periodic reports:

* the header block: cơ quan chủ quản and cơ quan ban hành (bold, a short line below) with
  "Số: …/ký hiệu" at the left; Quốc hiệu, Tiêu ngữ (underlined) and the italic place and
  date at the right; a "V/v …" line under the number for a công văn;
* "Kính gửi: …";
* "Nơi nhận:" at the left and the signer's authority, the signature space and the signer's
  name at the right, on shared rows that are never split over two pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from exemplars.outputs import nd30
from exemplars.outputs.page import PageLayout
from exemplars.settings import ResolvedHeader

SIGNATURE_ROW = 18
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Frame:
    """Where the two halves of the header and of the signature sit (column spans)."""

    left: tuple[int, int]
    right: tuple[int, int]
    line_column: int  # the single column whose bottom border draws the line under the agency
    recipients: tuple[int, int] | None = None  # "Nơi nhận" span; the left block by default


def header_block(page: PageLayout, frame: Frame, header: ResolvedHeader, doc_symbol: str,
                 subject: str = "") -> None:
    """The two-column ND 30 header; ``subject`` is the "V/v …" line of a công văn."""
    f = page.fmt
    parent = header.parent_agency.upper()
    page.merged(frame.left, parent, f("caps"), height=page.lines_height(parent, frame.left, 12, caps=True))
    page.merged(frame.right, QUOC_HIEU, f("caps_bold"), same_row=True)
    agency = header.agency.upper()
    page.merged(frame.left, agency, f("caps_bold"),
                height=page.lines_height(agency, frame.left, 12, caps=True, bold=True))
    page.merged(frame.right, TIEU_NGU, f("motto"), same_row=True)
    page.rule_row(frame.line_column)
    page.skip(6)
    page.merged(frame.left, nd30.doc_number_line(header.doc_number, doc_symbol), f("center13"))
    page.merged(frame.right, nd30.nd30_place_date(header.locality, header.doc_date), f("date"), same_row=True)
    if subject:
        page.merged(frame.left, subject, f("subject"), height=page.lines_height(subject, frame.left, 12))
    page.skip(12)


def addressee(page: PageLayout, span: tuple[int, int], name: str) -> None:
    text = f"Kính gửi: {name}"
    page.merged(span, text, page.fmt("bold13_center"), height=page.lines_height(text, span, 13, bold=True))


def _recipient_lines(recipients: list[str]) -> list[str]:
    return [r.strip() if r.strip().startswith("-") else f"- {r.strip()}" for r in recipients if r.strip()]


def _signature_lines(page: PageLayout, header: ResolvedHeader, recipients: list[str],
                     authority: str) -> list[tuple[tuple, tuple]]:
    """Pairs of (text, format): "Nơi nhận" at the left, the signer's block at the right."""
    f = page.fmt
    left = [("Nơi nhận:", f("recipients_title"))] + [(r, f("recipient")) for r in _recipient_lines(recipients)]
    right = [(line, f("caps_bold13")) for line in (authority or header.signer_title).upper().split("\n")]
    right.append(("(Ký, ghi rõ họ tên và đóng dấu)", f("center_italic")))
    rows = max(len(left), len(right) + 4)  # at least four empty lines for the signature and the seal
    left += [("", None)] * (rows - len(left))
    right += [("", None)] * (rows - len(right))
    right.append((header.signer_name, f("bold13_center")))
    left.append(("", None))
    return list(zip(left, right, strict=True))


def signature_height(page: PageLayout, header: ResolvedHeader, recipients: list[str], authority: str = "") -> float:
    return 8 + SIGNATURE_ROW * len(_signature_lines(page, header, recipients, authority))


def signature(page: PageLayout, frame: Frame, header: ResolvedHeader, recipients: list[str],
              authority: str = "") -> None:
    """"Nơi nhận" and the signature block, kept on one page.

    ``authority`` is the signer's line(s) ("TL. TRƯỞNG BAN\\nCHÁNH VĂN PHÒNG"); by default
    the header's signer title.
    """
    page.keep_together(signature_height(page, header, recipients, authority))
    page.skip(8)
    span = frame.recipients or frame.left
    for (left_text, left_fmt), (right_text, right_fmt) in _signature_lines(page, header, recipients, authority):
        if left_text:
            page.merged(span, left_text, left_fmt, height=SIGNATURE_ROW)
        else:
            page.skip_always(SIGNATURE_ROW)
        if right_text:
            page.merged(frame.right, right_text, right_fmt, same_row=True)
