"""Merging three versions of a project by what they hold (partnertui.merging)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from partnertui import storage
from partnertui.merging import merge
from partnertui.merging.three_way import merge_items
from partnertui.model import Action, Ingredient, Project, Role
from partnertui.storage.problems import conflict_markers
from partnertui.tui.workbook import Workbook

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
BASE = storage.load(EXAMPLE)


def copy() -> Project:
    return BASE.snapshot()


def test_list_items_added_on_both_sides_are_kept_and_a_deletion_taken():
    assert merge_items(["a", "b"], ["a", "b", "c"], ["b", "d"]) == ["b", "c", "d"]
    assert merge_items([], ["x"], ["x"]) == ["x"]


def test_nothing_changed_on_either_side_gives_the_canonical_file():
    merged = merge(BASE, copy(), copy())
    assert merged.conflicts == 0
    assert merged.text() == EXAMPLE.read_text()


def test_the_same_change_on_both_sides_is_taken_once():
    ours, theirs = copy(), copy()
    for side in (ours, theirs):
        side.actions.append(Action(id="feedc0de", text="Both thought of it"))
        side.partners[0] = side.partners[0].model_copy(update={"role": Role.COLLABORATION})
    merged = merge(BASE, ours, theirs)
    assert merged.conflicts == 0
    assert [a.text for a in merged.project.actions].count("Both thought of it") == 1
    assert merged.project.partners[0].role == Role.COLLABORATION


def test_actions_without_ids_in_base_match_each_sides_new_ids_by_text():
    base = copy()
    base.actions[:] = [a.model_copy(update={"id": None}) for a in base.actions]
    ours, theirs = base.snapshot(), base.snapshot()
    # Each side's save gave the old actions ids of its own.
    ours.actions[:] = [a.model_copy(update={"id": f"a{i:07x}"}) for i, a in enumerate(ours.actions)]
    theirs.actions[:] = [
        a.model_copy(update={"id": f"b{i:07x}", "done": True if i == 1 else a.done})
        for i, a in enumerate(theirs.actions)
    ]
    merged = merge(base, ours, theirs)
    assert merged.conflicts == 0
    assert len(merged.project.actions) == len(base.actions)
    assert [a.id for a in merged.project.actions] == [f"a{i:07x}" for i in range(len(base.actions))]
    assert merged.project.actions[1].done


def test_no_common_ancestor_means_both_sides_added_everything():
    ours, theirs = copy(), copy()
    theirs.partners[0] = theirs.partners[0].model_copy(update={"name": "Another name"})
    ours.actions.append(Action(id="0000000a", text="Only ours"))
    merged = merge(None, ours, theirs)
    assert merged.conflicts == 1
    assert "Only ours" in [a.text for a in merged.project.actions]
    problems = conflict_markers("plan.toml", merged.text())
    assert len(problems) == 1
    assert 'name: "Al-Noor' in problems[0].message
    assert '"Another name" (theirs)' in problems[0].message


def test_git_line_conflicts_are_still_named_marker_by_marker():
    text = "a = 1\n<<<<<<< HEAD\nb = [\n  1,\n=======\nb = [\n  2,\n>>>>>>> other\n]\n"
    problems = conflict_markers("x.toml", text)
    assert [p.line for p in problems] == [2, 5, 8]
    assert "one side starts here" in problems[0].message


def test_a_score_changed_both_ways_is_named_with_its_two_values():
    ours, theirs = copy(), copy()
    a = BASE.assessments[0]
    ours.assessments[0] = a.model_copy(update={"scores": {**a.scores, "leadership": 1}})
    theirs.assessments[0] = a.model_copy(update={"scores": {**a.scores, "leadership": 5}})
    text = merge(BASE, ours, theirs).text()
    (problem,) = conflict_markers("plan.toml", text)
    assert problem.message == (
        f'a merge left two values for the response of "{a.respondent}" to round '
        f'"{a.round}", score for leadership: 1 (ours) or 5 (theirs)'
    )
    assert text.split("\n")[problem.line - 1] == "<<<<<<< ours"


def test_two_long_notes_are_told_apart_where_they_first_differ():
    """Two many-line notes that start alike: each is quoted around its first difference,
    never both as the same first words."""
    ours, theirs = copy(), copy()
    a = BASE.assessments[0]
    start = "We meet every month at the youth centre, chaired in turn by each partner.\n"
    for side, end in (
        (ours, "Minutes go out within a week."),
        (theirs, "Minutes go out in two days."),
    ):
        side.assessments[0] = a.model_copy(
            update={"notes": {**a.notes, Ingredient.LEADERSHIP: start + end}}
        )
    (problem,) = conflict_markers("plan.toml", merge(BASE, ours, theirs).text())
    assert problem.message.endswith(
        'note on leadership: "…partner.\\nMinutes go out within a week." (ours) or '
        '"…partner.\\nMinutes go out in two days." (theirs)'
    )


# -- two people's independent edits merge to both made in turn ---------------------------


def workbook(project: Project) -> Workbook:
    return Workbook(project, SimpleNamespace(read_only=False, path=Path("plan.toml")))


PARTNERS = [p.id for p in BASE.partners]
edit = st.tuples(
    st.sampled_from(["rename", "role", "duty", "give", "act", "done", "round", "new"]),
    st.integers(0, 50),
)


def apply(book: Workbook, side: str, edits: list[tuple[str, int]]) -> None:
    """``side``'s edits, on partners, actions and rounds the other side never touches."""
    mine = PARTNERS[0 if side == "ours" else 1 :: 2]
    actions = range(0 if side == "ours" else 1, len(BASE.actions), 2)
    for n, (what, k) in enumerate(edits):
        partner = mine[k % len(mine)]
        if what == "rename":
            book.update_partner(partner, {"name": f"{side} {k}"})
        elif what == "role":
            book.set_role(partner, list(Role)[k % 4])
        elif what == "duty":
            if f"{side} duty {k}" not in book.project.partner(partner).responsibilities:
                book.add_responsibility(partner, f"{side} duty {k}")
        elif what == "give":
            book.add_contribution(partner, {"kind": "space", "value": float(k)})
        elif what == "act":
            book.add_action({"text": f"{side} action {n}", "id": f"{side[0]}{n:07x}"})
        elif what == "done":
            book.set_action_done(list(actions)[k % len(actions)], bool(k % 2))
        elif what == "round":
            name = f"{side} round {k}"
            if name not in {a.round for a in book.project.assessments}:
                book.add_round(name, dt.date(2027, 1, 1 + k % 28))
            book.set_score(name, "team", "leadership", 1 + k % 5)
        elif all(p.name != f"{side} partner {k}" for p in book.project.partners):
            book.add_partner({"name": f"{side} partner {k}"})


@settings(max_examples=25, deadline=None)
@given(st.lists(edit, max_size=6), st.lists(edit, max_size=6))
def test_independent_edits_merge_to_both_made_in_turn(ours_edits, theirs_edits):
    ours = workbook(copy())
    apply(ours, "ours", ours_edits)
    theirs = workbook(copy())
    apply(theirs, "theirs", theirs_edits)
    both = workbook(ours.project.snapshot())
    apply(both, "theirs", theirs_edits)
    merged = merge(BASE, ours.project, theirs.project)
    assert merged.conflicts == 0
    assert merged.text() == storage.dumps(both.project)


def test_versions_read_together_are_read_as_parse_reads_them(examples: Path):
    from partnertui.storage.versions import parse_versions

    texts = [path.read_text() for path in sorted(examples.glob("*.toml"))]
    hand = texts[0].replace("youth = false", "youth   = false", 1)  # not canonical
    texts.append(hand)
    read = parse_versions(texts, "x.toml")
    assert read == [storage.parse(text) for text in texts]
