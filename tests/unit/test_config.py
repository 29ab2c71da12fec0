"""The settings file: what is read, what is reported (with its line), what is written."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from partnertui import config
from partnertui.config import Config, ConfigSaveError

THEMES = {"textual-dark", "textual-light", "nord", "ansi-dark"}
BINDINGS = {"partners.add", "partners.delete", "list.down", "app.quit"}
KEY_NAMES = {"enter", "escape", "f5", "pagedown", "delete", "slash", "space", "down"}


def load(path: Path) -> Config:
    return config.load(path, themes=THEMES, bindings=BINDINGS, key_names=KEY_NAMES)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(loaded: Config) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.message) for problem in loaded.problems]


# -- where the file is -------------------------------------------------------------


def test_the_environment_variable_names_the_file(tmp_path):
    named = tmp_path / "mine.toml"
    assert config.default_path({"PARTNERTUI_CONFIG": str(named)}) == named


def test_without_the_variable_the_user_config_folder_is_used():
    from platformdirs import user_config_path

    expected = user_config_path("partnertui") / "config.toml"
    assert config.default_path({}) == expected
    assert config.default_path({"PARTNERTUI_CONFIG": "  "}) == expected


def test_the_test_run_never_uses_the_real_settings():
    assert Path(os.environ["PARTNERTUI_CONFIG"]).name == "config.toml"
    assert config.default_path() == Path(os.environ["PARTNERTUI_CONFIG"])


# -- reading -----------------------------------------------------------------------


def test_a_missing_file_means_defaults_and_no_problems(tmp_path):
    assert load(tmp_path / "none.toml") == Config(tmp_path / "none.toml")


def test_theme_and_keys_are_read(tmp_path):
    path = write(
        tmp_path,
        '# mine\ntheme = "nord"\n\n[keys]\n"partners.add" = "n"\n"list.down" = ["j", "ctrl+n"]\n',
    )
    loaded = load(path)
    assert loaded.theme == "nord"
    assert loaded.keys == {"partners.add": "n", "list.down": "j,ctrl+n"}
    assert loaded.problems == ()


def test_a_syntax_error_names_its_line_and_gives_the_defaults(tmp_path):
    path = write(tmp_path, 'theme = "nord"\n[keys]\n"partners.add" = n\n')
    loaded = load(path)
    assert (loaded.theme, loaded.keys) == (None, {})
    [(line, message)] = messages(loaded)
    assert line == 3
    assert message.startswith("this is not valid TOML")
    assert message.endswith("using the defaults")
    assert str(loaded.problems[0]).startswith(f"{path}, line 3: ")


def test_an_unknown_theme_is_named_with_a_suggestion(tmp_path):
    loaded = load(write(tmp_path, '\ntheme = "nrod"\n[keys]\n"partners.add" = "n"\n'))
    assert loaded.theme is None
    assert loaded.keys == {"partners.add": "n"}  # the rest still counts
    assert messages(loaded) == [(2, 'there is no theme named "nrod"; did you mean "nord"?')]


def test_a_theme_that_is_not_text(tmp_path):
    loaded = load(write(tmp_path, "theme = 3\n"))
    assert loaded.theme is None
    assert messages(loaded)[0][0] == 1
    assert "in quotes" in messages(loaded)[0][1]


def test_an_unknown_binding_id_is_left_out(tmp_path):
    text = '[keys]\n"partners.add" = "n"\n"partner.delete" = "x"\n"nothing.here" = "y"\n'
    loaded = load(write(tmp_path, text))
    assert loaded.keys == {"partners.add": "n"}
    assert messages(loaded) == [
        (3, 'there is no key setting named "partner.delete"; did you mean "partners.delete"?'),
        (4, 'there is no key setting named "nothing.here" (the README lists them)'),
    ]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ('""', "no key is given"),
        ('"a,,b"', "empty key between commas"),
        ('"ctrl+nokey"', '"nokey" is not a key name'),
        ('"cmd+n"', '"cmd" in "cmd+n" is not ctrl'),
        ('"Page Down"', '"Page Down" is not a key name'),
        ("5", "must be text in quotes"),
        ("[1, 2]", "must be text in quotes"),
    ],
)
def test_a_bad_key_value_is_left_out(tmp_path, value, why):
    loaded = load(write(tmp_path, f'[keys]\n"partners.add" = {value}\n"app.quit" = "f5"\n'))
    assert loaded.keys == {"app.quit": "f5"}
    [(line, message)] = messages(loaded)
    assert line == 2
    assert why in message


def test_keys_must_be_a_table(tmp_path):
    loaded = load(write(tmp_path, 'keys = "n"\n'))
    assert loaded.keys == {}
    assert messages(loaded) == [
        (1, 'write [keys] as a table, then lines like "partners.add" = "n"')
    ]


def test_unknown_settings_are_reported(tmp_path):
    loaded = load(write(tmp_path, 'theme = "nord"\ncolour = "red"\n'))
    assert loaded.theme == "nord"
    assert messages(loaded) == [
        (2, '"colour" is not a setting; partnertui reads "theme" and [keys]')
    ]


def test_named_keys_and_characters_are_accepted():
    for keys in ("n", "G", "?", "/", "ctrl+n", "shift+f5", "enter", "j,down", "alt+slash", "+"):
        assert config.key_problem(keys, KEY_NAMES) is None, keys
    assert config.key_problem("ctrl+up", None) is None  # no list of names: shape only


def test_a_folder_is_not_a_settings_file(tmp_path):
    loaded = load(tmp_path)
    assert messages(loaded) == [(None, "this is a folder, not a settings file; using the defaults")]
    assert str(loaded.problems[0]) == f"{tmp_path}: {loaded.problems[0].message}"


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff"\n')
    assert messages(load(path)) == [(None, "this file is not UTF-8 text; using the defaults")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    path = write(tmp_path, 'theme = "nord"\n')
    path.chmod(0)
    try:
        [(line, message)] = messages(load(path))
    finally:
        path.chmod(0o600)
    assert line is None
    assert message.startswith("could not read it")


def test_a_huge_file_is_not_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# " + "x" * config.MAX_BYTES)
    assert "too large" in messages(load(path))[0][1]


# -- writing the theme -------------------------------------------------------------


def test_saving_a_theme_creates_the_file_and_its_folder(tmp_path):
    path = tmp_path / "deep" / "er" / "config.toml"
    config.save_theme(path, "nord")
    assert path.read_text() == 'theme = "nord"\n'
    assert load(path).theme == "nord"


def test_saving_a_theme_keeps_every_other_line(tmp_path):
    text = (
        "# my settings\n"
        "theme = 'nord'   # the blue one\n"
        "\n"
        "# keys I like\n"
        "[keys]\n"
        '"partners.add" = "n"   # n for new\n'
    )
    path = write(tmp_path, text)
    config.save_theme(path, "textual-light")
    assert path.read_text() == text.replace("'nord'", '"textual-light"')


def test_a_new_theme_goes_above_the_tables_and_their_comments(tmp_path):
    text = '# keys I like\n[keys]\n"partners.add" = "n"\n'
    path = write(tmp_path, text)
    config.save_theme(path, "nord")
    assert path.read_text() == 'theme = "nord"\n\n' + text
    assert load(path).keys == {"partners.add": "n"}


def test_a_theme_after_other_top_level_lines(tmp_path):
    path = write(tmp_path, "# only a comment")
    config.save_theme(path, "nord")
    assert tomllib.loads(path.read_text()) == {"theme": "nord"}
    assert path.read_text().startswith("# only a comment\n")


def test_a_theme_written_oddly_is_still_replaced(tmp_path):
    path = write(tmp_path, 'theme = """nord"""\n[keys]\n"partners.add" = "n"\n')
    config.save_theme(path, "ansi-dark")
    assert tomllib.loads(path.read_text()) == {
        "theme": "ansi-dark",
        "keys": {"partners.add": "n"},
    }


def test_a_broken_file_is_not_overwritten(tmp_path):
    path = write(tmp_path, 'theme = "nord"\n[keys\n')
    with pytest.raises(ConfigSaveError, match="has a mistake at line 2"):
        config.save_theme(path, "textual-light")
    assert path.read_text() == 'theme = "nord"\n[keys\n'


def test_saving_keeps_the_file_mode_and_leaves_no_temporary_files(tmp_path):
    path = write(tmp_path, 'theme = "nord"\n')
    path.chmod(0o640)
    config.save_theme(path, "textual-light")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_saving_through_a_symlink_keeps_the_link(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = write(dotfiles, 'theme = "nord"\n')
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    config.save_theme(link, "textual-light")
    assert link.is_symlink()
    assert real.read_text() == 'theme = "textual-light"\n'


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_a_message_not_a_crash(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = write(folder, 'theme = "nord"\n')
    folder.chmod(0o500)
    try:
        with pytest.raises(ConfigSaveError, match="The theme was not saved: cannot write in"):
            config.save_theme(path, "textual-light")
    finally:
        folder.chmod(0o700)
    assert path.read_text() == 'theme = "nord"\n'


def test_a_folder_that_cannot_be_made_is_a_message_not_a_crash(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(ConfigSaveError, match=r"not saved: could not read .* \(Not a directory\)"):
        config.save_theme(blocker / "config.toml", "nord")


def test_a_folder_refusing_new_files_is_a_message_not_a_crash(tmp_path, monkeypatch):
    """What a read-only folder does, for test runs that are root (root writes anywhere)."""
    path = write(tmp_path, 'theme = "nord"\n')

    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ConfigSaveError) as raised:
        config.save_theme(path, "textual-light")
    assert str(raised.value) == (
        f"The theme was not saved: cannot write in {tmp_path} (Permission denied)."
    )
    assert path.read_text() == 'theme = "nord"\n'
