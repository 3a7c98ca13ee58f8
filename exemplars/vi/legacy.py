"""TCVN3 (ABC) and VNI-Windows text: the tables, conversion to Unicode, and back.

Old templates keep legacy fonts for decades, so cells still hold the *cp1252
characters* of legacy bytes ("Céng hßa" for "Cộng hòa" in TCVN3, "Coäng hoøa"
in VNI).  Tables come from ``exemplars/vi/legacy_encodings.json`` (one row per
letter: Unicode, TCVN3 byte(s), VNI byte(s), VNI as Latin-1 text).

* TCVN3 is single-byte and has codes for only seven capitals (Ă Â Ê Ô Ơ Ư Đ);
  every other accented capital shares the lower-case byte and looks upper-case
  only through an "…H" font (``.VnTimeH``).  Decoding therefore yields lower
  case; ``convert`` upper-cases the result for "…H" fonts and for text the source
  shows in capitals (plain capitals after a word's first letter, capital codes:
  "DANH S¸CH"), and keeps title case ("Lª Tó" is "Lê Tú").
* VNI is base letter + trailing mark byte, with single bytes for some letters
  (đ ơ ư í ì ỉ ĩ ị ỵ and capitals); decoding is longest match first.

Whether and how a cell is converted is decided in ``exemplars.vi.legacy_detect``
(per cell, per column and file, font as evidence); ``reading`` gives it the texts to score.
Text containing characters that no legacy cell can hold (ư, ơ, ạ … or anything
outside cp1252) is Unicode, whatever the font says.

Never clean text (``exemplars.vi.text.clean_text``) before detection: TCVN3 "ư" is
U+00AD SOFT HYPHEN.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

TCVN3 = "tcvn3"
VNI = "vni"
#: Labels shown to clerks in notices.
ENCODING_LABELS = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}


def _load_rows() -> list[list[str]]:
    text = resources.files("exemplars.vi").joinpath("legacy_encodings.json").read_text(encoding="utf-8")
    return json.loads(text)


def _latin1(hex_bytes: str) -> str:
    return bytes.fromhex(hex_bytes).decode("latin-1")


def _build_tables() -> tuple[dict[int, str], dict[int, str], dict[str, str], dict[int, str]]:
    tcvn_decode: dict[int, str] = {}
    tcvn_encode: dict[int, str] = {}
    vni_decode: dict[str, str] = {}
    vni_encode: dict[int, str] = {}
    for uni, tcvn_hex, vni_hex, _ in _load_rows():
        if uni.isascii():
            continue
        legacy = _latin1(tcvn_hex)
        tcvn_encode[ord(uni)] = legacy
        # Capitals without an own code share the lower-case byte: decode to lower case.
        if ord(legacy) not in tcvn_decode or uni.islower():
            tcvn_decode[ord(legacy)] = uni
        vni = _latin1(vni_hex)
        vni_encode[ord(uni)] = vni
        vni_decode[vni] = uni
    return tcvn_decode, tcvn_encode, vni_decode, vni_encode


_TCVN3_DECODE, _TCVN3_ENCODE, _VNI_DECODE, _VNI_ENCODE = _build_tables()


def _vni_pattern() -> re.Pattern[str]:
    pairs: dict[str, list[str]] = {}
    singles: list[str] = []
    for seq in _VNI_DECODE:
        if len(seq) == 2:
            pairs.setdefault(seq[0], []).append(seq[1])
        else:
            singles.append(seq)
    # Two-character sequences first: "ôù" is ớ, a lone "ô" is ơ.
    alternatives = [re.escape(base) + "[" + "".join(marks) + "]" for base, marks in sorted(pairs.items())]
    alternatives.append("[" + "".join(sorted(singles)) + "]")
    return re.compile("|".join(alternatives))


_VNI_RE = _vni_pattern()
_TCVN3_CHARS = frozenset(chr(c) for c in _TCVN3_DECODE)
_VNI_CHARS = frozenset(c for seq in _VNI_DECODE for c in seq if not c.isascii())
_LEGACY_CHARS = _TCVN3_CHARS | _VNI_CHARS
_LEGACY_CHAR_RE = re.compile("[" + re.escape("".join(sorted(_LEGACY_CHARS))) + "]")
# cp1252 puts printable characters (– — “ ” … € ™) on bytes 0x80–0x9F; a legacy
# cell can hold those, but nothing else beyond Latin-1.
_CP1252_EXTRAS = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_NOT_LEGACY_RE = re.compile("[^\x00-\xff" + re.escape(_CP1252_EXTRAS) + "]")

_TCVN3_FONT_RE = re.compile(r"^\s*\.?vn(?!i[-_ ])[a-z]", re.IGNORECASE)
_VNI_FONT_RE = re.compile(r"^\s*vni[-_ ]", re.IGNORECASE)


def font_encoding(font_name: str | None) -> str | None:
    """"tcvn3" for ABC fonts (".VnTime", ".VnArialH" …), "vni" for "VNI-…" fonts, else None."""
    if not font_name:
        return None
    if _VNI_FONT_RE.match(font_name):
        return VNI
    if _TCVN3_FONT_RE.match(font_name):
        return TCVN3
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    """True for TCVN3 capital fonts (".VnTimeH", ".VnArialH"): every letter shows as a capital."""
    return font_name is not None and font_encoding(font_name) == TCVN3 and font_name.rstrip().endswith("H")


def _decode(s: str, encoding: str) -> str:
    if encoding == TCVN3:
        return s.translate(_TCVN3_DECODE)
    if encoding == VNI:
        return _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], s)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


# Lower-case letters whose capitals TCVN3 has no code for: in a decoded text their case is unknown.
_TCVN3_NEUTRAL = "".join(sorted({u for u in _TCVN3_DECODE.values() if u.islower() and u not in "ăâêôơưđ"}))
_TCVN3_CAPITAL_CODES = frozenset("\xa1\xa2\xa3\xa4\xa5\xa6\xa7")  # Ă Â Ê Ô Ơ Ư Đ
_TCVN3_SMALL_CODES = frozenset("\xa8\xa9\xaa\xab\xac\xad\xae")  # ă â ê ô ơ ư đ


def _typed_in_capitals(s: str) -> bool:
    """The TCVN3 source shows capitals and nothing in lower case (text typed for an "…H" font).

    Capitals are plain capitals after a word's first letter and the seven capital codes; a
    word's first capital alone proves nothing ("Lª Tó" is "Lê Tú", not "LÊ TÚ").
    """
    upper = lower = 0
    for word in s.split():
        for i, c in enumerate(word):
            if c in _TCVN3_CAPITAL_CODES or (i and c.isascii() and c.isupper()):
                upper += 1
            elif c.isascii() and c.islower():
                return False
            elif c in _TCVN3_SMALL_CODES:
                lower += 1
    return upper > lower


def _restore_title_case(text: str) -> str:
    """ "Lê Văn ánh" → "Lê Văn Ánh": when every other word is capitalised, so is a word whose first
    letter had no TCVN3 capital code."""
    words = text.split(" ")
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    if len(lettered) < 2:
        return text
    pending = [w for w in lettered if w[0] in _TCVN3_NEUTRAL]
    others = [w for w in lettered if w[0] not in _TCVN3_NEUTRAL]
    if not pending or not others or not all(w[0].isupper() and _tail_not_upper(w) for w in others):
        return text
    return " ".join(w[0].upper() + w[1:] if w and w[0] in _TCVN3_NEUTRAL else w for w in words)


def _tail_not_upper(word: str) -> bool:
    return not any(c.isupper() for c in word[1:])


def convert(s: str, encoding: str, font_name: str | None = None) -> str:
    """``s`` (legacy bytes as cp1252 text) in Unicode NFC.

    TCVN3 loses the case of most accented capitals; it is restored from the font (an "…H"
    font shows every letter as a capital) or else from the source's own case pattern: text
    typed in capitals stays in capitals, title case stays title case.
    """
    text = unicodedata.normalize("NFC", _decode(s, encoding))
    if encoding == TCVN3:
        if is_uppercase_font(font_name) or _typed_in_capitals(s):
            return text.upper()
        return _restore_title_case(text)
    return text


def encode(s: str, encoding: str) -> str:
    """Unicode ``s`` as a legacy cell would hold it (cp1252 characters of the bytes).

    TCVN3 loses the case of accented capitals other than Ă Â Ê Ô Ơ Ư Đ, exactly as
    the encoding does.  Used by tests and to fabricate legacy cells.
    """
    s = unicodedata.normalize("NFC", s)
    if encoding == TCVN3:
        return s.translate(_TCVN3_ENCODE)
    if encoding == VNI:
        return s.translate(_VNI_ENCODE)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def could_be_legacy(s: str) -> bool:
    """Cheap pre-check: False when ``s`` surely is not legacy text (ASCII, or Unicode-only characters).

    Unicode Vietnamese (ạ … ỹ, ư, ơ, đ) stops the first search at its first such letter.
    """
    return not s.isascii() and _NOT_LEGACY_RE.search(s) is None and _LEGACY_CHAR_RE.search(s) is not None


# VNI mark bytes (the tone / modifier that follows a base letter): in VNI text they never stand
# alone, so a lone one ("phã") proves a text is not VNI.
_VNI_MARKS = frozenset(seq[1] for seq in _VNI_DECODE if len(seq) == 2) - frozenset(
    seq for seq in _VNI_DECODE if len(seq) == 1)
_VNI_SCAN_RE = re.compile(_VNI_RE.pattern + "|[" + re.escape("".join(sorted(_VNI_MARKS))) + "]")
#: Stands for a lone VNI mark in a reading that is only scored: a letter of no Vietnamese syllable.
NOT_A_LETTER = "\u0294"


def reading(s: str, encoding: str) -> tuple[str, str]:
    """(``s`` decoded for scoring, letters whose case is unknown): lone VNI marks become ``NOT_A_LETTER``."""
    if encoding == TCVN3:
        return unicodedata.normalize("NFC", s.translate(_TCVN3_DECODE)), _TCVN3_NEUTRAL
    return unicodedata.normalize("NFC", _VNI_SCAN_RE.sub(lambda m: _VNI_DECODE.get(m.group(), NOT_A_LETTER), s)), ""
