"""Identity across years: the match key that says two records are the same candidate.

A candidate is the same from one year to the next when its *match key* is: the
fully folded name (after repairing TCVN3/VNI text), the birth date in ISO form
("" for collectives and unknown dates) and the unit code.  Names alone are never
enough (homonymy is very high), hence the birth date and the unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from exemplars.vi.legacy_detect import fix_legacy
from exemplars.vi.text import name_key
from exemplars.vi.values import parse_date


def _iso_date(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if text in ("", "NaT", "nan", "None"):
        return ""
    parsed = parse_date(text)  # the reader's own parser: stored and typed dates agree
    return parsed.value.isoformat() if isinstance(parsed.value, dt.date) else text


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def match_key(name: Any, birth_date: Any, unit_code: Any) -> str:
    """``<folded name>|<birth date ISO or "">|<unit code>``, the same whatever the spelling."""
    repaired = fix_legacy(_text(name))[0]
    return f"{name_key(repaired)}|{_iso_date(birth_date)}|{_text(unit_code).upper()}"


def candidate_key(candidate: Mapping[str, Any]) -> str:
    """Match key of a register row or any mapping with ``name``, ``birth_date``, ``unit_code``."""
    return match_key(candidate.get("name"), candidate.get("birth_date"), candidate.get("unit_code"))
