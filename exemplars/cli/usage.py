"""Click's usage errors (wrong option, missing argument, a value of the wrong type) in Vietnamese.

Click words its errors in English ("Invalid value for '--year'"); the clerk reads only
Vietnamese, so each kind of ``click.UsageError`` is rephrased from its parts (the
parameter, the value, the type), never by translating click's sentence.
"""

from __future__ import annotations

import click

#: Click's parameter types → what a value must be, in Vietnamese.
_TYPE_NEEDS = {
    "integer": "phải là số nguyên, ví dụ 2026",
    "float": "phải là số, ví dụ 25 hoặc 2.5",
    "boolean": "phải là có/không (true/false)",
    "path": "phải là đường dẫn tệp hoặc thư mục",
    "file": "phải là đường dẫn tệp",
    "text": "phải là văn bản",
}


def _param_name(param: click.Parameter | None, fallback: str = "") -> str:
    if param is None:
        return fallback or "tham số"
    if isinstance(param, click.Argument):
        return (param.human_readable_name or param.name or "").upper()
    return max(param.opts, key=len) if param.opts else (param.name or fallback)


def _bad_value(exc: click.BadParameter) -> str:
    param = exc.param
    name = _param_name(param, exc.param_hint if isinstance(exc.param_hint, str) else "")
    value = _offending_value(exc)
    shown = f" «{value}»" if value else ""
    if param is not None and isinstance(param.type, click.Choice):
        needs = "phải là một trong: " + ", ".join(map(str, param.type.choices))
    elif param is not None:
        needs = _TYPE_NEEDS.get(param.type.name, "không đúng kiểu")
    else:
        needs = "không hợp lệ"
    return f"Giá trị{shown} của {name} không hợp lệ: {needs}."


def _offending_value(exc: click.BadParameter) -> str:
    """The value the clerk typed: click quotes it first in its message ("'abc' is not a valid integer")."""
    text = exc.message or ""
    if text.startswith("'") and "'" in text[1:]:
        return text[1:text.index("'", 1)]
    return ""


def vietnamese_message(exc: click.UsageError) -> str:
    """The Vietnamese sentence for one click usage error."""
    if isinstance(exc, click.MissingParameter):
        name = _param_name(exc.param)
        kind = "đối số" if isinstance(exc.param, click.Argument) else "tùy chọn"
        return f"Thiếu {kind} {name}."
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc)
    if isinstance(exc, click.NoSuchOption):
        hint = f" Có phải ý bạn là {', '.join(sorted(exc.possibilities))}?" if exc.possibilities else ""
        return f"Không có tùy chọn {exc.option_name}.{hint}"
    if isinstance(exc, click.BadOptionUsage):
        return f"Tùy chọn {exc.option_name} dùng sai cách (thiếu giá trị hoặc giá trị thừa)."
    if exc.message.startswith("No such command"):  # its own class only from click 8.2
        return f"Không có lệnh «{_quoted(exc.message)}»."
    if exc.message.startswith(("Got unexpected extra argument", "Got unexpected extra arguments")):
        return f"Thừa đối số: {exc.message.split('(', 1)[-1].rstrip(')')}."
    return "Lệnh gõ chưa đúng cú pháp."


def _quoted(text: str) -> str:
    return text.split("'")[1] if text.count("'") >= 2 else text


def show(exc: click.UsageError) -> None:
    """Print the Vietnamese error and where to find help, as click would (stderr)."""
    command = exc.ctx.command_path if exc.ctx is not None else "exemplars"
    click.secho(f"Lỗi: {vietnamese_message(exc)}", fg="red", err=True)
    click.echo(f"Xem hướng dẫn: {command} --help", err=True)
