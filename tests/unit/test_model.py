"""The model on its own: what it cleans up, what it refuses, and the rules across a project."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from partnertui.integrity import format_loc, integrity_problems
from partnertui.model import (
    SCHEMA_VERSION,
    TEAM,
    Action,
    Assessment,
    Contribution,
    ContributionKind,
    Ingredient,
    Partner,
    Project,
    ProjectInfo,
    new_project,
    slugify,
    unique_partner_id,
)


def project_with(**parts) -> Project:
    return new_project("Riverside").model_copy(update=parts)


def test_new_project_is_valid_and_minimal():
    project = new_project("  Riverside Circle ", "Riverside Community Association")
    assert project.schema_version == SCHEMA_VERSION
    assert project.project.name == "Riverside Circle"
    assert project.project.lead_organization == "Riverside Community Association"
    assert project.project.currency == "CAD"
    assert (project.partners, project.assessments, project.actions) == ([], [], [])
    assert integrity_problems(project) == []


def test_new_project_needs_a_name():
    with pytest.raises(ValidationError, match="the project needs a name"):
        new_project("   ")


def test_one_line_text_is_trimmed_and_lists_are_cleaned():
    info = ProjectInfo(
        name=" x ", community=" Riverside ", skills_needed=[" a ", "", "b", "a", "  "]
    )
    assert (info.name, info.community) == ("x", "Riverside")
    assert info.skills_needed == ["a", "b"]


def test_description_and_notes_keep_their_blanks():
    info = ProjectInfo(name="x", description="  indented\n")
    assert info.description == "  indented\n"
    assert Partner(id="a", name="A", notes=" note ").notes == " note "


def test_whole_number_money_becomes_a_float():
    assert Contribution(kind=ContributionKind.SPACE, value=1200).value == 1200.0


@pytest.mark.parametrize("value", [-1.0, float("inf"), float("nan")])
def test_money_must_be_a_real_amount_not_below_zero(value: float):
    with pytest.raises(ValidationError):
        Contribution(kind=ContributionKind.SPACE, value=value)


def test_lax_values_are_refused():
    with pytest.raises(ValidationError):
        Partner.model_validate({"id": "a", "name": "A", "youth": "yes"})
    with pytest.raises(ValidationError):
        Action.model_validate({"text": "t", "due": "2026-01-01"})
    with pytest.raises(ValidationError):
        Assessment.model_validate(
            {
                "round": "r",
                "date": dt.date(2026, 1, 1),
                "respondent": TEAM,
                "scores": {"cooperation": "3"},
            }
        )


def test_scores_and_notes_come_in_ingredient_order_and_blank_notes_go():
    answer = Assessment(
        round="r",
        date=dt.date(2026, 1, 1),
        respondent=TEAM,
        scores={"leadership": 2, "shared_vision": 5},
        notes={"leadership": "", "cooperation": "fine"},
    )
    assert list(answer.scores) == [Ingredient.SHARED_VISION, Ingredient.LEADERSHIP]
    assert answer.notes == {Ingredient.COOPERATION: "fine"}


def test_blank_owner_means_no_owner():
    assert Action(text="t", owner="  ").owner is None


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        ((), ""),
        (("project", "end"), "project.end"),
        (("partners", 2, "contributions", 0, "value"), "partners[2].contributions[0].value"),
        (("partners", 0), "partners[0]"),
    ],
)
def test_format_loc(loc, path):
    assert format_loc(loc) == path


def test_integrity_finds_every_rule_at_its_path():
    project = project_with(
        project=ProjectInfo(name="x", start=dt.date(2026, 9, 1), end=dt.date(2026, 1, 1)),
        partners=[Partner(id="a", name="A"), Partner(id="a", name="B"), Partner(id=TEAM, name="T")],
        assessments=[
            Assessment(round="r", date=dt.date(2026, 1, 1), respondent="ghost"),
            Assessment(round="r", date=dt.date(2026, 1, 1), respondent=TEAM),
            Assessment(round="r", date=dt.date(2026, 1, 2), respondent=TEAM),
        ],
        actions=[Action(text="t", owner="b")],
    )
    found = {problem.where: problem.message for problem in integrity_problems(project)}
    assert found == {
        "project.end": "the project ends (2026-01-01) before it starts (2026-09-01)",
        "partners[1].id": 'two partners have the id "a" (partners 1 and 2)',
        "partners[2].id": '"team" is kept for consensus scores and cannot be a partner id',
        "assessments[0].respondent": 'the respondent "ghost" is not a partner id',
        "assessments[2].respondent": '"team" answered round "r" twice',
        "actions[0].owner": 'the owner "b" is not a partner id',
    }


def test_validating_without_skip_checks_integrity_too():
    data = new_project("x").model_dump()
    data["actions"] = [{"text": "t", "owner": "nobody"}]
    with pytest.raises(ValidationError, match=r'actions\[0\]\.owner: the owner "nobody"'):
        Project.model_validate(data)
    assert Project.model_validate(data, context={"skip_integrity": True}).actions[0].owner == (
        "nobody"
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Riverside Youth Centre", "riverside-youth-centre"),
        ("Café Ünïon  & Co.", "cafe-union-co"),
        ("!!!", "partner"),
    ],
)
def test_slugify(name: str, slug: str):
    assert slugify(name) == slug


def test_unique_partner_id_avoids_taken_ids_and_team():
    assert unique_partner_id("Riverside", {"riverside", "riverside-2"}) == "riverside-3"
    assert unique_partner_id("Team", set()) == "team-partner"


def test_json_schema_describes_the_file():
    schema = Project.model_json_schema()
    assert set(schema["required"]) == {"schema_version", "project"}
    assert "partners" in schema["properties"]
    assert ContributionKind.IN_KIND.value in str(schema)


def _fresh_python(code: str) -> str:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_models_are_built_without_looking_for_pydantic_plugins():
    # The search imports importlib.metadata and reads every installed package's
    # metadata; partnertui.plugins_off turns it off, as the command line does first.
    example = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
    shown = _fresh_python(
        "import sys\n"
        "from partnertui import plugins_off\n"
        "plugins_off.install()\n"
        "from partnertui import storage\n"
        "from partnertui.model import Project\n"
        f"storage.load({str(example)!r})\n"
        "validator = type(Project.__pydantic_validator__).__name__\n"
        "print('importlib.metadata' in sys.modules, validator)\n"
    )
    assert shown.split() == ["False", "SchemaValidator"]


def test_pydantic_asks_the_stand_in_and_the_documented_switch_is_set_too():
    # Fails if pydantic stops asking its loader at this path (the stand-in would then
    # save nothing) or stops honouring its documented switch.
    shown = _fresh_python(
        "import os\n"
        "from partnertui import plugins_off\n"
        "plugins_off.install()\n"
        "from partnertui.model import new_project\n"
        "new_project('x')\n"
        "print(plugins_off.asked > 0, os.environ['PYDANTIC_DISABLE_PLUGINS'])\n"
    )
    assert shown.split() == ["True", "__all__"]


def test_the_real_loader_honours_the_switch_the_stand_in_also_sets():
    shown = _fresh_python(
        "import os\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from pydantic.plugin import _loader\n"
        "print(list(_loader.get_plugins()), _loader._plugins)\n"
    )
    assert shown.split() == ["[]", "None"]  # nothing was looked for


def test_importing_the_model_leaves_pydantic_as_it_was():
    shown = _fresh_python(
        "import sys\n"
        "import partnertui.model, partnertui.storage\n"
        "loader = sys.modules.get('pydantic.plugin._loader')\n"
        "print(getattr(loader, '__doc__', None) == 'partnertui: no pydantic plugins')\n"
    )
    assert shown.split() == ["False"]


def test_every_command_runs_with_the_plugins_off(tmp_path: Path):
    example = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
    shown = _fresh_python(
        "import sys\n"
        "from partnertui.cli import main\n"
        f"status = main(['check', {str(example)!r}])\n"
        "print(status, 'importlib.metadata' in sys.modules)\n"
    )
    assert shown.split() == ["0", "False"]


def test_pydantic_asking_its_plugin_loader_for_more_gets_the_real_one():
    shown = _fresh_python(
        "from partnertui import plugins_off\n"
        "plugins_off.install()\n"
        "import partnertui.model\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP, get_plugins\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP, list(get_plugins()))\n"
    )
    assert shown.split() == ["pydantic", "[]"]


def test_who_may_answer_an_anonymous_round_and_a_signed_one():
    day = dt.date(2027, 4, 1)
    project = Project.model_validate(
        {
            "schema_version": 1,
            "project": {"name": "P", "groups": ["community", "agency"]},
            "partners": [{"id": "police", "name": "Police"}],
            "rounds": [
                {"name": "Quiet", "date": day, "anonymous": True},
                {"name": "Open", "date": day},
            ],
            "assessments": [
                {
                    "round": "Quiet",
                    "date": day,
                    "respondent": "anonymous-0a1b2c3d",
                    "group": "agency",
                },
                {"round": "Quiet", "date": day, "respondent": "police"},
                {
                    "round": "Quiet",
                    "date": day,
                    "respondent": "anonymous-99999999",
                    "group": "police",
                },
                {"round": "Quiet", "date": day, "respondent": TEAM},
                {"round": "Open", "date": day, "respondent": "anonymous-0a1b2c3d"},
                {"round": "Open", "date": day, "respondent": "police", "group": "agency"},
            ],
        },
        context={"skip_integrity": True},
    )
    found = {problem.where: problem.message for problem in integrity_problems(project)}
    assert found == {
        "assessments[1].respondent": 'round "Quiet" is anonymous, but this answer names the '
        'respondent "police"',
        "assessments[2].group": '"police" is not one of the project\'s groups (community, agency)',
        "assessments[4].respondent": 'this answer is anonymous, but round "Open" is not',
        "assessments[5].group": 'only answers in an anonymous round give a group, and round "Open" '
        "is not anonymous",
    }


def test_the_groups_of_a_partner_whose_name_is_taken_off():
    from partnertui.model import group_choices, partner_group

    kinds = ProjectInfo(name="P")
    own = ProjectInfo(name="P", groups=["community", "agency", "business", "government"])
    tenants = Partner(id="t", name="Tenants", kind="group")
    mall = Partner(id="m", name="Mall", kind="business")
    assert group_choices(kinds)[:2] == ["individual", "group"]
    assert (partner_group(kinds, tenants), partner_group(own, tenants)) == ("group", "community")
    assert partner_group(own, mall) == "business"
    assert partner_group(ProjectInfo(name="P", groups=["residents"]), tenants) is None


def test_round_names_are_the_same_after_strip_and_casefold():
    from partnertui import storage
    from partnertui.model import round_key

    assert round_key(" Ten Weeks ") == round_key("ten weeks") != round_key("ten  weeks")
    assert round_key("STRASSE") == round_key("straße")
    project = storage.load(Path(__file__).resolve().parents[2] / "examples/riverside-youth.toml")
    assert project.round_named("  TEN weeks") == "Ten weeks"
    assert project.round_named("Ten weeks") == "Ten weeks"
    assert project.round_named("Ten weeks 2") is None
