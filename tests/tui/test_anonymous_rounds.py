"""Anonymous rounds and views by group in the Ingredients section, as a person uses them.

Start an anonymous round, enter answers that name nobody (only a group), see results
hidden while too few answers stand behind them, compare groups side by side, read
comments attributed (or not), and set the project's minimum and groups. Figures are
worked out by hand in the comments and compared with what the screen SHOWS and
what the saved file holds.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from shell_tools import screen_text, statics_text, toasts

from partnertui import storage
from partnertui.model import ANONYMOUS
from partnertui.storage import recovery
from partnertui.storage.canonical import assessment_block
from partnertui.tui.screens.ingredients import IngredientsScreen
from partnertui.tui.widgets.form import FormDialog
from partnertui.tui.widgets.respondent_picker import RespondentPicker

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HIDDEN = "not enough answers to show this without revealing who gave them"
SPRING = date(2027, 4, 1)

PARTNERS = [
    # id, name, kind, role, youth, affected
    ("eastside-residents", "Eastside Residents", "group", "collaboration", False, True),
    ("youth-voices", "Youth Voices", "group", "collaboration", True, True),
    ("parents-circle", "Parents Circle", "group", "coordination", False, True),
    ("city-police", "City Police", "agency", "coordination", False, False),
    ("transit-authority", "Transit Authority", "agency", "cooperation", False, False),
    ("housing-office", "Housing Office", "agency", "coordination", False, False),
]
IDS = [p[0] for p in PARTNERS]


def _partners() -> str:
    return "".join(
        f'[[partners]]\nid = "{pid}"\nname = "{name}"\nkind = "{kind}"\nstatus = "confirmed"\n'
        f'role = "{role}"\nyouth = {str(youth).lower()}\n'
        f"affected_by_issue = {str(affected).lower()}\n\n"
        for pid, name, kind, role, youth, affected in PARTNERS
    )


def _answer(round_name: str, when: str, who: str, scores: dict, *, group=None, notes=None):
    block = f'[[assessments]]\nround = "{round_name}"\ndate = {when}\nrespondent = "{who}"\n'
    if group:
        block += f'group = "{group}"\n'
    block += "\n[assessments.scores]\n" + "".join(f"{k} = {v}\n" for k, v in scores.items())
    if notes:
        block += "\n[assessments.notes]\n" + "".join(f'{k} = "{v}"\n' for k, v in notes.items())
    return block + "\n"


def signed_project(folder: Path) -> Path:
    """Six partners, three community groups and three agencies, one signed round."""
    sdm = [2, 2, 3, 4, 4, 5]  # groups 7/3 = 2.3; agencies 13/3 = 4.3
    text = 'schema_version = 1\n\n[project]\nname = "Eastside Safer Streets"\n\n' + _partners()
    for n, pid in enumerate(IDS):
        scores = {"shared_vision": 4, "shared_decision_making": sdm[n]}
        if n < 2:
            scores["flexibility"] = 3  # only two answers: hidden at the minimum of 3
        notes = {"shared_decision_making": "We hear about decisions after they are made"}
        text += _answer("Spring", "2027-03-01", pid, scores, notes=notes if n == 0 else None)
    path = folder / "signed.toml"
    path.write_text(text, encoding="utf-8")
    return path


def anonymous_project(folder: Path) -> Path:
    """The same partners, all invited to an anonymous round five have answered."""
    text = (
        'schema_version = 1\n\n[project]\nname = "Eastside Safer Streets"\n'
        'groups = ["community", "agency"]\n\n' + _partners()
    )
    invited = ", ".join(f'"{pid}"' for pid in IDS)
    text += '[[rounds]]\nname = "Autumn"\ndate = 2027-10-01\nanonymous = true\n'
    text += f"invited = [{invited}]\n\n"
    answers = [
        ("community", {"shared_decision_making": 2, "leadership": 3}),
        ("community", {"shared_decision_making": 2}),
        ("agency", {"shared_decision_making": 4, "leadership": 5}),
        ("agency", {"shared_decision_making": 5}),
        ("agency", {"shared_decision_making": 4}),
    ]
    for n, (group, scores) in enumerate(answers, start=1):
        notes = (
            {"shared_decision_making": "Decisions are made before we arrive"} if n == 1 else None
        )
        text += _answer(
            "Autumn", "2027-10-01", f"{ANONYMOUS}0000000{n}", scores, group=group, notes=notes
        )
    path = folder / "anonymous.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rows(app) -> dict[str, list[str]]:
    """A table as shown: the first cell of each line -> its other cells."""
    shown = {}
    for line in screen_text(app).splitlines():
        cells = [c for c in re.split(r"\s{2,}", line.strip().strip("│").strip()) if c]
        if cells:
            shown[cells[0]] = cells[1:]
    return shown


def words(app) -> str:
    """What the terminal shows as one line of words: a sentence wrapped reads whole."""
    return " ".join(screen_text(app).split())


async def _new_anonymous_answer(pilot, downs: int) -> None:
    """From the sheet or the health view: s, New anonymous answer, the group ``downs``
    below "Not said"."""
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RespondentPicker)
    await pilot.press("enter")  # "New anonymous answer" is where the picker starts
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormDialog)
    await pilot.press("enter", *["down"] * downs, "enter", "ctrl+s")
    await pilot.pause()


# -- starting an anonymous round and answering it --------------------------------------


async def test_start_an_anonymous_round_and_enter_three_answers(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    partner_ids = [p.id for p in storage.load(path).partners]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "r")
        await pilot.pause()
        assert "answers record no name, only an optional group" in screen_text(app)
        await pilot.press(*"Spring check-in", "tab", "ctrl+u", *"2027-04-01", "tab", "space")
        await pilot.press("tab", "enter", "down", "enter", "ctrl+s")  # a new anonymous answer
        await pilot.pause()
        # The group question: Not said, then the kinds of partner (the project names none).
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter", *["down"] * 5, "enter", "ctrl+s")  # agency
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IngredientsScreen)
        assert "Scoring for a new anonymous answer (agency)" in screen_text(app)
        await pilot.press(*"4" * 11)
        await _new_anonymous_answer(pilot, 2)  # group
        await pilot.press(*"2" * 11, "escape")
        await pilot.pause()
        # Two answers: the round is hidden.
        shown = screen_text(app)
        assert "Spring check-in · 2027-04-01 · 2 responses · anonymous" in shown
        assert HIDDEN in shown
        assert rows(app)["Leadership"][0] == "hidden: too few"
        assert "Answered: 2 · anonymous: no names are kept" in shown

        await pilot.press("s")
        await pilot.pause()
        listed = screen_text(app)
        assert "New anonymous answer" in listed
        # One answer in each group: too few to say the group beside either.
        assert "Anonymous answer 1  ✔" in listed and "Anonymous answer 2  ✔" in listed
        assert "(agenc" not in listed and "(community" not in listed
        assert not any(p.name in listed for p in app.workbook.project.partners)
        await pilot.press("escape")
        await _new_anonymous_answer(pilot, 3)  # organization
        await pilot.press(*"3" * 11)
        assert app.workbook.history.next_undo == "score an anonymous answer in “Spring check-in”"
        app.safety.file.write_recovery(app.workbook.project)
        await pilot.press("escape")
        await pilot.pause()
        # Three answers of 4, 2 and 3: a mean of 3.0 everywhere, 2 apart.
        assert rows(app)["Leadership"][:3] == ["3.0 ■ borderline", "2–4 (3)", "⚠ differ"]
        assert HIDDEN not in screen_text(app)
        [kept] = recovery.files(path)
        kept_text = kept.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()

    project = storage.load(path)
    [record] = [r for r in project.rounds if r.name == "Spring check-in"]
    assert record.anonymous and record.date == SPRING
    answers = [a for a in project.assessments if a.round == "Spring check-in"]
    assert sorted(a.group for a in answers) == ["agency", "group", "organization"]
    assert all(a.respondent.startswith(ANONYMOUS) and a.date == SPRING for a in answers)
    assert sorted(sum(a.scores.values()) for a in answers) == [22, 33, 44]
    blocks = "".join(assessment_block(a) for a in answers)
    recovered = storage.parse(kept_text, str(kept))
    blocks += "".join(assessment_block(a) for a in recovered.assessments if a.round == record.name)
    assert not any(pid in blocks for pid in partner_ids)
    assert "2026-11-24" not in blocks  # never today


async def test_a_partner_cannot_start_an_anonymous_round(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "r", *"Closed", "tab", "tab", "space", "tab")
        await pilot.press("enter", "down", "down", "enter", "ctrl+s")  # the first partner
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "an anonymous round names nobody" in screen_text(app)


async def test_a_round_turns_anonymous_only_while_it_has_no_answers(tmp_path, make_app):
    path = anonymous_project(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "e", "tab", "tab", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "its answers name nobody, so they cannot be signed" in screen_text(app)
        await pilot.press("escape", "d")
        await pilot.pause()
        assert app.workbook.is_anonymous("Autumn")


# -- what is shown, and what is hidden --------------------------------------------------


async def test_anonymous_round_counts_answers_hides_thin_results_and_groups(tmp_path, make_app):
    path = anonymous_project(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        shown = screen_text(app)
        assert "Answered: 5 of 6 · anonymous: no names are kept" in shown
        assert "still waiting" not in shown
        table = rows(app)
        # 2 2 4 5 4 = 17/5 = 3.4; leadership only 3 and 5: two answers, hidden at 3.
        assert table["Shared decision-making"][:2] == ["3.4 ■ borderline", "2–5 (5)"]
        assert table["Leadership"][:2] == ["hidden: too few", "—"]
        await pilot.press("G", "up", "up", "up")  # leadership
        await pilot.pause()
        assert f"Hidden: {HIDDEN}." in screen_text(app)
        assert "Scores:" not in screen_text(app)

        # By group: community has two answers (hidden), agency three: 4 5 4 = 4.3.
        await pilot.press("b")
        await pilot.pause()
        table = rows(app)
        assert table["Shared decision-making"] == ["hidden", "4.3 ▲"]
        assert f"hidden: {HIDDEN}" in screen_text(app)

        # A third community answer: 2, and 4 for leadership. Now shown.
        await _new_anonymous_answer(pilot, 1)
        await pilot.press(*["down"] * 7, "4", "G", "2", "escape")  # back to the groups
        await pilot.pause()
        table = rows(app)
        assert table["Shared decision-making"] == ["2.0 ▼", "4.3 ▲"]
        assert (
            "• Community respondents score shared decision-making 2.0; agency respondents 4.3"
            in words(app)
        )
        await pilot.press("b")
        await pilot.pause()
        # Leadership 3 5 4 = 4.0 now that three answered it.
        assert rows(app)["Leadership"][:2] == ["4.0 ▲ strength", "3–5 (3)"]
        assert "Biggest gap:" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    answers = [a for a in storage.load(path).assessments if a.round == "Autumn"]
    assert [a.group for a in answers].count("community") == 3
    assert all(a.date == date(2027, 10, 1) for a in answers)


async def test_by_group_view_and_its_gaps_for_a_signed_round(tmp_path, make_app):
    app = make_app(signed_project(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        # Flexibility: two answers of six, hidden; the round itself is shown.
        assert rows(app)["Flexibility"][0] == "hidden: too few"
        assert rows(app)["Shared vision"][:2] == ["4.0 ▲ strength", "4–4 (6)"]
        biggest = next(line for line in screen_text(app).splitlines() if "Biggest gap" in line)
        assert "shared decision-making, community groups 2.3 against agencies 4.3" in biggest
        await pilot.press("b")
        await pilot.pause()
        # By kind: groups 2 2 3 = 2.3, agencies 4 4 5 = 4.3.
        assert rows(app)["Shared decision-making"] == ["2.3 ▼", "4.3 ▲"]
        seen = []
        for _ in range(4):
            seen.append(screen_text(app).splitlines()[3])
            await pilot.press("c")
            await pilot.pause()
        assert len(set(seen)) == 4  # kind, role, youth, most affected
        assert any("role" in line.lower() for line in seen)


async def test_comments_are_shown_with_the_ingredient(tmp_path, make_app):
    signed = make_app(signed_project(tmp_path))
    async with signed.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "G")
        await pilot.pause()
        panel = " ".join(statics_text(signed.screen).split())  # below the fold at 24 lines
        assert "✎ Eastside Residents: We hear about decisions after they are made" in panel
    anonymous = make_app(anonymous_project(tmp_path))
    async with anonymous.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "G")
        await pilot.pause()
        panel = " ".join(statics_text(anonymous.screen).split())
        # Scores alone, never beside a group: a group too small to show is not read off.
        assert "Scores (anonymous): 2 · 2 · 4 · 5 · 4" in panel
        # Two community answers, below the minimum of three: the group is not said.
        assert "✎ Anonymous: Decisions are made before we arrive" in panel
        assert "community respondents" not in panel


async def test_a_group_of_one_is_not_said_in_the_picker_or_beside_a_comment(tmp_path, make_app):
    """The anonymous example's one business answer, with a note on communication: the
    by-group view hides the business column, and nothing else names the group."""
    text = (EXAMPLES / "eastgate-anonymous.toml").read_text(encoding="utf-8")
    at = text.index("[[assessments]]", text.index('group = "business"'))
    note = '[assessments.notes]\ncommunication = "Nobody tells the shops anything."\n\n'
    path = tmp_path / "eastgate.toml"
    path.write_text(text[:at] + note + text[at:], encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", *["down"] * 4)  # communication
        await pilot.pause()
        panel = " ".join(statics_text(app.screen).split())
        assert "✎ Anonymous: Nobody tells the shops anything." in panel
        assert "✎ Anonymous (community respondents): We hear about changes" in panel
        assert "business" not in panel
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, RespondentPicker)
        listed = screen_text(app)
        assert "Anonymous answer 4  ✔ answered (10 of 11 scored)" in listed
        assert "Anonymous answer 1 (agency respondents)  ✔ answered (11 of 11" in listed
        assert "business" not in listed
        await pilot.press(*["down"] * 4, "enter")  # from "New anonymous answer" to the 4th
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IngredientsScreen)
        assert screen.respondent == "anonymous-9deb6f65993b746d"  # the business answer
        assert "business" not in screen_text(app)


# -- the project's settings --------------------------------------------------------------


async def test_minimum_to_show_and_groups_in_the_project_details(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-minimum_to_show").focus()
        await pilot.press("ctrl+u", "0", "ctrl+s")
        await pilot.pause()
        assert "write a whole number from 1 to 1000" in screen_text(app)
        await pilot.press("ctrl+u", *"three", "ctrl+s")
        await pilot.pause()
        assert "write a whole number, such as 3" in screen_text(app)
        await pilot.press("ctrl+u", "4", "tab", *"community, agency, business", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(t.startswith("Saved") for t in toasts(app))
    info = storage.load(path).project
    assert (info.minimum_to_show, info.groups) == (4, ["community", "agency", "business"])


# -- how it looks ------------------------------------------------------------------------


def test_by_group_snapshot(snap_compare, tmp_path, make_app):
    app = make_app(signed_project(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), press=["4", "b"])


def test_hidden_results_snapshot(snap_compare, tmp_path, make_app):
    app = make_app(anonymous_project(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), press=["4", "G", "up", "up", "up"])
