"""Award history of sample candidates that both the generator and the planted mistakes need."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from exemplars.domain import AwardRecord


def culture_history(rng: random.Random, commune: str, years: Sequence[int],
                    outstanding_year: int | None = None) -> list[AwardRecord]:
    """"Gia đình văn hóa" decisions of a commune's People's Committee for ``years`` (+ one "tiêu biểu")."""
    out = []
    for y in years:
        no, day = f"{rng.randint(12, 480)}/QĐ-UBND", dt.date(y, 12, rng.randint(10, 28))
        title = "Gia đình văn hóa tiêu biểu" if y == outstanding_year else "Gia đình văn hóa"
        out.append(AwardRecord(year=y, title=title, decision_no=no, decision_date=day, issuer=f"UBND {commune}"))
    return out
