"""Settings of one run, shared by the CLI and the Excel buttons (both build a ``RunSettings``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from exemplars.periods import parse_period
from exemplars.rulebook.schema import Rulebook

MAX_FILE_MB = 1024


class DocumentHeader(BaseModel):
    """Texts of the official document (Nghị định 30/2020 layout); blanks come from the rulebook."""

    model_config = ConfigDict(extra="forbid")

    parent_agency: str = ""
    agency: str = ""
    locality: str = ""
    doc_number: str = Field(default="", description="Số văn bản, e.g. '15' or '15/KCNĐN-VP'.")
    doc_date: dt.date | None = None
    signer_title: str = ""
    signer_name: str = ""
    recipients: list[str] = Field(default_factory=list)

    def resolved(self, rb: Rulebook, today: dt.date | None = None) -> ResolvedHeader:
        """A copy with every blank filled from the rulebook (and ``today`` for the date)."""
        return ResolvedHeader(
            parent_agency=self.parent_agency or rb.parent_agency,
            agency=self.agency or rb.agency,
            locality=self.locality or rb.locality,
            doc_number=self.doc_number,
            doc_date=self.doc_date or today or dt.date.today(),
            signer_title=self.signer_title or rb.submission.signer_title,
            signer_name=self.signer_name,
            recipients=self.recipients or list(rb.submission.recipients),
        )


class ResolvedHeader(DocumentHeader):
    """A header ready to print: the document date is known."""

    doc_date: dt.date


class RunSettings(BaseModel):
    """Everything one pipeline run needs.  Paths are the clerk's; nothing is hard-coded."""

    model_config = ConfigDict(extra="forbid")

    folder: Path = Field(description="Folder of the units' workbooks (read only, never modified).")
    out_dir: Path = Field(description="Folder that receives the outputs.")
    rulebook: str = Field(description="Shipped rulebook id or path of a .toml file.")
    year: int = Field(ge=2000, le=2100)
    period: str = Field(default="nam", description="'nam', '6_thang', '9_thang' or a quarter 'YYYY-Qn'.")
    units_file: Path | None = Field(default=None, description="Unit list (.xlsx/.csv); default: the rulebook's.")
    received_file: Path | None = Field(
        default=None, description="Sổ nhận hồ sơ (.xlsx/.csv: Mã đơn vị or Tệp, Ngày nhận): when the office "
                                  "received each unit's file; the deadline tracker counts from it.")
    votes_file: Path | None = Field(default=None, description="Council votes workbook (optional).")
    history_db: Path | None = Field(default=None, description="History store (SQLite); None = not used.")
    decision_date: dt.date | None = Field(default=None, description="Award decision date; default 31/12 of year.")
    superior_decision_date: dt.date | None = Field(
        default=None, description="Decision date of the forms the superior decides and pays (Bằng khen of the "
        "UBND tỉnh/thành phố); default the award decision date.")
    #: A workbook is read into memory whole, so the limit stays below what a clerk's PC can hold.
    max_file_mb: float = Field(default=25, gt=0, le=MAX_FILE_MB, allow_inf_nan=False,
                               description="Files larger than this are refused.")
    council_date: dt.date | None = Field(default=None, description="Date of the council meeting (Biên bản, Tờ "
                                         "trình); None = left as a blank line to fill in.")
    templates_dir: Path | None = Field(default=None, description="The office's Word templates (a .docx there "
                                       "replaces the shipped one of the same name); default the rulebook's.")
    header: DocumentHeader = Field(default_factory=DocumentHeader)
    lock_wait: float = Field(default=30, ge=0, le=3600, allow_inf_nan=False,
                             description="Seconds to wait while another run holds the output folder or the "
                             "history store, before stopping.")

    @model_validator(mode="after")
    def _period_of_the_year(self) -> "RunSettings":
        # read once, here, so a mistyped period stops the run before anything is written

        parse_period(self.period, self.year)
        return self

    def effective_decision_date(self) -> dt.date:
        return self.decision_date or dt.date(self.year, 12, 31)
