"""Build hook: the wheel carries the top-level ``xlsx_macros/``, ``workbook/`` and the clerk guide of ``docs/``.

They stay top-level in the repository (where clerks and developers look for
them); an installed package finds its copy in ``exemplars/excel/builder/assets/``
(``exemplars.excel.builder.assets``).  Everything else is in ``pyproject.toml``.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# docs: the clerk guide and its pictures, which the Windows bundle prints to PDF.
ASSETS = {"xlsx_macros": ("*.bas",), "workbook": ("*.xlsm", "*.xlsx"),
          "docs": ("huong-dan-van-phong.md", "img/*.png")}
TARGET = ("exemplars", "excel", "builder", "assets")


class BuildWithAssets(build_py):
    def run(self):
        super().run()
        root = Path(__file__).resolve().parent
        for folder, patterns in ASSETS.items():
            target = Path(self.build_lib, *TARGET, folder)
            for pattern in patterns:
                for path in sorted((root / folder).glob(pattern)):
                    copy = target / path.relative_to(root / folder)
                    self.mkpath(str(copy.parent))
                    self.copy_file(str(path), str(copy))


setup(cmdclass={"build_py": BuildWithAssets})
