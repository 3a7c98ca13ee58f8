"""Atomic output helper: replaces only on success, keeps the previous file otherwise."""

from __future__ import annotations

import os

import pytest

from exemplars.xlsx import atomic_path, safe_text


def test_atomic_replace_and_mode(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with atomic_path(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    umask = os.umask(0)
    os.umask(umask)
    assert (target.stat().st_mode & 0o777) == (0o666 & ~umask)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_failure_keeps_previous(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_safe_text_strips_controls_and_caps_length():
    assert safe_text("a\x00b\x07c\nd") == "abc\nd"
    assert len(safe_text("x" * 40_000)) == 32_767
    assert safe_text(None) == ""
