"""Load rulebooks and legal tables from TOML, with errors that name the file and field."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from exemplars.errors import RulebookError
from exemplars.rulebook.schema import LegalTables, Rulebook

RULEBOOK_DIR = Path(__file__).with_name("data")
LEGAL_FILE = RULEBOOK_DIR / "legal.toml"

_MESSAGES = {
    "extra_forbidden": "khóa không được phép (không có trong lược đồ quy chế)",
    "missing": "thiếu trường bắt buộc",
    "enum": "giá trị không thuộc danh sách cho phép",
    "literal_error": "giá trị không thuộc danh sách cho phép",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "string_type": "phải là chuỗi văn bản",
    "list_type": "phải là danh sách",
    "dict_type": "phải là bảng (table)",
    "date_type": "phải là ngày (YYYY-MM-DD)",
    "date_parsing": "phải là ngày (YYYY-MM-DD)",
    "string_pattern_mismatch": "sai định dạng",
    "greater_than_equal": "giá trị quá nhỏ",
    "greater_than": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
    "less_than": "giá trị quá lớn",
    "too_short": "danh sách không được rỗng",
    "string_too_long": "chuỗi quá dài",
    "value_error": "giá trị không hợp lệ",
    "finite_number": "phải là số hữu hạn (không nhận inf, nan)",
    "int_from_float": "phải là số nguyên",
    "tuple_type": "phải là danh sách",
}


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(gốc)"


def format_validation_error(path: Path | str, err: ValidationError) -> str:
    """Vietnamese, one line per error: file, field path, reason, the offending value."""
    lines = [f"Tệp quy chế «{path}» không hợp lệ ({err.error_count()} lỗi):"]
    lines += [f"  - {line}" for line in describe_errors(err)]
    return "\n".join(lines)


def describe_errors(err: ValidationError) -> list[str]:
    """One Vietnamese line per error: the field path, the reason and the offending value."""
    lines = []
    for e in err.errors():
        reason = _MESSAGES.get(e["type"], e["msg"])
        if e["type"] in ("value_error", "enum", "literal_error"):
            reason = f"{reason}: {e['msg'].removeprefix('Value error, ')}"
        elif e["type"] in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
            reason = f"{reason} (giới hạn {next(iter((e.get('ctx') or {}).values()), '')})"
        value = "" if e["type"] == "missing" else f" (giá trị: {e.get('input')!r:.80})"
        lines.append(f"trường «{_field_path(e['loc'])}»: {reason}{value}")
    return lines


def _load_toml(path: Path, model: type[BaseModel]):
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RulebookError(f"Không đọc được tệp quy chế «{path}»: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulebookError(f"Tệp quy chế «{path}» sai cú pháp TOML: {exc}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulebookError(format_validation_error(path, exc)) from None


def list_rulebooks() -> list[Rulebook]:
    """Every shipped rulebook, sorted by id."""
    return sorted(
        (_load_shipped(p.stem) for p in RULEBOOK_DIR.glob("*.toml") if p != LEGAL_FILE),
        key=lambda r: r.id,
    )


@lru_cache(maxsize=None)
def _load_shipped(rulebook_id: str) -> Rulebook:
    return _load_toml(RULEBOOK_DIR / f"{rulebook_id}.toml", Rulebook)


def load_rulebook(id_or_path: str | Path) -> Rulebook:
    """A shipped rulebook by id (``dong-nai-kcn-2020``) or a user's TOML file by path."""
    text = str(id_or_path)
    shipped = RULEBOOK_DIR / f"{text}.toml"
    if "/" not in text and "\\" not in text and not text.endswith(".toml"):
        if shipped.exists() and shipped != LEGAL_FILE:
            return _load_shipped(text)
        ids = ", ".join(p.stem for p in sorted(RULEBOOK_DIR.glob("*.toml")) if p != LEGAL_FILE)
        raise RulebookError(f"Không có quy chế mã «{text}». Các mã có sẵn: {ids}; hoặc chỉ đường dẫn tới tệp .toml.")
    path = Path(text)
    if not path.is_file():
        raise RulebookError(f"Không tìm thấy tệp quy chế «{path}».")
    rb = _load_toml(path, Rulebook)
    return rb


@lru_cache(maxsize=None)
def _load_legal_cached(path: str) -> LegalTables:
    return _load_toml(Path(path), LegalTables)


def load_legal(path: str | Path | None = None) -> LegalTables:
    """The legal tables (reward coefficients per decree, base salary history)."""
    return _load_legal_cached(str(path or LEGAL_FILE))
