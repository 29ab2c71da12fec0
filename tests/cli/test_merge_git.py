"""Two people's work merged by real git, with partnertui as its merge driver.

Each test makes a repository in tmp_path, runs ``partnertui git-setup`` there,
edits the project on two branches as the workbook would save it, runs ``git
merge`` and looks at the file git leaves.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Action, Assessment, Ingredient, Project, Role

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
PLAN = "plan.toml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """git with no settings of the person's: its own home, names and no system config."""
    home = tmp_path / "home"
    home.mkdir()
    values = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    values.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Ada",
        GIT_AUTHOR_EMAIL="ada@example.org",
        GIT_COMMITTER_NAME="Ada",
        GIT_COMMITTER_EMAIL="ada@example.org",
    )
    return values


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def partnertui(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "partnertui", *args], cwd, env)


def git(*args: str, cwd: Path, env: dict[str, str], ok: bool = True) -> str:
    done = run(["git", *args], cwd, env)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository holding the example project, set up for partnertui, on ``main``."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git("init", "-q", "-b", "main", cwd=folder, env=env)
    shutil.copyfile(EXAMPLE, folder / PLAN)
    setup = partnertui("git-setup", cwd=folder, env=env)
    assert setup.returncode == 0, setup.stderr
    git("add", ".", cwd=folder, env=env)
    git("commit", "-qm", "start", cwd=folder, env=env)
    return folder


Edit = Callable[[Project], None]


def on_branch(repo: Path, env: dict[str, str], branch: str, edit: Edit, start: str = "main"):
    """Edit the project on a new ``branch`` from ``start`` and commit it."""
    git("checkout", "-q", "-b", branch, start, cwd=repo, env=env)
    project = storage.load(repo / PLAN)
    edit(project)
    storage.save(project, repo / PLAN)
    git("commit", "-qam", f"edit on {branch}", cwd=repo, env=env)


def merged(repo: Path, env: dict[str, str], ours: Edit, theirs: Edit) -> tuple[int, str]:
    """Both edits on their branches, ``theirs`` merged into ``ours``: git's status, the file."""
    on_branch(repo, env, "theirs", theirs)
    on_branch(repo, env, "ours", ours)
    done = run(["git", "merge", "--no-edit", "theirs"], repo, env)
    return done.returncode, (repo / PLAN).read_text()


def add_action(text: str) -> Edit:
    def edit(project: Project) -> None:
        project.actions.append(Action(text=text))

    return edit


def partner_update(partner_id: str, **values) -> Edit:
    def edit(project: Project) -> None:
        i = next(i for i, p in enumerate(project.partners) if p.id == partner_id)
        project.partners[i] = project.partners[i].model_copy(update=values)

    return edit


def test_git_setup_registers_the_driver_and_twice_is_harmless(repo: Path, env: dict[str, str]):
    assert "*.toml merge=partnertui" in (repo / ".gitattributes").read_text()
    driver = git("config", "merge.partnertui.driver", cwd=repo, env=env)
    assert " merge %O %A %B --path %P" in driver
    again = partnertui("git-setup", cwd=repo, env=env)
    assert again.returncode == 0
    assert "already set up" in again.stdout
    assert (repo / ".gitattributes").read_text().count("merge=partnertui") == 1


def test_git_setup_outside_a_repository_says_so(tmp_path: Path, env: dict[str, str]):
    folder = tmp_path / "plain"
    folder.mkdir()
    done = partnertui(
        "git-setup", cwd=folder, env={**env, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert done.returncode == 2
    assert "not inside a git repository" in done.stderr
    assert "Traceback" not in done.stderr


def test_git_setup_global_writes_the_attributes_file(tmp_path: Path, env: dict[str, str]):
    done = partnertui("git-setup", "--global", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    attributes = Path(env["XDG_CONFIG_HOME"]) / "git" / "attributes"
    assert "*.toml merge=partnertui" in attributes.read_text()
    again = partnertui("git-setup", "--global", cwd=tmp_path, env=env)
    assert "already set up" in again.stdout


def test_git_setup_global_keeps_a_dotfiles_symlink(tmp_path: Path, env: dict[str, str]):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "gitattributes").write_text("*.png binary\n")
    attributes = Path(env["XDG_CONFIG_HOME"]) / "git" / "attributes"
    attributes.parent.mkdir(parents=True)
    attributes.symlink_to(dotfiles / "gitattributes")
    done = partnertui("git-setup", "--global", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert attributes.is_symlink()
    assert (dotfiles / "gitattributes").read_text() == "*.png binary\n*.toml merge=partnertui\n"


def test_actions_added_on_both_branches_are_both_kept(repo: Path, env: dict[str, str]):
    status, text = merged(repo, env, add_action("Ours: a new action"), add_action("Theirs: one"))
    assert status == 0, text
    project = storage.parse(text)
    texts = [a.text for a in project.actions]
    assert texts[-2:] == ["Ours: a new action", "Theirs: one"]
    assert all(a.id for a in project.actions)
    assert text == storage.dumps(project)  # canonical


def test_responses_to_one_round_from_both_branches_are_both_kept(repo: Path, env: dict[str, str]):
    def respond(who: str, score: int) -> Edit:
        def edit(project: Project) -> None:
            project.assessments.append(
                Assessment(
                    round="Six months",
                    date=dt.date(2027, 3, 1),
                    respondent=who,
                    scores={Ingredient.COMMUNICATION: score},
                )
            )

        return edit

    status, text = merged(
        repo, env, respond("riverside-youth-centre", 4), respond("riverside-parents-network", 2)
    )
    assert status == 0, text
    answers = {
        a.respondent: a.scores for a in storage.parse(text).assessments if a.round == "Six months"
    }
    assert answers == {
        "riverside-youth-centre": {Ingredient.COMMUNICATION: 4},
        "riverside-parents-network": {Ingredient.COMMUNICATION: 2},
    }


def test_a_rename_on_one_side_and_a_role_on_the_other(repo: Path, env: dict[str, str]):
    status, text = merged(
        repo,
        env,
        partner_update("main-street-bia", name="Main Street BIA"),
        partner_update("main-street-bia", role=Role.COLLABORATION),
    )
    assert status == 0, text
    partner = storage.parse(text).partner("main-street-bia")
    assert (partner.name, partner.role) == ("Main Street BIA", Role.COLLABORATION)


def test_the_same_field_changed_both_ways_stops_with_markers_around_it(
    repo: Path, env: dict[str, str]
):
    status, text = merged(
        repo,
        env,
        partner_update("main-street-bia", name="Main Street BIA"),
        partner_update("main-street-bia", name="Main Street Business Association"),
    )
    assert status != 0
    assert (
        'id = "main-street-bia"\n<<<<<<< ours\nname = "Main Street BIA"\n=======\n'
        'name = "Main Street Business Association"\n>>>>>>> theirs\nkind = "business"\n'
    ) in text
    line = text.split("\n").index("<<<<<<< ours") + 1
    check = partnertui("check", PLAN, cwd=repo, env=env)
    assert check.returncode == 1
    assert (
        f'{PLAN}:{line}:1: a merge left two values for partner "main-street-bia", name: '
        '"Main Street BIA" (ours) or "Main Street Business Association" (theirs)'
    ) in check.stdout
    # Keeping one side and deleting the marker lines gives a good, canonical file.
    kept = re.sub(r"<<<<<<< ours\n(.*?)=======\n.*?>>>>>>> theirs\n", r"\1", text, flags=re.S)
    assert storage.parse(kept).partner("main-street-bia").name == "Main Street BIA"
    assert storage.dumps(storage.parse(kept)) == kept


def test_a_partner_deleted_on_one_side_and_edited_on_the_other(repo: Path, env: dict[str, str]):
    def delete(project: Project) -> None:
        project.partners[:] = [p for p in project.partners if p.id != "marion-clarke"]

    status, text = merged(repo, env, partner_update("marion-clarke", notes="Back in town."), delete)
    assert status != 0
    start = text.index('<<<<<<< ours\n[[partners]]\nid = "marion-clarke"')
    block = text[start : text.index(">>>>>>> theirs", start)]
    assert 'notes = "Back in town."' in block
    assert block.endswith("=======\n")
    check = partnertui("check", PLAN, cwd=repo, env=env)
    line = text[:start].count("\n") + 1
    assert (
        f'{PLAN}:{line}:1: a merge left partner "marion-clarke" deleted (theirs) or changed (ours)'
    ) in check.stdout


def test_a_pyproject_beside_project_files_is_merged_by_lines(repo: Path, env: dict[str, str]):
    pyproject = repo / "pyproject.toml"
    pyproject.write_text('[project]\nname = "tools"\nversion = "1"\n\n[tool.x]\na = 1\n')
    git("add", ".", cwd=repo, env=env)
    git("commit", "-qm", "pyproject", cwd=repo, env=env)

    def bump(old: str, new: str) -> Edit:
        def edit(project: Project) -> None:
            pyproject.write_text(pyproject.read_text().replace(old, new))

        return edit

    status, _ = merged(repo, env, bump('version = "1"', 'version = "2"'), bump("a = 1", "a = 2"))
    assert status == 0
    assert pyproject.read_text() == '[project]\nname = "tools"\nversion = "2"\n\n[tool.x]\na = 2\n'


def test_a_project_file_that_does_not_read_on_one_side_is_merged_by_lines(
    repo: Path, env: dict[str, str]
):
    on_branch(repo, env, "theirs", add_action("Theirs: one"))
    git("checkout", "-q", "-b", "ours", "main", cwd=repo, env=env)
    plan = repo / PLAN
    plan.write_text(plan.read_text().replace('name = "Marion Clarke"', 'name = "Marion Clarke'))
    git("commit", "-qam", "broken", cwd=repo, env=env)
    done = run(["git", "merge", "--no-edit", "theirs"], repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    text = plan.read_text()
    assert 'name = "Marion Clarke\n' in text  # ours' line, merged by lines
    assert 'text = "Theirs: one"' in text
    assert "<<<<<<<" not in text


def test_resolve_merges_again_from_the_versions_git_keeps(tmp_path: Path, env: dict[str, str]):
    folder = tmp_path / "old"
    folder.mkdir()
    git("init", "-q", "-b", "main", cwd=folder, env=env)
    shutil.copyfile(EXAMPLE, folder / PLAN)
    git("add", ".", cwd=folder, env=env)
    git("commit", "-qm", "start", cwd=folder, env=env)
    on_branch(folder, env, "theirs", add_action("Theirs: one"))
    on_branch(folder, env, "ours", add_action("Ours: one"))
    done = run(["git", "merge", "--no-edit", "theirs"], folder, env)
    assert done.returncode != 0  # no driver: git's line merge stops on the two additions
    assert "<<<<<<<" in (folder / PLAN).read_text()
    resolved = partnertui("resolve", PLAN, cwd=folder, env=env)
    assert resolved.returncode == 0, resolved.stderr
    texts = [a.text for a in storage.load(folder / PLAN).actions]
    assert texts[-2:] == ["Ours: one", "Theirs: one"]


def test_resolve_outside_a_merge_explains(repo: Path, env: dict[str, str]):
    done = partnertui("resolve", PLAN, cwd=repo, env=env)
    assert done.returncode == 2
    assert "not in the middle of a merge" in done.stderr


@pytest.fixture
def stopped(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository without the driver, where git's line merge stopped on the plan."""
    folder = tmp_path / "stopped"
    folder.mkdir()
    git("init", "-q", "-b", "main", cwd=folder, env=env)
    shutil.copyfile(EXAMPLE, folder / PLAN)
    git("add", ".", cwd=folder, env=env)
    git("commit", "-qm", "start", cwd=folder, env=env)
    on_branch(folder, env, "theirs", add_action("Theirs: one"))
    on_branch(folder, env, "ours", add_action("Ours: one"))
    done = run(["git", "merge", "--no-edit", "theirs"], folder, env)
    assert done.returncode != 0 and "<<<<<<<" in (folder / PLAN).read_text()
    return folder


def edited_by_hand(plan: Path, *, resolve_markers: bool) -> bytes:
    """The plan as a person left it: the project renamed, and with ``resolve_markers``
    the conflict resolved by keeping both actions (the marker lines deleted)."""
    text = plan.read_text().replace("Riverside Youth Safety Circle", "Riverside Safe Walks")
    if resolve_markers:
        text = re.sub(r"^(<<<<<<<|=======|>>>>>>>).*\n", "", text, flags=re.MULTILINE)
    plan.write_text(text)
    return plan.read_bytes()


def test_resolve_leaves_a_file_resolved_by_hand_alone(stopped: Path, env: dict[str, str]):
    plan = stopped / PLAN
    by_hand = edited_by_hand(plan, resolve_markers=True)
    done = partnertui("resolve", PLAN, cwd=stopped, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("partnertui resolve: plan.toml holds no conflict markers")
    assert "--force" in done.stderr
    assert plan.read_bytes() == by_hand
    assert sorted(p.name for p in stopped.iterdir()) == [".git", PLAN]
    forced = partnertui("resolve", "--force", PLAN, cwd=stopped, env=env)
    assert forced.returncode == 0, forced.stderr
    project = storage.load(plan)
    assert project.project.name == "Riverside Youth Safety Circle"  # as both versions had it
    assert [a.text for a in project.actions][-2:] == ["Ours: one", "Theirs: one"]


def test_resolve_leaves_a_file_changed_since_git_stopped_alone(stopped: Path, env: dict[str, str]):
    plan = stopped / PLAN
    by_hand = edited_by_hand(plan, resolve_markers=False)
    done = partnertui("resolve", PLAN, cwd=stopped, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("partnertui resolve: plan.toml was changed after git stopped")
    assert "partnertui resolve --force plan.toml" in done.stderr
    assert plan.read_bytes() == by_hand
    assert partnertui("resolve", "--force", PLAN, cwd=stopped, env=env).returncode == 0


def test_resolve_knows_what_git_left_in_the_diff3_style(tmp_path: Path, env: dict[str, str]):
    git("config", "--global", "merge.conflictStyle", "diff3", cwd=tmp_path, env=env)
    folder = tmp_path / "diff3"
    folder.mkdir()
    git("init", "-q", "-b", "main", cwd=folder, env=env)
    shutil.copyfile(EXAMPLE, folder / PLAN)
    git("add", ".", cwd=folder, env=env)
    git("commit", "-qm", "start", cwd=folder, env=env)
    on_branch(folder, env, "theirs", partner_update("main-street-bia", name="Main Street BA"))
    on_branch(folder, env, "ours", partner_update("main-street-bia", name="Main Street B"))
    run(["git", "merge", "--no-edit", "theirs"], folder, env)
    assert "|||||||" in (folder / PLAN).read_text()
    done = partnertui("resolve", PLAN, cwd=folder, env=env)
    assert done.returncode == 1, done.stderr  # one field left, between partnertui's markers
    assert re.match(r"plan\.toml:\d+:1: a merge left two values", done.stderr)
    assert done.stderr.splitlines()[-1].startswith(
        "partnertui resolve: plan.toml: merged again field by field; 1 left to resolve"
    )


def test_resolve_leaves_a_file_open_in_the_workbook_alone(stopped: Path, env: dict[str, str]):
    from partnertui.storage import lock as locks

    plan = stopped / PLAN
    before = plan.read_bytes()
    held = locks.acquire(plan)  # a live session: this test's own process, as a workbook's
    try:
        done = partnertui("resolve", PLAN, cwd=stopped, env=env)
    finally:
        held.release()
    assert done.returncode == 1
    assert done.stderr.startswith("partnertui resolve: plan.toml is open for editing by")
    assert plan.read_bytes() == before


def test_resolve_a_file_that_is_not_there(stopped: Path, env: dict[str, str]):
    done = partnertui("resolve", "nothere.toml", cwd=stopped, env=env)
    assert done.returncode == 2
    assert done.stderr == (
        "partnertui resolve: nothere.toml: there is no such file; check the name and the folder\n"
    )


def test_the_line_merge_replaces_ours_whole_rather_than_rewriting_it(
    tmp_path: Path, env: dict[str, str]
):
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_text("a\nb\nc\n")
    ours.write_text("A\nb\nc\n")
    theirs.write_text("a\nb\nC\n")
    ours.chmod(0o640)
    before = ours.stat().st_ino
    done = partnertui("merge", str(base), str(ours), str(theirs), cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert ours.read_text() == "A\nb\nC\n"
    assert ours.stat().st_ino != before  # a new file renamed in, never half written
    assert stat.S_IMODE(ours.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["base", "ours", "theirs"]


def test_a_line_merge_git_refuses_leaves_ours_as_it_was(tmp_path: Path, env: dict[str, str]):
    files = {name: tmp_path / name for name in ("base", "ours", "theirs", "out")}
    for name in ("base", "ours", "theirs"):
        files[name].write_bytes(f"binary\0{name}\n".encode())
    for output in ([], ["-o", str(files["out"])]):
        done = partnertui(
            "merge", *(str(files[n]) for n in ("base", "ours", "theirs")), *output,
            cwd=tmp_path, env=env,
        )  # fmt: skip
        assert done.returncode == 2
        assert "binary" in done.stderr
        assert files["ours"].read_bytes() == b"binary\0ours\n"
        assert not files["out"].exists()
