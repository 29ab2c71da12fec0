"""Terminal reach: small windows, colour, themes and a person's own keys.

Each test runs the workbook as a person would (keys, resizes) and checks the project
model, the files written, and the settings file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from shell_tools import screen_text, toasts
from textual.command import CommandPalette
from textual.widgets import Input

from partnertui import storage
from partnertui.tui.screens.help import HelpScreen
from partnertui.tui.screens.overview import OverviewScreen
from partnertui.tui.screens.partners import PartnersScreen
from partnertui.tui.screens.picker import PickerScreen
from partnertui.tui.screens.problems import ProblemsScreen
from partnertui.tui.settings import key_settings
from partnertui.tui.size_guard import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen, too_small_message
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog
from partnertui.tui.widgets.table import ListTable

README = Path(__file__).resolve().parents[2] / "README.md"


def settings_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings" / "config.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(app) -> list[str]:
    return [partner.name for partner in app.workbook.project.partners]


# -- too small a window ------------------------------------------------------------


async def test_the_message_comes_and_goes_with_the_window_size(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = screen_text(app)
        assert "This window is 60×20." in text
        assert f"partnertui needs at least {MIN_WIDTH}×{MIN_HEIGHT}." in text
        assert "ctrl+q quits." in text
        await pilot.resize_terminal(79, 24)  # still too narrow: the size shown follows
        await pilot.pause()
        assert "This window is 79×24." in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert "Choosing partners" in screen_text(app)


@pytest.mark.parametrize("section", ["1", "2", "3", "4", "5", "6"])
async def test_a_window_made_smaller_shows_what_one_started_small_does(
    project_file, make_app, section
):
    """Each section, opened in a larger window that is then made 80×24, reads exactly
    as when it was opened at 80×24: lists narrow their columns, panels rewrap."""
    path = project_file("riverside-youth")
    shown = []
    for start in ((80, 24), (100, 30)):
        app = make_app(path)
        async with app.run_test(size=start) as pilot:
            await pilot.press(section)
            await pilot.pause()
            await pilot.resize_terminal(80, 24)
            await pilot.pause(0.2)
            shown.append(screen_text(app))
    assert shown[1] == shown[0]


async def test_starting_in_a_small_window_shows_the_message(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(70, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "This window is 70×30." in screen_text(app)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_the_picker_and_the_problems_view_are_covered_too(tmp_path, make_app, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(None)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)

    broken = tmp_path / "broken.toml"
    broken.write_text("this is not toml\n")
    app = make_app(broken)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)


async def test_a_dialog_is_covered_and_comes_back_as_it_was(project_file, make_app):
    path = project_file()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a", *"Harbour Church")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("x", "y", "escape")  # nothing underneath hears these
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Harbour Church" in names(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "Harbour Church" in [p.name for p in storage.load(path).partners]


async def test_help_is_covered_too(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.resize_terminal(80, 23)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_section_keys_wait_while_the_window_is_too_small(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("2", "question_mark", "a")
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert app.current_mode == "overview"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


@pytest.mark.parametrize("theme", ["textual-dark", "ansi-dark"])
async def test_the_message_covers_the_screen_again_when_the_quit_question_closes(
    project_file, make_app, theme
):
    """Nothing of the cut-up section shows around the message, before the question,
    over which it waits, or after it (an ANSI theme draws dialogs see-through)."""
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.press("3", "c")  # a role given: unsaved
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        message = too_small_message(app.size).splitlines()
        lines = [line.strip() for line in screen_text(app).splitlines() if line.strip()]
        assert lines == [line for line in message if line]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Save your changes before quitting?" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        lines = [line.strip() for line in screen_text(app).splitlines() if line.strip()]
        assert lines == [line for line in message if line]


async def test_ctrl_q_quits_from_a_small_window(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_still_asks_about_unsaved_changes(project_file, make_app):
    path = project_file()
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a", *"Harbour Church", "ctrl+s")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # over the message, usable
        assert "Save your changes before quitting?" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)  # grows while the question is open
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)  # the message saw it was not needed
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_bytes() != before
    assert "Harbour Church" in [p.name for p in storage.load(path).partners]


# -- colour --------------------------------------------------------------------------


async def test_no_color_is_respected(project_file, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        assert any(type(f).__name__ in ("Monochrome", "NoColor") for f in app._filters)


async def test_without_no_color_colour_is_shown(project_file, make_app, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)):
        assert not app.no_color


# -- themes ------------------------------------------------------------------------


async def test_a_theme_chosen_in_the_palette_is_kept_for_next_time(
    project_file, make_app, tmp_path
):
    path = project_file()
    settings = settings_file(tmp_path, '# mine\n[keys]\n"partners.add" = "n"\n')
    app = make_app(path, config_path=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert settings.read_text() == 'theme = "nord"\n\n# mine\n[keys]\n"partners.add" = "n"\n'

    again = make_app(path, config_path=settings)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        again.theme = "textual-light"
        await pilot.pause()
    assert tomllib.loads(settings.read_text()) == {
        "theme": "textual-light",
        "keys": {"partners.add": "n"},
    }


async def test_starting_with_a_theme_does_not_rewrite_the_file(project_file, make_app, tmp_path):
    settings = settings_file(tmp_path, "theme = 'nord'   # the blue one\n")
    app = make_app(project_file(), config_path=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    assert settings.read_text() == "theme = 'nord'   # the blue one\n"


async def test_a_settings_folder_that_cannot_be_written_is_a_message(
    project_file, make_app, tmp_path
):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    app = make_app(project_file(), config_path=blocker / "config.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
        assert app.theme == "nord"  # used now, only not kept
        [toast] = [t for t in toasts(app) if t.startswith("Theme not kept")]
        assert "The theme was not saved" in toast
        assert str(blocker / "config.toml") in toast


# -- a person's own keys -----------------------------------------------------------


async def test_a_key_set_in_the_settings_does_the_action(project_file, make_app, tmp_path):
    path = project_file()
    settings = settings_file(tmp_path, '[keys]\n"partners.add" = "n"\n"app.save" = "ctrl+w"\n')
    app = make_app(path, config_path=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)  # a no longer adds
        await pilot.press("n", *"Harbour Church", "ctrl+s")
        await pilot.pause()
        assert "Harbour Church" in names(app)
        assert "n Add" in screen_text(app).splitlines()[-1]  # the footer says so
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert not app.workbook.dirty
    assert "Harbour Church" in [p.name for p in storage.load(path).partners]


async def test_the_help_shows_the_persons_own_keys(project_file, make_app, tmp_path):
    settings = settings_file(tmp_path, '[keys]\n"partners.add" = "n"\n')
    app = make_app(project_file(), config_path=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "question_mark")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any(line.split()[1:3] == ["n", "Add"] for line in lines if len(line.split()) > 2)


async def test_moving_the_list_keys_moves_them_everywhere(project_file, make_app, tmp_path):
    settings = settings_file(tmp_path, '[keys]\n"list.down" = "ctrl+n"\n')
    app = make_app(project_file(), config_path=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#table", ListTable)
        await pilot.press("ctrl+n", "ctrl+n")
        assert table.cursor_row == 2
        await pilot.press("j")
        assert table.cursor_row == 2


BAD_SETTINGS = {
    "syntax": ('theme = "nord"\n[keys\n', "line 2: this is not valid TOML"),
    "theme": ('theme = "nrod"\n', 'line 1: there is no theme named "nrod"; did you mean "nord"?'),
    "binding": (
        '[keys]\n"partner.add" = "n"\n',
        'line 2: there is no key setting named "partner.add"',
    ),
    "key": ('[keys]\n\n"partners.add" = "ctrl+nokey"\n', 'line 3: the key for "partners.add"'),
}


@pytest.mark.parametrize("kind", BAD_SETTINGS)
async def test_bad_settings_are_named_and_the_defaults_used(
    project_file, make_app, tmp_path, kind, capsys
):
    text, said = BAD_SETTINGS[kind]
    settings = settings_file(tmp_path, text)
    app = make_app(project_file(), config_path=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [toast] = [t for t in toasts(app) if "not used" in t]
        assert f"{settings}, {said}" in toast
        assert app.theme == "textual-dark"
        await pilot.press("2", "a", *"Harbour Church", "ctrl+s")  # a still adds
        await pilot.pause()
        assert "Harbour Church" in names(app)
    assert capsys.readouterr().err == ""
    assert settings.read_text() == text  # never rewritten behind the person's back


async def test_an_unreadable_settings_file_is_named(project_file, make_app, tmp_path):
    folder = tmp_path / "settings-folder"
    folder.mkdir()
    app = make_app(project_file(), config_path=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert f"{folder}: this is a folder, not a settings file" in "\n".join(toasts(app))
        assert isinstance(app.screen, OverviewScreen)


def test_every_key_setting_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    missing = [name for name in key_settings() if f"`{name}`" not in readme]
    assert not missing, f"add these to the README's key table: {missing}"


# -- vim keys beside the arrows, and letters for the fields ------------------------


async def test_j_and_k_move_in_lists_and_type_in_fields(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#table", ListTable)
        await pilot.press("j", "j", "j", "k")
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("slash", *"jkgG")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == "jkgG"
        assert table.cursor_row == 0
        await pilot.press("escape", "a", *"jk gG", "ctrl+s")
        await pilot.pause()
        assert "jk gG" in names(app)


async def test_j_and_k_in_the_actions_list_and_its_filter(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#table", ListTable)
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("slash", *"kj")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == "kj"


async def test_j_and_k_scroll_help_and_move_on_the_roles_table(project_file, make_app):
    app = make_app(project_file())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        start = table.cursor_row
        await pilot.press("j")
        assert table.cursor_row > start
        await pilot.press("question_mark")
        await pilot.pause()
        scroller = app.screen.focused
        assert scroller is not None and scroller.max_scroll_y > 0
        await pilot.press("j", "j")
        assert scroller.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert scroller.scroll_y == scroller.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert scroller.scroll_y == 0


async def test_j_and_k_in_the_picker(tmp_path, make_app, monkeypatch, examples):
    monkeypatch.chdir(examples)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        assert table.row_count >= 2
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0


async def test_j_scrolls_the_problems_list(tmp_path, make_app):
    broken = tmp_path / "broken.toml"
    broken.write_text("\n".join(f"key{n} = " for n in range(1)) + "\n")
    lines = ['schema_version = 1\n[project]\nname = "x"\n']
    lines += [f'[[partners]]\nid = "p{n}"\nname = "P{n}"\nkind = "nonsense"\n' for n in range(30)]
    broken.write_text("".join(lines))
    app = make_app(broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        scroller = app.screen.query_one("#list")
        assert scroller.max_scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert scroller.scroll_y == 1


# -- where the settings come from --------------------------------------------------


def test_the_config_flag_reaches_the_workbook(monkeypatch, tmp_path):
    import partnertui.tui.app
    from partnertui import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNERTUI_CONFIG", "from-the-environment.toml")
    opened = []

    def run(path):
        opened.append((path, os.environ["PARTNERTUI_CONFIG"]))
        return 0

    monkeypatch.setattr(partnertui.tui.app, "run", run)
    monkeypatch.setattr(cli, "_has_a_terminal", lambda: True)  # as a person's would be
    assert cli.main(["plan.toml"]) == 0
    assert cli.main(["--config", "mine.toml", "plan.toml"]) == 0
    assert opened == [
        (Path("plan.toml"), "from-the-environment.toml"),
        (Path("plan.toml"), str(tmp_path / "mine.toml")),
    ]


def test_without_a_path_the_app_reads_the_environment_variable(monkeypatch, tmp_path):
    from partnertui.tui.app import PartnerApp

    monkeypatch.setenv("PARTNERTUI_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert PartnerApp(None).settings.path == tmp_path / "elsewhere.toml"
    assert PartnerApp(None, config_path=tmp_path / "x.toml").settings.path == tmp_path / "x.toml"


def test_every_screens_keys_are_known_in_a_fresh_program():
    """The app imports screens when first shown; the key settings must not depend on it."""
    import subprocess
    import sys

    probe = (
        "from partnertui.tui.app import PartnerApp\n"
        "from partnertui.tui.settings import key_settings\n"
        "known = key_settings()\n"
        "for name in ('partners.add', 'roles.cooperation', 'scores.note', 'list.down',"
        " 'actions.done', 'ingredients.new_round', 'responsibilities.add', 'app.save'):\n"
        "    assert name in known, name\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
