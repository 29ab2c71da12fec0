"""Actions' ids: given on save and in the workbook, never by fmt; unique; written first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Action, new_project


def test_saving_gives_every_action_an_id_and_keeps_it(tmp_path: Path):
    project = new_project("P")
    project.actions.append(Action(text="Call the city"))
    path = tmp_path / "p.toml"
    storage.save(project, path, create=True)
    [action] = storage.load(path).actions
    assert action.id is not None and len(action.id) == 8
    assert project.actions[0].id == action.id  # the project saved holds it too
    assert path.read_text().endswith(
        f'[[actions]]\nid = "{action.id}"\ntext = "Call the city"\ndone = false\n'
    )
    storage.save(project, path)
    assert storage.load(path).actions[0].id == action.id


def test_fmt_does_not_give_ids(tmp_path: Path):
    path = tmp_path / "p.toml"
    text = (
        'schema_version = 1\n\n[project]\nname = "P"\ncurrency = "CAD"\n'
        'youth_oriented = false\n\n[[actions]]\ndone = false\ntext = "Old"\n'
    )
    path.write_text(text)
    done = subprocess.run(
        [sys.executable, "-m", "partnertui", "fmt", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "id =" not in path.read_text()


def test_two_actions_with_one_id_are_named():
    text = (
        'schema_version = 1\n\n[project]\nname = "P"\n\n[[actions]]\nid = "abc"\n'
        'text = "A"\n\n[[actions]]\nid = "abc"\ntext = "B"\n'
    )
    with pytest.raises(storage.ProjectFileError) as error:
        storage.parse(text, "p.toml")
    assert 'p.toml:11:6: actions[1].id: two actions have the id "abc"' in str(error.value)


def test_a_bad_action_id_is_explained():
    text = 'schema_version = 1\n\n[project]\nname = "P"\n\n[[actions]]\nid = "Not OK"\ntext = "A"\n'
    with pytest.raises(storage.ProjectFileError) as error:
        storage.parse(text, "p.toml")
    assert "is not a valid action id" in str(error.value)
