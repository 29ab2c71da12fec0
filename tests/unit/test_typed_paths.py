"""Completing and finding the file names a person types into a path field, without
a terminal: what is offered is what is on disk, and what is typed is found there."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnertui.typed_paths import (
    PathCompletion,
    common_completion,
    existing_file,
    named_files,
    suggestion,
    words,
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder with answers, a folder of responses and hidden things."""
    (tmp_path / "responses").mkdir()
    (tmp_path / "responses" / "centre.response.toml").write_text("")
    (tmp_path / "responses" / "council.response.toml").write_text("")
    (tmp_path / "six-months.csv").write_text("")
    (tmp_path / "six-months.csv.map.toml").write_text("")
    (tmp_path / "sixth-form.txt").write_text("")
    (tmp_path / ".secret.csv").write_text("")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


HERE = PathCompletion()


def test_a_folder_completes_with_a_slash(here):
    assert suggestion("resp", HERE) == "responses/"
    assert common_completion("r", HERE) == "responses/"


def test_a_file_completes_and_only_the_last_name_typed(here):
    assert suggestion("responses/cen", HERE) == "responses/centre.response.toml"
    assert suggestion("six-months.csv resp", HERE) == "six-months.csv responses/"
    assert suggestion('"six-m', HERE) == '"six-months.csv'  # inside an opening quote


def test_tab_completes_as_far_as_every_name_agrees(here):
    assert common_completion("responses/", HERE) == "responses/c"  # centre, council
    assert common_completion("responses/c", HERE) is None  # nothing more agreed
    assert common_completion("six-", HERE) == "six-months.csv"  # and .csv.map.toml
    assert common_completion("six", HERE) is None  # six-months, sixth-form


def test_the_kinds_asked_for_come_first(here):
    assert suggestion("six", HERE) == "six-months.csv"
    assert suggestion("six", PathCompletion(suffixes=(".txt",))) == "sixth-form.txt"
    assert suggestion("six", PathCompletion(folders_only=True)) is None
    assert suggestion("re", PathCompletion(folders_only=True)) == "responses/"


def test_hidden_names_only_when_the_name_starts_with_a_dot(here):
    assert suggestion("", HERE) is None
    assert suggestion("s", HERE) == "six-months.csv"
    assert suggestion(".s", HERE) == ".secret.csv"
    assert suggestion(".g", HERE) == ".git/"
    assert suggestion("responses/", HERE) == "responses/centre.response.toml"


def test_home_folder(here, monkeypatch):
    home = here / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert suggestion("~", HERE) == "~/"
    assert suggestion("~/Doc", HERE) == "~/Documents/"
    (home / "Documents" / "answers.csv").write_text("")
    assert named_files("~/Documents/answers.csv", [here]) == [home / "Documents" / "answers.csv"]


def test_nothing_matching_nothing_offered(here):
    assert suggestion("nothing-like-it", HERE) is None
    assert common_completion("nothing-like-it", HERE) is None
    assert suggestion("no-such-folder/a", HERE) is None
    assert suggestion("six-months.csv ", HERE) is None  # a space: no name begun
    assert suggestion("six-months.csv/", HERE) is None  # a file is no folder
    assert suggestion("six-months.csv", HERE) is None  # a whole name: it is what is meant
    assert suggestion("responses/centre.response.toml", HERE) is None  # all typed


def test_relative_to_the_project_folder_too(here, tmp_path_factory):
    project = tmp_path_factory.mktemp("plans")
    (project / "kick-off.csv").write_text("")
    beside = PathCompletion((here, project))
    assert suggestion("kick", HERE) is None
    assert suggestion("kick", beside) == "kick-off.csv"
    assert suggestion("six", beside) == "six-months.csv"  # the current folder first
    assert named_files("kick-off.csv", [here, project]) == [project / "kick-off.csv"]


def test_a_folder_that_cannot_be_read_offers_nothing(here, monkeypatch):
    def refused(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("partnertui.typed_paths.os.scandir", refused)
    assert suggestion("responses/c", HERE) is None
    assert common_completion("resp", HERE) is None


def test_names_typed_are_split_at_spaces_quotes_keep_them_whole():
    assert words('a.csv  "my answers.csv" O\'Brien.csv') == [
        "a.csv",
        "my answers.csv",
        "O'Brien.csv",
    ]
    with pytest.raises(ValueError, match="a quote is not closed"):
        words('"my answers.csv')


def test_the_files_named(here):
    responses = sorted((here / "responses").glob("*.toml"))
    assert named_files("responses/*.toml six-months.csv", [here]) == [
        *responses,
        here / "six-months.csv",
    ]
    (here / "my answers.csv").write_text("")
    assert named_files("my answers.csv", [here]) == [here / "my answers.csv"]  # one, whole
    assert named_files("'my answers.csv'", [here]) == [here / "my answers.csv"]
    with pytest.raises(ValueError, match=r"^missing\.csv: there is no file "):
        named_files("six-months.csv missing.csv", [here])
    with pytest.raises(ValueError, match="responses: this is a folder; add the file's name"):
        named_files("responses six-months.csv", [here])
    with pytest.raises(ValueError, match=r"no file matches \*\.xlsx"):
        named_files("*.xlsx", [here])
    with pytest.raises(ValueError, match="this is a folder"):
        existing_file("responses", [here])
