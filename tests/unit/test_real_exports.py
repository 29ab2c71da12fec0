"""Survey tools' exports in the shapes the tools really write them.

Each fixture copies a shape found in the tools' own code or in parsers written
against real exports (their sources are named in each test): headings, heading
rows, bookkeeping columns, dates, encodings and line ends, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.csv_text import decode
from partnertui.model import Ingredient as I
from partnertui.model import Partner
from partnertui.survey import csv_answers
from partnertui.survey.csv_answers import Holds, columns, parse_table
from partnertui.survey.mapping import RESPONDENT, Mapping, Target
from partnertui.survey.matching import Partners

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
TODAY = dt.date(2026, 11, 24)
LATE = 'Emails arrive late; "urgent" ones too'
LATE_2 = LATE + "\nand minutes never"


@pytest.fixture(scope="module")
def partners() -> Partners:
    project = storage.load(EXAMPLE)
    extra = Partner(id="maison-des-jeunes", name="Maison des Jeunes Côte-des-Neiges")
    return Partners([*project.partners, extra])


def read(name: str, partners: Partners, mapping: Mapping | None = None):
    table = csv_answers.read_table(EXPORTS / name)
    found, troubles = csv_answers.answers(table, mapping or Mapping(), partners, TODAY)
    assert not troubles, troubles
    return table, found


def shaped(found) -> list[tuple]:
    return [(a.respondent, a.date, a.scores, a.dont_know, a.notes) for a in found]


YOUTH, MAISON, PARENTS = "riverside-youth-centre", "maison-des-jeunes", "riverside-parents-network"
NOV = {n: dt.date(2026, 11, n) for n in (2, 3, 4)}


def three(maison_note: str = LATE, parents_dont_know: bool = True, youth_dont_know: bool = True):
    return [
        (YOUTH, NOV[2], {I.SHARED_VISION: 4, I.COMMON_GOALS: 3},
         (I.COMMUNICATION,) if youth_dont_know else (), {}),
        (MAISON, NOV[3], {I.SHARED_VISION: 5, I.COMMON_GOALS: 4, I.COMMUNICATION: 2}, (),
         {I.COMMUNICATION: maison_note}),
        (PARENTS, NOV[4], {I.SHARED_VISION: 5}, (I.COMMUNICATION,) if parents_dont_know else (),
         {}),
    ]  # fmt: skip


def test_limesurvey_full_question_text(partners: Partners):
    """LimeSurvey's "Full question text" headings: its bookkeeping in words ("Response
    ID", "Last page", "Access code", "Date last action"…) and its timings ("Question
    time: Communication"), every cell quoted, a byte order mark, CRLF and the blank
    line its CsvWriter ends with (LimeSurvey/LimeSurvey
    application/helpers/admin/export/CsvWriter.php, Writer.php; createFieldMap in
    application/helpers/common_helper.php)."""
    table, found = read("limesurvey-full-text.csv", partners)
    assert table.tool == "LimeSurvey"
    assert shaped(found) == three(maison_note=LATE_2)
    held = {c.heading: c.holds for c in columns(table, Mapping())}
    assert held["Date submitted"] is Holds.DATE
    for own in ("Last page", "Access code", "Date started", "Date last action", "Referrer URL",
                "Total time", "Group time: Partnership", "Question time: partner",
                "Question time: Communication"):  # fmt: skip
        assert held[own] is Holds.BOOKKEEPING, own
    assert [a.source.rsplit(" ", 1)[1] for a in found] == ["2", "3", "4"]


def test_limesurvey_question_codes_with_semicolons(partners: Partners):
    """LimeSurvey's "Question code" headings: subquestion codes in camel case
    ("ING[SharedVision]": codes are letters and digits only), a list with comment
    ("Communication[comment]"), and a timing column per question headed with its
    code ("INGTime"), separated by ";" as its CsvWriter does unless told otherwise."""
    table, found = read("limesurvey-codes.csv", partners)
    assert table.tool == "LimeSurvey" and table.separator == ";"
    assert shaped(found) == three(parents_dont_know=False, youth_dont_know=False)
    held = {c.heading: (c.holds, c.ingredient) for c in columns(table, Mapping())}
    assert held["ING[SharedVision]"] == (Holds.SCORE, I.SHARED_VISION)
    assert held["Communication[comment]"] == (Holds.NOTE, I.COMMUNICATION)
    for timing in ("INGTime", "CommunicationTime", "partnerTime", "groupTime12"):
        assert held[timing][0] is Holds.BOOKKEEPING, timing


def test_a_heading_ending_in_time_is_a_question_when_no_column_has_its_code(partners):
    table = parse_table("Partner,Leadership,Overtime\nmarion-clarke,4,x\n", "x.csv")
    held = {c.heading: c.holds for c in columns(table, Mapping())}
    assert held["Overtime"] is Holds.UNKNOWN


def test_kobotoolbox_labels_and_hashtags(partners: Partners):
    """KoboToolbox's default CSV: labels for headings, ";" between cells, every cell
    quoted, CRLF, and the row of HXL hashtags under the headings when the form has
    them (kobotoolbox/kpi kpi/tests/test_mock_data_exports.py,
    test_csv_export_default_options). ``end`` is the phone's
    time: the first answer was given on the evening of 2 November in Toronto, and
    reached the server (``_submission_time``, UTC) on the 3rd."""
    table, found = read("kobotoolbox-labels.csv", partners)
    assert table.tool == "KoboToolbox" and table.separator == ";"
    assert shaped(found) == three()
    assert [a.source.rsplit(" ", 1)[1] for a in found] == ["3", "4", "5"]  # 2 is the hashtags


def test_surveymonkey_contact_information(partners: Partners):
    """SurveyMonkey's two heading rows with a "Contact information" question, whose
    parts (Name, Company, Address… Email Address, Phone Number) are named in the second
    row, as a parser of real exports shows them (GGWash dc-election endorsements:
    "Row 2: ,,,,,,,,,Name,Email,…,Response,Open-Ended Response"). The Company part
    names the partner; the address parts are passed over."""
    table, found = read("surveymonkey-contact-info.csv", partners)
    assert table.tool == "SurveyMonkey"
    assert table.headings[10] == "Contact information [Company]"
    assert shaped(found) == three()
    held = {c.heading: c.holds for c in columns(table, Mapping())}
    assert held["Contact information [Company]"] is Holds.RESPONDENT
    assert held["Contact information [City/Town]"] is Holds.BOOKKEEPING


MS_FORMS = [
    (YOUTH, NOV[2], {I.SHARED_VISION: 4, I.COMMON_GOALS: 3}, (I.COMMUNICATION,), {}),
    (MAISON, NOV[3], {I.SHARED_VISION: 5, I.COMMON_GOALS: 4, I.COMMUNICATION: 2}, (),
     {I.COMMUNICATION: LATE_2}),
    (PARENTS, NOV[4], {I.SHARED_VISION: 5}, (I.COMMUNICATION,),
     {I.SHARED_VISION: "Most of us, most days"}),
]  # fmt: skip


@pytest.mark.parametrize(
    "name",
    [
        "microsoft-forms-excel-utf8.csv",  # "CSV UTF-8": byte order mark, CRLF
        "microsoft-forms-excel-fr.csv",  # French "CSV (point-virgule)": cp1252, ";", day first
        "microsoft-forms-unicode-text.txt",  # "Unicode Text": UTF-16 LE, tabs
    ],
)
def test_microsoft_forms_through_excel(name: str, partners: Partners):
    """Microsoft Forms' workbook ("Id", "Start time", "Completion time", "Email",
    "Name", "Last modified time"; "anonymous" where it knows nobody) saved by Excel
    in three ways. The French one writes 02/11/2026 for the 2nd of November: no day
    is over 12, and the ";" Excel separates with there says the day comes first."""
    table, found = read(name, partners)
    assert table.tool == "Microsoft Forms"
    assert shaped(found) == MS_FORMS


def test_google_forms_download(partners: Partners):
    """Google Forms' "Download responses (.csv)": every cell quoted, "Email address",
    the timestamp with its zone ("2026/10/04 10:15:00 AM GMT+5:30", as tests written
    against real downloads have it), options in the author's words ("I don't know")."""
    table, found = read("google-forms-download.csv", partners)
    assert table.tool == "Google Forms"
    assert shaped(found) == three()


@pytest.mark.parametrize(
    ("dates", "days"),
    [
        (["05/03/2026 10:00"], [dt.date(2026, 3, 5)]),  # May would be after today: March
        (["02/11/2026 10:00"], [dt.date(2026, 2, 11)]),  # both could be: the month first
        (["11/13/2025 10:00", "13/11/2025 9:00"], None),  # each way once: refused
    ],
)
def test_a_date_after_today_is_read_the_other_way(dates, days, partners: Partners):
    text = "Timestamp,Partner,Leadership\n" + "".join(f"{d},marion-clarke,4\n" for d in dates)
    table = parse_table(text, "x.csv")
    found, troubles = csv_answers.answers(table, Mapping(), partners, dt.date(2026, 3, 10))
    if days is None:
        assert troubles.cells == [
            'x.csv row 3: "13/11/2025 9:00" in "Timestamp" is not a date partnertui can read'
        ]
    else:
        assert [a.date for a in found] == days


def test_a_byte_order_mark_left_inside_the_text_is_taken_off():
    data = b"\xff\xfe" + "\ufeffid\tPartner\r\n1\tmarion-clarke\r\n".encode("utf-16-le")
    table = parse_table(decode(data, "x.txt"), "x.txt")
    assert table.headings == ["id", "Partner"]
    assert decode(b"\xef\xbb\xbf\xef\xbb\xbfid,x\n", "x.csv") == "id,x\n"


@pytest.mark.parametrize(
    "text",
    [
        # Microsoft Forms in quiz mode: its points and feedback beside each question.
        "ID,Start time,Completion time,Email,Name,Total points,Quiz feedback,"
        "Last modified time,Your organisation,Points - Your organisation,"
        "Feedback - Your organisation,Leadership,Points - Leadership,Feedback - Leadership\n"
        "1,7/27/26 19:06:23,7/27/26 19:17:10,anonymous,,4,,,Marion Clarke,,,4 - Good,2,\n",
        # Google Forms in quiz mode: the score as "28.00 / 30", the timestamp with its zone.
        "Timestamp,Email Address,Score,Your organisation,Leadership\n"
        "2026/07/27 7:17:10 PM GMT+5:30,someone@example.org,28.00 / 30,Marion Clarke,4\n",
        # An ISO time in UTC, as tools and scripts write it.
        "Submitted,Partner,Leadership\n2026-07-27T19:17:10.000Z,Marion Clarke,4\n",
    ],
    ids=["microsoft-forms-quiz", "google-forms-quiz", "iso-utc"],
)
def test_quiz_columns_are_the_tools_own(text: str, partners: Partners):
    found, troubles = csv_answers.answers(parse_table(text, "x.csv"), Mapping(), partners, TODAY)
    assert not troubles, troubles
    assert shaped(found) == [("marion-clarke", dt.date(2026, 7, 27), {I.LEADERSHIP: 4}, (), {})]


def test_uk_excel_dates_are_read_by_the_rule_and_said(partners: Partners):
    """Microsoft Forms' workbook saved by a UK Excel as "CSV UTF-8": a byte order mark,
    commas, CRLF, and 02/11/2026 14:03 for the 2nd of November, as UK Excel shows it.
    No day is over 12 and nothing else says the day comes first, so the documented
    rule reads the month first; how, and the other reading, are there for the plan."""
    table, found = read("microsoft-forms-excel-uk.csv", partners)
    assert [a.date for a in found] == [dt.date(2026, m, 11) for m in (2, 3, 4)]
    order = date_order(table, Mapping())
    assert (order.day_first, order.why, order.example, order.row) == (
        False,
        "usual",
        "02/11/2026 14:03",
        2,
    )
    assert (order.date, order.other) == (dt.date(2026, 2, 11), NOV[2])
    table, found = read("microsoft-forms-excel-uk.csv", partners, Mapping(dates="day-first"))
    assert shaped(found) == MS_FORMS
    assert date_order(table, Mapping(dates="day-first")).why == "given"


def date_order(table, mapping: Mapping):
    order = csv_answers.date_order(table, mapping, TODAY)
    assert order is not None
    return order


@pytest.mark.parametrize(
    ("dates", "day_first", "example"),
    [
        (["05/11/2026 10:00", "13/11/2026 9:00"], True, "13/11/2026 9:00"),
        (["11/05/2026 10:00", "11/13/2026 9:00"], False, "11/13/2026 9:00"),
    ],
)
def test_a_day_over_twelve_proves_the_order_and_is_named(dates, day_first, example, partners):
    text = "Timestamp,Partner,Leadership\n" + "".join(f"{d},marion-clarke,4\n" for d in dates)
    order = date_order(parse_table(text, "x.csv"), Mapping())
    assert (order.day_first, order.why, order.example, order.other) == (
        day_first,
        "proven",
        example,
        None,
    )


def test_iso_dates_need_no_word():
    text = "Submitted,Partner,Leadership\n2026-07-27T19:17:10.000Z,Marion Clarke,4\n"
    assert csv_answers.date_order(parse_table(text, "x.csv"), Mapping(), TODAY) is None


def test_the_mapping_says_how_dates_are_written(tmp_path: Path):
    from partnertui.csv_text import MappingProblem
    from partnertui.survey import mapping

    (tmp_path / "m.toml").write_text('dates = "day-first"\n[columns]\n"Q7" = "leadership"\n')
    assert mapping.read(tmp_path / "m.toml").dates == "day-first"
    (tmp_path / "m.toml").write_text('dates = "dd/mm"\n')
    with pytest.raises(MappingProblem, match=r'm.toml:1:1: dates is "day-first" or "month-first"'):
        mapping.read(tmp_path / "m.toml")


def test_surveymonkey_other_please_specify(partners: Partners):
    """SurveyMonkey's multiple choice with "Other (please specify)": its "Response"
    column holds the choice (the words "Other (please specify)" for those who chose
    it), the next column what they typed. The typed name is matched like any other
    (by name, e-mail address, id); only a typed name that matches no partner is asked
    about, by itself, never the choice's words, which would send everyone who chose
    "Other" to one partner."""
    table = csv_answers.read_table(EXPORTS / "surveymonkey-other.csv")
    assert table.headings[10] == "Which organisation do you represent? - other comment"
    found, troubles = csv_answers.answers(table, Mapping(), partners, TODAY)
    assert [(a.respondent, a.date) for a in found] == [
        (YOUTH, NOV[2]),
        (MAISON, NOV[3]),
        (PARENTS, NOV[4]),
    ]
    assert troubles.respondents == [("Eastgate Library", [6])]
    mapped = Mapping(respondents={"Eastgate Library": "riverside-youth-council"})
    found, troubles = csv_answers.answers(table, mapped, partners, TODAY)
    assert not troubles
    assert [a.respondent for a in found] == [YOUTH, MAISON, PARENTS, "riverside-youth-council"]


def test_the_typed_other_is_read_when_the_question_is_mapped(partners: Partners):
    text = (
        "Respondent ID,Collector ID,Who are you?,,Leadership\n"
        ",,Response,Other (please specify),Response\n"
        "1,2,Other (please specify),Marion Clarke,4\n"
    )
    mapped = Mapping(columns={"Who are you?": Target(RESPONDENT)})
    found, troubles = csv_answers.answers(parse_table(text, "x.csv"), mapped, partners, TODAY)
    assert not troubles
    assert [a.respondent for a in found] == ["marion-clarke"]
