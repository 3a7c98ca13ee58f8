"""``summary.json``: the stable keys of ``Consolidation.summary()`` for other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exemplars.xlsx import atomic_write_text


def write_summary(summary: dict[str, Any], path: Path) -> Path:
    """Write ``summary`` atomically as UTF-8 JSON (Vietnamese kept readable, indent 2)."""
    text = json.dumps(summary, ensure_ascii=False, indent=2, default=str)
    return atomic_write_text(Path(path), text + "\n")
