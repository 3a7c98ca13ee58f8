"""clean_text, fold, name_key, header_key and the Vietnamese syllable check."""

from __future__ import annotations

import unicodedata

import pytest

from exemplars.vi.text import clean_text, fold, header_key, is_vietnamese_syllable, name_key, syllable_score


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Nguyễn Văn A", "Nguyễn Văn A"),
        ("  Nguyễn\u00a0\u00a0Văn   A \t", "Nguyễn Văn A"),
        ("Nguy\u200bễn\ufeff Văn\u2060 A", "Nguyễn Văn A"),
        ("Lê\u202fThị\u2007Hà", "Lê Thị Hà"),
        ("dòng 1 \r\n  dòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ("\u00d0ỗ V\u0103n \u00f0ức", "Đỗ Văn đức"),
        ("a\x00b\x07c\x85d", "abcd"),
        ("Hư\u00adơng", "Hương"),
        ("\u200d\u200c", ""),
        ("", ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert decomposed != "Nguyễn Thị Hương"
    assert clean_text(decomposed) == "Nguyễn Thị Hương"


def test_clean_text_keeps_line_breaks_but_strips_lines():
    assert clean_text("\n  Thành tích 1  \n\n Thành tích 2 \n") == "Thành tích 1\n\nThành tích 2"


def test_clean_text_returns_same_object_for_clean_text():
    s = "Phòng Quản lý đầu tư"
    assert clean_text(s) is s


def test_every_invisible_format_character_is_removed():
    format_chars = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    text = "a" + "".join(format_chars) + "b"
    assert clean_text(text) == "ab"


def test_every_space_separator_becomes_a_space():
    spaces = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"]
    assert clean_text("a" + "b".join(spaces) + "c") == "a" + "b".join(" " for _ in spaces) + "c"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  Nguyễn   Văn ĐỨC ", "nguyen van duc"),
        ("Đặng Thị Ðào", "dang thi dao"),
        ("Hòa / hoà", "hoa/hoa"),
        ("Thuỷ lợi", "thuy loi"),
        ("NN & PTNT", "nn&ptnt"),
        ("Độc lập – Tự do", "doc lap-tu do"),
        ("Ghi chú ( nếu có ) , khác", "ghi chu (neu co), khac"),
        ("“Người tốt”", '"nguoi tot"'),
        ("dòng 1\ndòng 2", "dong 1 dong 2"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_fold_removes_every_vietnamese_mark():
    letters = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
    folded = fold(letters + letters.upper())
    assert folded.isascii()
    assert set(folded) == set("aeioudy")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Ông Nguyễn Văn A", "nguyen van a"),
        ("Bà: Lê Thị Hà", "le thi ha"),
        ("Đ/c Trần Văn B", "tran van b"),
        ("đồng chí Trần Văn B", "tran van b"),
        ("TS. Phạm Minh C", "pham minh c"),
        ("PGS.TS. Phạm Minh C", "pham minh c"),
        ("ThS.BS Hoàng D", "hoang d"),
        ("KS. Vũ E,", "vu e"),
        ("CN Đỗ F", "do f"),
        ("(Nguyễn Văn A)", "nguyen van a"),
        ("Bảo Ngọc", "bao ngoc"),
        ("Tsang Minh", "tsang minh"),
        ("Ông", "ong"),
    ],
)
def test_name_key(raw, key):
    assert name_key(raw) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Họ và tên / Tên tập thể", "HO VA TEN/TEN TAP THE"),
        ("Họ và tên/Tên tập thể", "ho  va ten - ten tap the"),
        ("Số, ngày QĐ công nhận", "SO NGAY QD CONG NHAN"),
        ("[A-11] Tiêu chí chung", "a 11 tieu chi chung"),
        ("Lãnh đạo,\nquản lý", "lanh dao quan ly"),
    ],
)
def test_header_key_equal(a, b):
    assert header_key(a) == header_key(b)


def test_header_key_keeps_words_apart():
    assert header_key("Họ và tên / Tên tập thể") == "ho va ten ten tap the"
    assert header_key("co_so") == "co so"
    assert header_key("Ngày sinh") != header_key("Nơi sinh")


@pytest.mark.parametrize(
    "word",
    ["Nguyễn", "Hương", "nghĩa", "khuyến", "quốc", "giữa", "gìn", "Việt", "thuỷ", "hoà", "huỳnh", "suýt",
     "ĐẢNG", "được", "kỹ", "ý", "oanh", "xoong", "quyết"],
)
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    ["café", "Muñoz", "Jürgen", "nguyÔn", "héi", "càp", "kan", "ghá", "cùp", "ngyễn", "sóo", "xãã", "lờì"],
)
def test_not_vietnamese_syllables(word):
    assert not is_vietnamese_syllable(word)


def test_syllable_score_ignores_ascii_words_single_letters_and_abbreviations():
    assert syllable_score("Nguyễn Van A, café 2020") == (1, 1)
    assert syllable_score("ở HĐND, QĐ số 5") == (1, 0)
    assert syllable_score("Þnh ĐX") == (0, 1)
