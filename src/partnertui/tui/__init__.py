"""The Textual workbook. Imported only for the workbook commands, never by the CLI core."""
