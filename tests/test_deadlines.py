"""Deadline tracker: due dates from both rulebooks, on time / late / missing / not yet due, reminders."""

from __future__ import annotations

import datetime as dt

from exemplars.history.deadlines import (
    DeadlineState,
    ReceivedBasis,
    deadline_status,
    deadlines_for,
    due_date,
    summary_counts,
)
from exemplars.periods import parse_period
from exemplars.results import FileRecord, FileStatus


def received(unit: str, when: dt.datetime, status: FileStatus = FileStatus.RECEIVED, name: str = "") -> FileRecord:
    return FileRecord(path=name or f"{unit}.xlsx", unit_code=unit, status=status, modified=when)


def test_due_dates(rb_nn, rb_dn):
    (quarterly,) = deadlines_for(rb_nn, parse_period("2026-Q1"))
    assert due_date(quarterly, parse_period("2026-Q1")) == dt.date(2026, 4, 5)
    assert due_date(quarterly, parse_period("2026-Q4")) == dt.date(2027, 1, 5)
    (six,) = deadlines_for(rb_nn, parse_period("2026-6T"))
    assert due_date(six, parse_period("2026-6T")) == dt.date(2026, 7, 10)
    (bloc,) = deadlines_for(rb_nn, parse_period("2026-9T"), who="blocs")
    assert due_date(bloc, parse_period("2026-9T")) == dt.date(2026, 9, 30)
    (annual,) = deadlines_for(rb_dn, parse_period("2026"))
    assert due_date(annual, parse_period("2026")) == dt.date(2026, 11, 15)
    assert deadlines_for(rb_dn, parse_period("2026-Q2")) == []


def test_on_time_late_missing(rb_nn):
    period = parse_period("2026-Q1")  # due 05/4/2026
    units = list(rb_nn.units[:5])
    files = [
        received(units[0].code, dt.datetime(2026, 4, 5, 16, 30)),        # the due day itself: on time
        received(units[1].code, dt.datetime(2026, 4, 12, 8, 0)),         # 7 days late
        received(units[2].code, dt.datetime(2026, 4, 1), FileStatus.SUPERSEDED, "cu.xlsx"),
        received(units[2].code, dt.datetime(2026, 4, 20), name="moi.xlsx"),  # re-sent later: still on time
        received(units[3].code, dt.datetime(2026, 4, 2), FileStatus.ERROR),  # unreadable: not sent
        FileRecord(path="la.xlsx", status=FileStatus.UNKNOWN_UNIT, modified=dt.datetime(2026, 4, 1)),
    ]
    rows = deadline_status(rb_nn, period, files, units, today=dt.date(2026, 4, 15))
    by_unit = {r.unit.code: r for r in rows}
    assert [by_unit[u.code].state for u in units] == [
        DeadlineState.ON_TIME, DeadlineState.LATE, DeadlineState.ON_TIME, DeadlineState.MISSING,
        DeadlineState.MISSING]
    assert by_unit[units[1].code].days_overdue == 7
    assert by_unit[units[3].code].days_overdue == 10
    assert by_unit[units[2].code].files == ("cu.xlsx", "moi.xlsx")
    assert summary_counts(rows)[DeadlineState.MISSING] == 2

    missing = by_unit[units[4].code].reminder
    assert missing.startswith(f"Kính gửi: {units[4].name}.")
    assert "chưa nhận được" in missing and "quá hạn 10 ngày" in missing
    assert "trước ngày 20/04/2026" in missing and "Quý I năm 2026" in missing and "05/04/2026" in missing
    late = by_unit[units[1].code].reminder
    assert "12/04/2026" in late and "chậm 7 ngày" in late
    assert by_unit[units[0].code].reminder == ""


def test_not_yet_due(rb_nn):
    period = parse_period("2026-9T")  # units' deadline 10/10/2026
    rows = deadline_status(rb_nn, period, [], list(rb_nn.units[:2]), today=dt.date(2026, 10, 1))
    assert {r.state for r in rows} == {DeadlineState.NOT_DUE}
    assert all(r.days_overdue == 0 and r.reminder == "" for r in rows)


def test_no_deadline_for_period(rb_dn):
    assert deadline_status(rb_dn, parse_period("2026-Q1"), [], list(rb_dn.units), dt.date(2026, 5, 1)) == []


def test_received_day_prefers_the_office_then_the_list_date(rb_nn):
    """The office's receipt date counts; else the unit's «Ngày lập»; the file time only as a last resort."""
    period = parse_period("2026-Q1")  # due 05/4/2026
    units = list(rb_nn.units[:3])
    copied = dt.datetime(2026, 4, 22, 9, 0)  # every file was copied to the folder on 22/4: its time says nothing
    files = [
        FileRecord(path="a.xlsx", unit_code=units[0].code, modified=copied, prepared_on=dt.date(2026, 4, 1),
                   received_on=dt.date(2026, 4, 3)),
        FileRecord(path="b.xlsx", unit_code=units[1].code, modified=copied, prepared_on=dt.date(2026, 4, 2)),
        FileRecord(path="c.xlsx", unit_code=units[2].code, modified=copied),
    ]
    rows = {r.unit.code: r for r in deadline_status(rb_nn, period, files, units, today=dt.date(2026, 4, 25))}
    first, second, third = (rows[u.code] for u in units)
    assert (first.received, first.basis, first.state) == (dt.date(2026, 4, 3), ReceivedBasis.OFFICE,
                                                          DeadlineState.ON_TIME)
    assert (second.received, second.basis, second.state) == (dt.date(2026, 4, 2), ReceivedBasis.PREPARED,
                                                             DeadlineState.ON_TIME)
    assert (third.received, third.basis, third.days_overdue) == (dt.date(2026, 4, 22), ReceivedBasis.MODIFIED, 17)
