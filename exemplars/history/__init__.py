"""The yearly cycle: the history store, identity across years, deadlines and periodic reports.

The periods themselves (quarters, 6 and 9 months, the year) are ``exemplars.periods``: the run
settings read them too, and the store imports the settings.
"""

from exemplars.history.identity import candidate_key, match_key
from exemplars.history.lookup import StoreLookup, open_lookup
from exemplars.history.store import HistoryStore, RunInfo, record_run

__all__ = [
    "HistoryStore",
    "RunInfo",
    "StoreLookup",
    "candidate_key",
    "match_key",
    "open_lookup",
    "record_run",
]
