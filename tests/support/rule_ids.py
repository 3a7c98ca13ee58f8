"""Which rule ids a run may report: the catalogue's and those a rulebook declares."""

from __future__ import annotations

from exemplars.catalogue import PLAN_BOUND_DEFAULTS, RULES
from exemplars.rulebook import Rulebook


def declared_ids(rulebook: Rulebook) -> set[str]:
    """Criterion ids (and their section, A-20.1 → A-20), quota ids and the plan-bound defaults."""
    ids = set(RULES) | set(PLAN_BOUND_DEFAULTS.values())
    for c in rulebook.criteria:
        ids |= {c.id, c.id.split(".")[0]}
    ids |= {q.id for q in rulebook.quotas}
    return ids


def unknown_ids(rule_ids, rulebook: Rulebook) -> set[str]:
    return set(rule_ids) - declared_ids(rulebook)
