"""Large, realistic projects for the benchmarks, the same bytes every time.

A real project has a few dozen partners; the benchmarks ask what happens with
thousands, so the generated ones look like a big city's programme: partners of
every kind and status, most with a role, skills, responsibilities and
contributions, several assessment rounds answered by the team and a share of the
partners, and actions owned by partners. Everything comes from one seeded random
generator, so a size always gives the same file, and the file is written by
``storage`` itself, so it is canonical and valid by construction.

Run ``python benchmarks/generate.py 2000 big.toml`` to write one for a look.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from partnertui import storage
from partnertui.model import (
    SCHEMA_VERSION,
    TEAM,
    ContributionKind,
    Ingredient,
    Kind,
    Project,
    Relationship,
    Role,
    Status,
    slugify,
)

FIRST = [
    "Riverside",
    "Eastgate",
    "Northfield",
    "Millbrook",
    "Harbour",
    "Oakridge",
    "Cedar",
    "Lakeshore",
    "Westend",
    "Hillcrest",
    "Parkview",
    "Southbank",
    "Maple",
    "Stonebridge",
    "Willow",
    "Greenway",
    "Kingsway",
    "Elmhurst",
]
SECOND = [
    "Youth Centre",
    "Community Association",
    "Public Library",
    "Seniors Club",
    "Food Bank",
    "Tenants Union",
    "Business Improvement Area",
    "Police Service",
    "Fire Hall",
    "High School",
    "Elementary School",
    "Health Clinic",
    "Parents Network",
    "Soccer League",
    "Mosque",
    "Church",
    "Temple",
    "Arts Collective",
    "Housing Co-op",
    "Transit Authority",
    "Legal Clinic",
    "Women's Shelter",
    "Boxing Club",
    "Newcomers Centre",
    "Family Resource Centre",
    "Skate Park Crew",
    "Neighbourhood Watch",
]
PEOPLE = [
    "Dana Li",
    "Amir Haddad",
    "Grace Okafor",
    "Lena Kowalski",
    "Yusuf Rahman",
    "Priya Natarajan",
    "Tom Becker",
    "Maria Silva",
    "Hodan Warsame",
    "Jonah Friedman",
    "Aiko Tanaka",
    "Sam Whitehorse",
]
SKILLS = [
    "youth outreach",
    "program evaluation",
    "Arabic interpretation",
    "Somali interpretation",
    "safe-walk training",
    "event planning",
    "fundraising",
    "social media",
    "first aid",
    "conflict mediation",
    "grant writing",
    "graphic design",
    "data analysis",
    "mentoring",
    "street outreach",
    "translation",
    "bookkeeping",
    "facilitation",
]
DUTIES = [
    "co-chairs the steering committee",
    "recruits safe-walk volunteers",
    "hosts the monthly partner call",
    "runs the evening drop-in",
    "shares news with its members",
    "keeps the budget",
    "collects the survey forms",
    "trains volunteers in first aid",
    "lends its hall for meetings",
    "speaks for the project at council",
]
GIFTS = [
    "Gym, Tuesday evenings",
    "Reflective vests and flashlights",
    "Two staff hours a week",
    "Printing of flyers",
    "Grant for the youth council",
    "Meeting room, monthly",
    "Interpreters at parent nights",
    "Bus tickets for volunteers",
    "Laptop and projector",
]
ROUNDS = ("Kick-off", "Three months", "Six months", "Nine months", "Year end")
NOTES = (
    "Agree on the goal, not yet on the measures.",
    "Meetings start late and run long.",
    "Roles were clearer after the retreat.",
    "Newer partners feel left out of decisions.",
)
START = dt.date(2026, 9, 1)


def project(partners: int, *, seed: int = 8) -> Project:
    """A valid project with ``partners`` partners; the same one for the same arguments."""
    rnd = random.Random(f"{seed}:{partners}")
    ids: list[str] = []
    partner_tables = []
    for n in range(partners):
        name = f"{rnd.choice(FIRST)} {rnd.choice(SECOND)} {n + 1}"
        ids.append(slugify(name))
        table: dict = {
            "id": ids[-1],
            "name": name,
            "kind": rnd.choice(list(Kind)).value,
            "relationship": rnd.choice(list(Relationship)).value,
            "status": rnd.choices(list(Status), weights=(2, 2, 5, 1))[0].value,
            "affected_by_issue": rnd.random() < 0.4,
            "stake_in_solutions": rnd.random() < 0.6,
            "youth": rnd.random() < 0.25,
            "skills": rnd.sample(SKILLS, rnd.randint(0, 3)),
        }
        if rnd.random() < 0.8:
            table["contact"] = f"{rnd.choice(PEOPLE)}, office{n}@example.org"
        if rnd.random() < 0.85:
            table["role"] = rnd.choice(list(Role)).value
        if rnd.random() < 0.6:
            table["responsibilities"] = rnd.sample(DUTIES, rnd.randint(1, 3))
        table["contributions"] = [
            {
                "kind": rnd.choice(list(ContributionKind)).value,
                "description": rnd.choice(GIFTS),
                **({"value": float(rnd.randrange(50, 5000, 50))} if rnd.random() < 0.8 else {}),
            }
            for _ in range(rnd.choice((0, 0, 1, 1, 2, 3)))
        ]
        if rnd.random() < 0.2:
            table["notes"] = "Keen to involve their youth council.\nAsk again in spring."
        partner_tables.append(table)
    assessments = []
    # The same rounds at every size, answered by the same share of partners: the file
    # grows in step with the partners, so the growth rows measure the code, not a
    # bigger share of assessments in bigger files.
    respondents_per_round = max(1, partners // 10)
    for r, round_name in enumerate(ROUNDS[:5]):
        date = START + dt.timedelta(days=91 * r)
        for respondent in [TEAM, *rnd.sample(ids, min(respondents_per_round, len(ids)))]:
            scored = rnd.sample(list(Ingredient), rnd.randint(6, 11))
            response: dict = {
                "round": round_name,
                "date": date,
                "respondent": respondent,
                "scores": {i.value: rnd.randint(1, 5) for i in scored},
            }
            if rnd.random() < 0.2:
                response["notes"] = {scored[0].value: rnd.choice(NOTES)}
            assessments.append(response)
    actions = []
    for n in range(max(3, partners // 20)):
        action: dict = {
            "id": f"{n + 1:08x}",  # as saving would give one, but the same every time
            "text": f"Action {n + 1}: {rnd.choice(DUTIES)}",
            "done": rnd.random() < 0.3,
        }
        if rnd.random() < 0.7:
            action["ingredient"] = rnd.choice(list(Ingredient)).value
        if ids and rnd.random() < 0.7:
            action["owner"] = rnd.choice(ids)
        if rnd.random() < 0.6:
            action["due"] = START + dt.timedelta(days=rnd.randint(0, 300))
        actions.append(action)
    return Project.model_validate(
        {
            "schema_version": SCHEMA_VERSION,
            "project": {
                "name": project_name(partners),
                "issue": "Youth victimization around transit hubs after school",
                "description": "Evening programming and safe-walk volunteers\nacross the city.",
                "lead_organization": "City Community Safety Office",
                "community": "All wards",
                "currency": "CAD",
                "start": START,
                "end": START + dt.timedelta(days=364),
                "youth_oriented": True,
                "skills_needed": SKILLS[:6],
            },
            "partners": partner_tables,
            "assessments": assessments,
            "actions": actions,
        }
    )


def project_name(partners: int) -> str:
    """The generated project's name, which its first screen shows."""
    return f"City-wide Safety Partnership ({partners} partners)"


def write(partners: int, path: Path) -> Path:
    """Write the ``partners``-partner project to ``path`` canonically (replacing it)."""
    path.unlink(missing_ok=True)
    storage.save(project(partners), path, create=True)
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python benchmarks/generate.py PARTNERS FILE", file=sys.stderr)
        return 2
    write(int(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
