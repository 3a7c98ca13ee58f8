"""Factories and fixtures shared by the tests (unit workbooks, registers, run results, harnesses)."""
