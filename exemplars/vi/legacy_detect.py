"""Whether a cell holds TCVN3 or VNI text, decided from the cell, its font and its file.

Each cell is read three ways — as Unicode, as TCVN3, as VNI — and each reading is scored by
the Vietnamese syllables it spells (``exemplars.vi.text.syllable_score``: onset, rhyme, tone
and its place, stop-final and onset–rhyme rules, and a word's case).  A lone VNI mark
("phã") spoils the VNI reading.

* **One cell** (``detect_encoding``): a legacy reading must score clearly better than the
  Unicode one; on a tie between the two legacy readings VNI wins (its base-plus-mark pairs
  are the more specific evidence).  Unicode Vietnamese, English and foreign Latin-1 words
  ("Muñoz", "café") stay untouched, and so do micro units ("5 µm").
* **A column or a file** (``decide_encoding``): short cells are often ambiguous ("Tæ phã" is
  TCVN3 "Tổ phó" and VNI "Tỉ phã"; "Vò" is Unicode "vò" and TCVN3 "vũ"), so the encoding is
  decided once from the cells that are not, and every cell is then read under that decision
  unless it clearly contradicts it.  A tie with the Unicode reading goes to the decision only
  when no cell of the group is certainly Unicode (a letter like ư, ạ that no legacy cell holds).
* **A legacy font** is evidence, not an order: text whose reading under the font's encoding
  spells no Vietnamese while it already is Vietnamese Unicode stays as it is, and the
  ``Repair`` says the font was not followed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from exemplars.vi.legacy import TCVN3, VNI, convert, could_be_legacy, font_encoding, is_uppercase_font, reading
from exemplars.vi.text import syllable_score

_ENCODINGS = (VNI, TCVN3)  # VNI first: it wins a tie between the two legacy readings
# "5 µm", "10 µg": the micro sign of a unit after a number is never TCVN3 "à".
_MICRO_UNIT_RE = re.compile(r"(?<=\d)(\s?µ[A-Za-zΩ]{1,3}\b)")
# Vietnamese letters outside cp1252: a cell holding one is Unicode, whatever else it holds.
_UNICODE_ONLY_RE = re.compile("[ĂăĐđĨĩŨũƠơƯưẠ-ỹ]")
#: Cells a column needs of its own before its decision replaces the file's.
OWN_DECISION_CELLS = 3


@dataclass(frozen=True, slots=True)
class Repair:
    """A cell's text after legacy repair: ``encoding`` it was converted from (None: unchanged);
    ``font_ignored`` the legacy font of a cell that already held Unicode (left as it was)."""

    text: str
    encoding: str | None = None
    font_ignored: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """The encoding a group of cells (a column, a file) is read under.

    ``exclusive``: no cell of the group is certainly Unicode, so a cell that reads as well
    under ``encoding`` as under Unicode is taken as legacy.  ``cells``: how many cells
    decided on their own.
    """

    encoding: str | None
    exclusive: bool = False
    cells: int = 0


NO_DECISION = Decision(None)


@lru_cache(maxsize=16384)
def _scores(s: str) -> tuple[tuple[int, int], dict[str, tuple[int, int]]]:
    """(Unicode score, {encoding: score}) for each legacy reading that differs from the text."""
    masked = _MICRO_UNIT_RE.sub(" ", s)
    legacy = {}
    for encoding in _ENCODINGS:
        decoded, neutral = reading(masked, encoding)
        if decoded != masked:
            legacy[encoding] = syllable_score(decoded, neutral)
    return syllable_score(masked), legacy


def _acceptable(score: tuple[int, int]) -> bool:
    valid, invalid = score
    return valid > 0 and invalid * 4 <= valid + invalid  # at least 75 % valid


def _margin(score: tuple[int, int]) -> int:
    return score[0] - score[1]


@lru_cache(maxsize=16384)
def _detect_by_content(s: str) -> str | None:
    unicode_score, legacy = _scores(s)
    best, best_margin = None, _margin(unicode_score)
    for encoding in _ENCODINGS:
        score = legacy.get(encoding)
        if score is not None and _acceptable(score) and _margin(score) > best_margin:
            best, best_margin = encoding, _margin(score)
    return best


def _under_decision(s: str, decision: Decision) -> str | None:
    """The cell's encoding when its group is read under ``decision``."""
    own = _detect_by_content(s)
    wanted = decision.encoding
    if wanted is None or own == wanted:
        return own
    unicode_score, legacy = _scores(s)
    score = legacy.get(wanted)
    if score is None or not _acceptable(score):
        return own  # the cell clearly contradicts the decision
    if own is not None:  # the other legacy reading: follow the group unless it spells better
        return wanted if score[1] == 0 or _margin(score) >= _margin(legacy[own]) else own
    if _margin(score) == _margin(unicode_score) and decision.exclusive:
        return wanted
    return None


def detect_encoding(s: str, font_name: str | None = None, pooled: Decision | None = None) -> str | None:
    """"tcvn3", "vni" or None (Unicode or plain text): see ``repair``."""
    return repair(s, font_name, pooled).encoding


def repair(s: str, font_name: str | None = None, pooled: Decision | None = None) -> Repair:
    """The cell's text in Unicode, with the encoding it was converted from.

    ``font_name`` (when the reader knows it) decides unless the text already is Vietnamese
    Unicode that the font's encoding would garble; ``pooled`` is the decision of the cell's
    column or file (``decide_encoding``), used when there is no legacy font.
    """
    if not could_be_legacy(s):
        return Repair(s)
    by_font = font_encoding(font_name)
    if by_font is not None:
        unicode_score, legacy = _scores(s)
        score = legacy.get(by_font)
        if score is None:  # no letter changes ("lý"): only an "…H" font still shows it in capitals
            text = convert(s, by_font, font_name) if is_uppercase_font(font_name) else s
            return Repair(text, by_font) if text != s else Repair(s)
        if score[1] and _margin(unicode_score) > _margin(score):
            return Repair(s, None, font_name)
        encoding: str | None = by_font
    else:
        encoding = _under_decision(s, pooled) if pooled is not None else _detect_by_content(s)
    if encoding is None:
        return Repair(s)
    text = _convert_outside_units(s, encoding, font_name)
    return Repair(text, encoding) if text != s else Repair(s)


def _convert_outside_units(s: str, encoding: str, font_name: str | None) -> str:
    if "µ" not in s or not _MICRO_UNIT_RE.search(s):
        return convert(s, encoding, font_name)
    parts = _MICRO_UNIT_RE.split(s)  # odd items are the units, kept as they are
    return "".join(p if i % 2 else convert(p, encoding, font_name) for i, p in enumerate(parts))


def fix_legacy(s: str, font_name: str | None = None, pooled: Decision | None = None) -> tuple[str, str | None]:
    """(Unicode text, encoding it was converted from or None); ``(s, None)`` at once for ASCII."""
    if s.isascii():
        return s, None
    got = repair(s, font_name, pooled)
    return got.text, got.encoding


def decide_encoding(texts: Iterable[object], within: Decision | None = None) -> Decision:
    """The encoding a group of cells (a column, or all text cells of a file) is read under.

    Each cell that decides on its own votes; the group's encoding is the one with at least
    twice the votes of the other, else none (every cell is then read alone).  A column with
    fewer than ``OWN_DECISION_CELLS`` votes of its own takes ``within`` (its file's decision).
    """
    votes = {TCVN3: 0, VNI: 0}
    certainly_unicode = False
    for text in texts:
        if type(text) is not str or text.isascii():
            continue
        if not could_be_legacy(text):
            certainly_unicode = certainly_unicode or _UNICODE_ONLY_RE.search(text) is not None
            continue
        own = _detect_by_content(text)
        if own is not None:
            votes[own] += 1
        elif _margin(_scores(text)[0]) > max((_margin(sc) for sc in _scores(text)[1].values()), default=-99):
            certainly_unicode = True  # a cell that reads better as Unicode than as either encoding
    decided = sum(votes.values())
    if within is not None and decided < OWN_DECISION_CELLS:
        return Decision(within.encoding, within.exclusive and not certainly_unicode, decided)
    best, other = (TCVN3, VNI) if votes[TCVN3] >= votes[VNI] else (VNI, TCVN3)
    if votes[best] == 0 or votes[best] < 2 * votes[other]:
        return Decision(None, False, decided)
    return Decision(best, not certainly_unicode, decided)
