"""Fixtures for driving the workbook as a person would: a copy of an example, an app."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from partnertui.tui.app import PartnerApp

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 11, 24)
"""The fixed "today" every workbook test runs on, so overdue marks never drift."""


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text cursor blinks every half second; on a busy machine a snapshot could be
    taken in either phase. Tests see it always on."""
    for field in (Input, TextArea):
        made = field.__init__

        def steady(self, *args, _made=made, **kwargs) -> None:
            _made(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(field, "__init__", steady)


@pytest.fixture
def project_file(tmp_path: Path) -> Callable[[str], Path]:
    """Copy ``examples/NAME.toml`` into a fresh folder and return the copy's path."""

    def copy(name: str = "riverside-youth") -> Path:
        target = tmp_path / f"{name}.toml"
        shutil.copyfile(EXAMPLES / f"{name}.toml", target)
        return target

    return copy


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., PartnerApp]:
    """An app on ``path`` with today fixed and settings from a file of this test's own
    (none, unless the test writes one to ``config_path``)."""

    def make(path: Path | None, *, config_path: Path | None = None) -> PartnerApp:
        settings = config_path or tmp_path / "settings" / "config.toml"
        return PartnerApp(path, today=TODAY, config_path=settings)

    return make
