"""LibreOffice and Poppler: convert a workbook, render a PDF page, measure ink.

Each conversion runs headless with its own throw-away LibreOffice profile
(``-env:UserInstallation``), so parallel runs never fight over one profile lock.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Sequence
from pathlib import Path

from exemplars.errors import OutputError

_SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None when it is not installed."""
    for name in _SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in _install_locations():
        if Path(candidate).is_file():
            return str(candidate)
    return None


def _install_locations() -> list[str]:
    """Usual install folders, for machines where LibreOffice is not on PATH (the Windows default)."""
    places = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
              "/opt/libreoffice/program/soffice",
              "/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    for env in ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432"):
        root = os.environ.get(env)
        if root:
            places.append(str(Path(root) / "LibreOffice" / "program" / "soffice.exe"))
    return places


def convert(path: Path | str, fmt: str, out_dir: Path | str, timeout: float = 180, infilter: str = "") -> Path:
    """Convert ``path`` to ``fmt`` ("pdf", "xlsx", "ods"…) into ``out_dir``; returns the new file."""
    return convert_all([path], fmt, out_dir, timeout, infilter)[0]


def convert_all(paths: Sequence[Path | str], fmt: str, out_dir: Path | str, timeout: float = 180,
                infilter: str = "") -> list[Path]:
    """Convert several files with one LibreOffice start (much faster than one call each).

    ``infilter`` names the import filter when the extension alone would pick the
    wrong one (an .html page opens in Writer/Web, which prints worse than Writer).
    """
    sources = [Path(p).resolve() for p in paths]
    out_dir = Path(out_dir).resolve()
    soffice = find_soffice()
    if soffice is None:
        raise OutputError("Không tìm thấy LibreOffice (soffice) để chuyển đổi tệp; hãy cài đặt LibreOffice.")
    for path in sources:
        if not path.is_file():
            raise OutputError(f"Không tìm thấy tệp cần chuyển đổi «{path}».")
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / f"{p.stem}.{fmt.split(':')[0]}" for p in sources]
    names = ", ".join(p.name for p in sources)
    profile = tempfile.mkdtemp(prefix="exemplars-lo-")  # removed by the guard, even when this process dies
    try:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--nolockcheck", *([f"--infilter={infilter}"] if infilter else []),
               "--convert-to", fmt, "--outdir", str(out_dir), *map(str, sources)]
        returncode, output = run_guarded(cmd, timeout, names, profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    missing = [t for t in targets if not t.is_file()]
    if returncode != 0 or missing:
        detail = output.strip().splitlines()
        failed = ", ".join(t.stem for t in missing) or names
        raise OutputError(f"LibreOffice không chuyển đổi được «{failed}» sang {fmt}"
                          + (f": {detail[-1]}" if detail else "."))
    return targets


#: Runs LibreOffice for us and kills its whole process tree when our end of its stdin closes: on timeout,
#: on Ctrl+C, and when this process is killed outright (the system closes the pipe).  soffice starts
#: soffice.bin, which would otherwise outlive any kill of the launcher.  Only the standard library, so
#: ``python -I`` starts it quickly; ``taskkill /T`` stands in for process groups on Windows.
_GUARD = r"""
import os, shutil, signal, subprocess, sys, threading
profile, cmd = sys.argv[1], sys.argv[2:]
windows = os.name == "nt"
group = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if windows else {"start_new_session": True}
child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, **group)
def stop():
    if windows:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(child.pid)], capture_output=True)
    else:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except OSError:
            pass
def watch():
    while os.read(0, 1024):
        pass
    if child.poll() is None:
        stop()
threading.Thread(target=watch, daemon=True).start()
code = child.wait()
if not windows:
    stop()
shutil.rmtree(profile, ignore_errors=True)
sys.stdout.flush()
os._exit(code if code >= 0 else 1)
"""


def run_guarded(cmd: list[str], timeout: float, name: str, profile: str) -> tuple[int, str]:
    """Run ``cmd`` under the guard; on timeout the guard kills LibreOffice's whole process tree."""
    try:
        proc = subprocess.Popen([sys.executable, "-I", "-c", _GUARD, profile, *cmd], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **_own_group())
    except OSError as exc:
        raise OutputError(f"Không chạy được LibreOffice: {exc.strerror or exc}") from None
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read() if proc.stdout else b""),
                              daemon=True)
    reader.start()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise OutputError(f"LibreOffice chuyển đổi «{name}» quá {timeout:g} giây, đã dừng.") from None
    finally:
        if proc.stdin is not None:
            proc.stdin.close()  # the guard's signal: stop LibreOffice now if it still runs
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=30)
        if proc.poll() is None:  # the guard itself did not end: stop it the hard way
            kill_tree(proc)
            proc.wait()
        reader.join(timeout=5)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def _own_group() -> dict:
    """Popen options that start a process group of its own, on POSIX and on Windows."""
    if hasattr(os, "killpg"):
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def kill_tree(proc: subprocess.Popen) -> None:
    """End ``proc`` and its children: the POSIX process group, or on Windows ``taskkill /T``.

    Windows has neither ``os.killpg`` nor ``signal.SIGKILL``; when taskkill is not
    there either, the launcher itself is killed.
    """
    if hasattr(os, "killpg") and hasattr(signal, "SIGKILL"):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        return
    taskkill = shutil.which("taskkill")
    if taskkill:
        subprocess.run([taskkill, "/T", "/F", "/PID", str(proc.pid)], capture_output=True, check=False)
    with contextlib.suppress(OSError):
        proc.kill()


def _pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        raise OutputError("Không tìm thấy pdftoppm (gói poppler-utils) để dựng ảnh trang PDF.")
    return found


def _render(pdf: Path | str, out: Path | str, page: int, dpi: int, kind: str) -> Path:
    """Render one page with pdftoppm; ``kind`` is "png" or "gray" (PGM)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = ".png" if kind == "png" else ".pgm"
    root = out.with_suffix("")
    cmd = [_pdftoppm(), f"-{kind}", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
           str(pdf), str(root)]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise OutputError(f"pdftoppm dựng trang {page} của «{Path(pdf).name}» quá lâu, đã dừng.") from None
    produced = root.with_suffix(suffix)
    if run.returncode != 0 or not produced.is_file():
        raise OutputError(f"Không dựng được trang {page} của «{Path(pdf).name}»: {run.stderr.strip()}")
    if produced != out:
        produced.replace(out)
    return out


def pdf_page_to_png(pdf: Path | str, png: Path | str, page: int = 1, dpi: int = 60) -> Path:
    """Render page ``page`` (1-based) of ``pdf`` to the PNG file ``png``."""
    return _render(pdf, png, page, dpi, "png")


def pdf_page_to_pgm(pdf: Path | str, pgm: Path | str, page: int = 1, dpi: int = 60) -> Path:
    """Render page ``page`` of ``pdf`` as a grayscale PGM (what ``image_ink_ratio`` reads best)."""
    return _render(pdf, pgm, page, dpi, "gray")


def _pgm_pixels(data: bytes) -> tuple[bytes, int]:
    """Pixel bytes and max value of a binary (P5) PGM."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields[0] != b"P5":
        raise ValueError("not a binary PGM")
    width, height, maxval = int(fields[1]), int(fields[2]), int(fields[3])
    if maxval > 255:
        raise ValueError("16-bit PGM is not supported")
    pixels = data[pos + 1: pos + 1 + width * height]
    return pixels, maxval


def image_ink_ratio(image: Path | str, threshold: float = 0.9) -> float:
    """Fraction of pixels darker than ``threshold`` × white.

    Reads a binary PGM (``pdf_page_to_pgm``) or an 8-bit PNG (``pdf_page_to_png``,
    decoded here with zlib), so no imaging library is needed.
    """
    image = Path(image)
    data = image.read_bytes()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        data = _png_to_gray(data)
        pixels, maxval = data, 255
    else:
        pixels, maxval = _pgm_pixels(data)
    if not pixels:
        return 0.0
    limit = threshold * maxval
    dark = sum(1 for p in pixels if p < limit)
    return dark / len(pixels)


def _png_to_gray(data: bytes) -> bytes:
    """Gray bytes of a non-interlaced 8-bit PNG (gray, RGB or RGBA), decoded with zlib."""
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif ctype == b"IDAT":
            idat += chunk
        pos += 12 + length
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, color, _c, _f, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(color)
    if depth != 8 or channels is None or interlace:
        raise ValueError("only 8-bit non-interlaced gray/RGB(A) PNG is supported")
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    out = bytearray()
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        prev = line
        if channels in (1, 2):
            out += line[::channels]
        else:
            out += bytes((line[i] * 299 + line[i + 1] * 587 + line[i + 2] * 114) // 1000
                         for i in range(0, stride, channels))
    return bytes(out)
