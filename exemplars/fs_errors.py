"""File-system errors told in Vietnamese: which folder, what happened, what the clerk can do.

Writers raise plain ``OSError`` (or a library error wrapping one, e.g. XlsxWriter's
``FileCreateError``); ``output_error`` finds the ``OSError`` in the chain and turns it
into an ``OutputError`` whose message names the folder and the remedy.
"""

from __future__ import annotations

import errno
from pathlib import Path

from exemplars.errors import OutputError

KEPT = "Các tệp kết quả của lần chạy trước vẫn giữ nguyên."


def os_error_in(exc: BaseException | None) -> OSError | None:
    """The first ``OSError`` in ``exc``'s cause/context chain (``exc`` itself included)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno is not None:
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def describe(exc: OSError, folder: Path | str) -> str:
    """A Vietnamese sentence for ``exc`` raised while writing into ``folder``."""
    code = exc.errno
    name = Path(exc.filename).name if isinstance(exc.filename, str) else ""
    what = f" «{name}»" if name else ""
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (f"Ổ đĩa chứa thư mục «{folder}» đã đầy: không ghi được{what}. Hãy giải phóng dung lượng "
                "hoặc chọn thư mục kết quả khác rồi chạy lại.")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Không có quyền ghi vào thư mục «{folder}»{(' (tệp' + what + ')') if what else ''}: thư mục chỉ "
                "đọc, hoặc tệp đang mở trong chương trình khác. Hãy đóng các tệp kết quả đang mở, kiểm tra quyền "
                "ghi hoặc chọn thư mục khác rồi chạy lại.")
    if code in (errno.ENOTDIR, errno.EEXIST):
        return (f"«{exc.filename or folder}» là một tệp, không phải thư mục: không ghi được kết quả vào đó. "
                "Hãy chọn một thư mục kết quả khác.")
    if code == errno.ENAMETOOLONG:
        return (f"Tên tệp{what} quá dài đối với ổ đĩa của thư mục «{folder}». Hãy chọn thư mục kết quả có "
                "đường dẫn ngắn hơn rồi chạy lại.")
    if code == errno.EIO:
        return (f"Lỗi đọc/ghi của ổ đĩa khi ghi vào thư mục «{folder}»{what}. Hãy kiểm tra ổ đĩa (hoặc ổ mạng) "
                "rồi chạy lại.")
    return f"Không ghi được vào thư mục «{folder}»{what}: {exc.strerror or exc}."


def output_error(exc: BaseException, folder: Path | str, *, kept: bool = True) -> OutputError | None:
    """The ``OutputError`` for a file-system failure inside ``exc``; None when ``exc`` is not one."""
    found = os_error_in(exc)
    if found is None:
        return None
    return OutputError(describe(found, folder) + (" " + KEPT if kept else ""))


#: Windows' "file in use" (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION) and "access denied": what
#: renaming a workbook that Excel has open raises
_WINDOWS_IN_USE = (32, 33, 5)


def busy_error(exc: OSError, path: Path, folder: Path | str) -> OutputError:
    """The ``OutputError`` for an output file ``path`` that could not be moved when the new set is
    switched in: on Windows, most often because the clerk has it open in Excel."""
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE or exc.errno in (errno.EACCES, errno.EPERM):
        return OutputError(f"Không thay được tệp «{path}»: tệp đang mở trong Excel (hoặc chương trình khác) hay "
                           "không có quyền ghi. Hãy đóng tệp đó trong Excel rồi chạy lại. Chưa tệp nào được thay: "
                           + KEPT)
    return OutputError(describe(exc, folder) + " Chưa tệp nào được thay: " + KEPT)
