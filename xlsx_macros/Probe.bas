Attribute VB_Name = "Probe"
Option Explicit

' Marker for the automated checks and the manual Windows check: running
' WriteMarker proves that this VBA project compiles and runs.

Public Function Answer() As Long
    Answer = 42
End Function

Public Sub WriteMarker()
    ThisWorkbook.Worksheets(1).Range("C27").Value = "vba-ok " & CStr(Answer())
End Sub
