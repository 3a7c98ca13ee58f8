"""Each output writer against its floor: XlsxWriter ``constant_memory`` writing the same cells, no logic.

    python benchmarks/bench_writers.py --files 1000

The run is taken to the selection once (not timed) on the generated folder of
``bench_pipeline.py``; then each writer is timed (the fastest of ``--repeat`` runs, CPU
seconds of this process, so the figure holds on a busy machine) and so is its floor:
the cells of the file just written (value, type and format index, read back from its
sheet XML) written again with XlsxWriter in ``constant_memory`` mode, one Format per
format index, one ``write_*`` call per cell and nothing else, then closed. The ratio
writer ÷ floor is what the writer's own logic costs over the bare library.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_pipeline  # noqa: E402  (the same corpus and rulebook)
import corpus  # noqa: E402

_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?(?:/>|>(.*?)</c>)')
_VALUE = re.compile(r"<v>(.*?)</v>")
_TEXT = re.compile(r"<t[^>]*>(.*?)</t>", re.S)


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_cells(path: Path) -> list[list[tuple[int, int, str, object, int]]]:
    """Per sheet: (row, col, kind, value, format index) of every cell, in file order."""
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = z.read("xl/sharedStrings.xml").decode()
            shared = [html.unescape("".join(_TEXT.findall(si))) for si in re.findall(r"<si>(.*?)</si>", sst, re.S)]
        sheets = []
        for name in names:
            cells = []
            for m in _CELL.finditer(z.read(name).decode()):
                letters, row, style, kind, body = m.groups()
                r, c, s = int(row) - 1, _col(letters), int(style or 0)
                if body is None:
                    cells.append((r, c, "blank", None, s))
                elif kind == "inlineStr":
                    cells.append((r, c, "string", html.unescape("".join(_TEXT.findall(body))), s))
                elif kind == "s":
                    cells.append((r, c, "string", shared[int(_VALUE.search(body).group(1))], s))
                else:
                    cells.append((r, c, "number", float(_VALUE.search(body).group(1)), s))
            sheets.append(cells)
    return sheets


def floor_write(sheets, target: Path) -> None:
    """The same cells with XlsxWriter constant_memory: one call per cell, no logic."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False, "strings_to_urls": False})
    formats: dict[int, object] = {}
    for i, cells in enumerate(sheets):
        ws = wb.add_worksheet(f"S{i}")
        for r, c, kind, value, s in cells:
            fmt = formats.get(s) or formats.setdefault(s, wb.add_format({"num_format": s}))
            if kind == "string":
                ws.write_string(r, c, value, fmt)
            elif kind == "number":
                ws.write_number(r, c, value, fmt)
            else:
                ws.write_blank(r, c, None, fmt)
    wb.close()


def best_cpu(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--letters", type=int, default=200, help="feedback letters timed (the first N units)")
    args = ap.parse_args(argv)

    import exemplars.outputs.office
    from exemplars.outputs.feedback import feedback_packets, write_unit_feedback
    from exemplars.outputs.outcomes import candidate_outcomes
    from exemplars.outputs.register_book import write_register
    from exemplars.outputs.working_register import write_working_register
    from exemplars.pipeline import run
    from exemplars.rulebook import load_rulebook
    from exemplars.settings import RunSettings

    exemplars.outputs.office.find_soffice = lambda: None
    folder = corpus.cached_folder(bench_pipeline.RULEBOOK, args.files, 20, year=bench_pipeline.YEAR)
    rulebook = load_rulebook(bench_pipeline.RULEBOOK)
    with tempfile.TemporaryDirectory(prefix="bench-writers-") as tmp:
        out = Path(tmp)
        settings = RunSettings(folder=folder, out_dir=out / "run", rulebook=bench_pipeline.RULEBOOK,
                               year=bench_pipeline.YEAR)
        result = run(settings, until="select", units=bench_pipeline.bench_rulebook(args.files).units)
        outcomes = candidate_outcomes(result)
        packets = feedback_packets(result)[: args.letters]
        letters = out / "letters"
        letters.mkdir()

        def write_letters():
            for p in packets:
                write_unit_feedback(result, settings, rulebook, p, letters / f"{p.key}.xlsx", outcomes)

        rows = []
        for name, target, fn in (
                ("register (so-tong-hop)", out / "reg.xlsx", lambda: write_register(result.consolidation, out / "reg.xlsx")),
                ("working register", out / "wr.xlsx", lambda: write_working_register(result, out / "wr.xlsx", outcomes)),
                (f"feedback letters ×{len(packets)}", None, write_letters)):
            seconds = best_cpu(fn, args.repeat)
            paths = [target] if target else sorted(letters.glob("*.xlsx"))
            cells = [read_cells(p) for p in paths]
            n_cells = sum(len(c) for sheets in cells for c in sheets)
            floor = best_cpu(lambda cells=cells: [floor_write(s, out / "floor.xlsx") for s in cells], args.repeat)
            rows.append((name, n_cells, seconds, floor))
    print(f"| writer at {args.files:,} files | cells | writer CPU s | floor CPU s | writer ÷ floor |")
    print("|---|---|---|---|---|")
    for name, n_cells, seconds, floor in rows:
        print(f"| {name} | {n_cells:,} | {seconds:.2f} | {floor:.2f} | {seconds / floor:.2f}× |")
    name, _n, seconds, floor = rows[-1]
    print(f"\none feedback letter: {seconds / len(packets) * 1000:.1f} ms (floor {floor / len(packets) * 1000:.1f} ms)")
    # machine-readable last line (bench_pipeline.py reads it)
    ratios = ",".join(f"{key}:{sec / fl:.2f}" for key, (_n, _c, sec, fl) in zip(("register", "working", "letters"), rows,
                                                                               strict=True))
    print(f"writers={ratios} letter_ms={seconds / len(packets) * 1000:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
