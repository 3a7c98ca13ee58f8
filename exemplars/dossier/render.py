"""Fill a Word template with docxtpl and save it atomically; find the office's own template first.

docxtpl renders the template's Jinja tags once, with autoescaping: a value is XML-escaped text in a
run, never re-read as a tag, a Word field or a formula.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError

from exemplars.errors import InputError
from exemplars.xlsx import atomic_path

SHIPPED_DIR = Path(__file__).resolve().parent / "templates"


def template_path(name: str, override_dir: Path | None) -> Path:
    """The office's ``override_dir / name`` when it exists, else the shipped template."""
    if override_dir is not None:
        own = Path(override_dir) / name
        if own.is_file():
            return own
    return SHIPPED_DIR / name


def _environment() -> Environment:
    # StrictUndefined: a misspelt tag in an office's template stops with its name instead of printing nothing
    return Environment(undefined=StrictUndefined, autoescape=True)


def render(template: Path, context: dict[str, Any], target: Path) -> Path:
    """Render ``template`` with ``context`` into ``target`` (replaced only when rendering succeeded)."""
    try:
        doc = DocxTemplate(str(template))
        doc.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateError as exc:
        raise InputError(f"Mẫu văn bản «{template}» có thẻ không hợp lệ hoặc không có dữ liệu: {exc}. "
                         "Hãy sửa mẫu (giữ nguyên các thẻ {{ … }} của mẫu gốc) rồi chạy lại.") from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:  # not a .docx, or a damaged one
        raise InputError(f"Không mở được mẫu văn bản «{template}»: {exc}.") from None
    with atomic_path(target) as tmp:
        doc.save(str(tmp))
    return target
