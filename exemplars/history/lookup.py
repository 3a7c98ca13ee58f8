"""The history lookup that validation asks about past years (awards, earlier selections).

Candidates are matched by ``exemplars.history.identity.candidate_key``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from exemplars.history.identity import candidate_key
from exemplars.history.store import HistoryStore
from exemplars.vi.text import fold


class StoreLookup:
    """``HistoryLookup`` over a history store, preloaded into dicts (cheap per candidate).

    ``award_titles`` gathers the award history rows of every recorded run and the
    decisions the clerk recorded later; ``selected_years`` the years in which the
    latest run of a period selected the candidate (a replaced re-run does not count).
    ``before_year`` (optional) hides everything from that year on.
    """

    def __init__(self, awards: dict[str, list[tuple[int, str]]], selected: dict[str, list[int]]):
        self._awards = awards
        self._selected = selected

    @classmethod
    def from_connection(cls, conn: sqlite3.Connection, before_year: int | None = None) -> "StoreLookup":
        limit = before_year if before_year is not None else 10_000
        awards: dict[str, dict[tuple[int, str], str]] = defaultdict(dict)
        rows = conn.execute(
            "SELECT match_key, year, title FROM awards WHERE year IS NOT NULL AND year < ? "
            "UNION ALL SELECT match_key, year, title FROM decisions WHERE year < ?",
            (limit, limit),
        )
        for key, year, title in rows:
            # The same history line comes back in every run; keep one per (year, folded title).
            awards[key].setdefault((int(year), fold(title)), title)
        selected: dict[str, set[int]] = defaultdict(set)
        rows = conn.execute(
            "SELECT s.match_key, r.year FROM selections s JOIN runs r ON r.id = s.run_id "
            "WHERE r.latest = 1 AND r.year < ?",
            (limit,),
        )
        for key, year in rows:
            selected[key].add(int(year))
        return cls(
            {k: sorted((y, t) for (y, _), t in v.items()) for k, v in awards.items()},
            {k: sorted(v) for k, v in selected.items()},
        )

    @classmethod
    def empty(cls) -> "StoreLookup":
        return cls({}, {})

    def award_titles(self, candidate: Mapping[str, Any]) -> list[tuple[int, str]]:
        return list(self._awards.get(candidate_key(candidate), ()))

    def selected_years(self, candidate: Mapping[str, Any]) -> list[int]:
        return list(self._selected.get(candidate_key(candidate), ()))

    def __len__(self) -> int:
        return len(set(self._awards) | set(self._selected))


def open_lookup(db_path: Path, *, before_year: int | None = None) -> StoreLookup:
    """The history lookup of the store at ``db_path``; an empty lookup when there is no store yet
    (the first year of use), without creating one."""
    path = Path(db_path)
    if not path.exists():
        return StoreLookup.empty()
    with HistoryStore(path) as store, store.errors():
        return StoreLookup.from_connection(store.conn, before_year)
