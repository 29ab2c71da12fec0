"""The person's settings in the running workbook: their theme and their own keys.

``config`` reads and writes the file; this module knows what the app has to offer
(its themes, the ids of its keys, the names Textual gives keys), applies what was
read, reports what could not be used, and writes the theme back when it changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterator
from functools import cache
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys

from partnertui import config


@cache
def key_settings() -> dict[str, Binding]:
    """Every key a person may move, by its binding id (``partners.add``), as shipped.

    Read from the BINDINGS of every screen and widget of partnertui, so a key given
    an id anywhere can be set in the settings file without a list kept by hand. The
    app imports most screens only when first shown, so they are imported here.
    """
    import importlib
    import pkgutil

    import partnertui.tui.app
    import partnertui.tui.file_safety
    import partnertui.tui.screens
    import partnertui.tui.widgets

    for package in (partnertui.tui.file_safety, partnertui.tui.screens, partnertui.tui.widgets):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    found: dict[str, Binding] = {}
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if not cls.__module__.startswith("partnertui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id and binding.id not in found:
                found[binding.id] = binding
    return dict(sorted(found.items()))


@cache
def key_names() -> frozenset[str]:
    """The names Textual gives keys that are not one character: enter, f5, slash…"""
    names = {key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")}
    for code in range(33, 127):
        character = chr(code)
        if not character.isalnum():
            name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
            names.add(KEY_NAME_REPLACEMENTS.get(name, name))
    return frozenset(names)


class _BindingIds(Collection[str]):
    """The binding ids, looked up only when a settings file names a key: finding them
    imports every screen, which a person without their own keys need not wait for."""

    def __contains__(self, name: object) -> bool:
        return name in key_settings()

    def __iter__(self) -> Iterator[str]:
        return iter(key_settings())

    def __len__(self) -> int:
        return len(key_settings())


class Settings:
    """The settings file one app reads at start and writes its theme back to."""

    def __init__(self, app: App, path: Path) -> None:
        self.app = app
        self.path = path
        self.saved_theme: str | None = None

    def apply(self) -> config.Config:
        """Read the file, use what can be used, and say what could not (and where)."""
        loaded = config.load(
            self.path,
            themes=set(self.app.available_themes),
            bindings=_BindingIds(),
            key_names=key_names(),
        )
        self.saved_theme = loaded.theme
        if loaded.theme:
            self.app.theme = loaded.theme
        if loaded.keys:
            self.app.set_keymap(loaded.keys)
        if loaded.problems:
            count = len(loaded.problems)
            self.app.notify(
                "\n".join(str(problem) for problem in loaded.problems),
                title=f"{count} setting{'s' if count > 1 else ''} not used: the default instead",
                severity="warning",
                timeout=20,
            )
        return loaded

    def remember_theme(self, theme: str) -> None:
        """Keep a newly chosen theme for next time; a file that cannot be written is said."""
        if theme == self.saved_theme:
            return
        try:
            config.save_theme(self.path, theme)
        except config.ConfigSaveError as error:
            self.app.notify(str(error), title="Theme not kept", severity="warning", timeout=10)
        self.saved_theme = theme
