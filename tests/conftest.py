"""Shared fixtures.  LibreOffice tests skip when soffice is missing, except on CI where they fail."""

from __future__ import annotations

import os
import shutil

import pytest

from exemplars.rulebook import load_rulebook


@pytest.fixture(scope="session")
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required on CI but is not installed")
        pytest.skip("LibreOffice (soffice) not installed")
    return path


@pytest.fixture(scope="session")
def rb_dn():
    return load_rulebook("dong-nai-kcn-2020")


@pytest.fixture(scope="session")
def rb_nn():
    return load_rulebook("nnptnt-2017-2020")
