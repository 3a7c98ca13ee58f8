"""Files the product writes (all atomic, text never turned into formulas)."""

from exemplars.outputs.register_book import write_register
from exemplars.outputs.summary import write_summary
from exemplars.outputs.write_all import write_outputs

__all__ = ["write_outputs", "write_register", "write_summary"]
