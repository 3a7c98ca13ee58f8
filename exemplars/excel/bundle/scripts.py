"""``cai-dat.bat`` and ``go-cai-dat.bat``: what the clerk double-clicks in the offline bundle.

The files are UTF-8 without a byte-order mark (cmd.exe would read a BOM as part
of the first command) and with CRLF line ends (cmd.exe mis-jumps to labels in
LF-only files).  Everything before ``chcp 65001`` is ASCII; the Vietnamese
messages come after it.  No parenthesised blocks hold messages, since a ``)``
in the text would end the block, and delayed expansion stays off, so a ``!`` in
a folder name survives.  The Trusted Location key is the one
``exemplars.excel.windows`` recognises.
"""

from __future__ import annotations

from pathlib import Path

from exemplars.excel import windows
from exemplars.excel.layout import DEFAULT_FILE
from exemplars.xlsx import atomic_path

INSTALL = "cai-dat.bat"
UNINSTALL = "go-cai-dat.bat"
WHEELHOUSE = "wheelhouse"
TEMPLATES = "mau-dang-ky"
GUIDE_PDF = "huong-dan-van-phong.pdf"
NEW_COPY = "bang-dieu-khien-moi.xlsm"
_OFFICE = " ".join(windows.OFFICE_VERSIONS)
_LOWEST, _HIGHEST = (tuple(int(n) for n in v.split(".")) for v in (windows.SUPPORTED_PYTHONS[0],
                                                                   windows.SUPPORTED_PYTHONS[-1]))
_TRUSTED = "HKCU\\" + windows.TRUSTED_KEY.replace("{version}", "%~1") + "\\" + windows.LOCATION_NAME

# Finds a Python the wheelhouse has wheels for: py -3 first, then each version (newest first), then PATH.
_FIND_PYTHON = 'set "PY="\ncall :try_python py -3\n' + "".join(
    f"if not defined PY call :try_python py -{v}\n" for v in reversed(windows.SUPPORTED_PYTHONS)
) + "if not defined PY call :try_python python\n"

_TRY_PYTHON = rf""":try_python
%* -c "import sys; sys.exit(0 if {_LOWEST} <= sys.version_info[:2] <= {_HIGHEST} else 1)" >nul 2>&1
if not errorlevel 1 set "PY=%*"
exit /b 0
"""

INSTALL_TEXT = rf"""@echo off
rem exemplars: offline install for the clerk (double-click). Optional argument: the working folder.
setlocal EnableExtensions DisableDelayedExpansion
chcp 65001 >nul
cd /d "%~dp0"
set "HERE=%~dp0"
set "WORKBOOK={DEFAULT_FILE}"
echo ================================================================
echo   CÀI ĐẶT PHẦN MỀM ĐIỂN HÌNH TIÊN TIẾN - không cần Internet
echo ================================================================
echo.
{_FIND_PYTHON}if not defined PY goto :no_python
echo [1/5] Python: %PY%

echo [2/5] Cài thư viện từ thư mục {WHEELHOUSE}...
%PY% -m pip install --disable-pip-version-check --no-warn-script-location --no-index --find-links "%HERE%{WHEELHOUSE}" --only-binary=:all: --upgrade exemplars
if errorlevel 1 goto :pip_failed

set "TARGET=%~1"
if defined TARGET goto :have_target
set "TARGET=%USERPROFILE%\ThiDua"
echo.
echo Thư mục làm việc mặc định: %TARGET%
set "CHOSEN="
set /p "CHOSEN=Nhấn Enter để dùng thư mục này, hoặc gõ đường dẫn thư mục khác rồi Enter: "
if defined CHOSEN set "TARGET=%CHOSEN%"
:have_target
set "TARGET=%TARGET:"=%"
if "%TARGET:~-1%"=="\" set "TARGET=%TARGET:~0,-1%"
if not exist "%TARGET%\" mkdir "%TARGET%"
if not exist "%TARGET%\" goto :no_folder

echo [3/5] Chép bảng điều khiển, mẫu đăng ký và hướng dẫn vào %TARGET%
set "INSTALLED=%TARGET%\%WORKBOOK%"
if exist "%TARGET%\%WORKBOOK%" goto :keep_existing
copy /y "%HERE%%WORKBOOK%" "%TARGET%\%WORKBOOK%" >nul
if errorlevel 1 goto :copy_failed
goto :copied
:keep_existing
copy /y "%HERE%%WORKBOOK%" "%TARGET%\{NEW_COPY}" >nul
if errorlevel 1 goto :copy_failed
echo       Đã có %WORKBOOK% ở thư mục này: giữ nguyên tệp cũ cùng cấu hình của nó.
echo       Bản mới của phiên bản này được chép thành {NEW_COPY}.
:copied
if not exist "%TARGET%\{TEMPLATES}\" mkdir "%TARGET%\{TEMPLATES}"
copy /y "%HERE%{TEMPLATES}\*.xlsx" "%TARGET%\{TEMPLATES}\" >nul
copy /y "%HERE%{GUIDE_PDF}" "%TARGET%\" >nul

echo [4/5] Ghi đường dẫn Python vào bảng điều khiển...
%PY% -m exemplars excel install --workbook "%TARGET%\%WORKBOOK%"
if errorlevel 1 goto :install_failed
if exist "%TARGET%\{NEW_COPY}" %PY% -m exemplars excel install --workbook "%TARGET%\{NEW_COPY}" >nul

echo [5/5] Đăng ký %TARGET% là Vị trí tin cậy của Excel - Trusted Location...
set "TRUSTED="
for %%O in ({_OFFICE}) do call :trust %%O
if not defined TRUSTED call :trust_anyway 16.0
if "%TARGET:~0,2%"=="\\" echo       Lưu ý: thư mục mạng chỉ được tin cậy khi bộ phận CNTT cho phép Trusted Location trên mạng.

echo.
echo ================================================================
echo   ĐÃ CÀI XONG.
echo   Thư mục làm việc: %TARGET%
echo   Mở tệp %INSTALLED% bằng Excel,
echo   rồi bấm nút «10. Kiểm tra cài đặt».
echo   Hướng dẫn: %TARGET%\{GUIDE_PDF}
echo   Gỡ cài đặt: bấm đúp {UNINSTALL}
echo ================================================================
pause
exit /b 0

:trust
reg query "HKCU\Software\Microsoft\Office\%~1\Excel" >nul 2>&1
if errorlevel 1 exit /b 0
:trust_anyway
reg add "{_TRUSTED}" /v Path /t REG_SZ /d "%TARGET%\\" /f >nul
reg add "{_TRUSTED}" /v AllowSubfolders /t REG_DWORD /d 1 /f >nul
reg add "{_TRUSTED}" /v Description /t REG_SZ /d "exemplars" /f >nul
set "TRUSTED=1"
echo       Office %~1: đã thêm Vị trí tin cậy.
exit /b 0

{_TRY_PYTHON}
:no_python
echo [LỖI] Không tìm thấy Python {", ".join(windows.SUPPORTED_PYTHONS)} trên máy này.
echo       Cài Python cho Windows - tích ô "Add python.exe to PATH" - rồi bấm đúp lại tệp này.
goto :fail
:pip_failed
echo [LỖI] Không cài được thư viện từ thư mục {WHEELHOUSE}. Chép lại nguyên bộ cài rồi thử lại;
echo       nếu vẫn lỗi, chụp màn hình này gửi bộ phận CNTT.
goto :fail
:no_folder
echo [LỖI] Không tạo được thư mục %TARGET%.
goto :fail
:copy_failed
echo [LỖI] Không chép được bảng điều khiển vào %TARGET%: hãy đóng tệp này trong Excel rồi thử lại.
goto :fail
:install_failed
echo [LỖI] Không ghi được đường dẫn Python vào bảng điều khiển: hãy đóng Excel rồi thử lại.
goto :fail
:fail
echo.
echo Chưa cài xong. Nhấn một phím để đóng cửa sổ.
pause >nul
exit /b 1
"""

UNINSTALL_TEXT = rf"""@echo off
rem exemplars: undo cai-dat.bat (Trusted Location, the package). The working folder and its data stay.
setlocal EnableExtensions DisableDelayedExpansion
chcp 65001 >nul
echo ================================================================
echo   GỠ CÀI ĐẶT PHẦN MỀM ĐIỂN HÌNH TIÊN TIẾN
echo ================================================================
echo.
echo [1/2] Xóa Vị trí tin cậy của Excel do cai-dat.bat đã thêm...
for %%O in ({_OFFICE}) do call :untrust %%O
{_FIND_PYTHON}if not defined PY goto :no_python
echo [2/2] Gỡ gói exemplars khỏi %PY%...
%PY% -m pip uninstall --disable-pip-version-check -y exemplars
goto :done
:no_python
echo [2/2] Không tìm thấy Python: không có gì để gỡ.
:done
echo.
echo ================================================================
echo   ĐÃ GỠ XONG. Thư mục làm việc, mặc định %USERPROFILE%\ThiDua,
echo   cùng hồ sơ và kết quả trong đó được GIỮ NGUYÊN: muốn xóa thì xóa bằng tay.
echo   Các thư viện đi kèm - pandas, xlwings... - được giữ lại cho Python.
echo ================================================================
pause
exit /b 0

:untrust
reg query "{_TRUSTED}" >nul 2>&1
if errorlevel 1 exit /b 0
reg delete "{_TRUSTED}" /f >nul
echo       Office %~1: đã xóa Vị trí tin cậy.
exit /b 0

{_TRY_PYTHON}"""


def write_script(path: Path, text: str) -> Path:
    """Write ``text`` as a Windows batch file: UTF-8 without BOM, CRLF line ends."""
    data = "\r\n".join(text.split("\n")).encode("utf-8")
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_scripts(folder: Path) -> list[Path]:
    return [write_script(folder / INSTALL, INSTALL_TEXT), write_script(folder / UNINSTALL, UNINSTALL_TEXT)]
