"""exemplars: consolidate, validate, rank and select advanced exemplars (điển hình tiên tiến).

The core never imports xlwings; ``exemplars.excel`` is the only Excel glue.
"""

__version__ = "0.1.0"
