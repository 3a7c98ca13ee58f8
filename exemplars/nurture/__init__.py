"""Nurture, replicate, propagate: what happens to an exemplar after it is selected.

* ``workbook``: the plan workbook «Kế hoạch bồi dưỡng, nhân rộng» each unit fills (B-23);
* ``reader``: plans and progress reports read back through the safety gate, findings as data;
* ``progress``: each exemplar's actions done / late / pending, adopters and status as of a day;
* ``store``: rounds of plans and progress kept in the history store (B-28, B-29);
* ``collect_book`` and ``report_sheet``: the consolidated progress workbook and the progress sheet
  of the periodic reports, each with a native chart of replication over time (B-30);
* ``bulletin``: the bulletin «Gương điển hình tiên tiến» (HTML, PDF) and the A4 sheet for the
  Monday flag ceremony (A-31, B-27);
* ``pipeline``: the functions the command line and the Excel buttons call.
"""
