"""Amounts in words, as a Tờ trình and a Quyết định write them after the figures."""

from __future__ import annotations

import pytest

from exemplars.vi.notation import vnd_in_words


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (760_000, "Bảy trăm sáu mươi nghìn đồng"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
    (3_800_000, "Ba triệu tám trăm nghìn đồng"),
    (11_400_000, "Mười một triệu bốn trăm nghìn đồng"),
    (18_990_000, "Mười tám triệu chín trăm chín mươi nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
])
def test_amounts_read_as_written_on_official_documents(amount, words):
    assert vnd_in_words(amount) == words


def test_every_amount_up_to_a_million_reads_without_gaps_or_doubled_words():
    for n in range(1, 1_000_001, 997):
        text = vnd_in_words(n)
        assert "  " not in text and text.endswith(" đồng") and "mươi mười" not in text
        assert text.split()[0][0].isupper()
