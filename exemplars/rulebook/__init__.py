"""Rulebooks: each agency's plan as a validated data file (see ``schema``)."""

from exemplars.rulebook.loader import (
    RULEBOOK_DIR,
    list_rulebooks,
    load_legal,
    load_rulebook,
)
from exemplars.rulebook.schema import LegalTables, Rulebook

__all__ = ["RULEBOOK_DIR", "LegalTables", "Rulebook", "list_rulebooks", "load_legal", "load_rulebook"]
