Attribute VB_Name = "NutBam"
Option Explicit

' One Sub per button of the control workbook. Each hands over to Python
' through RunPython (module xlwings); all work and every message happen there.

Public Sub TaoMauDonVi()
    RunPython "import exemplars.excel.buttons as b; b.make_templates()"
End Sub

Public Sub TongHopHoSo()
    RunPython "import exemplars.excel.buttons as b; b.consolidate()"
End Sub

Public Sub KiemTra()
    RunPython "import exemplars.excel.buttons as b; b.validate()"
End Sub

Public Sub XepHang()
    RunPython "import exemplars.excel.buttons as b; b.rank()"
End Sub

Public Sub LapDanhSach()
    RunPython "import exemplars.excel.buttons as b; b.registration_list()"
End Sub

Public Sub BaoCaoDinhKy()
    RunPython "import exemplars.excel.buttons as b; b.periodic_report()"
End Sub

Public Sub KeHoachBoiDuong()
    RunPython "import exemplars.excel.buttons as b; b.nurture_plans()"
End Sub

Public Sub TheoDoiNhanRong()
    RunPython "import exemplars.excel.buttons as b; b.nurture_progress()"
End Sub

Public Sub TaiLieuTuyenTruyen()
    RunPython "import exemplars.excel.buttons as b; b.bulletin()"
End Sub

Public Sub KiemTraCaiDat()
    RunPython "import exemplars.excel.buttons as b; b.check_setup()"
End Sub

Public Sub LapHoSoTrinhKy()
    RunPython "import exemplars.excel.buttons as b; b.dossier()"
End Sub
