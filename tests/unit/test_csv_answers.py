"""Reading survey tools' CSV exports: each tool's shape, in each encoding Excel writes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from partnertui import csv_text, storage
from partnertui.model import Ingredient as I
from partnertui.survey import csv_answers
from partnertui.survey.csv_answers import CsvProblem, Holds, columns, decode, parse_table
from partnertui.survey.mapping import Mapping
from partnertui.survey.matching import Partners

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
TODAY = dt.date(2026, 11, 24)
LATE = 'Emails arrive late; "urgent" ones too'

COMMON = [
    ("riverside-youth-centre", dt.date(2026, 11, 2), {I.SHARED_VISION: 4, I.COMMON_GOALS: 3},
     (I.COMMUNICATION,), {}),
    ("maison-des-jeunes", dt.date(2026, 11, 3),
     {I.SHARED_VISION: 5, I.COMMON_GOALS: 4, I.COMMUNICATION: 2}, (), {I.COMMUNICATION: LATE}),
    ("riverside-parents-network", dt.date(2026, 11, 4), {I.SHARED_VISION: 5}, (I.COMMUNICATION,),
     {}),
]  # fmt: skip
EXPECTED = {
    "google-forms": ("Google Forms", COMMON),
    "surveymonkey": ("SurveyMonkey", COMMON),
    "limesurvey": ("LimeSurvey", COMMON),
    "kobotoolbox": ("KoboToolbox", COMMON),
    "microsoft-forms": (
        "Microsoft Forms",
        [
            ("riverside-youth-centre", dt.date(2026, 11, 2),
             {I.SHARED_VISION: 4, I.COMMON_GOALS: 3}, (I.COMMUNICATION,),
             {I.SHARED_VISION: 'We agree on the what, not yet on the "how".'}),
            ("maison-des-jeunes", dt.date(2026, 11, 3),
             {I.SHARED_VISION: 5, I.COMMON_GOALS: 4, I.COMMUNICATION: 2}, (),
             {I.LEADERSHIP: "Shared well,\nacross the table"}),
            ("riverside-parents-network", dt.date(2026, 11, 4), {I.SHARED_VISION: 5},
             (I.COMMUNICATION,), {}),
        ],
    ),
}  # fmt: skip


def resaved(text: str, delimiter: str, day_first: bool = False) -> str:
    """The table as a spreadsheet saves it again: its own separator, CRLF line ends,
    and (``day_first``) its dates as a European Excel writes them, the day first."""
    sep = csv_answers.separator(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    if day_first:
        rows = [[re.sub(r"^(\d{1,2})/(\d{1,2})/", r"\2/\1/", cell) for cell in row] for row in rows]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "utf-16 LE with BOM, tabs (Excel Unicode text)": lambda text: resaved(text, "\t").encode(
        "utf-16"
    ),
    "utf-16 BE with BOM": lambda text: b"\xfe\xff" + resaved(text, ",").encode("utf-16-be"),
    "windows-1252, semicolons (European Excel)": lambda text: resaved(
        text, ";", day_first=True
    ).encode("cp1252"),
}


@pytest.fixture(scope="module")
def partners(tmp_path_factory) -> Partners:
    from partnertui.model import Partner

    project = storage.load(Path(__file__).resolve().parents[2] / "examples/riverside-youth.toml")
    extra = Partner(id="maison-des-jeunes", name="Maison des Jeunes Côte-des-Neiges")
    return Partners([*project.partners, extra])


def shaped(found) -> list[tuple]:
    return [(a.respondent, a.date, a.scores, a.dont_know, a.notes) for a in found]


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("tool", list(EXPECTED))
def test_each_tool_in_each_encoding(tool: str, encoding: str, partners: Partners):
    text = (EXPORTS / f"{tool}.csv").read_text(encoding="utf-8")
    data = ENCODINGS[encoding](text)
    table = parse_table(decode(data, f"{tool}.csv"), f"{tool}.csv")
    name, expected = EXPECTED[tool]
    assert table.tool == name
    found, troubles = csv_answers.answers(table, Mapping(), partners, TODAY)
    assert not troubles, troubles
    assert shaped(found) == expected
    first_row = 3 if tool == "surveymonkey" else 2  # SurveyMonkey has two heading rows
    assert [a.source for a in found] == [f"{tool}.csv row {first_row + n}" for n in range(3)]


def test_surveymonkey_grid_headings_carry_the_question():
    table = csv_answers.read_table(EXPORTS / "surveymonkey.csv")
    assert table.headings[10:13] == [
        "How strong is each ingredient of our partnership? [Shared vision]",
        "How strong is each ingredient of our partnership? [Common goals]",
        "How strong is each ingredient of our partnership? [Communication]",
    ]


def test_what_each_column_holds_in_a_kobo_export():
    table = csv_answers.read_table(EXPORTS / "kobotoolbox.csv")
    held = {c.heading: (c.holds, c.ingredient) for c in columns(table, Mapping())}
    assert held["group_scores/shared_vision"] == (Holds.SCORE, I.SHARED_VISION)
    assert held["group_scores/communication_comment"] == (Holds.NOTE, I.COMMUNICATION)
    assert held["group_about/partner"][0] is Holds.RESPONDENT
    assert held["end"][0] is Holds.DATE  # the phone's own time, not the server's UTC
    assert held["_submission_time"][0] is Holds.BOOKKEEPING  # only the best date counts
    assert held["_uuid"][0] is Holds.BOOKKEEPING


def test_day_first_dates_are_told_by_a_day_over_twelve(partners: Partners):
    text = "Timestamp,Partner,Shared vision\n02/11/2026 10:00,marion-clarke,4\n"
    text += "13/11/2026 10:00,Riverside Youth Centre,3\n"
    found, _ = csv_answers.answers(parse_table(text, "x.csv"), Mapping(), partners, TODAY)
    assert [a.date for a in found] == [dt.date(2026, 11, 2), dt.date(2026, 11, 13)]


def test_no_date_column_means_today(partners: Partners):
    found, _ = csv_answers.answers(
        parse_table("Partner;Leadership\nmarion-clarke;5\n", "x.csv"), Mapping(), partners, TODAY
    )
    assert found[0].date == TODAY and found[0].scores == {I.LEADERSHIP: 5}


def test_what_is_not_understood_is_listed_by_row_and_column(partners: Partners):
    text = (
        "Timestamp,Name,Q7,Shared vision,Shared vision\n"
        "11/2/2026 10:00,Jo Smith,x,4,4\n"
        "11/2/2026 10:00,Marion Clarke,x,7,\n"
        "11/2/2026 10:00,Jo Smith,x,,\n"
    )
    _, troubles = csv_answers.answers(parse_table(text, "x.csv"), Mapping(), partners, TODAY)
    assert [c.heading for c in troubles.columns] == ["Q7", "Shared vision", "Shared vision"]
    assert "all look like the score for shared vision" in troubles.columns[1].why
    assert troubles.respondents == [("Jo Smith", [2, 4])]


def test_a_score_of_seven_names_file_row_and_ingredient(partners: Partners):
    text = "Partner,Leadership\nmarion-clarke,7\n"
    _, troubles = csv_answers.answers(parse_table(text, "x.csv"), Mapping(), partners, TODAY)
    assert troubles.cells == [
        'x.csv row 2, leadership ("Leadership"): "7": 7 is not on the scale of 1 to 5'
    ]


def test_a_mapping_names_columns_and_people(tmp_path: Path, partners: Partners):
    from partnertui.survey import mapping

    (tmp_path / "m.toml").write_text(
        'ignore = ["Q12"]\n[columns]\n"Q7" = "leadership"\n"Q7 why" = "leadership comment"\n'
        '"Who" = "respondent"\n[respondents]\n"Jo Smith" = "riverside-youth-centre"\n'
    )
    meant = mapping.read(tmp_path / "m.toml")
    text = "Who,Q7,Q7 why,Q12\nJo Smith,4,Steady,whatever\n"
    found, troubles = csv_answers.answers(parse_table(text, "x.csv"), meant, partners, TODAY)
    assert not troubles
    assert shaped(found) == [
        ("riverside-youth-centre", TODAY, {I.LEADERSHIP: 4}, (), {I.LEADERSHIP: "Steady"})
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[columns]\n"Q7" = "leadrship"\n', "m.toml:2:1"),
        ("[columns\n", "not valid TOML"),
        ("colums = 1\n", '"colums" is not part of a mapping'),
    ],
)
def test_a_wrong_mapping_is_named_at_its_line(tmp_path: Path, text: str, words: str):
    from partnertui.survey import mapping

    (tmp_path / "m.toml").write_text(text)
    with pytest.raises(csv_text.MappingProblem, match=words):
        mapping.read(tmp_path / "m.toml")


def test_a_row_with_too_many_cells_is_refused():
    with pytest.raises(CsvProblem, match="row 2 has 3 cells"):
        parse_table("Partner,Leadership\nmarion-clarke,4,5\n", "x.csv")


def test_undecodable_and_empty_files_are_refused():
    with pytest.raises(CsvProblem, match="empty"):
        parse_table("\n,,\n", "x.csv")
    with pytest.raises(CsvProblem, match="cannot be read"):
        decode(b"\xff\xfe\x00", "x.csv")
