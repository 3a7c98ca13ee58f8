"""The yearly cycle: the history store, identity across years, periods, deadlines and periodic reports."""

from exemplars.history.identity import candidate_key, match_key
from exemplars.history.lookup import StoreLookup, open_lookup
from exemplars.history.periods import Period, parse_period, period_of_settings, periods_of_year
from exemplars.history.store import HistoryStore, RunInfo, record_run

__all__ = [
    "HistoryStore",
    "Period",
    "RunInfo",
    "StoreLookup",
    "candidate_key",
    "match_key",
    "open_lookup",
    "parse_period",
    "period_of_settings",
    "periods_of_year",
    "record_run",
]
