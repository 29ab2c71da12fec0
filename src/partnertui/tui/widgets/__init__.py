"""Reusable pieces of the workbook: forms, dialogs and small displays."""
