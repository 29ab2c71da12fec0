"""CSV files as spreadsheets write them and read them: bytes to rows, rows to bytes.

Two imports read CSVs (survey answers, partner lists) and the table export writes
them; all three meet the same spreadsheets. Excel and LibreOffice save "CSV" in
Windows-1252 or UTF-8 (with or without a byte order mark), "Unicode text" in
UTF-16 with tabs, and in much of Europe with ``;`` between cells. Reading all of
that, and writing what Excel opens with its accents intact, is done once, here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from partnertui.formatting import count

MAX_CSV_BYTES = 32 * 1024 * 1024
"""As for project files: no survey or partner list comes near it; a stray log would."""

BOM = "\ufeff"

Record = tuple[int, list[str]]
"""A row as a spreadsheet numbers it (the first row is 1), and its cells."""


class CsvProblem(ValueError):
    """A CSV that cannot be read as a table at all; the message names the file."""


# -- reading ----------------------------------------------------------------------


def decode(data: bytes, file: str) -> str:
    """The text of a CSV, whichever encoding Excel or the tool gave it.

    A byte order mark says UTF-8 or UTF-16 (Excel's "Unicode text" is UTF-16 with
    one); without one, UTF-8 is tried, then Windows-1252, what Excel writes for
    "CSV" on most Western Windows machines. A byte order mark left at the start of
    the text is taken off too: LimeSurvey and Google Contacts write UTF-8 with one,
    and a converter that adds its own (to UTF-16, say) leaves the first inside the
    text, where it would stick to the first heading and hide it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif len(data) >= 4 and data[1] == 0 and data[3] == 0:
        encodings = ["utf-16-le"]
    elif len(data) >= 4 and data[0] == 0 and data[2] == 0:
        encodings = ["utf-16-be"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding).lstrip(BOM)
        except UnicodeDecodeError:
            continue
    raise CsvProblem(
        f"{file}: this file's text cannot be read (it is not UTF-8, UTF-16 or Windows-1252); "
        'save it again from the spreadsheet as "CSV UTF-8"'
    )


def separator(text: str) -> str:
    """The separator of ``text``: the one of ``,`` ``;`` tab found most often in its
    heading row, outside quotes (Kobo writes ``;``, Excel's "Unicode text" tabs)."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char == "\n":
                break
            if char in counts:
                counts[char] += 1
    best = max(counts, key=lambda c: (counts[c], c == ","))
    return best


def read_text(path: Path) -> str:
    """The text of the CSV at ``path``; :class:`CsvProblem` naming it when it cannot
    be read or is far too large to be a table someone made."""
    file = str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_CSV_BYTES + 1)
    except OSError as error:
        raise CsvProblem(f"{file}: this file cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_CSV_BYTES:
        raise CsvProblem(f"{file}: this file is larger than {MAX_CSV_BYTES // 2**20} MB")
    return decode(data, file)


def records(text: str, file: str) -> list[Record]:
    """Every row of ``text`` that holds anything, numbered as a spreadsheet numbers
    it, each cell trimmed; :class:`CsvProblem` when it is not CSV at all, or when a
    quote left open swallows the rows after it (:func:`refuse_open_quotes`)."""
    delimiter = separator(text)
    refuse_open_quotes(text, delimiter, file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        found = [(n, record) for n, record in enumerate(reader, start=1)]
    except csv.Error as error:
        raise CsvProblem(f"{file}: this is not a CSV table that can be read ({error})") from None
    return [(n, [c.strip() for c in r]) for n, r in found if any(c.strip() for c in r)]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)("?)')
"""A quoted cell from its opening quote: what it holds, and its closing quote (empty
when the text ends first)."""


def refuse_open_quotes(text: str, delimiter: str, file: str) -> None:
    """:class:`CsvProblem` at the line where a quote opens that swallows rows.

    A quote opening a cell runs, as CSV says, to the next lone quote, over line
    breaks and all. One typed by hand and never closed would make the rest of the
    file one cell, and one closed by a quote meant for a later cell makes the rows
    between part of a note; either way the rows vanish without a word. So a quoted
    cell that runs to the end of the text is refused, and so is one over line breaks
    that ends in the middle of a cell, or that holds lines which read as rows while
    its own row comes out with a number of cells other than the headings'. A note
    of several lines, closed where its cell ends, is left alone.
    """
    if '"' not in text:
        return
    unquoted = re.compile(f"[^{re.escape(delimiter)}\\r\\n]*")
    position, line, width, cells = 0, 1, 0, 0
    suspect: tuple[int, int, str] | None = None
    while position <= len(text):
        cells += 1
        if text.startswith('"', position):
            cell = _QUOTED.match(text, position)
            assert cell is not None  # the pattern matches any text from a quote
            inside = _LINE_BREAK.split(cell.group(1))
            breaks = len(inside) - 1
            if not cell.group(2):
                rest = sum(1 for r in inside[1:] if r.strip())
                swallowed = (
                    f", so {_lines(rest)} after it would be part of its cell" if rest else ""
                )
                raise CsvProblem(
                    f"{file}:{line}: a quote opens a cell here and is never closed{swallowed}; "
                    "close the quote where the cell ends (or remove it) and save the file again"
                )
            position = cell.end()
            ends = position == len(text) or text.startswith((delimiter, "\r", "\n"), position)
            if breaks and not ends:
                raise CsvProblem(_swallowed(file, line, breaks, inside[1]))
            rows = [r for r in inside[1:] if width > 1 and _cells(r, delimiter) == width]
            if rows and suspect is None:
                suspect = (line, breaks, rows[0])
            line += breaks
        position = unquoted.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith(delimiter, position):
            position += 1
            continue
        position += 2 if text.startswith("\r\n", position) else 1
        if suspect is not None and cells != width:
            raise CsvProblem(_swallowed(file, *suspect))
        width, cells, suspect, line = width or cells, 0, None, line + 1


def _cells(line: str, delimiter: str) -> int:
    return len(next(csv.reader([line], delimiter=delimiter), []))


def _lines(n: int) -> str:
    return "the line" if n == 1 else f"the {count(n, 'line')}"


def _swallowed(file: str, line: int, breaks: int, row: str) -> str:
    from partnertui.storage.errors import printable

    shown = row if len(row) <= 40 else row[:39] + "…"
    return (
        f"{file}:{line}: a quote opens a cell here and is closed only "
        f"{count(breaks, 'line')} later, so "
        f'what looks like further rows ("{printable(shown)}") would be read as part of '
        "one cell; close the quote where the cell ends (or remove it) and save the file again"
    )


# -- writing ----------------------------------------------------------------------

Cell = str | int | float | dt.date | None

FORMULA_SIGNS = ("=", "+", "-", "@")
"""What a spreadsheet takes for the start of a formula: a cell of text starting so,
also after spaces, tabs or a carriage return (which some spreadsheets pass over, and
which hide one), is written with an apostrophe in front."""


def _protected(text: str) -> bool:
    """Whether ``text`` is written with an apostrophe in front: it starts like a
    formula (also after spaces), or with a tab or a carriage return before more, as
    OWASP's advice on CSV injection has it; or it is such text after apostrophes
    and spaces of its own. Reading a CSV trims its cells, which must neither show
    an apostrophe of the text's own as ours nor hide ours: so :func:`unprotected`
    takes off exactly the apostrophe put on here."""
    while True:
        if text.startswith(("\t", "\r")) and not text.isspace():
            return True
        bare = text.lstrip()
        if bare.startswith(FORMULA_SIGNS):
            return True
        if not bare.startswith("'"):
            return False
        text = bare[1:]


def safe_cell(value: Cell) -> str | int | float:
    """``value`` as a cell a spreadsheet opens as data, never as a formula.

    Text that starts like a formula (``=HYPERLINK(…)``, ``+1 555…``, ``-`` or ``@``,
    also after spaces), or is such text with apostrophes of its own in front, gets
    an apostrophe in front, which spreadsheets read as "this is text" and
    :func:`unprotected` takes off again: the two are exact inverses. Numbers are
    numbers, whatever their sign, and are left alone; a date is its ISO form
    (2026-11-24), which every spreadsheet reads as a date; ``None`` is an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            return int(value)  # 1200, as people write money, not 1200.0
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if _protected(text) else text


def encode(headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A whole CSV: UTF-8 with a byte order mark (so Excel shows accents), one
    heading row, numbers unquoted, CRLF between rows as the csv module writes."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_cell(h) for h in headings])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return (BOM + out.getvalue()).encode("utf-8")


def unprotected(text: str) -> str:
    """A cell as written before :func:`safe_cell` protected it, when a file we wrote
    comes back: the apostrophe we put in front taken off, one that was part of the
    text kept (``''=SUM(1)`` is ``'=SUM(1)``, ``'Tis`` stays ``'Tis``)."""
    return text[1:] if text.startswith("'") and _protected(text[1:]) else text


class MappingProblem(ValueError):
    """A mapping file that cannot be used; the message names the file and line."""


def read_mapping_file(path: Path) -> tuple[dict, Callable[[tuple[str, ...], str], MappingProblem]]:
    """A CSV import's mapping file read as TOML, and how to say what is wrong at a key.

    Both imports (answers, partners) take a small TOML file saying what unknown
    columns mean; reading it and pointing at its lines is the same for both.
    """
    import tomllib

    from partnertui.storage import problems
    from partnertui.storage.tomlpos import Positions

    file = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise MappingProblem(
            f"{file}: this mapping file cannot be read ({error.strerror})"
        ) from None
    except UnicodeDecodeError:
        raise MappingProblem(f"{file}: this mapping file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingProblem(str(problems.toml_syntax(file, text, error))) from None
    positions = Positions(text)

    def wrong(where: tuple[str, ...], message: str) -> MappingProblem:
        line, column = positions.find(where, key=True)
        return MappingProblem(f"{file}:{line}:{column}: {problems.printable(message)}")

    return data, wrong
