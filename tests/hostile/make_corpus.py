"""Generate the hostile corpus: broken, hostile and valid-but-nasty unit files.

    python -m tests.hostile.make_corpus /tmp/corpus

Everything is built here from the real template (``exemplars.template.build``) or
from bytes; LibreOffice, when installed, converts one template to .xls and .ods.
Each ``CorpusCase`` says what the consolidator must make of its entry.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import olefile
import openpyxl
import xlsxwriter
from msoffcrypto.format.ooxml import OOXMLFile

from exemplars.columns import CANDIDATE_COLUMNS, SHEET_CANDIDATES, SHEET_HISTORY
from exemplars.demo.samples import sample_candidates
from exemplars.rulebook import load_rulebook
from exemplars.template.build import build_template
from exemplars.template.layout import FIRST_DATA_ROW

from . import (
    BILLION_LAUGHS,
    add_override,
    add_relationship,
    append_cells,
    cells_to_formulas,
    forge_declared_size,
    shared_strings,
    sheet_part,
    with_doctype,
    write_zip,
    zip_parts,
)

RULEBOOK = "nnptnt-2017-2020"
OTHER_RULEBOOK = "dong-nai-kcn-2020"
YEAR = 2020
PER_FILE = 4
#: The corpus is consolidated with this file-size limit (the oversized case exceeds it).
MAX_FILE_MB = 2
REPO = Path(__file__).resolve().parents[2]
CONTROL_WORKBOOK = REPO / "workbook" / "bang-dieu-khien.xlsm"
DDE_TEXTS = ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,2)", "=HYPERLINK(\"http://x\",\"bấm\")")


@dataclass(frozen=True)
class CorpusCase:
    name: str  # path relative to the corpus folder
    what: str
    statuses: frozenset[str]  # acceptable FileStatus values of its record
    rule_id: str = ""  # a problem of this file must carry this rule id
    candidates: int | None = None  # candidates it must contribute (None: not checked)
    record: bool = True  # False: not a file (e.g. a directory), so no record at all


ERROR = frozenset({"error"})
SKIPPED = frozenset({"skipped"})
READ = frozenset({"received"})


class _Builder:
    def __init__(self, dest: Path, work: Path):
        self.dest, self.work = dest, work
        self.rb = load_rulebook(RULEBOOK)
        self.rng = random.Random(20260101)
        self.units = list(self.rb.units)
        self.cases: list[CorpusCase] = []

    def add(self, name: str, what: str, statuses: frozenset[str], rule_id: str = "",
            candidates: int | None = None, record: bool = True) -> Path:
        self.cases.append(CorpusCase(name, what, statuses, rule_id, candidates, record))
        return self.dest / name

    def unit(self):
        return self.units.pop(0)

    def template(self, path: Path, *, unit=None, year: int = YEAR, candidates=None, rb=None) -> Path:
        rb = rb or self.rb
        owner = unit or self.rb.units[-1]
        cands = candidates if candidates is not None else sample_candidates(rb, owner, year, PER_FILE, self.rng)
        return build_template(rb, path, unit=unit, year=year, candidates=cands)

    def base(self) -> Path:
        """A valid unit-less template with candidates, the raw material of the zip variants."""
        path = self.work / "base.xlsx"
        if not path.exists():
            self.template(path)
        return path

    def variant(self, name: str, what: str, edit, rule_id: str, statuses=ERROR) -> None:
        parts = zip_parts(self.base())
        edit(parts, sheet_part(parts, SHEET_CANDIDATES))
        write_zip(self.add(name, what, statuses, rule_id), parts)


def _not_workbooks(b: _Builder) -> None:
    b.add("rong.xlsx", "zero bytes", ERROR, "F-01").write_bytes(b"")
    b.add("van-ban.xlsx", "plain text named .xlsx", ERROR, "F-02").write_text(
        "Danh sách đề xuất điển hình tiên tiến\nSTT;Họ và tên\n1;Nguyễn Văn An\n", encoding="utf-8")
    b.add("tai-lieu-pdf.xlsx", "PDF header", ERROR, "F-02").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    b.add("anh-png.xlsx", "PNG header", ERROR, "F-02").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    b.add("ngau-nhien.xlsx", "random bytes", ERROR, "F-02").write_bytes(random.Random(7).randbytes(4096))
    write_zip(b.add("word-doi-duoi.xlsx", "a .docx renamed .xlsx", ERROR, "F-02"), {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                               b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": b"<w:document/>"})
    data = b.base().read_bytes()
    b.add("cat-cut.xlsx", "zip truncated at half", ERROR, "F-03").write_bytes(data[: len(data) // 2])
    forged = b.add("kich-thuoc-gia.xlsx", "a sheet larger than its declared size", ERROR, "F-03")
    shutil.copyfile(b.base(), forged)
    parts = zip_parts(forged)
    forge_declared_size(forged, sheet_part(parts, SHEET_CANDIDATES), 1000)
    b.add("~$dang-ky.xlsx", "Excel lock file", SKIPPED).write_bytes(b"\x0bNguyen Van A" + bytes(153))
    shutil.copyfile(b.base(), b.add(".an-dang-ky.xlsx", "hidden file", SKIPPED))


def _containers(b: _Builder) -> None:
    with open(b.base(), "rb") as src, open(b.add("mat-khau.xlsx", "password-protected (encrypted OLE)", ERROR,
                                                 "F-04"), "wb") as out:
        OOXMLFile(src).encrypt("matkhau123", out)
    big = b.add("qua-lon.xlsx", f"larger than {MAX_FILE_MB} MB", ERROR, "F-05")
    parts = zip_parts(b.base())
    parts["xl/media/image1.png"] = random.Random(3).randbytes((MAX_FILE_MB + 1) * 1024 * 1024)
    write_zip(big, parts, stored=frozenset({"xl/media/image1.png"}))
    for name, what, size in (("bom-nen.xlsx", "250 MiB of zeros in one member", 250),
                             ("bom-ti-le.xlsx", "20 MiB of zeros (ratio ~1000)", 20)):
        parts = zip_parts(b.base())
        write_zip(b.add(name, what, ERROR, "F-06"), parts)
        with zipfile.ZipFile(b.dest / name, "a", zipfile.ZIP_DEFLATED) as zf:
            with zf.open("xl/media/image9.bin", "w", force_zip64=True) as fh:
                chunk = bytes(1024 * 1024)
                for _ in range(size):
                    fh.write(chunk)
    parts = zip_parts(b.base())
    parts.update({f"xl/media/m{i}.bin": b"" for i in range(10_001)})
    write_zip(b.add("bom-nhieu-phan.xlsx", "10,001 zip members", ERROR, "F-06"), parts)


def _xml_attacks(b: _Builder) -> None:
    def laughs_sheet(parts, sheet):
        parts[sheet] = with_doctype(parts[sheet], "worksheet", BILLION_LAUGHS)

    def laughs_sst(parts, _sheet):
        parts["xl/sharedStrings.xml"] = with_doctype(parts["xl/sharedStrings.xml"], "sst", BILLION_LAUGHS)

    def xxe(parts, _sheet):
        parts["xl/workbook.xml"] = with_doctype(parts["xl/workbook.xml"], "workbook",
                                                '<!ENTITY x SYSTEM "file:///etc/passwd">')

    def corrupt(parts, sheet):
        parts[sheet] = parts[sheet][: len(parts[sheet]) // 3] + b"\x00<<</c></row>garbage&&;"

    def far_cell(parts, sheet):
        parts[sheet] = append_cells(parts[sheet], b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t>'
                                                  b"</is></c></row>")

    def far_row(parts, sheet):
        parts[sheet] = append_cells(parts[sheet], b'<row r="1048576"><c r="C1048576"><v>1</v></c></row>')

    b.variant("laughs-sheet.xlsx", "billion laughs in the candidates sheet", laughs_sheet, "F-07")
    b.variant("laughs-sst.xlsx", "billion laughs in sharedStrings.xml", laughs_sst, "F-07")
    b.variant("xxe.xlsx", "external entity in workbook.xml", xxe, "F-07")
    b.variant("xml-hong.xlsx", "corrupt candidates sheet XML", corrupt, "")
    b.variant("o-xa-nhat.xlsx", "a value at XFD1048576", far_cell, "F-08")
    write_zip(b.add("lap-lai.ods", "an .ods repeating a valued row 90,000 × 1,000 times", ERROR, "F-08"),
              repeated_ods(90_000, 1_000), stored=frozenset({"mimetype"}))
    b.variant("dong-xa-nhat.xlsx", "a value at C1048576", far_row, "F-08")


def _nasty_but_valid(b: _Builder) -> None:
    for i in range(2):
        b.template(b.add(f"tot-{i + 1}.xlsx", "a good file", READ, candidates=PER_FILE), unit=b.unit())

    unit = b.unit()
    path = b.work / "formulas.xlsx"
    b.template(path, unit=unit)
    parts = zip_parts(path)
    sheet = sheet_part(parts, SHEET_CANDIDATES)
    parts[sheet], _n = cells_to_formulas(parts[sheet], shared_strings(parts), FIRST_DATA_ROW)
    write_zip(b.add("cong-thuc.xlsx", "a formula in every input cell (cached values kept)", READ,
                    candidates=PER_FILE), parts)

    unit = b.unit()
    cands = sample_candidates(b.rb, unit, YEAR, len(DDE_TEXTS), b.rng)
    cands = [replace_text(c, t) for c, t in zip(cands, DDE_TEXTS, strict=True)]
    b.template(b.add("dde.xlsx", "DDE and = + - @ texts", READ, candidates=len(cands)), unit=unit, candidates=cands)

    unit = b.unit()
    cands = sample_candidates(b.rb, unit, YEAR, 2, b.rng)
    long_text = ("Hoàn thành xuất sắc nhiệm vụ được giao. " * 1000)[:32_767]
    cands = [c.model_copy(update={"achievements": long_text}) for c in cands]
    b.template(b.add("o-32767.xlsx", "32,767-character cells", READ, candidates=2), unit=unit, candidates=cands)

    unit = b.unit()
    cands = sample_candidates(b.rb, unit, YEAR, 3, b.rng)
    cands[0] = cands[0].model_copy(update={"name": cands[0].name + " 😀👨‍👩‍👧", "position": "مدير قسم"})
    cands[1] = cands[1].model_copy(update={"position": "מנהל ‏Trưởng phòng‎", "workplace": "Phòng\u202eKế hoạch"})
    b.template(b.add("emoji-rtl.xlsx", "emoji and right-to-left text", READ, candidates=3), unit=unit,
               candidates=cands)

    unit = b.unit()
    path = b.work / "control.xlsx"
    cands = sample_candidates(b.rb, unit, YEAR, PER_FILE, b.rng)
    b.template(path, unit=unit, candidates=cands)
    parts = zip_parts(path)
    name = f"<t>{cands[-1].name}</t>".encode()
    assert name in parts["xl/sharedStrings.xml"], "the template stores names as shared strings"
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        name, f"<t>_x0000_NUL_x0001__x001F_\t{cands[-1].name}\x7f</t>".encode(), 1)
    write_zip(b.add("ky-tu-dieu-khien.xlsx", "NUL and control characters", READ, candidates=PER_FILE), parts)

    unit = b.unit()
    path = b.add("o-gop.xlsx", "merged cells over the input area", READ)
    b.template(path, unit=unit)
    wb = openpyxl.load_workbook(path)
    wb[SHEET_CANDIDATES].merge_cells(start_row=FIRST_DATA_ROW, start_column=4, end_row=FIRST_DATA_ROW + 1,
                                     end_column=6)
    wb.save(path)

    unit = b.unit()
    path = b.add("an-dong-sheet.xlsx", "hidden rows and hidden sheets", READ, candidates=PER_FILE)
    b.template(path, unit=unit)
    wb = openpyxl.load_workbook(path)
    wb[SHEET_CANDIDATES].row_dimensions[FIRST_DATA_ROW + 1].hidden = True
    wb[SHEET_HISTORY].sheet_state = "hidden"
    extra = wb.create_sheet("Bản cũ")
    extra.append(["STT", "Họ và tên", "Ghi chú"])
    extra.append([1, "Người không được đề xuất", "bản nháp"])
    extra.sheet_state = "hidden"
    wb.save(path)

    unit = b.unit()
    path = b.work / "links.xlsx"
    b.template(path, unit=unit)
    parts = zip_parts(path)
    rel_base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts["xl/externalLinks/externalLink1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><externalBook xmlns:r="' + rel_base.encode() + b'" r:id="rId1"><sheetNames>'
        b'<sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>')
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = add_relationship(
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b"</Relationships>", "rId1", f"{rel_base}/externalLinkPath", "file:///C:/bao-cao/nguon.xlsx", True)
    parts["[Content_Types].xml"] = add_override(parts["[Content_Types].xml"], "xl/externalLinks/externalLink1.xml",
                                                "application/vnd.openxmlformats-officedocument."
                                                "spreadsheetml.externalLink+xml")
    parts["xl/_rels/workbook.xml.rels"] = add_relationship(parts["xl/_rels/workbook.xml.rels"], "rId900",
                                                           f"{rel_base}/externalLink",
                                                           "externalLinks/externalLink1.xml")
    write_zip(b.add("lien-ket-ngoai.xlsx", "external links", READ, "F-09", PER_FILE), parts)

    unit = b.unit()
    b.template(b.add("sai-nam.xlsx", "template of an earlier year", READ, "F-42", PER_FILE), unit=unit,
               year=YEAR - 1)
    other = load_rulebook(OTHER_RULEBOOK)
    b.template(b.add("quy-che-khac.xlsx", "template of the other rulebook", ERROR, "F-21"), unit=other.units[0],
               rb=other, candidates=sample_candidates(other, other.units[0], YEAR, 2, b.rng))
    b.template(b.add("khong-ung-vien.xlsx", "a unit-less template with 0 candidates",
                     frozenset({"empty", "unknown_unit"}), candidates=0), candidates=[])
    _header_only(b.add("chi-tieu-de.xlsx", "only the header row", frozenset({"empty", "unknown_unit", "error"})))
    parts = zip_parts(b.base())
    parts[sheet_part(parts, SHEET_CANDIDATES)] = parts[sheet_part(parts, SHEET_CANDIDATES)].replace(
        b'<dimension ref="', b'<dimension ref="A1:XFD1048576" old="', 1)
    write_zip(b.add("dimension-lon.xlsx", "dimension A1:XFD1048576 over small data", frozenset({"unknown_unit"}),
                    candidates=PER_FILE), parts)


def repeated_ods(rows: int, cols: int) -> dict[str, bytes]:
    """Parts of an .ods whose second row, holding ``cols`` copies of a number, is repeated ``rows`` times."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Danh sách đề xuất"><table:table-row>'
               '<table:table-cell office:value-type="string"><text:p>STT</text:p></table:table-cell>'
               f'</table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
               f'table:number-columns-repeated="{cols}" office:value-type="float" office:value="1"><text:p>1</text:p>'
               "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    return {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": content.encode(),
            "META-INF/manifest.xml": manifest.encode()}


def replace_text(cand, text: str):
    return cand.model_copy(update={"name": text, "position": text, "achievements": text})


def _header_only(path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet(SHEET_CANDIDATES)
    for col, column in enumerate(CANDIDATE_COLUMNS):
        ws.write_string(0, col, column.header)
    wb.close()


def _entries(b: _Builder) -> None:
    control = b.add("bang-dieu-khien.xlsm", "the control workbook sent as a unit file", ERROR)
    if CONTROL_WORKBOOK.exists():
        shutil.copyfile(CONTROL_WORKBOOK, control)
    else:
        parts = zip_parts(b.base())
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml").replace(
            b"application/vnd.openxmlformats-officedocument.sheet.macroEnabled", b"application/vnd.ms-excel.sheet."
                                                                                  b"macroEnabled")
        parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
        write_zip(control, parts)
    (b.dest / "thu-muc.xlsx").mkdir()
    b.add("thu-muc.xlsx", "a directory named like a workbook", frozenset(), record=False)
    os.symlink("vong-lap.xlsx", b.add("vong-lap.xlsx", "a symlink to itself", SKIPPED))
    os.symlink(".", b.add("vong-thu-muc", "a directory symlink loop", SKIPPED))


def _libreoffice(b: _Builder, soffice: str) -> None:
    src = b.work / "lo" / "mau.xlsx"
    src.parent.mkdir()
    shutil.copyfile(b.base(), src)
    for fmt in ("xls", "ods"):
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{b.work}/lo-profile",
                        "--convert-to", fmt, "--outdir", str(src.parent), str(src)],
                       check=True, capture_output=True, timeout=180)
    xls, ods = src.with_suffix(".xls"), src.with_suffix(".ods")
    shutil.copyfile(xls, b.add("xls-doi-duoi.xlsx", ".xls saved by LibreOffice, renamed .xlsx",
                               frozenset({"unknown_unit"}), "F-12", PER_FILE))
    shutil.copyfile(ods, b.add("bang-tinh.ods", "an .ods", frozenset({"unknown_unit"}), candidates=PER_FILE))
    data = xls.read_bytes()
    b.add("xls-cat-cut.xls", "truncated .xls", ERROR, "F-03").write_bytes(data[: len(data) // 3])
    locked = b.add("xls-mat-khau.xls", "legacy .xls with a FILEPASS record", ERROR, "F-11")
    shutil.copyfile(xls, locked)
    _insert_filepass(locked)


def _insert_filepass(path: Path) -> None:
    """Turn the WRITEACCESS record of the globals into a FILEPASS of the same length (stream size kept)."""
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        pos = 0
        while pos + 4 <= len(data):
            rtype = int.from_bytes(data[pos:pos + 2], "little")
            length = int.from_bytes(data[pos + 2:pos + 4], "little")
            if rtype == 0x005C:
                data[pos:pos + 2] = (0x002F).to_bytes(2, "little")
                data[pos + 4:pos + 4 + length] = (1).to_bytes(2, "little") + bytes(length - 2)
                ole.write_stream("Workbook", bytes(data))
                return
            pos += 4 + length
    raise ValueError("no WRITEACCESS record to replace")


def build_corpus(dest: Path, soffice: str | None = None) -> list[CorpusCase]:
    """Write every case into ``dest`` (created, must be empty); LibreOffice cases need ``soffice``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="corpus-work-") as tmp:
        b = _Builder(dest, Path(tmp))
        for step in (_not_workbooks, _containers, _xml_attacks, _nasty_but_valid, _entries):
            step(b)
        if soffice:
            _libreoffice(b, soffice)
    return b.cases


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    cases = build_corpus(target, shutil.which("soffice"))
    for case in cases:
        print(f"{case.name:28} {'/'.join(sorted(case.statuses)) or '—':14} {case.rule_id:5} {case.what}")
    print(f"{len(cases)} cases in {target}")
