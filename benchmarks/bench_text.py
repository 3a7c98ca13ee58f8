"""Time ``parse_text`` (and the other per-cell parsers) over realistic cells.

Run: ``python benchmarks/bench_text.py [cells]`` (default 500 000).  Prints
CPU nanoseconds per cell for each kind of cell and for the whole mix.  The hot
path — clean short text, ASCII or Unicode Vietnamese — should cost about a
microsecond or less.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Callable

from exemplars.vi.legacy import TCVN3, VNI, encode
from exemplars.vi.values import parse_date, parse_int, parse_text, parse_yesno

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Hữu", "Đức", "Thu", "Kim"]
GIVEN = ["Hương", "Hùng", "Lan", "Dũng", "Hà", "Tuấn", "Linh", "Phương", "Thảo", "Sơn", "Nam", "Trang", "Yến"]
ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ được giao; có sáng kiến cải tiến quy trình tiếp nhận hồ sơ.",
    "Dẫn đầu phong trào thi đua cải cách hành chính, rút ngắn 30% thời gian giải quyết thủ tục.",
    "Tích cực tham gia công tác từ thiện, nhân đạo; gương mẫu chấp hành chủ trương của Đảng.",
]
ASCII = ["STT", "VP", "QLDT", "Nam", "x", "ThS", "KCN Nhon Trach", "0912345678", "125/QD-BQL", "Ghi chu"]
POSITIONS = ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", "Kế toán", "Văn thư", "Giám đốc"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_cells(n: int, seed: int = 2026) -> dict[str, list[object]]:
    """Cells by kind; the mix is roughly what a candidate sheet holds."""
    rng = random.Random(seed)
    counter = itertools.count()
    kinds: dict[str, Callable[[], object]] = {
        "name (Unicode)": lambda: _name(rng),
        "unique text (no memo)": lambda: f"{_name(rng)} {rng.choice(GIVEN)} {next(counter)}",
        "position (Unicode)": lambda: rng.choice(POSITIONS),
        "achievement (long)": lambda: rng.choice(ACHIEVEMENTS),
        "ASCII": lambda: rng.choice(ASCII),
        "number": lambda: float(rng.randint(1, 500)),
        "blank": lambda: "",
        "dirty (NBSP, spaces)": lambda: f" {_name(rng)}\u00a0 ",
        "Latin-1 only (Bà, Có)": lambda: rng.choice(["Bà", "Có", "Ông", "Không", "Tô Hà"]),
        "TCVN3": lambda: encode(_name(rng).lower(), TCVN3),
        "VNI": lambda: encode(_name(rng), VNI),
    }
    weights = {"name (Unicode)": 20, "unique text (no memo)": 10, "position (Unicode)": 15, "achievement (long)": 10, "ASCII": 20, "number": 10,
               "blank": 12, "dirty (NBSP, spaces)": 5, "Latin-1 only (Bà, Có)": 6, "TCVN3": 1, "VNI": 1}
    total = sum(weights.values())
    return {kind: [make() for _ in range(n * weights[kind] // total)] for kind, make in kinds.items()}


def time_per_cell(parse: Callable[[object], object], cells: list[object]) -> float:
    """CPU nanoseconds per cell (process time, so that other busy processes distort less)."""
    start = time.process_time_ns()
    for cell in cells:
        parse(cell)
    return (time.process_time_ns() - start) / max(len(cells), 1)


def main(n: int = 500_000) -> None:
    by_kind = make_cells(n)
    everything = [cell for cells in by_kind.values() for cell in cells]
    random.Random(1).shuffle(everything)
    print(f"parse_text over {len(everything):,} cells")
    for kind, cells in by_kind.items():
        print(f"  {kind:<24} {len(cells):>8,} cells  {time_per_cell(parse_text, cells):8.0f} ns/cell")
    print(f"  {'whole mix':<24} {len(everything):>8,} cells  {time_per_cell(parse_text, everything):8.0f} ns/cell")
    real_dates = [dt.datetime(1980, 1, 1) + dt.timedelta(days=i % 9000) for i in range(n // 10)]
    print(f"parse_date   real date cells  {time_per_cell(parse_date, real_dates):8.0f} ns/cell")
    text_dates = [f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/{1960 + i % 60}" for i in range(n // 10)]
    print(f"parse_date   text dates       {time_per_cell(parse_date, text_dates):8.0f} ns/cell")
    answers = ["x", "", "Có", "Không", 1.0, True] * (n // 60)
    print(f"parse_yesno                   {time_per_cell(parse_yesno, answers):8.0f} ns/cell")
    ints = [1.0, 7, "", 12.0] * (n // 40)
    print(f"parse_int    numeric cells    {time_per_cell(parse_int, ints):8.0f} ns/cell")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500_000)
