"""Write the dossier of a run into ``<out_dir>/ho-so-trinh-ky/`` (every file atomic, re-runs replace it).

    to-trinh-<year>.docx                      Tờ trình đề nghị khen thưởng, with its annex list
    bien-ban-hop-hoi-dong-<year>.docx         only once the council has voted (else finding HS-01)
    bao-cao-thanh-tich/<nn>-<name>.docx       one per selected candidate (tập thể or cá nhân form)
    du-thao-quyet-dinh-<year>.docx            the draft decision and «Danh sách kèm theo Quyết định»
    giay-khen-<year>.docx                     the print file, one page per awardee
    giay-khen-trang-thu.docx                  the alignment page (10 mm grid, every field's outline)

and a PDF beside each .docx when LibreOffice is installed.  Files of an earlier run that this run
does not produce (a Biên bản, a report of a candidate no longer selected) are removed.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from exemplars.catalogue import MINUTES_WITHOUT_VOTES
from exemplars.dossier import certificates, context, minutes
from exemplars.dossier.render import render, template_path
from exemplars.errors import InputError, OutputError
from exemplars.findings import Finding, Severity
from exemplars.outputs import nd30, office
from exemplars.results import RunResult
from exemplars.rulebook.schema import Rulebook
from exemplars.settings import RunSettings
from exemplars.vi.text import fold
from exemplars.votes import Votes

log = logging.getLogger(__name__)

DOSSIER_DIR = "ho-so-trinh-ky"
REPORTS_DIR = "bao-cao-thanh-tich"
TEST_PAGE = "giay-khen-trang-thu.docx"


@dataclass
class Dossier:
    folder: Path
    #: key → file written: proposal, minutes, decision, certificates, test_page, report:<id>, and <key>_pdf
    written: dict[str, Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def templates_folder(settings: RunSettings, rulebook: Rulebook) -> Path | None:
    """The office's templates folder: the run's setting, else the rulebook's (relative to its .toml file)."""
    if settings.templates_dir is not None:
        folder = Path(settings.templates_dir)
    elif rulebook.dossier.templates_dir:
        folder = Path(rulebook.dossier.templates_dir)
        if not folder.is_absolute() and settings.rulebook.lower().endswith(".toml"):
            folder = Path(settings.rulebook).parent / folder
    else:
        return None
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục mẫu văn bản «{folder}». Hãy tạo thư mục (chép các tệp .docx "
                         "mẫu vào đó để sửa) hoặc để trống thiết lập này để dùng mẫu có sẵn.")
    return folder


def _file_stem(number: int, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:50] or "ung-vien"
    return f"{number:02d}-{slug}"


def _certificate_rows(src: context.Sources) -> list[dict[str, str]]:
    rb, h, sel = src.rulebook, src.header, src.result.selection
    d = rb.dossier
    signer = context.clean(d.decision_signer_title or rb.submission.signer_title)
    issuer = context.clean(d.decision_issuer_title) or f"{signer} {context.clean(h.agency)}"
    day = sel.decision_date if sel else h.doc_date
    achievement = d.certificate.achievement.format(year=src.result.consolidation.year)
    rows = []
    for i, c in enumerate(src.agency_awardees(), start=1):
        data = context.candidate(src, c, i)
        name = f"{data['honorific']} {data['name']}" if data["honorific"] else data["name"]
        rows.append({
            "issuer_title": issuer, "form_label": data["form"], "name": name,
            "position_unit": data["where"], "achievement": achievement,
            "decision": f"Quyết định số {context.SHORT_BLANK}/{d.decision_symbol} {context.DATE_BLANK}",
            "golden_book": f"{d.certificate.golden_book_prefix} {context.SHORT_BLANK}",
            "place_date": nd30.nd30_place_date(context.clean(h.locality), day),
            "signer_title": signer, "signer_name": context.clean(h.signer_name),
        })
    return rows


def _pdfs(docs: list[Path], folder: Path) -> list[Path]:
    """PDF beside each document (file stems are unique), one LibreOffice start; [] without LibreOffice or
    when it fails."""
    if not docs or office.find_soffice() is None:
        return []
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=folder) as work:
        try:
            produced = office.convert_all(docs, "pdf", work)
        except OutputError as err:  # the .docx files are complete; a failed PDF must not cost the dossier
            log.warning("%s", err.message)
            return []
        targets = []
        for made, doc in zip(produced, docs, strict=True):
            target = doc.with_suffix(".pdf")
            os.replace(made, target)
            targets.append(target)
    return targets


def _remove_stale(folder: Path, keep: set[Path]) -> None:
    for pattern in ("*.docx", "*.pdf", f"{REPORTS_DIR}/*.docx", f"{REPORTS_DIR}/*.pdf"):
        for old in folder.glob(pattern):
            if old.resolve() not in keep:
                old.unlink()


def write_dossier(result: RunResult, settings: RunSettings, rulebook: Rulebook, votes: Votes | None = None, *,
                  pdf: bool = True) -> Dossier:
    """Every document of the dossier from a run that reached selection."""
    if result.selection is None:
        raise InputError("Chưa có kết quả lựa chọn: hồ sơ trình ký lập sau bước «Lập danh sách đăng ký».")
    overrides = templates_folder(settings, rulebook)
    src = context.Sources(result, rulebook, settings.header.resolved(rulebook), settings.council_date)
    year = result.consolidation.year
    out = Dossier(folder=Path(settings.out_dir) / DOSSIER_DIR)
    folder = out.folder
    docs: dict[str, Path] = {}

    def fill(key: str, template: str, data: dict, target: Path) -> None:
        docs[key] = render(template_path(template, overrides), data, target)

    fill("proposal", "to-trinh.docx", context.proposal(src), folder / f"to-trinh-{year}.docx")
    council = minutes.minutes(src, votes)
    if council is None:
        out.findings.append(Finding(severity=Severity.WARNING, rule_id=MINUTES_WITHOUT_VOTES, message=(
            "Chưa lập Biên bản họp Hội đồng: chưa có kết quả bỏ phiếu của Hội đồng cho ứng viên nào (nhập trang "
            "«Phiếu bầu» hoặc --votes rồi lập lại hồ sơ). Các văn bản khác ghi «DỰ THẢO».")))
    else:
        fill("minutes", "bien-ban-hop-hoi-dong.docx", council, folder / f"bien-ban-hop-hoi-dong-{year}.docx")
    for number, (template, data) in enumerate(minutes.reports(src), start=1):
        stem = _file_stem(number, data["c"]["name"])
        fill(f"report:{data['c']['id']}", template, data, folder / REPORTS_DIR / f"{stem}.docx")
    fill("decision", "du-thao-quyet-dinh.docx", context.decision(src), folder / f"du-thao-quyet-dinh-{year}.docx")
    page = template_path("giay-khen.docx", overrides)
    fields = list(rulebook.dossier.certificate.fields)
    docs["certificates"] = certificates.write_certificates(page, fields, _certificate_rows(src),
                                                           folder / f"giay-khen-{year}.docx")
    docs["test_page"] = certificates.write_test_page(page, fields, folder / TEST_PAGE)
    out.written.update(docs)
    if pdf:
        for key, made in zip(docs, _pdfs(list(docs.values()), folder), strict=False):
            out.written[f"{key}_pdf"] = made
    _remove_stale(folder, {p.resolve() for p in out.written.values()})
    return out
