"""The Giấy khen print file: one A4 landscape page per awardee, each field where the office's blanks want it.

Every field is a Word frame (``w:framePr``) anchored to the page at ``x_mm``/``y_mm`` from its top-left
corner, ``width_mm`` wide, in the font, size and colour of the rulebook's ``[dossier.certificate]``.
The page itself (size, margins) comes from the template ``giay-khen.docx``, which an office may replace.
The test page prints a 10 mm grid and the outline of every field, to line the printer up with the blanks.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from exemplars.dossier.docx_parts import ALIGN
from exemplars.rulebook.dossier_schema import CertificateField
from exemplars.xlsx import atomic_path

TWIPS_PER_MM = 1440 / 25.4
FIELD_LABELS = {
    "issuer_title": "Chức danh người tặng", "form_label": "Hình thức khen thưởng", "name": "Họ và tên / Tên tập thể",
    "position_unit": "Chức vụ, đơn vị", "achievement": "Thành tích", "decision": "Số, ngày quyết định",
    "golden_book": "Số sổ vàng", "place_date": "Địa danh, ngày tháng", "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
}
GRID_MM = 10


def _twips(mm: float) -> str:
    return str(round(mm * TWIPS_PER_MM))


def _empty_body(template: Path) -> DocumentObject:
    """The template with its body emptied (its page setup kept)."""
    doc = Document(str(template))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _frame(doc: DocumentObject, x_mm: float, y_mm: float, width_mm: float, *, height_mm: float | None = None,
           edges: tuple[str, ...] = (), dashed: bool = False) -> Paragraph:
    """An empty paragraph in a frame anchored to the page's corner; ``edges`` get a grey border."""
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    attrs = [("w:w", _twips(width_mm)), ("w:x", _twips(x_mm)), ("w:y", _twips(y_mm)), ("w:hAnchor", "page"),
             ("w:vAnchor", "page"), ("w:wrap", "around")]
    attrs += [("w:h", _twips(height_mm)), ("w:hRule", "exact")] if height_mm is not None else [("w:hRule", "auto")]
    for key, value in attrs:
        frame.set(qn(key), value)
    ppr.insert(0, frame)
    if edges:
        border = OxmlElement("w:pBdr")
        for edge in edges:
            el = OxmlElement(f"w:{edge}")
            for key, value in (("w:val", "dashed" if dashed else "single"), ("w:sz", "4"), ("w:space", "0"),
                               ("w:color", "7F7F7F")):
                el.set(qn(key), value)
            border.append(el)
        ppr.append(border)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    return p


def _framed(doc: DocumentObject, spec: CertificateField, text: str, *, outline: bool = False) -> Paragraph:
    """One field's text where ``spec`` places it."""
    p = _frame(doc, spec.x_mm, spec.y_mm, spec.width_mm,
               edges=("top", "left", "bottom", "right") if outline else (), dashed=True)
    p.alignment = ALIGN[spec.align]
    run = p.add_run(text.upper() if spec.uppercase else text)
    run.font.name, run.font.size, run.bold, run.italic = spec.font, Pt(spec.size_pt), spec.bold, spec.italic
    run.font.color.rgb = RGBColor.from_string(spec.color.upper())
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), spec.font)
    return p


def _label(doc: DocumentObject, x_mm: float, y_mm: float, text: str) -> None:
    p = _frame(doc, x_mm, y_mm, 8)
    run = p.add_run(text)
    run.font.size = Pt(6)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _page_break(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def write_certificates(template: Path, fields: list[CertificateField], awardees: list[dict[str, str]],
                       target: Path) -> Path:
    """One page per awardee (``value`` → text of each field); atomic."""
    doc = _empty_body(template)
    for index, values in enumerate(awardees):
        if index:
            _page_break(doc)
        for spec in fields:
            text = values.get(spec.value, "")
            if text:
                _framed(doc, spec, text)
    if not awardees:
        doc.add_paragraph("Không có tập thể, cá nhân nào được cơ quan tặng Giấy khen trong lần chạy này.")
    with atomic_path(target) as tmp:
        doc.save(str(tmp))
    return target


def _grid(doc: DocumentObject, width_mm: float, height_mm: float) -> None:
    """Lines every 10 mm from the page's corner, each labelled with its distance in mm (frames, like the fields)."""
    for x in range(GRID_MM, int(width_mm), GRID_MM):
        _frame(doc, x, 0, GRID_MM, height_mm=height_mm, edges=("left",))
        _label(doc, x + 0.5, 1, str(x))
    for y in range(GRID_MM, int(height_mm), GRID_MM):
        _frame(doc, 0, y, width_mm, height_mm=0.5, edges=("top",))
        _label(doc, 1, y + 0.5, str(y))


def write_test_page(template: Path, fields: list[CertificateField], target: Path) -> Path:
    """The alignment page: the grid and every field's outline with its name (atomic)."""
    doc = _empty_body(template)
    section = doc.sections[0]
    width, height = section.page_width, section.page_height
    _grid(doc, width.mm if width is not None else 297, height.mm if height is not None else 210)
    for spec in fields:
        shown = spec.model_copy(update={"uppercase": False})
        _framed(doc, shown, f"{FIELD_LABELS[spec.value]} (x = {spec.x_mm:g} mm, y = {spec.y_mm:g} mm)", outline=True)
    with atomic_path(target) as tmp:
        doc.save(str(tmp))
    return target

