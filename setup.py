"""Build hook: the wheel carries the top-level ``xlsx_macros/`` and ``workbook/`` folders as package data.

They stay top-level in the repository (where clerks and developers look for
them); an installed package finds its copy in ``exemplars/excel/builder/assets/``
(``exemplars.excel.builder.assets``).  Everything else is in ``pyproject.toml``.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ASSETS = {"xlsx_macros": ("*.bas",), "workbook": ("*.xlsm", "*.xlsx")}
TARGET = ("exemplars", "excel", "builder", "assets")


class BuildWithAssets(build_py):
    def run(self):
        super().run()
        root = Path(__file__).resolve().parent
        for folder, patterns in ASSETS.items():
            target = Path(self.build_lib, *TARGET, folder)
            self.mkpath(str(target))
            for pattern in patterns:
                for path in sorted((root / folder).glob(pattern)):
                    self.copy_file(str(path), str(target / path.name))


setup(cmdclass={"build_py": BuildWithAssets})
