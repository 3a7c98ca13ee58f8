"""TCVN3 / VNI detection and conversion."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from exemplars.vi.legacy import TCVN3, VNI, convert, encode, font_encoding, is_uppercase_font
from exemplars.vi.legacy_detect import decide_encoding, detect_encoding, fix_legacy, repair

ROWS = json.loads(resources.files("exemplars.vi").joinpath("legacy_encodings.json").read_text("utf-8"))

SAMPLES = [
    # (Unicode, TCVN3 as cp1252 text, VNI as cp1252 text) — the examples of the domain brief
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Céng hßa x· héi chñ nghÜa ViÖt Nam",
     "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
    ("Nguyễn Thị Hương", "NguyÔn ThÞ H\u00ad\u00acng", "Nguyeãn Thò Höông"),
    ("Điển hình tiên tiến", "§iÓn h×nh tiªn tiÕn", "Ñieån hình tieân tieán"),
    ("Đồng Nai", "§ång Nai", "Ñoàng Nai"),
    ("Độc lập - Tự do - Hạnh phúc", "§éc lËp - Tù do - H¹nh phóc", "Ñoäc laäp - Töï do - Haïnh phuùc"),
]


def test_packaged_table_is_the_shared_table():
    # The reference material sits beside the repository (../shared), where it is present.
    shared = Path(__file__).resolve().parents[2] / "shared" / "domain" / "legacy_encodings.json"
    if not shared.exists():
        pytest.skip("shared reference not available")
    assert json.loads(shared.read_text("utf-8")) == ROWS


@pytest.mark.parametrize(("uni", "tcvn3", "vni"), SAMPLES)
def test_detect_and_convert_without_font(uni, tcvn3, vni):
    assert detect_encoding(tcvn3) == TCVN3
    assert detect_encoding(vni) == VNI
    assert fix_legacy(tcvn3) == (uni, TCVN3)
    assert fix_legacy(vni) == (uni, VNI)


@pytest.mark.parametrize(("uni", "tcvn3", "vni"), SAMPLES)
def test_encode_produces_the_legacy_text(uni, tcvn3, vni):
    plain_lower = "".join(c.lower() if c.isascii() else c for c in tcvn3).replace("§", "®")
    assert encode(uni.lower(), TCVN3) == plain_lower
    assert encode(uni, VNI) == vni


@pytest.mark.parametrize(
    "text",
    ["Muñoz", "Jürgen Müller", "Ñandú", "café", "José María", "São Paulo", "Résumé", "Peña Nieto", "Gómez",
     "Bà Lê", "Tôi là", "Không", "Có", "Ông", "Hà", "Nguyễn Thị Hương", "Phòng Quản lý", "Hello world", "",
     "Zoë", "naïve façade", "Ærø", "Straße", "Ñ", "½ ¼ ©"],
)
def test_not_detected_without_font(text):
    assert detect_encoding(text) is None
    assert fix_legacy(text) == (text, None)


def test_every_letter_converts_back_from_both_encodings():
    for uni, tcvn_hex, vni_hex, vni_text in ROWS:
        assert convert(bytes.fromhex(vni_hex).decode("latin-1"), VNI) == uni
        assert vni_text == bytes.fromhex(vni_hex).decode("latin-1")
        # TCVN3 has codes for seven capitals only; the others decode to lower case.
        expected = uni if uni.isascii() or uni in "ĂÂÊÔƠƯĐ" or uni.islower() else uni.lower()
        assert convert(bytes.fromhex(tcvn_hex).decode("latin-1"), TCVN3, font_name=".VnTime") == expected


def test_tcvn3_capital_font_restores_case():
    assert convert("danh s¸ch ®Ò nghÞ", TCVN3, ".VnTimeH") == "DANH SÁCH ĐỀ NGHỊ"
    assert fix_legacy("danh s¸ch", ".VnArialH") == ("DANH SÁCH", TCVN3)
    assert convert("danh s¸ch", TCVN3, ".VnTime") == "danh sách"


def test_tcvn3_all_capitals_without_font_are_upper_cased():
    assert fix_legacy("DANH S¸CH §Ò NGHÞ") == ("DANH SÁCH ĐỀ NGHỊ", TCVN3)
    assert fix_legacy("NguyÔn V¨n A") == ("Nguyễn Văn A", TCVN3)


def test_vni_keeps_capitals():
    caps = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    assert encode(caps, VNI) == "DANH SAÙCH ÑEÀ NGHÒ KHEN THÖÔÛNG"
    assert fix_legacy(encode(caps, VNI)) == (caps, VNI)


def test_font_name_is_the_strongest_signal():
    # "Bà Lê" reads as Unicode without a font; in a .VnTime cell the clerk sees "Bà Lờ".
    assert detect_encoding("Bà Lê") is None
    assert detect_encoding("Bà Lê", ".VnTime") == TCVN3
    assert detect_encoding("Tô", "VNI-Times") == VNI
    assert convert("Tô", VNI) == "Tơ"


def test_unicode_text_in_a_legacy_font_cell_is_left_alone():
    assert fix_legacy("Nguyễn Thị Hương", ".VnTime") == ("Nguyễn Thị Hương", None)
    assert fix_legacy("Nguyễn Thị Hương", "VNI-Times") == ("Nguyễn Thị Hương", None)


def test_ascii_and_fast_paths():
    assert fix_legacy("Nguyen Van A", ".VnTimeH") == ("Nguyen Van A", None)
    assert detect_encoding("abc", "VNI-Times") is None
    assert detect_encoding("Muñoz", "Times New Roman") is None


def test_cp1252_punctuation_does_not_prevent_detection():
    assert fix_legacy("§iÓn h×nh – “tiªn tiÕn”") == ("Điển hình – “tiên tiến”", TCVN3)


@pytest.mark.parametrize("text", ["HĐND tỉnh Đồng Nai", "Quyết định số 125/QĐ-UBND ngày 05/3/2020", "Ban TĐKT tỉnh"])
def test_abbreviations_do_not_hide_legacy_text(text):
    assert fix_legacy(encode(text.lower(), TCVN3)) == (text.lower(), TCVN3)
    assert fix_legacy(encode(text, VNI)) == (text, VNI)


def test_mostly_legacy_text_with_a_typo_is_still_detected():
    assert detect_encoding("B¸o c¸o thµnh tÝch cña tËp thÓ phßng Qu¶n lý ®Çu t­ xyzé") == TCVN3


@pytest.mark.parametrize(
    ("font", "encoding", "upper"),
    [
        (".VnTime", TCVN3, False), (".VnTimeH", TCVN3, True), (".VnArial NarrowH", TCVN3, True),
        (".VnCentury Schoolbook", TCVN3, False), ("VNI-Times", VNI, False), ("VNI-Helve", VNI, False),
        ("Times New Roman", None, False), ("Arial", None, False), (None, None, False), ("", None, False),
    ],
)
def test_font_names(font, encoding, upper):
    assert font_encoding(font) == encoding
    assert is_uppercase_font(font) is upper


def test_unknown_encoding_is_a_programming_error():
    with pytest.raises(ValueError):
        convert("abc", "viscii")
    with pytest.raises(ValueError):
        encode("abc", "viscii")


# --- the failures of the pooled-decision work: each of these went wrong before ---------------------

@pytest.mark.parametrize(("tcvn3", "meant"), [("Lª Tó", "Lê Tú"), ("Vâ Hµ", "Võ Hà"), ("Lª H¹", "Lê Hạ")])
def test_tcvn3_title_case_stays_title_case(tcvn3, meant):
    assert fix_legacy(tcvn3) == (meant, TCVN3)


def test_tcvn3_capitals_follow_the_source_case_pattern_in_a_plain_font():
    assert fix_legacy("Tæ PHã", ".VnTime") == ("TỔ PHÓ", TCVN3)
    assert fix_legacy("Lª V¨n ¸nh") == ("Lê Văn Ánh", TCVN3)  # every other word capitalised
    assert fix_legacy("Phã tr\u00adëng phßng") == ("Phó trưởng phòng", TCVN3)


@pytest.mark.parametrize(("tcvn3", "meant"), [("Tæ phã", "Tổ phó"), ("Thî lÆn", "Thợ lặn")])
def test_tcvn3_is_not_read_as_vni(tcvn3, meant):
    # VNI reads "Tỉ phã" (a lone VNI mark) and "Thỵ lỈn" (a word mixing cases).
    assert fix_legacy(tcvn3) == (meant, TCVN3)


@pytest.mark.parametrize(("tcvn3", "meant"), [("Phôc vô", "Phục vụ"), ("Êp 3", "ấp 3"), ("§¾k L¾k", "Đắk Lắk")])
def test_impossible_syllables_are_not_accepted_as_unicode(tcvn3, meant):
    assert fix_legacy(tcvn3) == (meant, TCVN3)


def test_vni_glide_after_qu_is_no_unicode_syllable():
    assert fix_legacy("Mai Quoác Sôn") == ("Mai Quốc Sơn", VNI)
    assert fix_legacy("Khu phoá 5") == ("Khu phố 5", VNI)


def test_unicode_in_a_legacy_font_that_would_garble_is_left_with_a_warning():
    got = repair("Chuyên viên chính", ".VnTime")
    assert (got.text, got.encoding, got.font_ignored) == ("Chuyên viên chính", None, ".VnTime")
    assert repair("Bà Lê", ".VnTime").encoding == TCVN3  # reads as Vietnamese under the font: the font decides


def test_a_legacy_font_that_changes_nothing_reports_no_conversion():
    assert fix_legacy("Chuyên viên chính", "VNI-Times") == ("Chuyên viên chính", None)


@pytest.mark.parametrize("text", ["5 µm", "10 µg", "Độ dày 2 µm"])
def test_micro_units_are_not_tcvn3(text):
    assert fix_legacy(text) == (text, None)
    column = ["C¸n bé", "Chuyªn viªn", text]
    assert fix_legacy(text, pooled=decide_encoding(column)) == (text, None)


def test_a_file_of_tcvn3_decides_its_ambiguous_cells():
    # Alone, "Mai ñy", "Vò Minh" and "Khu phè 5" read as VNI or as Unicode; in a TCVN3 column they are TCVN3.
    column = [encode(t, TCVN3) for t in ("nguyễn văn hùng", "trưởng phòng", "phó giám đốc", "chuyên viên")]
    column += ["Mai ñy", "Vò Minh", "Khu phè 5"]
    decision = decide_encoding(column)
    assert (decision.encoding, decision.exclusive) == (TCVN3, True)
    assert [fix_legacy(t, pooled=decision)[0] for t in column[4:]] == ["Mai Ủy", "Vũ Minh", "Khu phố 5"]
    assert fix_legacy("Mai ñy") == ("Mai đy", VNI)


def test_unicode_cells_of_a_mixed_column_stay_unicode():
    column = [encode(t, TCVN3) for t in ("nguyễn văn hùng", "trưởng phòng", "phó giám đốc")]
    column += ["Nguyễn Thị Hương", "Bà Lê"]
    decision = decide_encoding(column)
    assert (decision.encoding, decision.exclusive) == (TCVN3, False)
    assert fix_legacy("Bà Lê", pooled=decision) == ("Bà Lê", None)


def test_a_column_follows_its_own_evidence_over_the_file():
    file_decision = decide_encoding([encode(t, TCVN3) for t in ("hùng", "phòng", "đốc", "viên")])
    column = [encode(t, VNI) for t in ("Thợ lặn", "Trưởng phòng", "Hương", "Tổ phó")]
    assert decide_encoding(column, within=file_decision).encoding == VNI
    assert decide_encoding(["Vò"], within=file_decision).encoding == TCVN3


def test_a_capital_font_shows_capitals_even_when_no_letter_changes():
    assert fix_legacy("lý thanh ý", ".VnTimeH") == ("LÝ THANH Ý", TCVN3)
