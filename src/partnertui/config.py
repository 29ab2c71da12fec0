"""The person's own settings: a colour theme and their own keys, in a small TOML file.

Settings belong to the person at the keyboard, not to a project, so they live in the
user's config folder (or wherever ``--config`` or ``PARTNERTUI_CONFIG`` points), never
beside project files in git. A setting that cannot be used is reported with its file
and line and left out, so a typo costs that one setting, never the workbook::

    theme = "textual-dark"

    [keys]
    "partners.add" = "n"
    "list.down" = "j,ctrl+n"

This module knows nothing of Textual: the app passes in the themes, binding ids and
key names that exist, so what is valid is decided by what the app really has.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import tomllib

# The TOML reader and writer and the line finder are imported where they are used:
# the workbook reads the settings at every start, and that is quicker without them
# (most people have no settings file, and few files have a problem to point at).

ENV_VAR = "PARTNERTUI_CONFIG"
"""Names a settings file to use instead of the one in the user's config folder."""

APP_NAME = "partnertui"
MAX_BYTES = 1024 * 1024
"""A settings file is a few lines; anything this large is not one."""

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_KEY_WORD = re.compile(r"[a-z0-9_]+")
_THEME_LINE = re.compile(
    r"""^(?P<head>[ \t]*(?:theme|"theme"|'theme')[ \t]*=[ \t]*)"""
    r"""(?P<value>"(?:[^"\\\n]|\\.)*"|'[^'\n]*')(?P<tail>[ \t]*(?:#.*)?)$"""
)
_TABLE_LINE = re.compile(r"^[ \t]*\[")


class ConfigProblem(NamedTuple):
    """One setting that could not be used, and where it is written."""

    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else str(self.file)
        return f"{where}: {self.message}"


class Config(NamedTuple):
    """The settings that can be used; ``problems`` says what was left out and why."""

    path: Path
    theme: str | None = None
    keys: Mapping[str, str] = MappingProxyType({})
    problems: tuple[ConfigProblem, ...] = ()


class ConfigSaveError(Exception):
    """The settings file could not be written; the message says why, in plain words."""


def default_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where settings are read from: ``PARTNERTUI_CONFIG``, else the user's config folder."""
    environ = os.environ if environ is None else environ
    if named := environ.get(ENV_VAR, "").strip():
        return Path(named).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def load(
    path: Path,
    *,
    themes: Collection[str] | None = None,
    bindings: Collection[str] | None = None,
    key_names: Collection[str] | None = None,
) -> Config:
    """Read the settings at ``path``; a missing file simply means no settings.

    ``themes``, ``bindings`` (binding ids) and ``key_names`` (named keys such as
    ``enter`` or ``f5``) are what exists; when one is None, that check is skipped.
    """
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Config(path)
    except IsADirectoryError:
        return _unusable(path, "this is a folder, not a settings file")
    except OSError as error:
        return _unusable(path, f"could not read it ({error.strerror or error})")
    if len(raw) > MAX_BYTES:
        return _unusable(path, "this file is too large to be a settings file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _unusable(path, "this file is not UTF-8 text")
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = _syntax_problem(error)
        return _unusable(path, f"this is not valid TOML ({message})", line)
    return _Reader(path, text, themes, bindings, key_names).read(data)


def key_problem(keys: str, key_names: Collection[str] | None = None) -> str | None:
    """Why ``keys`` (a comma-separated list such as ``"n,ctrl+n"``) is not a key, or None."""
    if not keys.strip():
        return "no key is given"
    for token in keys.split(","):
        key = token.strip()
        if not key:
            return f'"{keys}" has an empty key between commas'
        if len(key) == 1:
            if not key.isprintable() or key.isspace():
                return f'"{key}" is not a key you can press; write "space", "tab" and so on'
            continue
        *modifiers, name = key.split("+")
        unknown = [m for m in modifiers if m not in MODIFIERS]
        if unknown:
            return f'"{unknown[0]}" in "{key}" is not ctrl, shift, alt, meta, super or hyper'
        if len(name) == 1:
            continue
        if not _KEY_WORD.fullmatch(name) or (key_names is not None and name not in key_names):
            return f'"{name}" is not a key name (for example: n, ctrl+n, f5, enter, pagedown)'
    return None


def save_theme(path: Path, theme: str) -> None:
    """Write ``theme`` into the settings at ``path``, keeping every other line as it is.

    The file is replaced atomically, so a crash never leaves half a file. A file that
    is not valid TOML is left alone rather than overwritten with a guess.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except OSError as error:
        message = f"The theme was not saved: could not read {path} ({error.strerror or error})."
        raise ConfigSaveError(message) from None
    except UnicodeDecodeError:
        message = f"The theme was not saved: {path} is not UTF-8 text."
        raise ConfigSaveError(message) from None
    import tomllib

    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, _ = _syntax_problem(error)
        where = f" at line {line}" if line else ""
        raise ConfigSaveError(
            f"The theme was not saved: {path} has a mistake{where}. Fix it and choose the "
            "theme again."
        ) from None
    _replace(path, _with_theme(text, theme))


# -- reading ------------------------------------------------------------------------


class _Reader:
    """Checks each setting in turn, keeping the good ones and noting the others."""

    def __init__(
        self,
        path: Path,
        text: str,
        themes: Collection[str] | None,
        bindings: Collection[str] | None,
        key_names: Collection[str] | None,
    ) -> None:
        from partnertui.storage.tomlpos import Positions

        self.path = path
        self.positions = Positions(text)
        self.themes = themes
        self.bindings = bindings
        self.key_names = key_names
        self.problems: list[ConfigProblem] = []

    def note(self, where: tuple[str, ...], message: str, *, key: bool = False) -> None:
        line, _column = self.positions.find(where, key=key)
        self.problems.append(ConfigProblem(self.path, line, message))

    def read(self, data: dict[str, Any]) -> Config:
        theme = self.theme(data.get("theme"))
        keys = self.keys(data.get("keys", {}))
        for name in data:
            if name not in ("theme", "keys"):
                message = f'"{name}" is not a setting; partnertui reads "theme" and [keys]'
                self.note((name,), message, key=True)
        return Config(self.path, theme, keys, tuple(self.problems))

    def theme(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.note(("theme",), 'theme must be a name in quotes, e.g. theme = "textual-dark"')
            return None
        if self.themes is not None and value not in self.themes:
            self.note(("theme",), f'there is no theme named "{value}"' + _hint(value, self.themes))
            return None
        return value

    def keys(self, table: Any) -> dict[str, str]:
        if not isinstance(table, dict):
            self.note(("keys",), 'write [keys] as a table, then lines like "partners.add" = "n"')
            return {}
        keys: dict[str, str] = {}
        for binding, value in table.items():
            where = ("keys", binding)
            if self.bindings is not None and binding not in self.bindings:
                hint = _hint(binding, self.bindings) or " (the README lists them)"
                self.note(where, f'there is no key setting named "{binding}"{hint}', key=True)
                continue
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                value = ",".join(value)
            if not isinstance(value, str):
                self.note(where, f'the key for "{binding}" must be text in quotes, e.g. "n"')
                continue
            if problem := key_problem(value, self.key_names):
                self.note(where, f'the key for "{binding}" cannot be used: {problem}')
                continue
            keys[binding] = value
        return keys


def _unusable(path: Path, message: str, line: int | None = None) -> Config:
    return Config(path, problems=(ConfigProblem(path, line, message + "; using the defaults"),))


def _syntax_problem(error: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """tomllib says where in its message ("... (at line 3, column 7)"); split that off."""
    text = str(error)
    found = re.search(r"\s*\(at line (\d+), column \d+\)$", text)
    if found is None:
        return None, text
    return int(found.group(1)), text[: found.start()]


def _hint(name: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f'; did you mean "{close[0]}"?' if close else ""


# -- writing ------------------------------------------------------------------------


def _with_theme(text: str, theme: str) -> str:
    """``text`` with its top-level ``theme`` set, comments and all else untouched."""
    import tomllib

    import tomli_w

    setting = tomli_w.dumps({"theme": theme}).strip()
    value = setting.partition("=")[2].strip()
    lines = text.splitlines(keepends=True)
    before_tables = len(lines)
    for number, line in enumerate(lines):
        if _TABLE_LINE.match(line):
            before_tables = number
            break
    for number, line in enumerate(lines[:before_tables]):
        match = _THEME_LINE.match(line.rstrip("\r\n"))
        if match:
            ending = line[len(line.rstrip("\r\n")) :]
            lines[number] = match.group("head") + value + match.group("tail") + ending
            return "".join(lines)
    if "theme" in tomllib.loads(text):
        # Written in a way we cannot edit in place (a multi-line string): rewrite it.
        data = tomllib.loads(text)
        data["theme"] = theme
        return tomli_w.dumps(data)
    # A comment right above the first table belongs to that table: insert above it.
    insert = before_tables
    while insert < len(lines) and insert > 0 and lines[insert - 1].lstrip().startswith("#"):
        insert -= 1
    if insert > 0 and not lines[insert - 1].endswith("\n"):
        lines[insert - 1] += "\n"
    spacer = "\n" if insert < len(lines) else ""
    lines.insert(insert, setting + "\n" + spacer)
    return "".join(lines)


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all at once, keeping its permissions."""
    from partnertui.storage import atomic

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigSaveError(
            f"The theme was not saved: cannot write in {folder} ({error.strerror or error})."
        ) from None
    try:
        atomic.write(path, text.encode("utf-8"))
    except atomic.WriteError as error:
        if error.step == "create":
            message = f"cannot write in {folder} ({error.strerror or error})"
            raise ConfigSaveError(f"The theme was not saved: {message}.") from None
        raise ConfigSaveError(
            f"The theme was not saved to {path} ({error.strerror or error})."
        ) from None
