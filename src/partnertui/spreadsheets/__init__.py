"""Spreadsheets in and out: partner lists read from CSV, tables written for funders.

- :mod:`.partner_columns`: what each column of a partner list holds, by the names
  people give them (or a small mapping file), and each cell as a partner's field;
- :mod:`.partners_in`: the plan of an import of partners (added, updated, each
  change said before anything is written) and the project after it;
- :mod:`.tables_out`: the partners, contributions and scores tables as CSV;
- :mod:`.commands`: ``partnertui import-partners`` and ``partnertui export``.

Reading and writing the CSV text itself is :mod:`partnertui.csv_text`'s, shared
with the import of survey answers.
"""
