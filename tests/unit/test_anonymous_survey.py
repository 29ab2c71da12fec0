"""Anonymous rounds in the survey's pieces, without a terminal: the round started
anonymous, its one page, its response files, and answers made anonymous on import."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import ANONYMOUS_PATTERN, Project, Round, new_anonymous_respondent
from partnertui.survey import anonymity, csv_answers, importing, questionnaire, rounds
from partnertui.survey.answers import Answers
from partnertui.survey.mapping import Mapping
from partnertui.survey.matching import Partners
from partnertui.survey.response_file import ResponseProblem, parse

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
DAY = dt.date(2027, 4, 1)
CODE = "k3v8w2m1qz"
TOKEN = "0f1e2d3c4b5a69788796"

ANONYMOUS_RESPONSE = f"""\
# partnertui response: send this file back to the project lead
partnertui_response = 1
project = "Riverside Youth Safety Circle"
round = "Spring"
round_code = "{CODE}"
response = "{TOKEN}"
group = "agency"
dont_know = ["communication"]

[scores]
shared_vision = 4
"""


@pytest.fixture
def project() -> Project:
    """The riverside example with an anonymous round, "Spring", sent out."""
    project = storage.load(EXAMPLE)
    record = Round(
        name="Spring",
        date=DAY,
        anonymous=True,
        code=CODE,
        invited=[p.id for p in rounds.default_respondents(project)],
    )
    return project.model_copy(update={"rounds": [record]})


def test_a_new_round_starts_anonymous_and_a_signed_one_is_refused(project: Project):
    sending = rounds.send(project, "Autumn", ["main-street-bia"], DAY, anonymous=True)
    assert sending.started and sending.record.anonymous and sending.record.code
    # An anonymous round stays so when asked again without saying it.
    again = rounds.send(project, "Spring", ["main-street-bia"], DAY)
    assert again.record.anonymous and again.record.code == CODE
    with pytest.raises(rounds.SignedRound, match='round "Kick-off" already has signed answers'):
        rounds.send(project, "Kick-off", [], DAY, anonymous=True)
    signed = project.model_copy(update={"rounds": [Round(name="Later", date=DAY)]})
    with pytest.raises(rounds.SignedRound, match="start a new round to ask anonymously"):
        rounds.send(signed, "Later", [], DAY, anonymous=True)


def test_the_anonymous_page_names_nobody_and_offers_the_groups(project: Project):
    (record,) = project.rounds
    page = questionnaire.build(project, record)
    for partner in project.partners:
        for text in (partner.id, partner.name, html.escape(partner.name)):
            assert text not in page, text
    assert "Your answers are anonymous" in page
    assert 'name="group"' in page and "Prefer not to say" in page
    assert re.search(r'name="group" value="" checked', page)
    data = re.search(r'id="questionnaire-data">(.*?)</script>', page).group(1)
    assert '"anonymous":true' in data and "respondent" not in data
    assert rounds.anonymous_questionnaire_name(project, "Spring") == (
        "riverside-youth-safety-circle--spring.html"
    )
    with pytest.raises(ValueError):
        questionnaire.build(project, record, project.partners[0])


def test_an_anonymous_response_reads_with_its_token_and_group():
    response = parse(ANONYMOUS_RESPONSE, "a.toml")
    assert response.anonymous
    assert response.answers.response_id == TOKEN
    assert response.answers.group == "agency"
    assert response.answers.respondent == "" and response.respondent_name == ""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('group = "agency"', 'group = "agency"\nrespondent = "main-street-bia"',
         r"a\.toml:8:1: this is an anonymous response .* respondent line"),
        ('group = "agency"', 'respondent_name = "Main Street"',
         r"a\.toml:7:1: .* respondent_name"),
        (f'response = "{TOKEN}"', 'response = "abc"', r"a\.toml:6:\d+: response must be"),
        (f'response = "{TOKEN}"', 'response = "0F1E2D3C4B5A69788796"', "16 to 64 of the digits"),
        (f'response = "{TOKEN}"\n', 'respondent = "main-street-bia"\n',
         r"a\.toml:7:1: only an anonymous response gives a group"),
    ],
)  # fmt: skip
def test_a_response_that_is_neither_signed_nor_anonymous_is_refused(old, new, message):
    with pytest.raises(ResponseProblem, match=message):
        parse(ANONYMOUS_RESPONSE.replace(old, new, 1), "a.toml")


def test_groups_are_matched_loosely_and_refused_with_the_choices(project: Project):
    info = project.project
    assert anonymity.group_named(info, " Agency ") == "agency"
    assert anonymity.group_named(info, "A business") == "business"
    assert anonymity.group_named(info, "Prefer not to say") is None
    assert anonymity.group_named(info, "") is None
    with pytest.raises(anonymity.NotAGroup, match="individual, group, organization"):
        anonymity.group_named(info, "aliens")


def test_a_respondent_from_a_token_is_stable_and_says_nothing_of_the_token(project: Project):
    (record,) = project.rounds
    first = anonymity.respondent_for(record, TOKEN)
    assert first == anonymity.respondent_for(record, TOKEN)
    assert re.match(ANONYMOUS_PATTERN, first) and len(first) == len("anonymous-") + 16
    assert TOKEN not in first
    other = record.model_copy(update={"code": "zzzzzzzzzz"})
    assert anonymity.respondent_for(other, TOKEN) != first
    drawn = new_anonymous_respondent({first})
    assert re.match(ANONYMOUS_PATTERN, drawn) and len(drawn) == len(first)


def test_take_off_keeps_the_group_and_the_rounds_date_only(project: Project):
    (record,) = project.rounds
    signed = Answers("riverside-police-liaison", "Spring", dt.date(2027, 4, 9), {}, source="x")
    made = anonymity.take_off(project, record, signed, set())
    assert made.named and not made.keyed
    assert made.answers.group == "agency" and made.answers.date == DAY
    assert made.answers.respondent.startswith("anonymous-")
    communal = project.model_copy(
        update={"project": project.project.model_copy(update={"groups": ["community", "agency"]})}
    )
    youth = Answers("riverside-youth-centre", "Spring", None, response_id="7")
    made = anonymity.take_off(communal, record, youth, set())
    assert made.answers.group == "community" and made.keyed
    assert made.answers.respondent == anonymity.respondent_for(record, "7")


def _plan(project: Project, responses=(), rows=(), replace=False) -> importing.Plan:
    return importing.make_plan(
        Path("p.toml"),
        project,
        list(responses),
        list(rows),
        round_name="Spring" if rows else None,
        replace=replace,
        today=dt.date(2027, 5, 1),
    )


def test_the_plan_counts_and_names_no_partner(project: Project):
    response = parse(ANONYMOUS_RESPONSE, "a.toml")
    rows = [
        Answers("riverside-youth-centre", None, dt.date(2027, 4, 3), {}, ("leadership",), source="e row 2"),  # noqa: E501
        Answers("main-street-bia", None, None, {}, (), {}, source="e row 3", response_id="3"),
    ]  # fmt: skip
    plan = _plan(project, [response], rows)
    written = importing.updated(project, plan)
    spring = [a for a in written.assessments if a.round == "Spring"]
    ids = {p.id for p in project.partners}
    assert len(spring) == 3
    assert all(a.respondent not in ids and a.date == DAY for a in spring)
    assert sorted(a.group or "" for a in spring) == ["agency", "business", "organization"]
    text = importing.describe(plan)
    assert "3 anonymous answers (agency 1, business 1, organization 1)" in text
    assert "names taken off: 2 answers came with a name (the partner's group was kept)" in text
    for partner in project.partners:
        assert partner.id not in text and partner.name not in text
    storage.dumps(written)  # every rule of the file holds


def test_the_same_response_twice_is_noticed_and_a_group_not_the_projects_refused(project):
    response = parse(ANONYMOUS_RESPONSE, "a.toml")
    once = importing.updated(project, _plan(project, [response]))
    again = _plan(once, [response])  # the same: noticed, and passed over
    assert (again.changes, len(again.unchanged)) == ([], 1)
    response = parse(ANONYMOUS_RESPONSE.replace("shared_vision = 4", "shared_vision = 2"), "a")
    with pytest.raises(importing.ImportRefused, match="answered already"):
        _plan(once, [response])
    replaced = _plan(once, [response], replace=True)
    assert replaced.changes[0].replaces is not None
    stranger = parse(ANONYMOUS_RESPONSE.replace('"agency"', '"aliens"'), "b.toml")
    with pytest.raises(importing.ImportRefused, match=r'b\.toml: the group "aliens"(.|\n)*agency'):
        _plan(project, [stranger])


def test_an_anonymous_response_is_refused_by_a_signed_round(project: Project):
    (record,) = project.rounds
    signed = project.model_copy(update={"rounds": [record.model_copy(update={"anonymous": False})]})
    with pytest.raises(importing.ImportRefused, match='round "Spring" is not anonymous'):
        _plan(signed, [parse(ANONYMOUS_RESPONSE, "a.toml")])


def test_csv_rows_of_an_anonymous_round_need_no_partner_and_give_their_group(project):
    text = (
        "ID,Completion time,Name,Which best describes you?,Shared vision\n"
        "11,4/2/27 10:00,Jo Nobody,Agency,4\n"
        "12,4/3/27 10:00,Riverside Youth Centre,,3\n"
        "13,4/3/27 11:00,,Prefer not to say,5\n"
    )
    table = csv_answers.parse_table(text, "forms.csv")
    partners = Partners(project.partners)
    found, troubles = csv_answers.answers(table, Mapping(), partners, DAY, project.project)
    assert not troubles
    assert [(a.respondent, a.group, a.response_id) for a in found] == [
        ("", "agency", "11"),
        ("riverside-youth-centre", None, "12"),
        ("", None, "13"),
    ]
    # Signed, the same export needs every row matched, and has no group column.
    _, troubles = csv_answers.answers(table, Mapping(), partners, DAY)
    assert troubles.respondents and troubles.columns


def test_a_group_column_with_other_values_is_not_taken_for_groups(project):
    text = "Timestamp,Partner,Your group,Shared vision\n2027-04-02,Main Street Business Improvement Area,Chess club,4\n"  # noqa: E501
    table = csv_answers.parse_table(text, "g.csv")
    _, troubles = csv_answers.answers(
        table, Mapping(), Partners(project.partners), DAY, project.project
    )
    assert [c.name for c in troubles.columns] == ['"Your group"']


def test_a_partner_whose_kind_is_no_group_leaves_no_group(project: Project):
    info = project.project.model_copy(update={"groups": ["residents"]})
    grouped = project.model_copy(update={"project": info})
    (record,) = grouped.rounds
    answers = Answers("main-street-bia", "Spring", None)  # a business: no group fits
    assert anonymity.take_off(grouped, record, answers, set()).answers.group is None
