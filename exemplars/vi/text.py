"""Text hygiene and matching keys for cell text.

Order matters when reading a cell: **legacy detection first, then cleaning**.
TCVN3 stores "ư" as byte 0xAD, which arrives as U+00AD SOFT HYPHEN — an
invisible character that ``clean_text`` removes.  Callers therefore run
``exemplars.vi.legacy_detect.fix_legacy`` on the raw text and only then ``clean_text``
(``exemplars.vi.values.parse_text`` does exactly that).

* ``clean_text`` — what is stored and printed: NFC, no invisible characters,
  single spaces, Vietnamese Đ/đ instead of the Icelandic look-alikes.
* ``fold`` — a matching key: lower case, no diacritics (đ → d), ASCII for
  Vietnamese text, normalised punctuation spacing.  Idempotent.
* ``name_key`` — ``fold`` without honorifics and titles (Ông, Bà, Đ/c, TS. …).
* ``header_key`` — ``fold`` reduced to letters, digits and single spaces.

All functions are called once per cell over thousands of files, so each has a
fast path for text that is already clean and every table is built at import.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Format characters (Unicode category Cf) and C0/C1 controls except "\n".
# Listed as ranges so that nothing has to scan the whole code space at import.
_INVISIBLE_RANGES = (
    "\x00-\x09\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_RANGES}]")

# Space separators (category Zs) become a plain space; tabs too.
_SPACE_CHARS = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TRANSLATE = {ord(c): " " for c in _SPACE_CHARS}
_TRANSLATE.update({
    0x00D0: "\u0110",  # Ð (eth) looks like Đ
    0x00F0: "\u0111",  # ð (eth) looks like đ
    0x000D: "\n",
    0x2028: "\n",  # line separator
    0x2029: "\n",  # paragraph separator
    0x000B: "\n",  # vertical tab: what Excel stores for some pasted line breaks
    0x000C: "\n",
})
_SPACE_RUN_RE = re.compile(r" {2,}")
_LINE_EDGE_RE = re.compile(r" ?\n ?")


def _is_clean(s: str) -> bool:
    """True when ``clean_text(s) == s`` can be decided cheaply (common case)."""
    return (
        s.isprintable()  # excludes controls, \n, \t, NBSP and every Cf/Zs character but " "
        and "  " not in s
        and s[:1] != " "
        and s[-1:] != " "
        and (s.isascii() or ("\u00d0" not in s and "\u00f0" not in s and unicodedata.is_normalized("NFC", s)))
    )


def clean_text(s: str) -> str:
    """Text as it should be stored: NFC, visible characters only, tidy spaces.

    Keeps line breaks ("\\r\\n" and "\\r" become "\\n"); collapses runs of
    spaces and tabs; strips every line and the whole text; removes U+00AD, so
    never call it before legacy detection (see the module docstring).
    """
    if _is_clean(s):
        return s
    s = s.replace("\r\n", "\n").translate(_TRANSLATE)
    s = _INVISIBLE_RE.sub("", s)
    s = unicodedata.normalize("NFC", s)
    if "  " in s:
        s = _SPACE_RUN_RE.sub(" ", s)
    if "\n" in s:
        s = _LINE_EDGE_RE.sub("\n", s)
    return s.strip(" \n")


def _base_letter(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Every precomposed Latin letter (Latin-1, Extended-A/B, Extended Additional)
# mapped to its letter without marks; đ/Đ do not decompose, so map them by hand.
_DEACCENT = {}
for _cp in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
    _ch = chr(_cp)
    _base = _base_letter(_ch)
    if _base != _ch and _base:
        _DEACCENT[_cp] = _base
_DEACCENT.update({0x0110: "D", 0x0111: "d", 0x00D0: "D", 0x00F0: "d"})
del _cp, _ch, _base

_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u00b4"}
_QUOTES.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"})
_FOLD_PUNCT = {**_DASHES, **_QUOTES, ord("\n"): " "}
# No space before closing punctuation, none after opening brackets, none around / - &.
_PUNCT_SPACING_RE = re.compile(r" +(?=[,.;:!?)\]}/&-])|(?<=[(\[{/&-]) +")


@functools.lru_cache(maxsize=1 << 16)  # a pure function of short texts that repeat across candidates
def fold(s: str) -> str:
    """Matching key: cleaned, lower case, no diacritics (đ → d), tidy punctuation.

    ``fold("  Nguyễn   Văn ĐỨC ")`` → ``"nguyen van duc"``; idempotent.
    """
    if not s.isascii():
        s = clean_text(s).lower().translate(_DEACCENT)
        if not s.isascii():
            # Marks the precomposed table does not cover (e.g. stray combining characters).
            s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
            s = unicodedata.normalize("NFC", s)
        s = s.translate(_FOLD_PUNCT)
    else:
        s = clean_text(s).lower().replace("\n", " ")
    s = _SPACE_RUN_RE.sub(" ", s) if "  " in s else s
    if " " in s:
        s = _PUNCT_SPACING_RE.sub("", s)
    return s.strip(" ")


_HONORIFIC_RE = re.compile(
    r"^(?:(?:ong|ba|d/c|dc|d\.c\.?|dong chi|gs|pgs|ts|tskh|ths|bs|bscki|bsckii|ks|cn|ncs)"
    r"(?=[\s.,:;/-]|$)[\s.,:;/-]*)+"
)
_EDGE_PUNCT = " .,;:!?-/'\"()[]{}*"


def name_key(s: str) -> str:
    """Key for comparing person or collective names.

    ``fold`` plus removal of leading honorifics and titles (Ông, Bà, Đ/c, đồng
    chí, GS., PGS., TS., ThS., BS., KS., CN., in any combination such as
    "PGS.TS.") and of punctuation around the name.  Never returns "" for a
    text that is only a title: then the folded title itself is returned.
    """
    folded = fold(s)
    stripped = _HONORIFIC_RE.sub("", folded).strip(_EDGE_PUNCT)
    return stripped or folded.strip(_EDGE_PUNCT)


_NON_WORD_RE = re.compile(r"[\W_]+")


def header_key(s: str) -> str:
    """``fold`` reduced to letters, digits and single spaces, for header matching.

    ``header_key("Họ và tên / Tên tập thể") == header_key("HO VA TEN/TEN TAP THE")``
    (both ``"ho va ten ten tap the"``).
    """
    return _NON_WORD_RE.sub(" ", fold(s)).strip()


# --- Vietnamese syllables (used to tell legacy-encoded text from real words) ---

_TONE_MARKS = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên êng ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu y yêm yên yêt yêu
o oc oi om on ong ooc oong op ot oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt oe oem oen oeo oet ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut ua uê uy uơ uân uâng uât uây uôc uôi uôm uôn uông uôt
uêch uên uênh uêt uya uych uyên uyêt uyn uynh uyp uyt uyu
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
ak ăk ôk uk
""".split())  # the k-final rhymes spell place names of the Central Highlands (Đắk Lắk, Krông Búk)
_STOP_CODAS = ("c", "ch", "p", "t", "k")
_FRONT_VOWELS = ("i", "e", "ê", "y")
# A rhyme that opens with the glide o/u (hoa, khuê, quy) takes no labial onset ("phoá", "buân" are
# no Vietnamese), and after "qu" the glide is already spoken ("quoác" is VNI for "quốc").
_LABIAL_ONSETS = ("b", "m", "p", "ph", "v")
_GLIDE_RHYME = re.compile(r"^(?:o[aăe]|u[âêyơ])")


# Every lower-case Vietnamese letter → (letter without tone, tone name or "").
_VIET_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONED = {}
for _bare_letter in _VIET_LETTERS:
    _TONED[_bare_letter] = (_bare_letter, "")
    for _mark in _TONE_MARKS if _bare_letter in "aăâeêioôơuưy" else ():
        _TONED[unicodedata.normalize("NFC", _bare_letter + _mark)] = (_bare_letter, _TONE_MARKS[_mark])
del _bare_letter, _mark
_WORD_RE = re.compile(r"[^\W\d_]+")


def _tone_positions(rhyme: str) -> tuple[int, ...]:
    """Where a tone mark may sit in ``rhyme`` (old "hòa" and new "hoà" placement both allowed)."""
    for i in range(len(rhyme) - 1, -1, -1):
        if rhyme[i] in "ăâêôơư":  # a vowel with a modifier carries the tone (ươ: on ơ)
            return (i,)
    nucleus_end = len(rhyme.rstrip("cghmnpt"))
    if nucleus_end < len(rhyme) or nucleus_end == 1:
        return (nucleus_end - 1,)  # closed syllable: the last vowel
    if nucleus_end == 2:
        return (0, 1) if rhyme in ("oa", "oe", "uy") else (0,)
    return (1,)  # oai, oay, uya, uyu, oeo: the middle vowel


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` (one syllable, any case, NFC) is spelled like a Vietnamese syllable.

    Checks onset, rhyme, at most one tone and its place, the sắc/nặng-only rule
    for rhymes ending in c/ch/p/t (a level-tone "phôc" is impossible), the onset–rhyme
    pairs (no labial before the o/u glide, no second glide after "qu") and the c/k, g/gh,
    ng/ngh spelling rules.
    """
    bare_letters = []
    tone, tone_at = "", -1
    for i, ch in enumerate(word.lower()):
        entry = _TONED.get(ch)
        if entry is None:
            return False
        bare_letters.append(entry[0])
        if entry[1]:
            if tone:
                return False
            tone, tone_at = entry[1], i
    bare = "".join(bare_letters)
    for onset in _ONSETS:
        if not bare.startswith(onset):
            continue
        rhyme, start = bare[len(onset):], len(onset)
        if rhyme not in _RHYMES:
            # "gìn", "quỳnh": the i of gi / the u of qu belongs to the rhyme too.
            shared = onset[-1] if onset in ("gi", "qu") else ""
            if not shared or shared + rhyme not in _RHYMES:
                continue
            rhyme, start = shared + rhyme, start - 1
        if onset in ("c", "g", "ng") and rhyme.startswith(_FRONT_VOWELS):
            continue
        if onset in ("k", "gh", "ngh") and not rhyme.startswith(_FRONT_VOWELS):
            continue
        if rhyme.endswith(_STOP_CODAS) and tone not in ("acute", "dot"):
            continue  # stop-final syllables carry sắc or nặng, never the level tone ("Phôc", "Êp")
        if onset in _LABIAL_ONSETS and _GLIDE_RHYME.match(rhyme):
            continue
        if onset == "qu" and start == len(onset) and rhyme[:1] in ("o", "u"):
            continue
        if tone and tone_at - start not in _tone_positions(rhyme):
            continue
        return True
    return False


_CONSONANTS = frozenset("bcdđghklmnpqrstvx")


def _cased_like_a_word(word: str, neutral: str) -> bool:
    """Lower case, capitals or title case, ignoring the ``neutral`` letters (whose case is unknown)."""
    letters = "".join(c for c in word if c not in neutral) if neutral else word
    return letters.islower() or letters.isupper() or not letters or (
        letters[0].isupper() and (len(letters) == 1 or letters[1:].islower()))


def syllable_score(s: str, neutral: str = "") -> tuple[int, int]:
    """(valid, invalid) Vietnamese syllables among the words of ``s`` that have non-ASCII letters.

    One-letter words and abbreviations made of consonants only ("HĐND", "QĐ")
    are too weak a signal either way and are not counted.  A word mixing cases
    ("BÕn": TCVN3 "Bến" read as Unicode) is invalid; letters in ``neutral`` count
    as either case (TCVN3 decodes most accented capitals to lower case).
    """
    valid = invalid = 0
    for word in _WORD_RE.findall(s):
        if word.isascii() or len(word) < 2:
            continue
        if is_vietnamese_syllable(word) and _cased_like_a_word(word, neutral):
            valid += 1
        elif not _CONSONANTS.issuperset(word.lower()):
            invalid += 1
    return valid, invalid
