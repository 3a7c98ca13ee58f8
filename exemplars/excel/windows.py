"""What Windows does to a clerk's workbook: short paths, Trusted Locations, the internet mark, synced folders.

Plain functions over paths, registry values and environment variables, so the
rules are tested on any machine; only ``short_path`` and ``trusted_locations``
touch Windows itself (``GetShortPathNameW``, the registry), and they return the
neutral answer elsewhere.  ``cai-dat.bat`` (``exemplars.excel.bundle.scripts``)
writes the Trusted Location that ``is_trusted`` later recognises, with the same
key names.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

#: CPython versions the Windows bundle carries wheels for (cai-dat.bat accepts exactly these).
SUPPORTED_PYTHONS = ("3.11", "3.12", "3.13")
#: Office versions whose Excel keeps Trusted Locations under HKCU (2010, 2013, 2016 and later incl. 365).
OFFICE_VERSIONS = ("16.0", "15.0", "14.0")
TRUSTED_KEY = r"Software\Microsoft\Office\{version}\Excel\Security\Trusted Locations"
POLICY_KEY = r"Software\Policies\Microsoft\Office\{version}\Excel\Security\Trusted Locations"
#: The subkey cai-dat.bat adds (Excel reads every subkey; Location0… are only Excel's own names).
LOCATION_NAME = "ExemplarsThiDua"
#: Zone ids of the internet mark that make Office block macros (3 Internet, 4 Restricted sites).
BLOCKED_ZONES = {3: "Internet", 4: "Restricted sites"}
_ZONE = re.compile(r"^\s*ZoneId\s*=\s*(\d+)", re.M)
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")


@dataclass(frozen=True)
class TrustedLocation:
    path: str
    subfolders: bool
    source: str  # the registry key it came from


def short_path(path: str, shorten: Callable[[str], str] | None = None) -> str:
    """``path`` in its 8.3 short form when it is not ASCII (VBA and cmd.exe pass it through ANSI code pages).

    The long path comes back unchanged when the volume keeps no short names
    (``fsutil 8dot3name``); «Kiểm tra cài đặt» then says so.
    """
    if path.isascii():
        return path
    if shorten is None:
        if sys.platform != "win32":
            return path
        shorten = _windows_short_path
    return shorten(path) or path


def _windows_short_path(path: str) -> str:
    if sys.platform != "win32":  # ctypes.windll exists only there
        return path
    buffer = ctypes.create_unicode_buffer(32768)
    length = ctypes.windll.kernel32.GetShortPathNameW(path, buffer, len(buffer))
    return buffer.value if 0 < length < len(buffer) else path


def trusted_locations() -> list[TrustedLocation]:
    """Excel's Trusted Locations of the current user (user settings and group policy); empty off Windows."""
    if sys.platform != "win32":
        return []
    import winreg  # the module exists only on Windows

    found: list[TrustedLocation] = []
    for version in OFFICE_VERSIONS:
        for template in (TRUSTED_KEY, POLICY_KEY):
            key_name = template.format(version=version)
            try:
                key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_name)
            except OSError:
                continue
            with key:
                index = 0
                while True:
                    try:
                        sub = winreg.EnumKey(key, index)
                    except OSError:
                        break
                    index += 1
                    values = _values(winreg, key, sub)
                    if values.get("path"):
                        found.append(TrustedLocation(str(values["path"]), bool(values.get("allowsubfolders")),
                                                     f"HKCU\\{key_name}\\{sub}"))
    return found


def _values(winreg, key, sub: str) -> dict[str, object]:
    out: dict[str, object] = {}
    with winreg.OpenKey(key, sub) as location:
        index = 0
        while True:
            try:
                name, value, _ = winreg.EnumValue(location, index)
            except OSError:
                return out
            out[name.lower()] = value
            index += 1


def _norm(path: str, env: Mapping[str, str]) -> str:
    """A Windows path for comparison: variables expanded, case folded, one trailing separator."""
    expanded = re.sub(r"%([^%]+)%", lambda m: env.get(m.group(1), env.get(m.group(1).upper(), m.group(0))), path)
    text = str(PureWindowsPath(expanded.replace("/", "\\")))
    return text.rstrip("\\").casefold() + "\\"


def is_trusted(folder: Path | str, locations: list[TrustedLocation],
               env: Mapping[str, str] | None = None) -> TrustedLocation | None:
    """The Trusted Location that covers ``folder`` (itself, or a parent when subfolders are allowed)."""
    env = os.environ if env is None else env
    target = _norm(str(folder), env)
    for location in locations:
        root = _norm(location.path, env)
        if target == root or (location.subfolders and target.startswith(root)):
            return location
    return None


def zone_of(workbook: Path | str) -> int | None:
    """ZoneId of the file's ``Zone.Identifier`` stream (the internet mark), or None without one.

    On NTFS ``name:Zone.Identifier`` opens the alternate data stream; elsewhere
    it is an ordinary file name, which no file has.
    """
    try:
        with open(f"{workbook}:Zone.Identifier", encoding="utf-8", errors="replace") as stream:
            text = stream.read()
    except OSError:
        return None
    match = _ZONE.search(text)
    return int(match.group(1)) if match else 0


def remove_zone_mark(path: Path | str) -> bool:
    """Delete the file's internet mark (what Properties › Unblock does); True when there was one."""
    try:
        os.remove(f"{path}:Zone.Identifier")
    except OSError:
        return False
    return True


def risky_folder(folder: Path | str, env: Mapping[str, str] | None = None) -> str | None:
    """Why ``folder`` is a poor working folder (OneDrive-synced, or Downloads); None when it is fine."""
    env = os.environ if env is None else env
    text = str(folder)
    if re.match(r"^https?://", text, re.I):
        return "OneDrive/SharePoint (tệp mở từ đường dẫn web)"
    target = _norm(text, env)
    for variable in ONEDRIVE_VARIABLES:
        root = env.get(variable)
        if root and target.startswith(_norm(root, env)):
            return "OneDrive (thư mục được đồng bộ)"
    parts = [p.casefold() for p in PureWindowsPath(text.replace("/", "\\")).parts]
    if any(p.startswith("onedrive") for p in parts):
        return "OneDrive (thư mục được đồng bộ)"
    profile = env.get("USERPROFILE")
    if (profile and target.startswith(_norm(profile + "\\Downloads", env))) or "downloads" in parts:
        return "Downloads (thư mục tải về)"
    return None
