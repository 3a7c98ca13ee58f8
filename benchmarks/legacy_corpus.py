"""Realistic Vietnamese cell texts and their legacy forms, made without the product's own tables.

* Texts: names, positions, awards, units, places, achievement sentences and a sweep of real
  words that together use every vowel with every tone, each in the case variants clerks type
  (as written, capitals, lower case, title case).
* TCVN3 (ABC) bytes come from glibc's ``iconv -t TCVN5712-1`` (its codes for ``0xA0``–``0xFF`` are
  TCVN3's).  TCVN3 has codes for only seven capitals (Ă Â Ê Ô Ơ Ư Đ); a typist in a plain
  ``.VnTime`` font types every other accented capital with the lower-case code, so those are
  lowered before encoding, and the text the cell can show is what a perfect reader returns.
* VNI bytes come from the table below, derived from Unicode decomposition (base letter, then
  one mark byte; single bytes for đ ơ ư and the i / ỵ letters), not from
  ``exemplars/vi/legacy_encodings.json``.
"""

from __future__ import annotations

import random
import subprocess
import unicodedata

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai", "Tô", "Hà", "Châu", "Quách", "Ưng", "Âu"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Hữu", "Đức", "Thu", "Kim", "Xuân", "Thúy", "Bảo",
          "Gia", "Hoài", "Mỹ", "Phước", "Quỳnh", "Thế", "Trọng", "Ánh", "Ái", "Ý", "Ẩn"]
GIVEN = ["Hương", "Hùng", "Lan", "Dũng", "Hà", "Tuấn", "Linh", "Phương", "Thảo", "Sơn", "Nam", "Trang", "Yến",
         "Tú", "Hòa", "Khuê", "Nguyệt", "Thuyên", "Quyết", "Khánh", "Vỹ", "Đạt", "Nghĩa", "Tường", "Ánh",
         "Ấn", "Ước", "Ửng", "Ổn", "Ơn", "Ý", "Uyên", "Khoa", "Huệ", "Thủy", "Lộc", "Cường", "Ngữ"]
POSITIONS = ["Tổ phó", "Tổ trưởng", "Thợ lặn", "Phục vụ", "Chuyên viên", "Chuyên viên chính",
             "Trưởng phòng", "Phó Trưởng phòng", "Giám đốc", "Phó Giám đốc", "Kế toán", "Kế toán trưởng",
             "Văn thư", "Bảo vệ", "Lái xe", "Nhân viên", "Công nhân", "Giáo viên", "Hiệu trưởng", "Bác sĩ",
             "Điều dưỡng", "Y sĩ", "Kỹ sư", "Kỹ thuật viên", "Thủ quỹ", "Tạp vụ", "Chủ tịch", "Phó Chủ tịch",
             "Bí thư", "Thư ký", "Đội trưởng", "Chiến sĩ", "Thủ kho", "Cán bộ", "Ủy viên", "Trợ lý",
             "Chánh văn phòng", "Thanh tra viên", "Kiểm soát viên", "Đảng viên", "Thợ hàn", "Thợ điện",
             "Nữ hộ sinh", "Dược sĩ", "Cấp dưỡng", "Lao công", "Thủ thư", "Kiểm lâm", "Phó Đội trưởng",
             "Ấp trưởng", "Trưởng ấp", "Trưởng thôn", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Hộ lý"]
AWARDS = ["Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh", "Lao động tiên tiến", "Bằng khen",
          "Giấy khen", "Cờ thi đua", "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc",
          "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Huân chương Lao động hạng Ba",
          "Kỷ niệm chương", "Chiến sĩ tiên tiến", "Đơn vị quyết thắng", "Bằng khen của Thủ tướng Chính phủ"]
UNITS = ["Phòng Quản lý doanh nghiệp", "Ủy ban nhân dân xã Tân Phú", "Sở Nông nghiệp và Phát triển nông thôn",
         "Trường Tiểu học Nguyễn Du", "Ban Thi đua - Khen thưởng", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên",
         "Công an huyện", "Trạm Y tế xã", "Chi cục Thủy lợi", "Văn phòng Ủy ban", "Phòng Tài chính - Kế hoạch",
         "Trung tâm Khuyến nông", "Bệnh viện Đa khoa tỉnh", "Hạt Kiểm lâm", "Đội Quản lý thị trường số 3",
         "Ban Quản lý các khu công nghiệp", "Phòng Tổ chức cán bộ", "Hợp tác xã Thành Công", "Tổ Bảo vệ"]
PLACES = ["Ấp 3", "Ấp Bình Lợi", "Xã Tân Phú", "Huyện Nhơn Trạch", "Tỉnh Đồng Nai", "Thành phố Biên Hòa",
          "Phường Quyết Thắng", "Khu phố 5", "Thôn Đông", "Bản Mường", "Quận Hoàn Kiếm", "Thị xã Long Khánh",
          "Đắk Lắk", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Hà Nội", "Cần Thơ", "Quảng Ngãi", "Khánh Hòa",
          "Kiên Giang", "Bến Tre", "Ứng Hòa", "Ý Yên", "Ân Thi", "Ô Môn", "Ea Súp", "Mỹ Tho", "Hưng Yên"]
PHRASES = ["hoàn thành xuất sắc nhiệm vụ được giao", "có sáng kiến cải tiến quy trình tiếp nhận hồ sơ",
           "dẫn đầu phong trào thi đua cải cách hành chính", "rút ngắn thời gian giải quyết thủ tục",
           "tích cực tham gia công tác từ thiện, nhân đạo", "gương mẫu chấp hành chủ trương của Đảng",
           "chủ trì số hóa hồ sơ lưu trữ", "hướng dẫn doanh nghiệp kê khai thuế điện tử",
           "cứu người trong vụ cháy tại khu công nghiệp", "nuôi dạy con ngoan, học giỏi",
           "đoàn kết, giúp đỡ đồng nghiệp", "thường xuyên học tập nâng cao trình độ chuyên môn",
           "bảo đảm an ninh trật tự trên địa bàn", "vận động nhân dân hiến đất làm đường",
           "phối hợp kiểm tra, xử lý vi phạm", "tiết kiệm chi phí hơn ba trăm triệu đồng"]
#: Real words using every vowel (a ă â e ê i o ô ơ u ư y) with every tone (none, huyền, sắc, hỏi, ngã, nặng).
VOWEL_SWEEP = """ba bà cá cả đã hạ ăn bằng bắc chẳng ẵm mặt cân cần cấp cẩn dẫn lập em bè xé trẻ vẽ mẹ
tên đề tiến để nguyễn việt in hình chí tỉnh nghĩa thị to hòa có nhỏ võ học công đồng số tổ đỗ cộng
sơn thời mới ở vỡ hợp thu phù phúc chủ vũ vụ hương từ thứ cử những tự ly kỳ lý kỷ mỹ quỵ khuya
khuỷu ngoéo thuở quyển nghiêng giặt gìn quýt xoắn oải ươm ưỡn yểm uống""".split()
SHORT_NAMES = ["Lê Tú", "Võ Hà", "Mai Đỳ", "Tô Ánh", "Hồ Ý", "Lý Ẩn", "Hà Ước", "Bùi Ổn", "Đỗ Lợi", "Lê Hạ",
               "Vũ Thủy", "Ngô Tường", "Phan Ấn", "Trần Ơn", "Chu Ửng", "Âu Cơ", "Lò Văn Ả", "Tạ Thị Ẻn"]

#: Words and symbols of other languages that fit in Latin-1: never Vietnamese, never to be converted.
FOREIGN = """Muñoz Jürgen Müller Ñandú café José María São Paulo Résumé Peña Nieto Gómez Zoë naïve façade
Ærø Straße Gödel Fußball crème brûlée Ørsted Björk Håkon Løkke Señora niño año mañana corazón Bogotá
Medellín Cancún Düsseldorf Köln München Zürich Genève Besançon Orléans Nîmes Mâcon Chloé Anaïs Renée
André Hélène Thérèse François Zoé Noël Raphaël Évora Ângelo João Conceição Gonçalves Luís Inês Tomás
Sebastián Martínez Hernández Pérez Ibáñez Núñez Álvaro Óscar Ínigo Ángel Begoña Àlex Jöns Göran Åsa
Ångström Øystein Ísafjörður Þór Reykjavík Sigurður Eyjafjallajökull Vilhjálmur Güven Şahin Ärzte
Überlingen Öl Äpfel Bäckerei Größe Kühlschrank Brötchen schön grün müde déjà vu à la carte fiancé
rôle soufflé tête-à-tête protégé éclair exposé cliché décor entrée matinée naïveté garçon voilà""".split()
FOREIGN += ["5 µm", "10 µg", "25 °C", "± 5%", "½ kg", "© 2020", "§ 3", "¼ giờ", "2 µs", "100 µl",
            "Ø 20 mm", "x² + y²", "€ 50", "£ 20", "¥ 1000", "® Microsoft", "¿Qué?", "¡Hola!", "Muñoz Ltd."]


def case_variants(text: str, with_title: bool = False) -> list[str]:
    """The text as written, in capitals, in lower case and (names) in title case, without repeats."""
    out = [text, text.upper(), text.lower()]
    if with_title:
        out.append(" ".join(w[:1].upper() + w[1:].lower() for w in text.split(" ")))
    return list(dict.fromkeys(out))


def generate(seed: int = 2026, names: int = 1500, sentences: int = 600) -> dict[str, list[str]]:
    """Unicode cell texts by category (short real-world cells apart)."""
    rng = random.Random(seed)
    full_names = [f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(names)]

    def sentence() -> str:
        parts = rng.sample(PHRASES, rng.randint(1, 3))
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."

    sweep_pairs = [f"{a} {b}" for a, b in zip(VOWEL_SWEEP, reversed(VOWEL_SWEEP), strict=True)]
    return {
        "names": [v for n in full_names for v in case_variants(n, with_title=True)],
        "units and places": [v for t in UNITS + PLACES for v in case_variants(t, with_title=True)],
        "sentences": [v for _ in range(sentences) for v in case_variants(sentence())[:2]],
        "every vowel and tone": [v for w in VOWEL_SWEEP + sweep_pairs for v in case_variants(w, with_title=True)],
    }


def short_cells() -> list[str]:
    """Short real-world cells: positions, awards, short names and places, as clerks type them."""
    texts = POSITIONS + AWARDS + SHORT_NAMES + PLACES
    return [v for t in texts for v in case_variants(t)[:2]]


# --- TCVN3 through iconv ------------------------------------------------------------------------------

_TCVN3_CAPITALS = "ĂÂÊÔƠƯĐ"


def tcvn3_typed(text: str) -> str:
    """What a typist in a plain .VnTime font can type: code-less accented capitals become lower case."""
    return "".join(c.lower() if c.isupper() and not c.isascii() and c not in _TCVN3_CAPITALS else c
                   for c in unicodedata.normalize("NFC", text))


def iconv_tcvn3(texts: list[str]) -> list[str]:
    """Each text as TCVN3 bytes shown as cp1252 characters, by one ``iconv`` call."""
    joined = "\n".join(texts).encode("utf-8")
    out = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=joined, capture_output=True,
                         check=True).stdout
    if any(b < 0x20 and b != 0x0A or 0x80 <= b < 0xA0 for b in out):
        raise ValueError("iconv produced a code outside TCVN3 (a capital without a TCVN3 code was not lowered)")
    lines = out.split(b"\n")
    if len(lines) != len(texts):
        raise ValueError("iconv changed the number of lines")
    return [line.decode("latin-1") for line in lines]


# --- VNI from Unicode decomposition --------------------------------------------------------------------

_TONE_BYTE = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
_CIRCUMFLEX_TONE = {"": 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3, "\u0323": 0xE4}
_BREVE_TONE = {"": 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC, "\u0323": 0xEB}
_I_TONE = {"\u0301": 0xED, "\u0300": 0xEC, "\u0309": 0xE6, "\u0303": 0xF3, "\u0323": 0xF2}
_SINGLE = {"đ": 0xF1, "ơ": 0xF4, "ư": 0xF6, "ỵ": 0xEE}


def _vni_letter(ch: str) -> str:
    upper = ch.isupper()
    low = ch.lower()
    if low in _SINGLE:
        code = _SINGLE[low]
        return chr(code - 0x20 if upper else code)
    parts = unicodedata.normalize("NFD", low)
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in _TONE_BYTE), "")
    if "\u031b" in marks:  # horn: ơ / ư are single bytes, the tone follows
        base_text, mark = chr(_SINGLE[unicodedata.normalize("NFC", base + "\u031b")]), _TONE_BYTE.get(tone)
    elif "\u0302" in marks:
        base_text, mark = base, _CIRCUMFLEX_TONE[tone]
    elif "\u0306" in marks:
        base_text, mark = base, _BREVE_TONE[tone]
    elif base == "i" and tone:
        base_text, mark = "", _I_TONE[tone]
    else:
        base_text, mark = base, _TONE_BYTE.get(tone)
    if upper:
        base_text = "".join(chr(ord(c) - 0x20) if ord(c) >= 0xE0 else c.upper() for c in base_text)
    out = base_text
    if mark is not None:
        out += chr(mark - 0x20 if upper else mark)
    return out


def vni(text: str) -> str:
    """``text`` in VNI-Windows bytes shown as cp1252 characters."""
    return "".join(_vni_letter(c) if not c.isascii() and c.isalpha() else c
                   for c in unicodedata.normalize("NFC", text))
