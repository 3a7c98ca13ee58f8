"""The dossier for signature: Tờ trình, Biên bản, Báo cáo thành tích, dự thảo Quyết định, Giấy khen.

Word templates (``templates/*.docx``, built by ``build_templates``) are filled with docxtpl from the data
of a run (``context``, ``minutes``); the Giấy khen print file places each field where the office's
pre-printed blanks need it (``certificates``).  ``writer.write_dossier`` writes them all.
"""

from exemplars.dossier.writer import DOSSIER_DIR, Dossier, write_dossier

__all__ = ["DOSSIER_DIR", "Dossier", "write_dossier"]
