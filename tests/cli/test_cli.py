"""The command line as people and CI use it: a real ``partnertui`` process."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from processes import partnertui

from partnertui import __version__, cli, storage
from partnertui.model import new_project

BAD_KIND = ('kind = "group"', 'kind = "grup"')


@pytest.fixture
def folder(examples: Path) -> Path:
    """Examples as a project folder: a good file, a broken one, a hand-edited one."""
    good = examples / "riverside-youth.toml"
    text = good.read_text()
    assert BAD_KIND[0] in text
    broken = text.replace(BAD_KIND[0], BAD_KIND[1], 1).replace("youth = false", 'youth = "no"', 1)
    (examples / "broken.toml").write_text(broken)
    # Hand edited: keys out of order, a comment, CRLF line ends, partners reversed.
    project = storage.load(good)
    data = project.model_dump(exclude_none=True)
    data["partners"].reverse()
    import tomli_w

    hand = "# edited by hand\n" + tomli_w.dumps(dict(reversed(list(data.items()))))
    (examples / "hand.toml").write_bytes(hand.replace("\n", "\r\n").encode())
    return examples


# -- every command's help, and the version -------------------------------------------------


def test_version(tmp_path: Path):
    result = partnertui("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"partnertui {__version__}\n")


@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["fmt"], ["schema"]])
def test_help_everywhere(tmp_path: Path, command: list[str]):
    result = partnertui(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: partnertui")
    assert result.stderr == ""


def test_top_help_lists_the_commands(tmp_path: Path):
    out = partnertui("--help", cwd=tmp_path).stdout
    for name in ("new", "check", "fmt", "schema"):
        assert re.search(rf"^  {name} +\S", out, re.MULTILINE), name


def test_mistyped_command_is_a_usage_error_with_a_suggestion(tmp_path: Path):
    result = partnertui("chek", "plan.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert 'there is no command "chek"; did you mean "check"?' in result.stderr


@pytest.mark.parametrize("words", [["chekc", "plan.toml"], ["chekc"], ["fmtt", "a.toml", "b.toml"]])
def test_a_command_mistyped_anyhow_is_never_taken_for_a_file(tmp_path: Path, words):
    result = partnertui(*words, cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("word", ["git-sync", "plans", "riverside"])
def test_a_word_that_is_neither_a_command_nor_a_project_file_says_so(tmp_path: Path, word):
    result = partnertui(word, cwd=tmp_path)
    assert result.returncode == 2
    assert f'there is no command or project file "{word}"' in result.stderr
    assert f"{word}.toml" in result.stderr and "--help" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_workbook_without_a_terminal_says_it_needs_one(examples: Path, tmp_path: Path):
    """A script, a cron job or a git hook: no terminal on either end."""
    path = examples / "riverside-youth.toml"
    before = path.read_bytes()
    for words in ([str(path)], [], [str(tmp_path / "new.toml")]):
        result = subprocess.run(
            [sys.executable, "-m", "partnertui", *words],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=20,
        )
        assert result.returncode == 2, words
        assert "the workbook needs a terminal" in result.stderr
        assert result.stdout == "" and "\x1b" not in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in examples.iterdir()) == sorted(
        p.name for p in (Path(__file__).resolve().parents[2] / "examples").glob("*.toml")
    )
    assert not (tmp_path / "new.toml").exists()


@pytest.mark.parametrize("where", ["nosuch/dir/x.toml", "notes.md/x.toml"])
def test_a_file_in_a_folder_that_is_not_there_is_refused_before_anything_starts(
    tmp_path: Path, where: str
):
    (tmp_path / "notes.md").write_text("# notes\n")
    result = partnertui(where, cwd=tmp_path)
    assert result.returncode == 2
    folder = str(Path(where).parent)
    said = "does not exist" if folder.startswith("nosuch") else "is a file, not a folder"
    assert f"partnertui: {'the folder ' * (said == 'does not exist')}{folder} {said}" in (
        result.stderr
    )
    assert "there is no x.toml to open and no new project can be made there" in result.stderr
    assert "needs a terminal" not in result.stderr  # said first, whatever else is amiss
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_unknown_option_is_a_usage_error(tmp_path: Path):
    result = partnertui("check", "--colour", "plan.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments: --colour" in result.stderr


# -- new -----------------------------------------------------------------------------------


def test_new_creates_a_canonical_project(tmp_path: Path):
    result = partnertui("new", "plan.toml", "--name", "Riverside", "--lead", "RCA", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "created plan.toml\n", "")
    written = (tmp_path / "plan.toml").read_text()
    assert written == storage.dumps(new_project("Riverside", "RCA"))
    assert partnertui("check", "plan.toml", cwd=tmp_path).returncode == 0
    assert partnertui("fmt", "--check", "plan.toml", cwd=tmp_path).returncode == 0


def test_new_refuses_to_overwrite(folder: Path):
    before = (folder / "riverside-youth.toml").read_bytes()
    result = partnertui("new", "riverside-youth.toml", "--name", "Other", cwd=folder)
    assert result.returncode == 1
    assert result.stderr == (
        "partnertui new: riverside-youth.toml already exists; partnertui will not overwrite it.\n"
    )
    assert (folder / "riverside-youth.toml").read_bytes() == before


def test_new_needs_a_name(tmp_path: Path):
    result = partnertui("new", "plan.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "the following arguments are required: --name" in result.stderr
    blank = partnertui("new", "plan.toml", "--name", "  ", cwd=tmp_path)
    assert blank.returncode == 2
    assert "the project needs a name" in blank.stderr
    assert not (tmp_path / "plan.toml").exists()


def test_new_in_a_missing_folder(tmp_path: Path):
    result = partnertui("new", "nowhere/plan.toml", "--name", "X", cwd=tmp_path)
    assert result.returncode == 1
    assert "does not exist; nothing was written" in result.stderr


def test_new_speaks_in_one_sentence_after_its_name(tmp_path: Path):
    result = partnertui("new", "nowhere/plan.toml", "--name", "X", cwd=tmp_path)
    assert result.stderr == (
        f"partnertui new: the folder {tmp_path.resolve() / 'nowhere'} does not exist; nothing was "
        "written and nowhere/plan.toml was not created.\n"
    )


# -- check ---------------------------------------------------------------------------------


def test_check_good_files_is_quiet(folder: Path):
    result = partnertui("check", "riverside-youth.toml", "millbrook-safer-streets.toml", cwd=folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_verbose_names_good_files(folder: Path):
    result = partnertui("check", "-v", "riverside-youth.toml", cwd=folder)
    assert (result.returncode, result.stdout) == (0, "riverside-youth.toml: ok\n")


def test_check_prints_every_problem_compiler_style(folder: Path):
    result = partnertui("check", "broken.toml", cwd=folder)
    assert result.returncode == 1
    text = (folder / "broken.toml").read_text()
    youth_line = text[: text.index('youth = "no"')].count("\n") + 1
    kind_line = text[: text.index('kind = "grup"')].count("\n") + 1
    assert result.stdout.splitlines() == [
        f"broken.toml:{youth_line}:9: partners[0].youth: should be true or false, not "
        '"no" (write true or false, without quotes)',
        f'broken.toml:{kind_line}:8: partners[3].kind: "grup" is not a kind of partner; use '
        "one of individual, group, organization, business, agency, government "
        '(did you mean "group"?)',
    ]
    assert result.stderr == "2 problems in broken.toml\n"


def test_check_reports_unreadable_paths_and_checks_the_rest(folder: Path):
    result = partnertui("check", "missing.toml", "broken.toml", "riverside-youth.toml", cwd=folder)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "missing.toml:1:1: there is no such file (check the name and the folder)"
    assert all(line.startswith("broken.toml:") for line in lines[1:])
    assert "2 problems in broken.toml" in result.stderr


def test_check_a_folder_is_unreadable(folder: Path):
    result = partnertui("check", ".", cwd=folder)
    assert result.returncode == 2
    assert result.stdout == ".:1:1: this is a folder, not a project file\n"


def test_check_needs_a_path(tmp_path: Path):
    result = partnertui("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "the following arguments are required: PATH" in result.stderr


def test_check_does_not_load_the_terminal_ui(folder: Path):
    script = (
        "import sys; from partnertui.cli import main\n"
        "code = main(['check', 'riverside-youth.toml', 'broken.toml'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "loaded += [m for m in sys.modules if m.startswith('partnertui.tui')]\n"
        "print(code, loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=folder, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.splitlines()[-1] == "1 []"


def test_the_command_module_imports_only_the_standard_library(tmp_path: Path):
    script = (
        "import sys; import partnertui.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'pydantic', 'tomli_w', 'partnertui') and m not in "
        "('partnertui', 'partnertui.cli', 'partnertui.git_commands',\n"
        "'partnertui.answer_commands', 'partnertui.spreadsheets',\n"
        "'partnertui.spreadsheets.cli')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.stdout == "[]\n"


# -- fmt -------------------------------------------------------------------------------------


def test_fmt_rewrites_a_hand_edited_file_canonically(folder: Path):
    result = partnertui("fmt", "hand.toml", "riverside-youth.toml", cwd=folder)
    assert (result.returncode, result.stdout) == (0, "reformatted hand.toml\n")
    assert (folder / "hand.toml").read_bytes() == (folder / "riverside-youth.toml").read_bytes()
    again = partnertui("fmt", "hand.toml", cwd=folder)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_fmt_check_changes_nothing_and_fails_on_a_non_canonical_file(folder: Path):
    before = (folder / "hand.toml").read_bytes()
    result = partnertui("fmt", "--check", "hand.toml", "riverside-youth.toml", cwd=folder)
    assert (result.returncode, result.stdout) == (1, "would reformat hand.toml\n")
    assert (folder / "hand.toml").read_bytes() == before


def test_fmt_check_passes_canonical_files(folder: Path):
    result = partnertui("fmt", "--check", "-v", "riverside-youth.toml", cwd=folder)
    assert (result.returncode, result.stdout) == (0, "riverside-youth.toml: already canonical\n")


def test_fmt_never_rewrites_a_file_with_problems(folder: Path):
    before = (folder / "broken.toml").read_bytes()
    result = partnertui("fmt", "broken.toml", cwd=folder)
    assert result.returncode == 1
    assert result.stdout.startswith("broken.toml:")
    assert "broken.toml was not formatted: fix its problems first" in result.stderr
    assert (folder / "broken.toml").read_bytes() == before


def test_fmt_missing_file(tmp_path: Path):
    result = partnertui("fmt", "missing.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == (
        "missing.toml:1:1: there is no such file (check the name and the folder)\n"
    )


def test_fmt_keeps_the_file_mode(folder: Path):
    (folder / "hand.toml").chmod(0o600)
    assert partnertui("fmt", "hand.toml", cwd=folder).returncode == 0
    assert (folder / "hand.toml").stat().st_mode & 0o777 == 0o600


# -- schema -------------------------------------------------------------------------------------


def test_schema_is_a_json_schema_of_the_file(tmp_path: Path):
    result = partnertui("schema", cwd=tmp_path)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert next(iter(schema)) == "$schema"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "partnertui project file"
    assert schema["properties"]["schema_version"]["const"] == 1
    assert {"project", "partners", "assessments", "actions"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    assert result.stdout.startswith('{\n  "$schema"')


# -- the workbook, and interrupts (in process: no terminal UI in a test run) --------------


def test_workbook_opens_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()  # a new file is offered only in a folder that exists
    opened = []
    fake = types.ModuleType("partnertui.tui.app")
    fake.run = lambda path: opened.append(path) or 0
    monkeypatch.setitem(sys.modules, "partnertui.tui.app", fake)
    monkeypatch.setattr(cli, "_has_a_terminal", lambda: True)  # as a person's would be
    assert cli.main(["plans/riverside.toml"]) == 0
    assert cli.main([]) == 0
    assert cli.main(["./check"]) == 0
    assert opened == [Path("plans/riverside.toml"), None, Path("check")]


def test_workbook_missing_is_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setitem(sys.modules, "partnertui.tui.app", None)
    monkeypatch.setattr(cli, "_has_a_terminal", lambda: True)
    assert cli.main(["plan.toml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("partnertui: the workbook is not part of this version yet")
    assert len(err.splitlines()) == 1


def test_ctrl_c_exits_130_quietly(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    def interrupted(path):
        raise KeyboardInterrupt

    monkeypatch.setattr(storage, "load", interrupted)
    assert cli.main(["check", str(folder / "riverside-youth.toml")]) == 130
    assert capsys.readouterr() == ("", "")
