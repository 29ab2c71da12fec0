"""The canonical text: its exact layout, and that any valid project survives the round trip."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from partnertui import cli, model, storage
from partnertui.model import (
    MAX_CONTRIBUTION,
    TEAM,
    Action,
    Assessment,
    Contribution,
    ContributionKind,
    Ingredient,
    Kind,
    Partner,
    Project,
    Relationship,
    Role,
    Status,
    new_project,
)

# -- the layout, exactly -------------------------------------------------------------------


def test_a_new_project_is_short():
    assert storage.dumps(new_project("Riverside")) == (
        'schema_version = 1\n\n[project]\nname = "Riverside"\ncurrency = "CAD"\n'
        "youth_oriented = false\n"
    )


def test_full_layout():
    project = new_project("Riverside", "Riverside Community Association")
    info = project.project
    info.issue, info.community, info.description = "Youth safety", "Riverside", "Line one\nline two"
    info.start, info.end, info.youth_oriented = dt.date(2026, 9, 1), dt.date(2027, 6, 30), True
    info.skills_needed = ["youth outreach"]
    project.partners = [
        Partner(id="youth-centre", name="Youth Centre", youth=True, role=Role.COLLABORATION),
        Partner(
            id="bia",
            name="Main Street BIA",
            kind=Kind.BUSINESS,
            relationship=Relationship.FORMER,
            status=Status.INVITED,
            contact="Lena, 555-0117",
            affected_by_issue=True,
            skills=["printing"],
            responsibilities=["prints flyers"],
            contributions=[
                Contribution(kind=ContributionKind.SUPPLIES, description="Vests", value=800.0),
                Contribution(kind=ContributionKind.ADVICE),
            ],
            notes="Worked with us before.",
        ),
    ]
    project.assessments = [
        Assessment(
            round="Kick-off",
            date=dt.date(2026, 9, 15),
            respondent="youth-centre",
            scores={Ingredient.LEADERSHIP: 2, Ingredient.SHARED_VISION: 4},
            notes={Ingredient.LEADERSHIP: "Nobody chairs yet."},
        ),
        Assessment(round="Kick-off", date=dt.date(2026, 9, 15), respondent=TEAM),
    ]
    project.actions = [
        Action(text="Zebra crossing audit"),
        Action(
            text="Monthly call",
            ingredient=Ingredient.COMMUNICATION,
            owner="bia",
            due=dt.date(2026, 11, 1),
            done=True,
        ),
    ]
    assert storage.dumps(project) == EXPECTED_FULL
    assert storage.parse(EXPECTED_FULL) == storage.parse(storage.dumps(project))


EXPECTED_FULL = '''\
schema_version = 1

[project]
name = "Riverside"
issue = "Youth safety"
description = """
Line one
line two"""
lead_organization = "Riverside Community Association"
community = "Riverside"
currency = "CAD"
start = 2026-09-01
end = 2027-06-30
youth_oriented = true
skills_needed = [
    "youth outreach",
]

[[partners]]
id = "bia"
name = "Main Street BIA"
kind = "business"
relationship = "former"
status = "invited"
contact = "Lena, 555-0117"
affected_by_issue = true
stake_in_solutions = false
skills = [
    "printing",
]
youth = false
responsibilities = [
    "prints flyers",
]
contributions = [
    { kind = "supplies", description = "Vests", value = 800.0 },
    { kind = "advice" },
]
notes = "Worked with us before."

[[partners]]
id = "youth-centre"
name = "Youth Centre"
kind = "organization"
relationship = "new"
status = "candidate"
affected_by_issue = false
stake_in_solutions = false
youth = true
role = "collaboration"

[[assessments]]
round = "Kick-off"
date = 2026-09-15
respondent = "team"

[[assessments]]
round = "Kick-off"
date = 2026-09-15
respondent = "youth-centre"

[assessments.scores]
shared_vision = 4
leadership = 2

[assessments.notes]
leadership = "Nobody chairs yet."

[[actions]]
text = "Zebra crossing audit"
done = false

[[actions]]
text = "Monthly call"
ingredient = "communication"
owner = "bia"
due = 2026-11-01
done = true
'''


def test_assessments_sort_by_date_then_round_then_respondent():
    project = new_project("P")
    project.partners = [Partner(id=x, name=x) for x in ("a", "b")]
    project.assessments = [
        Assessment(round="Later", date=dt.date(2026, 2, 1), respondent="a"),
        Assessment(round="B", date=dt.date(2026, 1, 1), respondent="b"),
        Assessment(round="B", date=dt.date(2026, 1, 1), respondent="a"),
        Assessment(round="A", date=dt.date(2026, 1, 1), respondent="b"),
    ]
    order = [(a.round, a.respondent) for a in storage.parse(storage.dumps(project)).assessments]
    assert order == [("A", "b"), ("B", "a"), ("B", "b"), ("Later", "a")]


def test_actions_keep_the_users_order():
    project = new_project("P")
    project.actions = [Action(text=t) for t in ("zebra", "apple", "mango")]
    assert [a.text for a in storage.parse(storage.dumps(project)).actions] == [
        "zebra",
        "apple",
        "mango",
    ]


def test_carriage_returns_stay_in_a_one_line_string():
    # A multi-line TOML string would read "\r\n" back as "\n": the text would change.
    project = new_project("P")
    project.project.description = "Windows\r\nline"
    text = storage.dumps(project)
    assert 'description = "Windows\\r\\nline"\n' in text
    assert storage.parse(text).project.description == "Windows\r\nline"


def test_control_characters_are_escaped_and_come_back():
    project = new_project("P")
    project.project.description = "bell\x07 esc\x1b[31m nul\x00 del\x7f tab\t"
    text = storage.dumps(project)
    assert "\x1b" not in text and "\x00" not in text and "\x7f" not in text
    assert storage.parse(text).project.description == project.project.description


def test_contribution_text_never_spans_lines():
    project = new_project("P")
    project.partners = [
        Partner(
            id="a",
            name="A",
            contributions=[Contribution(kind=ContributionKind.SPACE, description="Gym\nTuesdays")],
        )
    ]
    assert '    { kind = "space", description = "Gym\\nTuesdays" },\n' in storage.dumps(project)


def test_only_newline_line_ends():
    text = storage.dumps(storage.parse(storage.dumps(new_project("P"))))
    assert "\r" not in text
    assert text.endswith("youth_oriented = false\n")


def test_examples_are_canonical(examples: Path):
    for path in sorted(examples.glob("*.toml")):
        assert storage.dumps(storage.load(path)).encode() == path.read_bytes(), path.name


# -- any valid project, however hostile its text ------------------------------------------

HOSTILE = st.sampled_from(
    [
        '"',
        "'",
        '"""',
        "'''",
        "\\",
        "\\n",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\x1b[2J",
        "\x00",
        "\x7f",
        "\u202e",
        "# not a comment",
        "[partners]",
        "<<<<<<< HEAD",
        "=======",
        "ünïcødé 🚲",
        "",
        " ",
    ]
)
CHARS = st.text(st.characters(exclude_categories=("Cs",)), max_size=10)
TEXT = st.one_of(HOSTILE, CHARS, st.tuples(HOSTILE, CHARS, HOSTILE).map("".join))
NAME = TEXT.filter(lambda s: s.strip())
IDS = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True).filter(
    lambda s: s != TEAM
)
DATES = st.dates()
MONEY = st.none() | st.floats(
    min_value=0, max_value=MAX_CONTRIBUTION, allow_nan=False, allow_infinity=False
)


def _enum(kind):
    return st.sampled_from([member.value for member in kind])


# Strategies are built once, here: building them inside a draw is what makes them slow.
INGREDIENT_KEYS = st.sampled_from([i.value for i in Ingredient])
PARTNER = st.fixed_dictionaries(
    {"name": NAME},
    optional={
        "kind": _enum(Kind),
        "relationship": _enum(Relationship),
        "status": _enum(Status),
        "contact": TEXT,
        "affected_by_issue": st.booleans(),
        "stake_in_solutions": st.booleans(),
        "skills": st.lists(TEXT, max_size=3),
        "youth": st.booleans(),
        "role": _enum(Role),
        "responsibilities": st.lists(TEXT, max_size=3),
        "contributions": st.lists(
            st.fixed_dictionaries(
                {"kind": _enum(ContributionKind)}, optional={"description": TEXT, "value": MONEY}
            ),
            max_size=3,
        ),
        "notes": TEXT,
    },
)
PROJECT = st.fixed_dictionaries(
    {"name": NAME, "youth_oriented": st.booleans()},
    optional={
        "issue": TEXT,
        "description": TEXT,
        "lead_organization": TEXT,
        "community": TEXT,
        "currency": st.from_regex(r"[A-Z]{3}", fullmatch=True),
        "skills_needed": st.lists(TEXT, max_size=3),
        "minimum_to_show": st.integers(1, 1000),
        "groups": st.lists(NAME, max_size=3),
    },
)
ANSWER = st.fixed_dictionaries(
    {
        "date": DATES,
        "scores": st.dictionaries(INGREDIENT_KEYS, st.integers(1, 5)),
        "notes": st.dictionaries(INGREDIENT_KEYS, TEXT),
    }
)
ACTION = st.fixed_dictionaries(
    {"text": NAME, "done": st.booleans()},
    optional={"ingredient": INGREDIENT_KEYS, "due": DATES},
)


@st.composite
def projects(draw) -> Project:
    """A valid project in canonical order: partners by id, assessments by date."""
    ids = draw(st.lists(IDS, unique=True, max_size=4))
    partners = [{"id": i, **draw(PARTNER)} for i in ids]
    info = draw(PROJECT)
    if draw(st.booleans()):
        info["start"], info["end"] = sorted(draw(st.lists(DATES, min_size=2, max_size=2)))
    who = st.sampled_from([TEAM, *ids])
    # The model trims rounds, so "Kick-off " and "Kick-off" are one round.
    answered = draw(
        st.lists(st.tuples(NAME, who), unique_by=lambda a: (a[0].strip(), a[1]), max_size=4)
    )
    assessments = [
        {"round": round_, "respondent": respondent, **draw(ANSWER)}
        for round_, respondent in answered
    ]
    rounds = []
    if draw(st.booleans()):  # an anonymous round: answers with a group, or none
        name = draw(NAME).strip() + " (anonymous)"
        rounds.append({"name": name, "date": draw(DATES), "anonymous": True})
        groups = model.group_choices(model.ProjectInfo.model_validate(info))
        for tag in draw(
            st.lists(st.from_regex(r"[0-9a-f]{8,32}", fullmatch=True), unique=True, max_size=3)
        ):
            answer = {"round": name, "respondent": f"anonymous-{tag}", **draw(ANSWER)}
            if draw(st.booleans()):
                answer["group"] = draw(st.sampled_from(groups))
            assessments.append(answer)
    actions = draw(st.lists(ACTION, max_size=3))
    for action in actions:
        if ids and draw(st.booleans()):
            action["owner"] = draw(st.sampled_from(ids))
    project = Project.model_validate(
        {
            "schema_version": 1,
            "project": info,
            "partners": partners,
            "rounds": rounds,
            "assessments": assessments,
            "actions": actions,
        }
    )
    project.partners.sort(key=lambda p: p.id)
    project.assessments.sort(key=lambda a: (a.date, a.round, a.respondent))
    return project


FAST = settings(max_examples=100, deadline=None)


@FAST
@given(projects())
def test_any_valid_project_comes_back_from_its_text(project: Project):
    text = storage.dumps(project)
    again = storage.parse(text)
    assert again == project
    assert storage.dumps(again) == text


@FAST
@given(projects())
def test_load_of_save_is_the_project_and_resaving_gives_the_same_bytes(project: Project):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        storage.save(project, path)
        first = path.read_bytes()
        loaded, print_ = storage.read(path)
        assert loaded == project
        storage.save(loaded, path, expected=print_)
        assert path.read_bytes() == first


@FAST
@given(projects(), st.randoms(use_true_random=False))
def test_fmt_is_idempotent(project: Project, random):
    # Hand-written order and layout: tomli-w's own, partners and keys shuffled.
    data = project.model_dump(exclude_none=True)
    random.shuffle(data["partners"])
    data = dict(random.sample(list(data.items()), len(data)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_text(tomli_w.dumps(data, multiline_strings=False))
        assert cli.main(["fmt", str(path)]) == 0
        once = path.read_bytes()
        assert once == storage.dumps(project).encode()
        assert cli.main(["fmt", str(path)]) == 0
        assert path.read_bytes() == once
        assert cli.main(["fmt", "--check", str(path)]) == 0


def test_text_with_a_conflict_marker_line_stays_on_one_line():
    # On lines of its own it would make the saved file look like a failed merge.
    project = new_project("P")
    project.project.description = "Paste from a diff:\n<<<<<<< HEAD\nours"
    text = storage.dumps(project)
    assert 'description = "Paste from a diff:\\n<<<<<<< HEAD\\nours"\n' in text
    assert storage.parse(text) == project


def test_markdown_underline_keeps_text_on_many_lines():
    project = new_project("P")
    project.project.description = "Goals\n=======\nFewer incidents"
    assert 'description = """\nGoals\n=======\nFewer incidents"""\n' in storage.dumps(project)


def test_a_round_record_and_dont_know_keep_their_place_and_read_back(examples: Path):
    from partnertui.model import Round

    text = (examples / "riverside-youth.toml").read_text(encoding="utf-8")
    project = storage.parse(text, "x.toml")
    first = project.assessments[0]
    answer = Assessment(
        round="Six months",
        date=dt.date(2026, 11, 3),
        respondent=first.respondent,
        dont_know=["leadership", "communication", "leadership"],
        scores={"shared_vision": 4},
    )
    record = Round(
        name="Six months",
        date=dt.date(2026, 11, 1),
        code="r7k2m9qx4f",
        invited=[project.partners[1].id, project.partners[0].id, project.partners[1].id],
    )
    changed = project.model_copy(
        update={"rounds": [record], "assessments": [*project.assessments, answer]}
    )
    written = storage.dumps(changed)
    assert written.index("[[rounds]]") < written.index("[[assessments]]")
    assert written.rindex("[[partners]]") < written.index("[[rounds]]")
    again = storage.parse(written, "y.toml")
    assert again.rounds == [record]
    assert again.rounds[0].invited == [project.partners[1].id, project.partners[0].id]
    back = next(a for a in again.assessments if a.round == "Six months")
    assert back.dont_know == [Ingredient.COMMUNICATION, Ingredient.LEADERSHIP]
    assert 'dont_know = [\n    "communication",\n    "leadership",\n]' in written
    assert storage.dumps(again) == written


def test_a_score_and_a_dont_know_for_one_ingredient_is_a_located_problem(examples: Path):
    import pytest

    text = (examples / "riverside-youth.toml").read_text(encoding="utf-8")
    broken = text.replace(
        'respondent = "team"', 'respondent = "team"\ndont_know = ["shared_vision"]', 1
    )
    with pytest.raises(storage.ProjectFileError) as caught:
        storage.parse(broken, "b.toml")
    assert ":" in str(caught.value).split(" ")[0]
    assert 'said "don\'t know" to shared_vision' in str(caught.value)
