"""Reading project files: every rule of the file contract, at its line, in plain words."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Role
from partnertui.storage import Problem, ProjectFileError, UnreadableFile

VALID = """\
schema_version = 1

[project]
name = "Riverside Youth Safety Circle"
issue = "Youth victimization around the transit hub"
description = \"\"\"
Evening programming
=======
and safe-walk volunteers.\"\"\"
lead_organization = "Riverside Community Association"
currency = "CAD"
start = 2026-09-01
end = 2027-08-31
youth_oriented = true
skills_needed = [
    "youth outreach",
]

[[partners]]
id = "parents-network"
name = "Riverside Parents' Network"
kind = "group"
relationship = "new"
status = "confirmed"
affected_by_issue = true
stake_in_solutions = true
youth = true
role = "coordination"
contributions = [
    { kind = "volunteer-time", description = "Safe-walk volunteers", value = 6400.0 },
    { kind = "space", description = "Meeting room" },
]

[[partners]]
id = "youth-centre"
name = "Riverside Youth Centre"
kind = "organization"
relationship = "former"
status = "invited"
affected_by_issue = true
stake_in_solutions = true
youth = true
role = "collaboration"

[[assessments]]
round = "Kick-off"
date = 2026-09-15
respondent = "team"

[assessments.scores]
shared_vision = 4
common_goals = 3

[assessments.notes]
common_goals = "Agree on the goal, not yet on the measures."

[[assessments]]
round = "Kick-off"
date = 2026-09-15
respondent = "youth-centre"

[assessments.scores]
shared_vision = 5

[[actions]]
text = "Monthly partner call"
ingredient = "communication"
owner = "youth-centre"
due = 2026-11-01
done = false
"""


def problems_in(text: str) -> list[Problem]:
    with pytest.raises(ProjectFileError) as raised:
        storage.parse(text, "plan.toml")
    assert raised.value.problems, "an error must carry its problems"
    return raised.value.problems


def only_problem(text: str) -> Problem:
    found = problems_in(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    """The 1-based line where ``snippet`` appears for the n-th time."""
    at = -1
    for _ in range(occurrence):
        at = text.index(snippet, at + 1)
    return text.count("\n", 0, at) + 1


def column_of(text: str, snippet: str) -> int:
    at = text.index(snippet)
    return at - text.rfind("\n", 0, at)


def broken(old: str, new: str, text: str = VALID) -> str:
    assert text.count(old) == 1, f"{old!r} must appear once"
    return text.replace(old, new)


# -- the valid file ----------------------------------------------------------------


def test_valid_file_reads_into_the_model():
    project = storage.parse(VALID)
    assert project.project.name == "Riverside Youth Safety Circle"
    assert [p.id for p in project.partners] == ["parents-network", "youth-centre"]
    assert project.partners[0].contributions[0].value == 6400.0
    assert project.partners[1].role is Role.COLLABORATION
    assert project.assessments[0].scores == {"shared_vision": 4, "common_goals": 3}
    assert project.actions[0].owner == "youth-centre"


def test_valid_file_is_canonical():
    assert storage.dumps(storage.parse(VALID)) == VALID


def test_a_markdown_underline_in_text_is_not_a_conflict_marker():
    # VALID's description holds a line of seven "=", as Markdown underlines do.
    assert "\n=======\n" in VALID
    storage.parse(VALID)


def test_byte_order_mark_is_accepted():
    assert storage.parse("\ufeff" + VALID) == storage.parse(VALID)


def test_windows_line_ends_are_accepted():
    assert storage.parse(VALID.replace("\n", "\r\n")) == storage.parse(VALID)


def test_whole_number_contribution_value_reads_as_money():
    text = broken("value = 6400.0", "value = 6400")
    assert storage.parse(text).partners[0].contributions[0].value == 6400.0


def test_examples_load(examples: Path):
    files = sorted(examples.glob("*.toml"))
    assert files, "the repository ships example projects"
    for path in files:
        project = storage.load(path)
        assert project.project.name


# -- how a problem reads ----------------------------------------------------------


def test_problem_reads_like_a_compiler_message():
    problem = Problem("plan.toml", 12, 8, "partners[2].kind", '"orgnization" is not a kind', "hint")
    assert str(problem) == 'plan.toml:12:8: partners[2].kind: "orgnization" is not a kind (hint)'


def test_problem_without_column_path_or_hint_is_at_column_1():
    assert str(Problem("plan.toml", 3, None, "", "no schema_version")) == (
        "plan.toml:3:1: no schema_version"
    )


def test_problem_with_the_whole_file_is_at_its_start():
    assert str(Problem("plan.toml", None, None, "", "there is no such file")) == (
        "plan.toml:1:1: there is no such file"
    )


def test_problem_shows_control_characters_in_the_file_name_as_escapes():
    problem = Problem("a\x1b]0;pwned\x07\nb.toml", 2, 3, "", "bad")
    assert str(problem) == "a\\u001b]0;pwned\\u0007\\nb.toml:2:3: bad"


def test_error_lists_every_problem_one_per_line():
    text = broken('kind = "group"', 'kind = "grup"')
    text = broken('status = "invited"', 'status = "maybe"', text)
    with pytest.raises(ProjectFileError) as raised:
        storage.parse(text, "plan.toml")
    lines = str(raised.value).splitlines()
    assert lines == [str(p) for p in raised.value.problems]
    assert len(lines) == 2
    assert raised.value.path == "plan.toml"


def test_text_from_the_file_is_escaped_in_messages():
    text = broken('kind = "group"', 'kind = "gr\\u001b[31moup"')
    problem = only_problem(text)
    assert "\x1b" not in str(problem)
    assert "\\u001b[31m" in problem.message


def test_no_pydantic_wording_reaches_the_user():
    text = broken('kind = "group"', "kind = 3")
    text = broken("youth_oriented = true", 'youth_oriented = "yes"', text)
    for problem in problems_in(text):
        assert "pydantic" not in str(problem)
        assert "Input should" not in str(problem)
        assert "For further information" not in str(problem)


# -- unknown keys -----------------------------------------------------------------


def test_misspelt_partner_key_suggests_the_right_one():
    text = broken(
        'stake_in_solutions = true\nyouth = true\nrole = "coordination"',
        'stake_in_solution = true\nyouth = true\nrole = "coordination"',
    )
    problem = only_problem(text)
    assert problem.message == 'unknown key "stake_in_solution"'
    assert problem.hint == 'did you mean "stake_in_solutions"?'
    assert problem.path == "partners[0]"
    assert problem.line == line_of(text, "stake_in_solution ")
    assert problem.column == 1


def test_unknown_key_at_the_top_of_the_file():
    text = broken("schema_version = 1\n", "schema_version = 1\npartner = 3\n")
    problem = only_problem(text)
    assert problem.message == 'unknown key "partner" at the top of the file'
    assert problem.hint == 'did you mean "partners"?'
    assert (problem.line, problem.path) == (2, "")


def test_unknown_key_with_no_close_match_lists_the_allowed_keys():
    text = broken("youth_oriented = true", 'youth_oriented = true\ncolour = "red"')
    problem = only_problem(text)
    assert problem.message == 'unknown key "colour"'
    assert problem.hint.startswith("the keys allowed here are name, issue, description")
    assert (problem.line, problem.path) == (line_of(text, "colour"), "project")


def test_unknown_key_inside_a_contribution():
    text = broken(
        '{ kind = "space", description = "Meeting room" }',
        '{ kind = "space", descripton = "Meeting room" }',
    )
    problem = only_problem(text)
    assert problem.message == 'unknown key "descripton"'
    assert problem.hint == 'did you mean "description"?'
    assert problem.path == "partners[0].contributions[1]"
    assert problem.line == line_of(text, "descripton")
    assert problem.column == column_of(text, "descripton")


def test_unknown_key_in_an_action():
    text = broken("done = false", 'done = false\nowner_id = "x"')
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("actions[0]", line_of(text, "owner_id"))
    assert problem.hint == 'did you mean "owner"?'


# -- required fields ---------------------------------------------------------------


def test_partner_without_id():
    text = broken('id = "youth-centre"\n', "")
    problems = problems_in(text)
    assert problems[0].message == 'every partner needs an "id"'
    assert problems[0].hint == 'add a line like id = "riverside-youth-centre"'
    assert problems[0].path == "partners[1]"
    assert problems[0].line == line_of(text, "[[partners]]", occurrence=2)


def test_project_without_name():
    text = broken('name = "Riverside Youth Safety Circle"\n', "")
    problem = only_problem(text)
    assert problem.message == 'the [project] table needs a "name"'
    assert (problem.path, problem.line) == ("project", line_of(text, "[project]"))


def test_blank_project_name():
    text = broken('name = "Riverside Youth Safety Circle"', 'name = "   "')
    problem = only_problem(text)
    assert problem.message == "the project needs a name"
    assert (problem.path, problem.line) == ("project.name", line_of(text, 'name = "   "'))
    assert problem.column == len("name = ") + 1


def test_blank_partner_name():
    text = broken('name = "Riverside Youth Centre"', 'name = ""')
    problem = only_problem(text)
    assert problem.message == "every partner needs a name"
    assert problem.path == "partners[1].name"


def test_file_without_project_table():
    text = VALID[: VALID.index("[project]")] + VALID[VALID.index("[[partners]]") :]
    problem = only_problem(text)
    assert problem.message == "the file needs a [project] table"
    assert (problem.path, problem.line) == ("", 1)


def test_assessment_without_date():
    text = broken('date = 2026-09-15\nrespondent = "team"', 'respondent = "team"')
    problem = only_problem(text)
    assert problem.message == 'every assessment needs a "date"'
    assert problem.hint == "add a line like date = 2026-09-15"
    assert (problem.path, problem.line) == ("assessments[0]", line_of(text, "[[assessments]]"))


def test_action_without_text():
    text = broken('text = "Monthly partner call"\n', "")
    problem = only_problem(text)
    assert problem.message == 'every action needs a "text"'
    assert (problem.path, problem.line) == ("actions[0]", line_of(text, "[[actions]]"))


# -- wrong types -------------------------------------------------------------------


def test_quoted_boolean():
    text = broken("youth_oriented = true", 'youth_oriented = "yes"')
    problem = only_problem(text)
    assert problem.message == 'should be true or false, not "yes"'
    assert problem.hint == "write true or false, without quotes"
    assert problem.path == "project.youth_oriented"
    assert (problem.line, problem.column) == (line_of(text, "youth_oriented"), 18)


def test_quoted_date():
    text = broken("start = 2026-09-01", 'start = "2026-09-01"')
    problem = only_problem(text)
    assert problem.message == 'should be a date, not "2026-09-01"'
    assert problem.hint == "write a date like 2026-09-15, without quotes"
    assert (problem.path, problem.line) == ("project.start", line_of(text, "start ="))


def test_date_with_a_time():
    text = broken("due = 2026-11-01", "due = 2026-11-01T09:30:00")
    problem = only_problem(text)
    assert problem.message.startswith("should be a date without a time of day")
    assert problem.hint == "write just the date, like 2026-09-15"
    assert (problem.path, problem.line) == ("actions[0].due", line_of(text, "due ="))


def test_number_where_text_belongs():
    text = broken('owner = "youth-centre"', "owner = 7")
    problem = only_problem(text)
    assert problem.message == "should be text, not 7"
    assert problem.path == "actions[0].owner"
    assert problem.line == line_of(text, "owner = 7")


def test_text_where_a_list_belongs():
    text = broken('skills_needed = [\n    "youth outreach",\n]', 'skills_needed = "youth outreach"')
    problem = only_problem(text)
    assert problem.message == 'should be a list, not "youth outreach"'
    assert problem.hint.startswith("write a list in square brackets")
    assert problem.path == "project.skills_needed"


def test_number_inside_a_list_of_text():
    text = broken('    "youth outreach",\n', '    "youth outreach",\n    42,\n')
    problem = only_problem(text)
    assert problem.path == "project.skills_needed[1]"
    assert (problem.line, problem.column) == (line_of(text, "42"), 5)


def test_quoted_contribution_value():
    text = broken("value = 6400.0", 'value = "6400"')
    problem = only_problem(text)
    assert problem.message == 'should be an amount, not "6400"'
    assert "without quotes" in problem.hint
    assert problem.path == "partners[0].contributions[0].value"
    assert problem.column == column_of(text, '"6400"')


def test_partners_written_as_one_table():
    text = VALID[: VALID.index("[[partners]]")] + '[partners]\nid = "a"\nname = "A"\n'
    problem = only_problem(text)
    assert problem.message == "should be a list of [[partners]] tables, not a table"
    assert problem.hint == "start each entry with a [[partners]] heading"
    assert (problem.path, problem.line) == ("partners", line_of(text, "[partners]"))


# -- choices -------------------------------------------------------------------------


def test_misspelt_kind_lists_the_kinds_and_suggests_one():
    text = broken('kind = "organization"', 'kind = "orgnization"')
    problem = only_problem(text)
    assert problem.message == (
        '"orgnization" is not a kind of partner; use one of individual, group, '
        "organization, business, agency, government"
    )
    assert problem.hint == 'did you mean "organization"?'
    assert problem.path == "partners[1].kind"
    assert (problem.line, problem.column) == (line_of(text, "orgnization"), 8)


@pytest.mark.parametrize(
    ("old", "new", "path", "noun"),
    [
        (
            'relationship = "former"',
            'relationship = "old"',
            "partners[1].relationship",
            "a relationship",
        ),
        (
            'status = "invited"',
            'status = "yes"',
            "partners[1].status",
            "a status",
        ),
        ('role = "collaboration"', 'role = "lead"', "partners[1].role", "a role"),
        (
            '{ kind = "space"',
            '{ kind = "room"',
            "partners[0].contributions[1].kind",
            "a kind of contribution",
        ),
        (
            'ingredient = "communication"',
            'ingredient = "talking"',
            "actions[0].ingredient",
            "an ingredient",
        ),
    ],
)
def test_every_choice_field_is_checked(old: str, new: str, path: str, noun: str):
    text = broken(old, new)
    problem = only_problem(text)
    assert problem.path == path
    assert f"is not {noun}; use one of " in problem.message
    assert problem.line == line_of(text, new.split("\n")[0])


# -- scores and ingredient keys -------------------------------------------------------


@pytest.mark.parametrize("score", ["0", "6", "-1"])
def test_score_out_of_range(score: str):
    text = broken("shared_vision = 5", f"shared_vision = {score}")
    problem = only_problem(text)
    assert problem.message == f"{score} is not a score"
    assert problem.hint == "scores run from 1 (absent) to 5 (strong)"
    assert problem.path == "assessments[1].scores.shared_vision"
    assert (problem.line, problem.column) == (line_of(text, f"shared_vision = {score}"), 17)


@pytest.mark.parametrize(("score", "said"), [('"4"', '"4"'), ("4.5", "4.5"), ("true", "true")])
def test_score_that_is_not_a_whole_number(score: str, said: str):
    text = broken("common_goals = 3", f"common_goals = {score}")
    problem = only_problem(text)
    assert problem.message == f"a score should be a whole number, not {said}"
    assert problem.path == "assessments[0].scores.common_goals"


def test_unknown_ingredient_in_scores():
    text = broken("shared_vision = 4", "shared_visoin = 4")
    problem = only_problem(text)
    assert problem.message.startswith(
        '"shared_visoin" is not an ingredient; use one of shared_vision,'
    )
    assert problem.hint == 'did you mean "shared_vision"?'
    assert problem.path == "assessments[0].scores.shared_visoin"
    assert (problem.line, problem.column) == (line_of(text, "shared_visoin"), 1)


def test_unknown_ingredient_in_notes():
    text = broken('common_goals = "Agree', 'comon_goals = "Agree')
    problem = only_problem(text)
    assert problem.message.startswith('"comon_goals" is not an ingredient')
    assert problem.hint == 'did you mean "common_goals"?'
    assert problem.path == "assessments[0].notes.comon_goals"
    assert problem.line == line_of(text, 'comon_goals = "Agree')


def test_note_that_is_not_text():
    text = broken(
        'common_goals = "Agree on the goal, not yet on the measures."',
        "common_goals = 3",
    )
    problem = only_problem(text)
    assert problem.message == "should be text, not 3"
    assert problem.path == "assessments[0].notes.common_goals"


# -- ids and references --------------------------------------------------------------


def test_badly_shaped_id():
    text = broken('id = "youth-centre"', 'id = "Youth Centre"')
    text = text.replace('"youth-centre"', '"Youth Centre"')
    problem = only_problem(text)
    assert problem.message == '"Youth Centre" is not a valid id'
    assert problem.hint == (
        'ids are lowercase letters and digits joined by hyphens, like "youth-centre"'
    )
    assert (problem.path, problem.line) == ("partners[1].id", line_of(text, 'id = "Youth'))


def test_duplicate_id():
    text = broken('id = "youth-centre"', 'id = "parents-network"')
    text = text.replace('"youth-centre"', '"parents-network"')
    problem = only_problem(text)
    assert problem.message == 'two partners have the id "parents-network" (partners 1 and 2)'
    assert problem.path == "partners[1].id"
    assert problem.line == line_of(text, 'id = "parents-network"', occurrence=2)


def test_team_cannot_be_a_partner_id():
    text = broken('id = "youth-centre"', 'id = "team"').replace('"youth-centre"', '"team"')
    problems = problems_in(text)
    assert any(
        p.path == "partners[1].id" and "kept for consensus scores" in p.message for p in problems
    )


def test_dangling_owner():
    text = broken('owner = "youth-centre"', 'owner = "youth-center"')
    problem = only_problem(text)
    assert problem.message == 'the owner "youth-center" is not a partner id'
    assert problem.hint == 'did you mean "youth-centre"?'
    assert (problem.path, problem.line) == ("actions[0].owner", line_of(text, "owner ="))
    assert problem.column == len("owner = ") + 1


def test_dangling_respondent():
    text = broken('respondent = "youth-centre"', 'respondent = "youth-centr"')
    problem = only_problem(text)
    assert problem.message == 'the respondent "youth-centr" is not a partner id'
    assert problem.hint == 'did you mean "youth-centre"?'
    assert problem.path == "assessments[1].respondent"
    assert problem.line == line_of(text, 'respondent = "youth-centr"')


def test_same_respondent_twice_in_a_round():
    text = broken('respondent = "youth-centre"', 'respondent = "team"')
    problem = only_problem(text)
    assert problem.message == '"team" answered round "Kick-off" twice'
    assert problem.path == "assessments[1].respondent"
    assert problem.line == line_of(text, 'respondent = "team"', occurrence=2)


# -- dates -------------------------------------------------------------------------


def test_end_before_start():
    text = broken("end = 2027-08-31", "end = 2026-08-31")
    problem = only_problem(text)
    assert problem.message == "the project ends (2026-08-31) before it starts (2026-09-01)"
    assert problem.hint == "swap the dates or correct one of them"
    assert (problem.path, problem.line, problem.column) == (
        "project.end",
        line_of(text, "end ="),
        7,
    )


def test_end_on_the_start_day_is_fine():
    storage.parse(broken("end = 2027-08-31", "end = 2026-09-01"))


def test_not_a_real_date():
    text = broken("start = 2026-09-01", "start = 2026-02-30")
    problem = only_problem(text)
    assert problem.message == "not valid TOML: this is not a real date"
    assert problem.line == line_of(text, "start =")


# -- currency and money ----------------------------------------------------------------


def test_lowercase_currency():
    text = broken('currency = "CAD"', 'currency = "cad"')
    problem = only_problem(text)
    assert problem.message == '"cad" is not a currency code'
    assert "three-letter code in capitals" in problem.hint
    assert problem.path == "project.currency"


def test_negative_contribution():
    text = broken("value = 6400.0", "value = -5.0")
    problem = only_problem(text)
    assert problem.message.startswith("-5.0 is below zero")
    assert problem.path == "partners[0].contributions[0].value"


def test_contribution_that_is_not_a_table():
    text = broken('    { kind = "space", description = "Meeting room" },', '    "a room",')
    problem = only_problem(text)
    assert problem.message == 'should be a table, not "a room"'
    assert problem.path == "partners[0].contributions[1]"
    assert (problem.line, problem.column) == (line_of(text, '"a room"'), 5)


# -- schema_version -----------------------------------------------------------------


def test_missing_schema_version_is_refused_before_anything_else():
    text = broken("schema_version = 1\n", "").replace('kind = "group"', 'kind = "grup"')
    problem = only_problem(text)
    assert problem.message.startswith("this file has no schema_version")
    assert (
        problem.hint
        == "if it is a partnertui project file, add schema_version = 1 as its first line"
    )
    assert problem.line == 1


def test_newer_schema_version_is_refused_and_nothing_else_is_read():
    text = broken("schema_version = 1", "schema_version = 2").replace('kind = "group"', "kind = 5")
    problem = only_problem(text)
    assert problem.message == (
        "this file uses layout version 2, made by a newer partnertui; this one reads version 1"
    )
    assert problem.hint == "update partnertui to open it"
    assert (problem.path, problem.line, problem.column) == ("schema_version", 1, 18)


def test_unknown_older_schema_version():
    problem = only_problem(broken("schema_version = 1", "schema_version = 0"))
    assert (
        problem.message == "layout version 0 is not one partnertui knows; this one reads version 1"
    )


def test_schema_version_as_text():
    problem = only_problem(broken("schema_version = 1", 'schema_version = "1"'))
    assert problem.message == 'should be a whole number, not "1"'
    assert problem.hint == "write schema_version = 1"


# -- git conflicts, TOML syntax, encoding -------------------------------------------------


def test_conflict_markers_are_named_with_their_lines():
    text = broken(
        'status = "confirmed"',
        '<<<<<<< HEAD\nstatus = "confirmed"\n=======\nstatus = "invited"\n>>>>>>> other-branch',
    )
    # Each side one field of one partner: named as that field's two values.
    [problem] = problems_in(text)
    assert (problem.line, problem.column) == (line_of(text, "<<<<<<<"), 1)
    assert problem.message.startswith("a merge left two values for partner ")
    assert problem.message.endswith('status: "confirmed" (HEAD) or "invited" (other-branch)')
    assert problem.hint == "keep the line of the value you want, then delete the marker lines"


def test_conflict_markers_around_lines_not_fields_are_named_with_their_lines():
    text = broken(
        'status = "confirmed"',
        '<<<<<<< HEAD\nstatus = "confirmed"\nyouth = true\n=======\nstatus = "invited"\n'
        ">>>>>>> other-branch",
    )
    problems = problems_in(text)
    assert [(p.line, p.column) for p in problems] == [
        (line_of(text, "<<<<<<<"), 1),
        (line_of(text, "=======\nstatus"), 1),
        (line_of(text, ">>>>>>>"), 1),
    ]
    assert all("git merge conflict" in p.message for p in problems)
    assert problems[0].hint == "keep one side or combine the two, then delete the marker lines"


def test_diff3_conflict_marker_is_named_too():
    text = VALID + "<<<<<<< ours\nx = [\n||||||| base\nx = 0\n=======\nx = 2\n>>>>>>> theirs\n"
    assert len(problems_in(text)) == 4


def test_unterminated_string():
    text = broken('name = "Riverside Youth Centre"', 'name = "Riverside Youth Centre')
    problem = only_problem(text)
    assert problem.message == "not valid TOML: this text is missing its closing quote"
    assert problem.line == line_of(text, 'name = "Riverside Youth Centre')
    assert problem.column is not None


def test_unquoted_text():
    text = broken(
        'issue = "Youth victimization around the transit hub"', "issue = Youth victimization"
    )
    problem = only_problem(text)
    assert problem.message == "not valid TOML: this value is not one TOML understands"
    assert "double quotes" in problem.hint
    assert (problem.line, problem.column) == (line_of(text, "issue ="), 9)


def test_key_set_twice():
    text = broken('kind = "group"', 'kind = "group"\nkind = "agency"')
    problem = only_problem(text)
    assert problem.message == "not valid TOML: this key is already set earlier in the same table"
    assert problem.line == line_of(text, 'kind = "agency"')


def test_file_cut_short():
    text = VALID[: VALID.index('    "youth outreach",') + 4]
    problem = only_problem(text)
    assert problem.message.startswith("not valid TOML")
    assert problem.line == text.rstrip("\n").count("\n") + 1


def test_invalid_utf8_names_the_line_and_column_of_the_bad_byte(tmp_path: Path):
    path = tmp_path / "plan.toml"
    data = VALID.encode().replace(b'name = "Riverside Youth Centre"', b'name = "Caf\xe9 Centre"')
    path.write_bytes(data)
    with pytest.raises(ProjectFileError) as raised:
        storage.read(path)
    assert not isinstance(raised.value, UnreadableFile)
    [problem] = raised.value.problems
    assert problem.message == "this file is not UTF-8 text: byte 0xe9 here cannot be read"
    assert problem.hint == "save it as UTF-8, the usual setting in editors"
    assert problem.line == line_of(VALID, 'name = "Riverside Youth Centre"')
    assert problem.column == len('name = "Caf') + 1


# -- reading files --------------------------------------------------------------------


def test_read_fingerprints_the_exact_bytes(tmp_path: Path):
    path = tmp_path / "plan.toml"
    path.write_text(VALID)
    project, print_ = storage.read(path)
    assert project == storage.parse(VALID)
    assert print_.sha256 == hashlib.sha256(VALID.encode()).hexdigest()
    assert print_.size == len(VALID.encode())
    assert print_.mtime_ns == path.stat().st_mtime_ns
    assert storage.fingerprint(path) == print_


def test_fingerprint_of_a_missing_file_is_none(tmp_path: Path):
    assert storage.fingerprint(tmp_path / "gone.toml") is None


def test_problems_name_the_file_as_given(tmp_path: Path):
    path = tmp_path / "plan.toml"
    path.write_text(broken('kind = "group"', 'kind = "grup"'))
    with pytest.raises(ProjectFileError) as raised:
        storage.load(path)
    assert str(raised.value).startswith(f"{path}:")
    assert raised.value.problems[0].file == str(path)


def unreadable(path: Path) -> Problem:
    with pytest.raises(UnreadableFile) as raised:
        storage.read(path)
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), None, None)
    return problem


def test_missing_file_is_unreadable(tmp_path: Path):
    assert unreadable(tmp_path / "nope.toml").message == "there is no such file"


def test_folder_is_unreadable(tmp_path: Path):
    assert unreadable(tmp_path).message == "this is a folder, not a project file"


def test_file_we_may_not_read_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.toml"
    path.write_text(VALID)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, whom chmod does not stop; refuse the way the OS would.
    monkeypatch.setattr(storage, "open", refuse, raising=False)
    problem = unreadable(path)
    assert problem.message == "partnertui is not allowed to read this file"
    assert problem.hint == "check the file's permissions"


def test_file_larger_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.toml"
    path.write_text(VALID + "#" * (3 * 2**20))
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 2 * 2**20)
    problem = unreadable(path)
    assert problem.message == (
        "this file is 3.0 MB, too large: partnertui opens project files of up to 2 MB"
    )


def test_documented_size_limit():
    assert storage.MAX_FILE_BYTES == 32 * 1024 * 1024
