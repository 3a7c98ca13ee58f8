"""Nghị định 30/2020/NĐ-CP texts of an official document: the date line and the number line.

ND 30 (Phụ lục I) writes the date line as "Đồng Nai, ngày 05 tháng 02 năm 2026":
days below 10 and the months 1 and 2 take a leading zero, months 3–12 do not.
"""

from __future__ import annotations

import datetime as dt


def nd30_day_month(day: dt.date) -> str:
    """"ngày 05 tháng 02 năm 2026" / "ngày 15 tháng 3 năm 2026" (ND 30 leading-zero rule)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def nd30_place_date(locality: str, day: dt.date) -> str:
    """The italic place-and-date line; without a locality only the date part."""
    text = nd30_day_month(day)
    return f"{locality}, {text}" if locality else text[0].upper() + text[1:]


def doc_number_line(doc_number: str, doc_symbol: str) -> str:
    """"Số: 15/KCNĐN-VP", "Số: 05/KCNĐN-VP" or "Số:      /KCNĐN-VP" when not yet numbered.

    A number that already carries its symbol ("15/KCNĐN-VP") is kept as written;
    a bare number below 10 gets a leading zero as ND 30 requires.
    """
    number = (doc_number or "").strip()
    if "/" in number:
        return f"Số: {number}"
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    body = number or "      "
    return f"Số: {body}/{doc_symbol}" if doc_symbol else f"Số: {body}"


def full_doc_reference(doc_number: str, doc_symbol: str) -> str:
    """"15/KCNĐN-VP" for the "(Kèm theo Công văn số …)" line."""
    return doc_number_line(doc_number, doc_symbol).removeprefix("Số: ").strip()
