"""Derived views checked against values worked out by hand.

The example projects' numbers below were computed on paper from the files (scores
listed per respondent in the comments) and written as literals, so a change to either
the examples or the arithmetic shows up here.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from partnertui import analysis
from partnertui.analysis import Band, RoleTotals
from partnertui.model import Ingredient, Project, Role, Status

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2026, 11, 24)


def example(name: str) -> Project:
    with (EXAMPLES / f"{name}.toml").open("rb") as f:
        return Project.model_validate(tomllib.load(f))


@pytest.fixture(scope="module")
def riverside() -> Project:
    return example("riverside-youth")


@pytest.fixture(scope="module")
def millbrook() -> Project:
    return example("millbrook-safer-streets")


def make(**parts) -> Project:
    """A small valid project from plain dicts, as a file would hold them."""
    project = {"name": "Test", **parts.pop("project", {})}
    return Project.model_validate({"schema_version": 1, "project": project, **parts})


def partner(pid: str, **fields) -> dict:
    return {"id": pid, "name": fields.pop("name", pid.replace("-", " ").title()), **fields}


def response(round_name: str, when: date, who: str, **scores: int) -> dict:
    return {"round": round_name, "date": when, "respondent": who, "scores": scores}


def ids(partners) -> list[str]:
    return [p.id for p in partners]


# ----------------------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("mean", "expected"),
    [
        (1.0, Band.CONCERN),
        (2.94, Band.CONCERN),
        (2.95, Band.BORDERLINE),  # shows as "3.0"
        (3.0, Band.BORDERLINE),
        (3.94, Band.BORDERLINE),
        (3.95, Band.STRENGTH),  # shows as "4.0"
        (4.0, Band.STRENGTH),
        (5.0, Band.STRENGTH),
    ],
)
def test_band_is_judged_on_the_shown_number(mean, expected):
    assert analysis.band(mean) is expected


@pytest.mark.parametrize(
    ("mean", "shown"),
    [(3.25, 3.3), (2.25, 2.3), (3.95, 4.0), (2.95, 3.0), (11 / 3, 3.7), (2.94, 2.9), (4.0, 4.0)],
)
def test_round_score_rounds_halves_up(mean, shown):
    assert analysis.round_score(mean) == shown


def test_every_band_has_its_own_symbol():
    assert set(analysis.BAND_SYMBOLS) == set(Band)
    assert len(set(analysis.BAND_SYMBOLS.values())) == 3


# -------------------------------------------------------------------- considerations


def coverage(project: Project) -> dict[str, analysis.Coverage]:
    return {c.key: c for c in analysis.considerations(project)}


def test_empty_project_warns_about_affected_and_stake_but_not_skills():
    result = coverage(make())
    assert list(result) == ["affected", "stake", "skills"]
    assert not result["affected"].ok and result["affected"].partners == []
    assert not result["stake"].ok
    # No skills listed: nothing is missing, but the question is still asked.
    assert result["skills"].ok and result["skills"].missing == []
    assert result["skills"].question.startswith("Do our partners bring")


@pytest.mark.parametrize(
    ("status", "counts"),
    [("candidate", False), ("invited", True), ("confirmed", True), ("declined", False)],
)
def test_only_engaged_partners_answer_the_questions(status, counts):
    project = make(
        project={"youth_oriented": True, "skills_needed": ["outreach"]},
        partners=[
            partner(
                "p",
                status=status,
                affected_by_issue=True,
                stake_in_solutions=True,
                youth=True,
                skills=["outreach"],
            )
        ],
    )
    result = coverage(project)
    assert list(result) == ["affected", "stake", "skills", "youth"]
    for key in ("affected", "stake", "skills", "youth"):
        assert result[key].ok is counts, key
        assert ids(result[key].partners) == (["p"] if counts else []), key
    assert result["skills"].missing == ([] if counts else ["outreach"])


def test_each_consideration_depends_on_its_own_flag():
    project = make(
        project={"youth_oriented": True},
        partners=[partner("affected", status="invited", affected_by_issue=True)],
    )
    result = coverage(project)
    assert result["affected"].ok
    assert not result["stake"].ok
    assert result["stake"].warning == "No invited or confirmed partner has a stake in the solutions"
    assert not result["youth"].ok
    assert "youth" in result["youth"].warning


def test_youth_question_only_for_youth_projects():
    project = make(partners=[partner("y", status="confirmed", youth=True)])
    assert "youth" not in coverage(project)


def test_missing_skills_match_ignoring_case_and_keep_project_spelling():
    project = make(
        project={"skills_needed": ["Grant Writing", "youth outreach", "French translation"]},
        partners=[
            partner("a", status="confirmed", skills=["grant writing"]),
            partner("b", status="candidate", skills=["French translation"]),
            partner("c", status="invited", skills=["YOUTH OUTREACH", "cooking"]),
        ],
    )
    assert analysis.missing_skills(project) == ["French translation"]
    skills = coverage(project)["skills"]
    assert not skills.ok
    assert skills.missing == ["French translation"]
    assert ids(skills.partners) == ["a", "c"]


def test_skills_pass_when_every_needed_skill_is_brought():
    project = make(
        project={"skills_needed": ["first aid"]},
        partners=[partner("a", status="invited", skills=["First Aid"])],
    )
    assert coverage(project)["skills"].ok
    assert coverage(project)["skills"].unset == ""
    assert analysis.missing_skills(project) == []


def test_skills_with_none_listed_are_a_next_step_not_a_pass():
    skills = coverage(make(partners=[partner("a", status="invited", skills=["First Aid"])]))
    assert skills["skills"].ok and skills["skills"].missing == []  # nothing to miss
    assert skills["skills"].unset.startswith("No skills are listed as needed yet")
    assert all(not c.unset for key, c in skills.items() if key != "skills")


def test_examples_coverage(riverside, millbrook):
    river = coverage(riverside)
    assert all(river[k].ok for k in ("affected", "stake", "youth"))
    assert ids(river["youth"].partners) == [
        "riverside-parents-network",
        "riverside-youth-centre",
        "riverside-youth-council",
    ]
    # "Somali interpretation" is brought only by a candidate, so it is still missing.
    assert river["skills"].missing == ["program evaluation", "Somali interpretation"]
    assert analysis.missing_skills(millbrook) == ["grant writing"]
    assert "youth" not in coverage(millbrook)
    assert ids(coverage(millbrook)["affected"].partners) == [
        "carol-mendes",
        "millbrook-seniors-centre",
        "neighbourhood-watch-old-mill",
        "old-mill-tenants-association",
    ]


def test_not_yet_invited_lists_candidates_with_a_stake_or_affected():
    project = make(
        partners=[
            partner("zed", status="candidate", stake_in_solutions=True),
            partner("amy", status="candidate", affected_by_issue=True),
            partner("bob", status="candidate"),
            partner("cat", status="invited", affected_by_issue=True),
            partner("dan", status="declined", stake_in_solutions=True),
        ]
    )
    assert ids(analysis.not_yet_invited(project)) == ["amy", "zed"]


def test_examples_not_yet_invited(riverside, millbrook):
    assert ids(analysis.not_yet_invited(riverside)) == ["somali-parents-association"]
    assert ids(analysis.not_yet_invited(millbrook)) == ["bayview-home-care", "millbrook-hydro"]


def test_status_counts_include_zeros_in_order(riverside):
    assert analysis.status_counts(make()) == dict.fromkeys(Status, 0)
    counts = analysis.status_counts(riverside)
    assert list(counts) == list(Status)
    assert counts == {
        Status.CANDIDATE: 1,
        Status.INVITED: 3,
        Status.CONFIRMED: 5,
        Status.DECLINED: 1,
    }


# ----------------------------------------------------------------------------- roles


def roles(project: Project) -> analysis.RoleSummary:
    return analysis.RoleLedger().summary(project)


def role_counts(project: Project) -> dict[Role | None, int]:
    return {role: len(group.partners) for role, group in roles(project).groups.items()}


def contribution_totals(project: Project) -> dict[Role | None, RoleTotals]:
    return {role: group.totals for role, group in roles(project).groups.items()}


def test_role_groups_put_unassigned_first_and_sort_by_name():
    project = make(
        partners=[
            partner("b", name="bravo", role="cooperation"),
            partner("a", name="Alpha", role="cooperation"),
            partner("c", name="Charlie"),
            partner("d", name="delta", role="collaboration"),
        ]
    )
    groups = {role: list(g.partners) for role, g in roles(project).groups.items()}
    assert list(groups) == [None, *Role]
    assert ids(groups[None]) == ["c"]
    assert ids(groups[Role.COOPERATION]) == ["a", "b"]  # "Alpha" before "bravo", case ignored
    assert groups[Role.COMMUNICATION] == []
    assert ids(groups[Role.COLLABORATION]) == ["d"]
    assert role_counts(project) == {
        None: 1,
        Role.COOPERATION: 2,
        Role.COMMUNICATION: 0,
        Role.COORDINATION: 0,
        Role.COLLABORATION: 1,
    }


def test_example_role_counts(millbrook):
    assert role_counts(millbrook) == {
        None: 2,
        Role.COOPERATION: 4,
        Role.COMMUNICATION: 2,
        Role.COORDINATION: 2,
        Role.COLLABORATION: 2,
    }


def test_totals_by_role_riverside(riverside):
    # None: school board 600 resources. Cooperation: BIA 800 supplies; transit 2500
    # equipment + 1200 financial. Communication: Al-Noor 450 volunteer time.
    # Coordination: parents 6400 volunteer time; police advice has no value.
    # Collaboration: youth centre 4800 space + 1500 financial; council 300 in-kind.
    assert contribution_totals(riverside) == {
        None: RoleTotals(2, 0.0, 600.0, 600.0),
        Role.COOPERATION: RoleTotals(2, 1200.0, 3300.0, 4500.0),
        Role.COMMUNICATION: RoleTotals(2, 0.0, 450.0, 450.0),
        Role.COORDINATION: RoleTotals(2, 0.0, 6400.0, 6400.0),
        Role.COLLABORATION: RoleTotals(2, 1500.0, 5100.0, 6600.0),
    }
    assert roles(riverside).overall == RoleTotals(10, 2700.0, 15850.0, 18550.0)


def test_totals_by_role_millbrook(millbrook):
    # Cooperation: hardware 2150 + 350, library 1200, foundation 5000 financial.
    # Coordination: fire 1800 + watch 2400. Collaboration: seniors 3000 financial
    # + 5200 volunteer time. The tenants' advice has no value and counts nowhere.
    totals = contribution_totals(millbrook)
    assert totals[None] == RoleTotals(2, 0.0, 0.0, 0.0)
    assert totals[Role.COOPERATION] == RoleTotals(4, 5000.0, 3700.0, 8700.0)
    assert totals[Role.COMMUNICATION] == RoleTotals(2, 0.0, 0.0, 0.0)
    assert totals[Role.COORDINATION] == RoleTotals(2, 0.0, 4200.0, 4200.0)
    assert totals[Role.COLLABORATION] == RoleTotals(2, 3000.0, 5200.0, 8200.0)
    assert roles(millbrook).overall == RoleTotals(12, 8000.0, 13100.0, 21100.0)


def test_totals_keep_cents_and_skip_valueless_contributions():
    project = make(
        partners=[
            partner(
                "a",
                role="coordination",
                contributions=[
                    {"kind": "financial", "value": 0.1},
                    {"kind": "financial", "value": 0.2},
                    {"kind": "volunteer-time", "value": 10},
                    {"kind": "space", "description": "Hall, no amount agreed"},
                ],
            )
        ]
    )
    assert contribution_totals(project)[Role.COORDINATION] == RoleTotals(1, 0.3, 10.0, 10.3)


WARNINGS = {
    "declined": "Has declined, but still holds the Communication role",
    "no_lead": "Coordination partners work under a lead organization, and the project has none set",
    "no_duties": "An equal partner with no responsibilities recorded yet",
    "no_gift": "A cooperation partner with no contribution recorded yet",
}


@pytest.mark.parametrize(
    ("lead", "fields", "expected"),
    [
        ("", {"role": "communication", "status": "declined"}, ["declined"]),
        ("", {"role": "communication", "status": "confirmed"}, []),
        ("", {"status": "declined"}, []),  # no role held: nothing to undo
        ("", {"role": "coordination", "status": "confirmed"}, ["no_lead"]),
        ("Town Hall", {"role": "coordination", "status": "confirmed"}, []),
        ("", {"role": "collaboration"}, ["no_duties"]),
        ("", {"role": "collaboration", "responsibilities": ["chairs"]}, []),
        ("", {"role": "cooperation"}, ["no_gift"]),
        ("", {"role": "cooperation", "contributions": [{"kind": "advice"}]}, []),
        ("", {"role": "coordination", "status": "declined"}, ["declined", "no_lead"]),
    ],
)
def test_role_warnings_appear_exactly_when_their_condition_holds(lead, fields, expected):
    project = make(project={"lead_organization": lead}, partners=[partner("p", **fields)])
    got = analysis.role_warnings(project.partners[0], project)
    label = (fields.get("role") or "").title()
    assert got == [WARNINGS[k].replace("Communication", label) for k in expected]


def test_example_role_warnings(riverside, millbrook):
    def warned(project):
        return {
            p.id: analysis.role_warnings(p, project)
            for p in project.partners
            if analysis.role_warnings(p, project)
        }

    assert warned(riverside) == {
        "marion-clarke": ["Has declined, but still holds the Communication role"]
    }
    assert warned(millbrook) == {
        "millbrook-police-service": ["An equal partner with no responsibilities recorded yet"],
        "st-andrews-church": [
            "Has declined, but still holds the Cooperation role",
            "A cooperation partner with no contribution recorded yet",
        ],
    }


def test_references_to_a_partner(riverside):
    refs = analysis.references_to(riverside, "riverside-youth-centre")
    assert refs.actions == [0, 2]
    assert [riverside.assessments[i].round for i in refs.assessments] == ["Kick-off", "Ten weeks"]
    assert refs
    none = analysis.references_to(riverside, "marion-clarke")
    assert none.actions == [] and none.assessments == []
    assert not none


# ---------------------------------------------------------------------------- rounds


def test_rounds_are_ordered_by_first_response_then_name():
    project = make(
        partners=[partner("a"), partner("b")],
        assessments=[
            response("Later", date(2026, 3, 1), "a"),
            response("Beta", date(2026, 1, 5), "b"),
            response("Alpha", date(2026, 1, 5), "team"),
            response("Later", date(2026, 1, 2), "team"),  # a late round's early response
        ],
    )
    got = analysis.rounds(project)
    assert [(r.name, r.date) for r in got] == [
        ("Later", date(2026, 1, 2)),
        ("Alpha", date(2026, 1, 5)),
        ("Beta", date(2026, 1, 5)),
    ]
    assert got[0].respondents == ["team", "a"]


def test_example_rounds(millbrook):
    got = analysis.rounds(millbrook)
    assert [(r.name, r.date) for r in got] == [
        ("Launch", date(2026, 4, 22)),
        ("Summer check-in", date(2026, 7, 15)),
        ("Six months", date(2026, 10, 21)),  # responses on 10-21 and 10-23
    ]
    assert got[2].respondents == [
        "team",
        "millbrook-police-service",
        "millbrook-seniors-centre",
        "neighbourhood-watch-old-mill",
    ]


def test_disagreement_starts_at_a_spread_of_two():
    project = make(
        project={"minimum_to_show": 1},  # two answers: the minimum is not the subject
        partners=[partner("a")],
        assessments=[
            response("R", date(2026, 1, 1), "team", shared_vision=3, common_goals=3),
            response("R", date(2026, 1, 1), "a", shared_vision=4, common_goals=5),
        ],
    )
    stats = analysis.round_stats(project, "R").ingredients
    assert (stats[Ingredient.SHARED_VISION].low, stats[Ingredient.SHARED_VISION].high) == (3, 4)
    assert not stats[Ingredient.SHARED_VISION].disagreement
    assert (stats[Ingredient.COMMON_GOALS].low, stats[Ingredient.COMMON_GOALS].high) == (3, 5)
    assert stats[Ingredient.COMMON_GOALS].disagreement


def test_unscored_ingredients_are_empty_not_zero():
    project = make(assessments=[response("R", date(2026, 1, 1), "team", leadership=2)])
    stats = analysis.round_stats(project, "R")
    assert list(stats.ingredients) == list(Ingredient)
    empty = stats.ingredients[Ingredient.SHARED_VISION]
    assert (empty.mean, empty.low, empty.high, empty.count, empty.band) == (
        None,
        None,
        None,
        0,
        None,
    )
    assert not empty.disagreement
    assert stats.overall == 2.0
    assert stats.weakest == [Ingredient.LEADERSHIP]
    assert stats.respondents == 1


def test_unknown_round_gives_empty_stats():
    stats = analysis.round_stats(make(), "Nowhere")
    assert stats.respondents == 0 and stats.overall is None and stats.weakest == []
    assert all(s.mean is None and s.trend == [] for s in stats.ingredients.values())


def test_change_compares_with_the_last_round_that_scored_it():
    project = make(
        assessments=[
            response("One", date(2026, 1, 1), "team", leadership=2, flexibility=3),
            response("Two", date(2026, 2, 1), "team", flexibility=4),
            response("Three", date(2026, 3, 1), "team", leadership=4, flexibility=4),
        ]
    )
    first = analysis.round_stats(project, "One").ingredients[Ingredient.LEADERSHIP]
    assert (first.change, first.direction) == (None, None)
    lead = analysis.round_stats(project, "Three").ingredients[Ingredient.LEADERSHIP]
    assert (lead.change, lead.direction) == (2.0, "up")  # skips "Two", which left it out
    assert lead.trend == [2.0, None, 4.0]
    flex = analysis.round_stats(project, "Three").ingredients[Ingredient.FLEXIBILITY]
    assert (flex.change, flex.direction) == (0.0, "same")
    assert analysis.round_stats(project, "Two").ingredients[Ingredient.LEADERSHIP].change is None


def scored(round_name: str, when: date, ingredient: str, values: list[int]) -> list[dict]:
    """One response per value: the team's first, then partners p1, p2, ..."""
    who = ["team"] + [f"p{n}" for n in range(1, len(values))]
    return [
        response(round_name, when, w, **{ingredient: v}) for w, v in zip(who, values, strict=True)
    ]


def test_direction_follows_the_shown_numbers():
    project = make(
        partners=[partner(f"p{n}") for n in range(1, 7)],
        assessments=[
            *scored("One", date(2026, 1, 1), "commitment", [4, 4, 4, 4, 4, 3, 3]),  # 26/7
            *scored("Two", date(2026, 2, 1), "commitment", [4, 4, 4, 3]),  # 15/4
            *scored("Three", date(2026, 3, 1), "commitment", [4, 4, 3]),  # 11/3
        ],
    )
    two = analysis.round_stats(project, "Two").ingredients[Ingredient.COMMITMENT]
    # 3.714 -> 3.75 is a raw rise of 0.036, but people see 3.7 -> 3.8.
    assert two.mean == 3.75
    assert (two.change, two.direction) == (0.1, "up")
    three = analysis.round_stats(project, "Three").ingredients[Ingredient.COMMITMENT]
    assert (three.change, three.direction) == (-0.1, "down")  # 3.8 -> 3.7
    assert three.trend == [26 / 7, 3.75, 11 / 3]


def test_same_shown_mean_reads_as_same():
    project = make(
        partners=[partner(f"p{n}") for n in range(1, 7)],
        assessments=[
            *scored("One", date(2026, 1, 1), "cooperation", [4, 4, 4, 4, 4, 3, 3]),  # 26/7
            *scored("Two", date(2026, 2, 1), "cooperation", [4, 4, 3]),  # 11/3
        ],
    )
    two = analysis.round_stats(project, "Two").ingredients[Ingredient.COOPERATION]
    assert (two.change, two.direction) == (0.0, "same")  # both show 3.7


def test_weakest_three_break_ties_in_ingredient_order():
    project = make(
        assessments=[
            response(
                "R",
                date(2026, 1, 1),
                "team",
                flexibility=2,
                leadership=2,
                communication=2,
                shared_vision=2,
                cooperation=1,
                commitment=5,
            )
        ]
    )
    stats = analysis.round_stats(project, "R")
    assert stats.weakest == [
        Ingredient.COOPERATION,
        Ingredient.SHARED_VISION,
        Ingredient.COMMUNICATION,
    ]
    assert stats.overall == pytest.approx(14 / 6)


def test_weakest_is_only_what_is_below_a_strength():
    """Three ingredients scored, 3, 4 and 5: only the borderline one is weak; when all
    are strengths nothing is, and the lowest is still known. The overall says of how many."""
    few = {"conflict_resolution": 3, "communication": 4, "commitment": 5}
    stats = analysis.round_stats(
        make(assessments=[response("R", date(2027, 3, 1), "team", **few)]), "R"
    )
    assert stats.weakest == [Ingredient.CONFLICT_RESOLUTION]
    assert (stats.overall, stats.scored, stats.lowest) == (4.0, 3, Ingredient.CONFLICT_RESOLUTION)
    strong = {**few, "conflict_resolution": 4}
    stats = analysis.round_stats(
        make(assessments=[response("R", date(2027, 3, 1), "team", **strong)]), "R"
    )
    assert stats.weakest == []
    assert (stats.scored, stats.lowest) == (3, Ingredient.COMMUNICATION)


# Riverside "Kick-off", respondents (parents, youth centre, youth council, team):
#   shared_vision 4 4 3 5 | common_goals 3 4 2 3 | cooperation 4 4 4 4
#   accountability 2 3 2 3 | communication 3 4 2 3 | commitment 5 5 4 4
#   conflict_resolution 3 3 - 2 | leadership 3 5 2 4 | desire 5 5 4 5
#   flexibility 3 4 3 3 | shared_decision_making 2 3 1 3
KICK_OFF = {
    # ingredient: (mean, low, high, count, band, disagreement)
    Ingredient.SHARED_VISION: (4.0, 3, 5, 4, Band.STRENGTH, True),
    Ingredient.COMMON_GOALS: (3.0, 2, 4, 4, Band.BORDERLINE, True),
    Ingredient.COOPERATION: (4.0, 4, 4, 4, Band.STRENGTH, False),
    Ingredient.ACCOUNTABILITY: (2.5, 2, 3, 4, Band.CONCERN, False),
    Ingredient.COMMUNICATION: (3.0, 2, 4, 4, Band.BORDERLINE, True),
    Ingredient.COMMITMENT: (4.5, 4, 5, 4, Band.STRENGTH, False),
    Ingredient.CONFLICT_RESOLUTION: (8 / 3, 2, 3, 3, Band.CONCERN, False),
    Ingredient.LEADERSHIP: (3.5, 2, 5, 4, Band.BORDERLINE, True),
    Ingredient.DESIRE_TO_WORK_TOGETHER: (4.75, 4, 5, 4, Band.STRENGTH, False),
    Ingredient.FLEXIBILITY: (3.25, 3, 4, 4, Band.BORDERLINE, False),
    Ingredient.SHARED_DECISION_MAKING: (2.25, 1, 3, 4, Band.CONCERN, True),
}

# Riverside "Ten weeks", respondents (youth centre, team, Al-Noor, youth council):
#   shared_vision 5 4 4 4 | common_goals 4 4 3 3 | cooperation 4 4 3 5
#   accountability 3 3 3 2 | communication 3 2 2 2 | commitment 5 4 4 4
#   conflict_resolution 3 3 3 3 | leadership 4 4 4 3 | desire 5 5 4 5
#   flexibility - 3 - - | shared_decision_making 3 3 1 3
TEN_WEEKS = {
    # ingredient: (mean, low, high, count, band, disagreement, change, direction)
    Ingredient.SHARED_VISION: (4.25, 4, 5, 4, Band.STRENGTH, False, 0.3, "up"),
    Ingredient.COMMON_GOALS: (3.5, 3, 4, 4, Band.BORDERLINE, False, 0.5, "up"),
    Ingredient.COOPERATION: (4.0, 3, 5, 4, Band.STRENGTH, True, 0.0, "same"),
    Ingredient.ACCOUNTABILITY: (2.75, 2, 3, 4, Band.CONCERN, False, 0.3, "up"),
    Ingredient.COMMUNICATION: (2.25, 2, 3, 4, Band.CONCERN, False, -0.7, "down"),
    Ingredient.COMMITMENT: (4.25, 4, 5, 4, Band.STRENGTH, False, -0.2, "down"),
    Ingredient.CONFLICT_RESOLUTION: (3.0, 3, 3, 4, Band.BORDERLINE, False, 0.3, "up"),
    Ingredient.LEADERSHIP: (3.75, 3, 4, 4, Band.BORDERLINE, False, 0.3, "up"),
    Ingredient.DESIRE_TO_WORK_TOGETHER: (4.75, 4, 5, 4, Band.STRENGTH, False, 0.0, "same"),
    Ingredient.FLEXIBILITY: (3.0, 3, 3, 1, Band.BORDERLINE, False, -0.3, "down"),
    Ingredient.SHARED_DECISION_MAKING: (2.5, 1, 3, 4, Band.CONCERN, True, 0.2, "up"),
}


def test_riverside_kick_off_by_hand(riverside):
    stats = analysis.round_stats(riverside, "Kick-off")
    assert stats.respondents == 4
    for ingredient, (mean, low, high, count, band, split) in KICK_OFF.items():
        s = stats.ingredients[ingredient]
        assert s.mean == pytest.approx(mean), ingredient
        assert (s.low, s.high, s.count, s.band, s.disagreement) == (low, high, count, band, split)
        assert (s.change, s.direction) == (None, None)
    # (4 + 3 + 4 + 2.5 + 3 + 4.5 + 8/3 + 3.5 + 4.75 + 3.25 + 2.25) / 11 = 449/132
    assert stats.overall == pytest.approx(449 / 132)
    assert analysis.round_score(stats.overall) == 3.4
    assert stats.weakest == [
        Ingredient.SHARED_DECISION_MAKING,
        Ingredient.ACCOUNTABILITY,
        Ingredient.CONFLICT_RESOLUTION,
    ]


def test_riverside_ten_weeks_by_hand(riverside):
    stats = analysis.round_stats(riverside, "Ten weeks")
    assert stats.respondents == 4
    for ingredient, (mean, low, high, count, band, split, change, way) in TEN_WEEKS.items():
        s = stats.ingredients[ingredient]
        assert s.mean == pytest.approx(mean), ingredient
        assert (s.low, s.high, s.count, s.band, s.disagreement) == (low, high, count, band, split)
        assert (s.change, s.direction) == (change, way), ingredient
        assert s.trend == pytest.approx([KICK_OFF[ingredient][0], mean])
    assert stats.overall == pytest.approx(38 / 11)
    assert analysis.round_score(stats.overall) == 3.5
    assert stats.weakest == [
        Ingredient.COMMUNICATION,
        Ingredient.SHARED_DECISION_MAKING,
        Ingredient.ACCOUNTABILITY,
    ]
    assert analysis.weak_or_disputed(stats) == [
        Ingredient.COMMON_GOALS,
        Ingredient.COOPERATION,  # a strength, but partners are 2 apart
        Ingredient.ACCOUNTABILITY,
        Ingredient.COMMUNICATION,
        Ingredient.CONFLICT_RESOLUTION,
        Ingredient.LEADERSHIP,
        Ingredient.FLEXIBILITY,
        Ingredient.SHARED_DECISION_MAKING,
    ]


def test_millbrook_six_months_compares_across_a_partial_round(millbrook):
    # "Summer check-in" was a team-only round scoring three ingredients.
    stats = analysis.round_stats(millbrook, "Six months")
    sv = stats.ingredients[Ingredient.SHARED_VISION]
    assert sv.trend == [4.0, None, 4.0]
    assert (sv.change, sv.direction) == (0.0, "same")  # compared with Launch
    comm = stats.ingredients[Ingredient.COMMUNICATION]
    assert comm.trend == [2.75, 3.0, 3.75]
    assert (comm.change, comm.direction) == (0.8, "up")  # 3.0 -> 3.8 as shown
    flex = stats.ingredients[Ingredient.FLEXIBILITY]
    assert (flex.mean, flex.count) == (pytest.approx(11 / 3), 3)  # police left it out
    assert (flex.change, flex.direction) == (0.7, "up")  # 3.0 -> 3.7
    # Accountability and conflict both show 2.8 (2.75): ingredient order breaks the tie.
    assert stats.weakest == [
        Ingredient.SHARED_DECISION_MAKING,
        Ingredient.ACCOUNTABILITY,
        Ingredient.CONFLICT_RESOLUTION,
    ]
    assert stats.overall == pytest.approx(119 / 33)
    summer = analysis.round_stats(millbrook, "Summer check-in")
    assert summer.respondents == 1
    assert summer.overall == pytest.approx(8 / 3)
    assert summer.ingredients[Ingredient.SHARED_DECISION_MAKING].direction == "down"  # 2.3 -> 2.0


def test_sparkline_maps_one_to_five_and_marks_gaps():
    assert analysis.sparkline([1, 2, 3, 4, 5, None]) == "▁▃▅▆█·"
    assert analysis.sparkline([]) == ""
    assert analysis.sparkline([4.0, None, 4.0]) == "▆·▆"


def test_weak_or_disputed_leaves_out_agreed_strengths():
    project = make(
        project={"minimum_to_show": 1},  # two answers: the minimum is not the subject
        partners=[partner("a")],
        assessments=[
            response("R", date(2026, 1, 1), "team", shared_vision=5, common_goals=5, cooperation=3),
            response("R", date(2026, 1, 1), "a", shared_vision=4, common_goals=3, cooperation=3),
        ],
    )
    stats = analysis.round_stats(project, "R")
    assert analysis.weak_or_disputed(stats) == [Ingredient.COMMON_GOALS, Ingredient.COOPERATION]


# --------------------------------------------------------------------------- actions


@pytest.mark.parametrize(
    ("due", "done", "overdue"),
    [
        (date(2026, 11, 23), False, True),
        (date(2026, 11, 24), False, False),  # due today is not late yet
        (date(2026, 11, 23), True, False),
        (None, False, False),
    ],
)
def test_is_overdue(due, done, overdue):
    fields = {"text": "x", "done": done} | ({"due": due} if due else {})
    action = make(actions=[fields]).actions[0]
    assert analysis.is_overdue(action, TODAY) is overdue


def test_action_counts(riverside, millbrook):
    assert analysis.action_counts(riverside, TODAY) == (4, 2, 1)
    assert analysis.action_counts(millbrook, TODAY) == (4, 2, 1)
    assert analysis.action_counts(millbrook, date(2026, 12, 1)) == (4, 2, 2)
    assert analysis.action_counts(make(), TODAY) == (0, 0, 0)


def test_starter_project_has_empty_views():
    starter = example("starter")
    assert analysis.rounds(starter) == []
    assert analysis.action_counts(starter, TODAY) == (0, 0, 0)
    assert roles(starter).overall == RoleTotals(2, 0.0, 0.0, 0.0)
    assert [c.ok for c in analysis.considerations(starter)] == [False, False, True]
    assert ids(analysis.not_yet_invited(starter)) == [
        "city-transportation-services",
        "eastgate-merchants",
    ]
