"""The minimum to show, means by group, the gaps in words, comments: by hand."""

from __future__ import annotations

from datetime import date

import pytest

from partnertui import analysis
from partnertui.model import Ingredient, Project

DAY = date(2027, 4, 1)
SDM = Ingredient.SHARED_DECISION_MAKING
SV = Ingredient.SHARED_VISION


def make(*, minimum: int | None = None, groups=None, anonymous=False, answers=(), partners=()):
    project: dict = {"name": "Test"}
    if minimum is not None:
        project["minimum_to_show"] = minimum
    if groups is not None:
        project["groups"] = groups
    return Project.model_validate(
        {
            "schema_version": 1,
            "project": project,
            "partners": list(partners),
            "rounds": [{"name": "R", "date": DAY, "anonymous": anonymous}],
            "assessments": list(answers),
        }
    )


def signed(pid: str, **scores) -> dict:
    return {"round": "R", "date": DAY, "respondent": pid, "scores": scores}


def anon(n: int, group: str | None = None, notes=None, **scores) -> dict:
    answer = {"round": "R", "date": DAY, "respondent": f"anonymous-{n:08x}", "scores": scores}
    if group:
        answer["group"] = group
    if notes:
        answer["notes"] = notes
    return answer


def partner(pid: str, **fields) -> dict:
    return {"id": pid, "name": fields.pop("name", pid.title()), **fields}


PARTNERS = [partner(c) for c in "abcd"]


@pytest.mark.parametrize(("answers", "hidden"), [(2, True), (3, False)])
def test_a_round_is_hidden_below_the_minimum_and_shown_at_it(answers, hidden):
    project = make(
        partners=PARTNERS, answers=[signed(c, shared_vision=4) for c in "abcd"[:answers]]
    )
    stats = analysis.round_stats(project, "R")
    assert stats.hidden is hidden
    sv = stats.ingredients[SV]
    assert sv.hidden is hidden
    assert (sv.mean, sv.band) == ((None, None) if hidden else (4.0, analysis.Band.STRENGTH))
    assert sv.count == answers  # how many answered is no secret


def test_an_ingredient_is_hidden_on_its_own_count():
    answers = [
        signed("a", shared_vision=4, common_goals=2),
        signed("b", shared_vision=2),
        signed("c", shared_vision=3),
    ]
    stats = analysis.round_stats(make(partners=PARTNERS, answers=answers), "R")
    assert not stats.hidden
    assert stats.ingredients[SV].mean == 3.0 and stats.ingredients[SV].disagreement
    goals = stats.ingredients[Ingredient.COMMON_GOALS]
    assert goals.hidden and goals.mean is None and goals.low is None and not goals.disagreement
    assert stats.weakest == [SV]
    assert stats.overall == 3.0  # the hidden mean is in no overall figure


def test_the_project_sets_the_minimum_and_an_anonymous_round_keeps_two():
    one = [signed("a", shared_vision=5)]
    assert not analysis.round_stats(make(minimum=1, partners=PARTNERS, answers=one), "R").hidden
    alone = [anon(1, shared_vision=5)]
    project = make(minimum=1, anonymous=True, answers=alone)
    assert analysis.minimum_to_show(project, "R") == 2
    assert analysis.round_stats(project, "R").ingredients[SV].hidden
    two = make(
        minimum=1, anonymous=True, answers=[anon(1, shared_vision=5), anon(2, shared_vision=4)]
    )
    assert analysis.round_stats(two, "R").ingredients[SV].mean == 4.5


def test_the_teams_agreed_answer_alone_is_shown_but_does_not_make_up_the_numbers():
    team = [signed("team", shared_vision=3)]
    assert analysis.round_stats(make(answers=team), "R").ingredients[SV].mean == 3.0
    team_and_one = [*team, signed("a", shared_vision=5)]
    stats = analysis.round_stats(make(partners=PARTNERS, answers=team_and_one), "R")
    assert stats.hidden and stats.ingredients[SV].hidden  # 3 and the mean give a's 5 away


def test_a_hidden_round_is_in_no_trend_and_no_change():
    project = Project.model_validate(
        {
            "schema_version": 1,
            "project": {"name": "T"},
            "partners": PARTNERS,
            "assessments": [
                *[{**signed(c, shared_vision=2), "round": "One"} for c in "abc"],
                *[
                    {**signed(c, shared_vision=5), "round": "Two", "date": date(2027, 5, 1)}
                    for c in "ab"
                ],
                *[
                    {**signed(c, shared_vision=4), "round": "Three", "date": date(2027, 6, 1)}
                    for c in "abc"
                ],
            ],
        }
    )
    three = analysis.round_stats(project, "Three").ingredients[SV]
    assert three.trend == [2.0, None, 4.0]
    assert (three.change, three.direction) == (2.0, "up")  # against One, not the hidden Two


# ----------------------------------------------------------------- means by group

BY_KIND = [
    partner("tenants", kind="group", youth=True, affected_by_issue=True, role="collaboration"),
    partner("parents", kind="group", affected_by_issue=True, role="collaboration"),
    partner("youth", kind="group", youth=True, affected_by_issue=True, role="coordination"),
    partner("police", kind="agency", role="coordination"),
    partner("housing", kind="agency", role="communication"),
    partner("health", kind="agency", role="collaboration"),
]


def test_means_by_kind_and_the_gap_in_words():
    answers = [
        signed("tenants", shared_decision_making=2, shared_vision=4),
        signed("parents", shared_decision_making=2, shared_vision=4),
        signed("youth", shared_decision_making=3, shared_vision=3),
        signed("police", shared_decision_making=4, shared_vision=4),
        signed("housing", shared_decision_making=4, shared_vision=3),
        signed("health", shared_decision_making=5, shared_vision=4),
    ]
    view = analysis.group_view(make(partners=BY_KIND, answers=answers), "R")
    kind = next(d for d in view.dimensions if d.key == "kind")
    assert [(g.label, g.answers) for g in kind.groups] == [("community groups", 3), ("agencies", 3)]
    community, agencies = kind.groups
    assert community.results[SDM].mean == pytest.approx(7 / 3)  # (2+2+3)/3 = 2.3
    assert agencies.results[SDM].mean == pytest.approx(13 / 3)  # (4+4+5)/3 = 4.3
    top = view.gaps[0]
    assert (top.dimension, top.ingredient, top.size) == ("kind", SDM, 2.0)
    assert top.sentence == "Community groups score shared decision-making 2.3; agencies 4.3"
    assert top.brief == "shared decision-making, community groups 2.3 against agencies 4.3"
    role = next(d for d in view.dimensions if d.key == "role")
    assert [g.short for g in role.groups] == ["communication", "coordination", "collaboration"]
    # shared vision: 11/3 and 11/3, no gap between kinds
    assert not [g for g in view.gaps if g.dimension == "kind" and g.ingredient == SV]


def test_a_group_below_the_minimum_is_hidden_and_in_no_gap():
    answers = [
        signed("tenants", shared_decision_making=1),
        signed("parents", shared_decision_making=1),
        signed("youth", shared_decision_making=1),
        signed("police", shared_decision_making=5),
        signed("housing", shared_decision_making=5),
    ]
    view = analysis.group_view(make(partners=BY_KIND, answers=answers), "R")
    kind = next(d for d in view.dimensions if d.key == "kind")
    agencies = kind.groups[1].results[SDM]
    assert (agencies.mean, agencies.count, agencies.hidden) == (None, 2, True)
    assert not [g for g in view.gaps if g.dimension == "kind"]
    # youth and their champions (tenants, youth: 2) are hidden too; others are 3
    youth = next(d for d in view.dimensions if d.key == "youth")
    assert [(g.key, g.results[SDM].hidden) for g in youth.groups] == [
        ("youth", True),
        ("others", False),
    ]


def test_an_anonymous_round_is_seen_by_the_groups_its_respondents_gave():
    groups = ["community", "agency", "business", "government"]
    answers = [
        anon(1, "community", shared_decision_making=2),
        anon(2, "community", shared_decision_making=2),
        anon(
            3,
            "community",
            shared_decision_making=2,
            notes={"shared_decision_making": "Told, not asked."},
        ),
        anon(4, "agency", shared_decision_making=4),
        anon(5, "agency", shared_decision_making=4),
        anon(6, "agency", shared_decision_making=5),
        anon(7, "business", shared_decision_making=3),
        anon(8, shared_decision_making=3),
    ]
    project = make(groups=groups, anonymous=True, answers=answers)
    view = analysis.group_view(project, "R")
    assert [d.key for d in view.dimensions] == ["group"]
    found = {g.key: g.results[SDM] for g in view.dimensions[0].groups}
    assert found["community"].mean == 2.0
    assert found["agency"].mean == pytest.approx(13 / 3)
    assert found["business"].hidden  # one answer, and an anonymous round never shows one
    assert view.gaps[0].sentence == (
        "Community respondents score shared decision-making 2.0; agency respondents 4.3"
    )
    assert view.gaps[0].brief == "shared decision-making, community 2.0 against agency 4.3"
    said = analysis.comments(project, "R", SDM)
    assert [(c.who, c.text, c.score) for c in said] == [
        ("Anonymous (community respondents)", "Told, not asked.", 2)
    ]
    assert analysis.respondent_label(project, "R", "anonymous-00000004") == (
        "Anonymous answer 4 (agency respondents)"
    )


def test_comments_name_the_partner_in_a_signed_round():
    answers = [
        {**signed("police", shared_vision=4), "notes": {"shared_vision": "Clear to us."}},
        {**signed("team", shared_vision=3), "notes": {"shared_vision": "Agreed at the meeting."}},
        {**signed("tenants", shared_vision=2), "notes": {"shared_vision": "[b]Not[/b] to us."}},
    ]
    project = make(partners=BY_KIND, answers=answers)
    said = analysis.comments(project, "R", SV)
    assert [(c.who, c.text) for c in said] == [
        ("The team", "Agreed at the meeting."),
        ("Police", "Clear to us."),
        ("Tenants", "[b]Not[/b] to us."),
    ]


def test_who_has_answered_an_anonymous_round_is_a_count():
    project = Project.model_validate(
        {
            "schema_version": 1,
            "project": {"name": "T"},
            "partners": PARTNERS,
            "rounds": [{"name": "R", "date": DAY, "anonymous": True, "invited": ["a", "b", "c"]}],
            "assessments": [anon(1, shared_vision=3), anon(2), anon(3, shared_vision=4)],
        }
    )
    turnout = analysis.turnout(project, "R")
    assert (turnout.anonymous, turnout.answered_count, len(turnout.invited)) == (True, 2, 3)
    assert turnout.answered == [] and turnout.waiting == []


def test_a_group_too_few_answered_in_is_not_said_beside_an_answer_or_a_comment():
    """One business answer: its comment and its place in the list are just "Anonymous",
    as the business column of the by-group view is hidden; agencies, three, are named."""
    groups = ["community", "agency", "business"]
    answers = [
        anon(1, "agency", communication=4),
        anon(2, "agency", communication=4),
        anon(3, "agency", communication=5, notes={"communication": "Fine for us."}),
        anon(4, "business", communication=2, notes={"communication": "Nobody tells the shops."}),
        anon(5, notes={"communication": "No group given."}, communication=3),
    ]
    project = make(groups=groups, anonymous=True, answers=answers)
    assert analysis.labelled_groups(project, "R") == {"agency"}
    [business] = [
        g for g in analysis.group_view(project, "R").dimensions[0].groups if g.key == "business"
    ]
    assert business.results[Ingredient.COMMUNICATION].hidden
    said = analysis.comments(project, "R", Ingredient.COMMUNICATION)
    assert [(c.who, c.text) for c in said] == [
        ("Anonymous (agency respondents)", "Fine for us."),
        ("Anonymous", "Nobody tells the shops."),
        ("Anonymous", "No group given."),
    ]
    labels = [analysis.respondent_label(project, "R", f"anonymous-{n:08x}") for n in (3, 4, 5)]
    assert labels == [
        "Anonymous answer 3 (agency respondents)",
        "Anonymous answer 4",
        "Anonymous answer 5",
    ]
    # The project's minimum counts: at four, three agencies are too few to name.
    fewer = make(minimum=4, groups=groups, anonymous=True, answers=answers)
    assert analysis.labelled_groups(fewer, "R") == frozenset()
    assert analysis.anonymous_label(fewer, "R", "agency") == "Anonymous"
