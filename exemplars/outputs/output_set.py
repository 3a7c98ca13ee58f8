"""A run's outputs form one set: staged apart, checked, then switched in together.

Every output of a run is written into a hidden staging folder inside the output
folder (same disk, so moving a file is a rename).  Once all are written and
checked (``exemplars.outputs.verify``), the run commits in this order:

1. ``ready.json`` in the staging folder lists the new set and the old files to remove;
2. the old set's files are moved aside, into the staging folder (a file open in
   Excel cannot be moved on Windows: the run stops here and moves back what it moved,
   so the folder keeps the old set whole and the history store is not touched);
3. the history store records the run in one transaction (when a store is used),
   with the run id;
4. the new files are moved into place and the folder's set file
   (``.exemplars-set.json``) names the new run.

A run killed before step 3 commits nothing: the next start moves the old files
back and removes its staging folder.  A run killed during step 4 has committed:
the next start finishes the moves from ``ready.json`` (when its run is in the
history store, or no store was used).  So after the next start the folder holds
one run's complete set, and the history holds a row exactly for the runs whose
set was switched in.  Everything here runs under the output folder's lock
(``exemplars.locks``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from exemplars import locks
from exemplars.errors import ExemplarsError, OutputError
from exemplars.fs_errors import busy_error, output_error
from exemplars.outputs.feedback import FEEDBACK_DIR
from exemplars.outputs.submission import submission_name
from exemplars.outputs.verify import verify_output
from exemplars.outputs.working_register import register_name
from exemplars.xlsx import atomic_write_text, current_run_id

STAGING_PREFIX = ".exemplars-staging-"
READY_FILE = "ready.json"
#: inside the staging folder: the previous set's files while the new set is switched in
ASIDE_DIR = "truoc-day"
SET_FILE = ".exemplars-set.json"
LOCK_FILE = ".exemplars.lock"
#: names ``exemplars.xlsx.atomic_path`` gives its temporary files (``tempfile.mkstemp``)
_TEMP_NAME = re.compile(r"^\..+-[a-z0-9_]{8}\.(xlsx|json|pdf)$")


def new_run_id() -> str:
    """Sortable and unique: time of start plus random letters."""
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def current_set(out_dir: Path, year: int | None = None) -> list[str]:
    """Relative paths of the set in ``out_dir``: from its set file, else the product's usual names."""
    try:
        return list(json.loads((out_dir / SET_FILE).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    names = ["summary.json", "so-tong-hop.xlsx"]
    if year is not None:
        names += [submission_name(year), Path(submission_name(year)).with_suffix(".pdf").name, register_name(year)]
    found = [n for n in names if (out_dir / n).is_file()]
    feedback = out_dir / FEEDBACK_DIR
    if feedback.is_dir():
        found += [f"{FEEDBACK_DIR}/{p.name}" for p in sorted(feedback.glob("*.xlsx")) if not p.name.startswith(".")]
    return found


def _switch(out_dir: Path, staging: Path, plan: dict) -> None:
    """Step 4 of the commit; safe to repeat after a kill (moved files are simply absent from staging)."""
    for rel in plan["files"]:
        src, dst = staging / rel, out_dir / rel
        if src.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
    for rel in plan["remove"]:  # already aside (step 2); a plan from an older version left them in place
        (out_dir / rel).unlink(missing_ok=True)
    atomic_write_text(out_dir / SET_FILE, json.dumps({"run_id": plan["run_id"], "files": plan["files"]},
                                                     ensure_ascii=False, indent=1) + "\n")
    shutil.rmtree(staging, ignore_errors=True)


def _set_aside(out_dir: Path, staging: Path, plan: dict) -> None:
    """Step 2: move the files the new set replaces or removes into ``staging/ASIDE_DIR``.  When one
    cannot be moved (open in Excel on Windows, no permission) the moved ones go back first, so the
    folder is never half switched, and an ``OutputError`` names the file."""
    aside = staging / ASIDE_DIR
    for rel in dict.fromkeys([*plan["files"], *plan["remove"]]):
        current = out_dir / rel
        if not current.is_file():
            continue
        target = aside / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(current, target)
        except OSError as exc:
            _put_back(out_dir, staging)
            raise busy_error(exc, current, out_dir) from None


def _put_back(out_dir: Path, staging: Path) -> None:
    """Undo step 2: the previous set's files return to their places (those still there stay)."""
    aside = staging / ASIDE_DIR
    if not aside.is_dir():
        return
    for moved in sorted(p for p in aside.rglob("*") if p.is_file()):
        original = out_dir / moved.relative_to(aside)
        if not original.exists():
            original.parent.mkdir(parents=True, exist_ok=True)
            os.replace(moved, original)


def _recorded(history: str | None, run_id: str) -> bool:
    if history is None:
        return True
    from exemplars.history.store import HistoryStore  # the store imports settings; only needed here

    try:
        with HistoryStore(Path(history)) as store:
            return store.has_run(run_id)
    except ExemplarsError:
        return False


def recover(out_dir: Path) -> None:
    """What a killed run left in ``out_dir``: finish a committed switch, remove the rest."""
    if not out_dir.is_dir():
        return
    for staging in sorted(out_dir.glob(STAGING_PREFIX + "*")):
        try:
            plan = json.loads((staging / READY_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            plan = None
        if isinstance(plan, dict) and _recorded(plan.get("history"), str(plan.get("run_id", ""))):
            _switch(out_dir, staging, plan)
        else:
            _put_back(out_dir, staging)
            shutil.rmtree(staging, ignore_errors=True)
    for folder in (out_dir, out_dir / FEEDBACK_DIR):
        if not folder.is_dir():
            continue
        for leftover in folder.iterdir():
            if leftover.name.startswith(".pdf-") and leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)  # written by versions without a staging folder
            elif _TEMP_NAME.match(leftover.name) and leftover.is_file():
                leftover.unlink(missing_ok=True)


class OutputSet:
    """The staging folder of one run (``dir``); ``commit`` switches its files in."""

    def __init__(self, out_dir: Path, run_id: str):
        self.out_dir = out_dir
        self.run_id = run_id
        self.dir = out_dir / f"{STAGING_PREFIX}{run_id}"

    def final(self, staged: Path) -> Path:
        """Where a staged file lands once the set is switched in."""
        return self.out_dir / staged.relative_to(self.dir)

    def commit(self, files: list[Path], *, year: int | None = None, history: Path | None = None,
               record: Callable[[], None] | None = None) -> list[Path]:
        """Check every staged file, record the run (``record``), switch the set in; returns the final paths."""
        for path in files:
            verify_output(path, self.run_id)
        rel = [p.relative_to(self.dir).as_posix() for p in files]
        plan = {"run_id": self.run_id, "files": rel, "history": str(history) if history else None,
                "remove": sorted(set(current_set(self.out_dir, year)) - set(rel))}
        ready = self.dir / READY_FILE
        atomic_write_text(ready, json.dumps(plan, ensure_ascii=False, indent=1))
        try:
            _set_aside(self.out_dir, self.dir, plan)
            if record is not None:
                record()
        except BaseException:
            with contextlib.suppress(OSError):  # if the old files cannot go back now, the next start does it
                _put_back(self.out_dir, self.dir)
                ready.unlink(missing_ok=True)
            raise
        try:
            _switch(self.out_dir, self.dir, plan)
        except OSError as exc:
            raise OutputError(f"Lần chạy đã ghi xong nhưng không thay được tệp «{exc.filename}» trong thư mục "
                              f"«{self.out_dir}» ({exc.strerror}); hãy đóng tệp đó (nếu đang mở) rồi chạy lại: "
                              "lần chạy sau sẽ hoàn tất việc thay tệp.") from None
        return [self.final(p) for p in files]


@contextlib.contextmanager
def output_session(out_dir: Path, *, history: Path | None = None, wait: float = 30,
                   announce: Callable[[str], None] | None = None) -> Iterator[OutputSet]:
    """Lock the output folder (and the history store), clean what a killed run left, open a staging
    folder; whatever is not committed is removed on the way out."""
    out_dir = Path(out_dir)
    with contextlib.ExitStack() as stack:
        stack.enter_context(locks.hold(out_dir / LOCK_FILE, f"thư mục kết quả «{out_dir}»", wait=wait,
                                       announce=announce))
        if history is not None:
            stack.enter_context(locks.hold(history.parent / f".{history.name}.lock",
                                           f"cơ sở dữ liệu lịch sử «{history}»", wait=wait, announce=announce))
        staged = OutputSet(out_dir, new_run_id())
        try:
            recover(out_dir)
            staged.dir.mkdir()
        except OSError as exc:
            raise output_error(exc, out_dir) or exc from None
        token = current_run_id.set(staged.run_id)
        try:
            yield staged
        except OSError as exc:
            raise output_error(exc, out_dir) or exc from None
        finally:
            current_run_id.reset(token)
            shutil.rmtree(staged.dir, ignore_errors=True)
