"""One module per screen of the workbook."""
