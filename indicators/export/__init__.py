"""Outputs for people who do not use Python: the Excel workbook and the notebooks' tables.
Brings openpyxl."""
