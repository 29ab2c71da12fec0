"""The partnership report: one project, as a funder or a partners' meeting reads it.

The report is built once as a short list of blocks (headings, paragraphs, lists,
tables, a chart) from what :mod:`partnertui.analysis` derives, and then written out
as Markdown or as one self-contained HTML page. Building the content once is what
keeps the two formats saying the same thing.

Everything a person typed into the project file is data, never markup: Markdown
escapes every character that would turn into formatting, HTML escapes everything,
and control characters are dropped from both. The HTML fetches nothing: its style
and its chart (inline SVG) are in the page, so it prints and mails as one file.

``today`` is a parameter, never the clock, so a report is reproducible: the same
file and the same day give the same bytes.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from partnertui import analysis
from partnertui.model import Project
from partnertui.report.as_html import to_html
from partnertui.report.as_markdown import markdown, md_escape
from partnertui.report.content import build
from partnertui.report.document import Document, clean
from partnertui.storage import atomic
from partnertui.storage.errors import printable

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "Document",
    "ReportWriteError",
    "build",
    "clean",
    "format_for",
    "markdown",
    "md_escape",
    "render",
    "to_html",
    "write",
]

FORMATS = ("markdown", "html")
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
"""File name endings the format can be told from."""


def render(
    project: Project, today: date, format: str, figures: analysis.Figures | None = None
) -> str:
    """The report in ``format`` ("markdown" or "html")."""
    if format == "html":
        return to_html(project, today, figures)
    if format == "markdown":
        return markdown(project, today, figures)
    raise ValueError(f"unknown report format {format!r}")


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for by its ending; ``None`` when it says nothing."""
    return SUFFIXES.get(Path(path).suffix.lower())


class ReportWriteError(Exception):
    """A report that could not be written, in plain words."""


def write(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` to ``path`` all at once: readers see the old file or the new one."""
    target = Path(path)
    # Names are shown, never obeyed: an escape in one must not retitle the terminal.
    shown, folder = printable(str(target)), target.parent
    if not folder.is_dir():
        raise ReportWriteError(
            f"The folder {printable(str(folder))} does not exist; nothing was written."
        )
    if target.is_dir():
        raise ReportWriteError(f"{shown} is a folder; give a file name ending in .html or .md.")
    try:
        atomic.write(target, text.encode("utf-8"))
    except PermissionError:
        raise ReportWriteError(
            f"partnertui is not allowed to write {shown}; nothing was written."
        ) from None
    except OSError as error:
        raise ReportWriteError(
            f"{shown} could not be written ({error.strerror or error}); nothing was written."
        ) from None
    return target
