"""LibreOffice and Poppler: conversion errors in Vietnamese, ink ratio without an imaging library."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import exemplars.outputs.office as office_module
from exemplars.errors import OutputError
from exemplars.outputs.office import convert, find_soffice, image_ink_ratio, pdf_page_to_pgm, pdf_page_to_png
from exemplars.xlsx import new_workbook


def _pgm(path: Path, width: int, height: int, dark: int) -> Path:
    pixels = bytes([0] * dark + [255] * (width * height - dark))
    path.write_bytes(b"P5\n# comment\n%d %d\n255\n" % (width, height) + pixels)
    return path


def _png(path: Path, rows: list[list[tuple[int, int, int]]], filter_type: int = 0) -> Path:
    """A tiny RGB PNG; filter 1 ("Sub") stores differences, which the reader must undo."""
    raw = b""
    for row in rows:
        flat = [v for px in row for v in px]
        if filter_type == 1:
            flat = [(flat[i] - (flat[i - 3] if i >= 3 else 0)) & 0xFF for i in range(len(flat))]
        raw += bytes([filter_type] + flat)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    head = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw))
                     + chunk(b"IEND", b""))
    return path


def test_ink_ratio_of_pgm(tmp_path):
    assert image_ink_ratio(_pgm(tmp_path / "a.pgm", 10, 10, 25)) == pytest.approx(0.25)
    assert image_ink_ratio(_pgm(tmp_path / "b.pgm", 4, 4, 0)) == 0.0


@pytest.mark.parametrize("filter_type", [0, 1])
def test_ink_ratio_of_png(tmp_path, filter_type):
    white, black, grey = (255, 255, 255), (0, 0, 0), (120, 120, 120)
    rows = [[black, white, white, grey], [white, white, white, white]]
    assert image_ink_ratio(_png(tmp_path / "a.png", rows, filter_type)) == pytest.approx(2 / 8)


def test_convert_errors_are_vietnamese(tmp_path):
    with pytest.raises(OutputError, match="Không tìm thấy"):
        convert(tmp_path / "khong-co.xlsx", "pdf", tmp_path)


@pytest.mark.soffice
def test_convert_render_and_timeout(soffice, tmp_path):
    assert find_soffice()
    src = tmp_path / "nho.xlsx"
    wb = new_workbook(src)
    ws = wb.add_worksheet("Trang 1")
    for r in range(40):
        ws.write_string(r, 0, "Danh sách đề xuất điển hình tiên tiến — dòng %d" % (r + 1))
    wb.close()
    pdf = convert(src, "pdf", tmp_path / "out")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    png = pdf_page_to_png(pdf, tmp_path / "p1.png", page=1, dpi=30)
    pgm = pdf_page_to_pgm(pdf, tmp_path / "p1.pgm", page=1, dpi=30)
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert image_ink_ratio(png) == pytest.approx(image_ink_ratio(pgm), abs=0.01)
    assert image_ink_ratio(pgm) > 0.01
    with pytest.raises(OutputError, match="quá 0.2 giây"):
        convert(src, "pdf", tmp_path / "slow", timeout=0.2)
    with pytest.raises(OutputError, match="Không dựng được trang 99"):
        pdf_page_to_png(pdf, tmp_path / "p99.png", page=99)


def test_find_soffice_looks_in_program_files(tmp_path, monkeypatch):
    """On Windows LibreOffice is usually not on PATH but under Program Files."""
    import exemplars.outputs.office as office

    exe = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path))
    # Keep only the Program Files candidate: this machine may have /usr/bin/soffice.
    every = office._install_locations
    monkeypatch.setattr(office, "_install_locations", lambda: [p for p in every() if str(tmp_path) in p])
    assert office.find_soffice() == str(exe)


def _sleeper() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], **office_module._own_group())


def test_timeout_kill_on_windows_uses_taskkill_tree(monkeypatch):
    """Windows has no os.killpg/SIGKILL: the timeout path ends the tree with taskkill /T, then the launcher."""
    proc = _sleeper()
    calls: list[list[str]] = []
    monkeypatch.delattr(office_module.os, "killpg")
    monkeypatch.setattr(office_module.shutil, "which", lambda name: r"C:\Windows\System32\taskkill.exe"
                        if name == "taskkill" else None)
    monkeypatch.setattr(office_module.subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    office_module.kill_tree(proc)
    assert calls == [[r"C:\Windows\System32\taskkill.exe", "/T", "/F", "/PID", str(proc.pid)]]
    assert proc.wait(timeout=10) != 0  # the launcher itself was killed too


def test_timeout_kill_without_taskkill_still_ends_the_process(monkeypatch):
    proc = _sleeper()
    monkeypatch.delattr(office_module.os, "killpg")
    monkeypatch.setattr(office_module.shutil, "which", lambda name: None)
    office_module.kill_tree(proc)
    assert proc.wait(timeout=10) != 0


def test_process_group_options_per_platform(monkeypatch):
    assert office_module._own_group() == {"start_new_session": True}
    monkeypatch.delattr(office_module.os, "killpg")
    monkeypatch.setattr(office_module.subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200, raising=False)
    assert office_module._own_group() == {"creationflags": 0x200}
