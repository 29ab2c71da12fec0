"""The project file contract in code: pydantic models, enums and the rules between them.

This module knows nothing of files or terminals. Field-level rules (types, enums,
ranges, id shape) are pydantic's; rules that span the whole project (unique ids,
references, date order) live in :func:`integrity_problems`, which reports each
problem at the path it belongs to so storage can point at the right line.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1
"""The newest file layout this program reads and writes."""

MAX_CONTRIBUTION = 1_000_000_000_000
"""The most one contribution can be worth (10¹²): beyond any community project's
budget, and low enough that totals of any number of them stay exact to the cent
instead of overflowing."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TEAM = "team"
"""The respondent name for a consensus score agreed by the whole partnership."""
ANONYMOUS = "anonymous-"
"""How every respondent of an anonymous round begins: the rest is drawn at random,
so it tells answers apart (a merge, a repeated import) and ties none to a partner."""
ANONYMOUS_PATTERN = r"^anonymous-[0-9a-f]{8,32}$"
ANONYMOUS_DIGITS = 16
"""How many hex digits partnertui gives an anonymous respondent, drawn or hashed
alike, so that the respondent's form does not tell how the answer arrived."""
DEFAULT_MINIMUM_TO_SHOW = 3
LEAST_ANONYMOUS_MINIMUM = 2
"""An anonymous round's figures stand on at least two answers, whatever the project
sets: one answer shown as a mean is that person's answer."""


class Kind(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"
    ORGANIZATION = "organization"
    BUSINESS = "business"
    AGENCY = "agency"
    GOVERNMENT = "government"


class Relationship(StrEnum):
    NEW = "new"
    FORMER = "former"


class Status(StrEnum):
    CANDIDATE = "candidate"
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class Role(StrEnum):
    """The four roles, from least to most involved."""

    COOPERATION = "cooperation"
    COMMUNICATION = "communication"
    COORDINATION = "coordination"
    COLLABORATION = "collaboration"


class ContributionKind(StrEnum):
    ADVICE = "advice"
    SUPPLIES = "supplies"
    RESOURCES = "resources"
    SPACE = "space"
    EQUIPMENT = "equipment"
    MATERIALS = "materials"
    FINANCIAL = "financial"
    IN_KIND = "in-kind"
    VOLUNTEER_TIME = "volunteer-time"


class Ingredient(StrEnum):
    """The eleven ingredients of a successful partnership, in the file's order."""

    SHARED_VISION = "shared_vision"
    COMMON_GOALS = "common_goals"
    COOPERATION = "cooperation"
    ACCOUNTABILITY = "accountability"
    COMMUNICATION = "communication"
    COMMITMENT = "commitment"
    CONFLICT_RESOLUTION = "conflict_resolution"
    LEADERSHIP = "leadership"
    DESIRE_TO_WORK_TOGETHER = "desire_to_work_together"
    FLEXIBILITY = "flexibility"
    SHARED_DECISION_MAKING = "shared_decision_making"


# TOML hands us real dates and numbers, so lax coercion would only hide mistakes
# ("yes" for true, 0 for a date). Enums stay lax: the file holds their string values.
Date = Annotated[dt.date, Strict()]
Score = Annotated[StrictInt, Field(ge=1, le=5)]
IngredientKey = Annotated[Ingredient, Strict(False)]
PartnerId = Annotated[StrictStr, Field(pattern=ID_PATTERN)]
Money = Annotated[StrictFloat, Field(ge=0, le=MAX_CONTRIBUTION, allow_inf_nan=False)]


def _text(value: object) -> object:
    """Trim surrounding blanks from one-line text so that ``" x "`` and ``"x"`` match."""
    return value.strip() if isinstance(value, str) else value


class _Strict(BaseModel):
    """Base for every table in the file: unknown keys are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False)


class ProjectInfo(_Strict):
    """The ``[project]`` table: what the project is and who leads it."""

    name: StrictStr
    """The project's name; required and never blank."""
    issue: StrictStr = ""
    """The crime or victimization problem the project addresses."""
    description: StrictStr = ""
    """What the project will do; may span several lines."""
    lead_organization: StrictStr = ""
    """The organization leading the project: "your organization" in the guidance."""
    community: StrictStr = ""
    """The neighbourhood or community the project serves."""
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")] = "CAD"
    """ISO 4217 code used for every contribution value."""
    start: Date | None = None
    end: Date | None = None
    """Not before ``start``."""
    youth_oriented: StrictBool = False
    """Youth projects should have youth and their champions among the partners."""
    skills_needed: list[StrictStr] = []
    """Skills and talents the project needs from its partners."""
    minimum_to_show: Annotated[StrictInt, Field(ge=1, le=1000)] = DEFAULT_MINIMUM_TO_SHOW
    """A round's, an ingredient's or a group's results are shown only when at least
    this many individual answers stand behind them, so that nobody's answer can be
    read off a mean (never fewer than two in an anonymous round)."""
    groups: list[StrictStr] = []
    """The groups respondents of an anonymous round may say they belong to; when
    empty, the kinds of partner are the groups."""

    @field_validator("name", mode="after")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the project needs a name")
        return value.strip()

    @field_validator("issue", "lead_organization", "community", mode="after")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()

    @field_validator("skills_needed", "groups", mode="after")
    @classmethod
    def _skills(cls, value: list[str]) -> list[str]:
        return _clean_list(value)


class Contribution(_Strict):
    """Something a partner gives the project; ``value`` is in the project's currency."""

    kind: ContributionKind
    description: StrictStr = ""
    value: Money | None = None
    """0 to :data:`MAX_CONTRIBUTION`, in the project's currency."""

    @field_validator("value", mode="before")
    @classmethod
    def _int_is_money_too(cls, value: object) -> object:
        # TOML distinguishes 1200 from 1200.0; people writing money by hand do not.
        if isinstance(value, int) and not isinstance(value, bool):
            if value > MAX_CONTRIBUTION:  # a huge whole number does not even make a float
                raise PydanticCustomError(
                    "less_than_equal",
                    "Input should be less than or equal to {le}",
                    {"le": MAX_CONTRIBUTION},
                )
            return float(value)
        return value


class Partner(_Strict):
    """One ``[[partners]]`` entry: a person, group or organization in the project."""

    id: PartnerId
    """Stable slug; references use it and it never changes when the name does."""
    name: StrictStr
    kind: Kind = Kind.ORGANIZATION
    relationship: Relationship = Relationship.NEW
    """``former``: a partner from an earlier project."""
    status: Status = Status.CANDIDATE
    contact: StrictStr = ""
    affected_by_issue: StrictBool = False
    """Among those most affected by the issue."""
    stake_in_solutions: StrictBool = False
    """Has an interest or stake in the solutions."""
    skills: list[StrictStr] = []
    youth: StrictBool = False
    """A young person, a youth group, or a champion of youth."""
    role: Role | None = None
    """``None``: not yet assigned."""
    responsibilities: list[StrictStr] = []
    contributions: list[Contribution] = []
    notes: StrictStr = ""

    @field_validator("name", mode="after")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("every partner needs a name")
        return value.strip()

    @field_validator("contact", mode="after")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()

    @field_validator("skills", "responsibilities", mode="after")
    @classmethod
    def _lists(cls, value: list[str]) -> list[str]:
        return _clean_list(value)


class Assessment(_Strict):
    """One respondent's scores in one assessment round."""

    round: StrictStr
    date: Date
    respondent: StrictStr
    """``"team"`` for a consensus score, otherwise a partner id; in an anonymous round
    ``anonymous-`` and random hex digits, never a partner id."""
    group: StrictStr | None = None
    """In an anonymous round, the group the respondent said they belong to (one of the
    project's groups); a signed response's group is its partner's."""
    dont_know: list[IngredientKey] = []
    """Ingredients the respondent said they cannot judge: an answer, not a blank."""
    scores: dict[IngredientKey, Score] = {}
    notes: dict[IngredientKey, StrictStr] = {}

    @field_validator("round", "respondent", mode="after")
    @classmethod
    def _not_blank(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise ValueError(f"the {info.field_name} cannot be blank")
        return value.strip()

    @field_validator("group", mode="after")
    @classmethod
    def _group(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @property
    def is_anonymous(self) -> bool:
        return self.respondent.startswith(ANONYMOUS)

    @field_validator("scores", "notes", mode="after")
    @classmethod
    def _in_ingredient_order(cls, value: dict) -> dict:
        return {k: value[k] for k in Ingredient if k in value and value[k] != ""}

    @field_validator("dont_know", mode="after")
    @classmethod
    def _known_once(cls, value: list[Ingredient]) -> list[Ingredient]:
        return [k for k in Ingredient if k in value]


RoundCode = Annotated[StrictStr, Field(pattern=r"^[a-z0-9]{8,32}$")]


class Round(_Strict):
    """A round's own record, written when questionnaires go out for it.

    Rounds also exist through their responses alone (older files have no record);
    the record adds what a questionnaire needs: a code that ties a response to this
    project's round, and who was asked, so "who has answered" has a list to count.
    """

    name: StrictStr
    date: Date
    anonymous: StrictBool = False
    """Its responses record no partner, only (optionally) the respondent's group."""
    code: RoundCode | None = None
    invited: list[PartnerId] = []

    @field_validator("name", mode="after")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the name cannot be blank")
        return value.strip()

    @field_validator("invited", mode="after")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


def round_key(name: str) -> str:
    """What tells one round from another: its name without the spaces around it, its
    case folded. "Ten weeks" and "ten weeks " are one round typed twice, so a survey,
    an import or the workbook takes the second for the first rather than starting a
    twin; the file keeps each name as it was typed."""
    return name.strip().casefold()


ActionId = Annotated[StrictStr, Field(pattern=ID_PATTERN, max_length=40)]


def new_anonymous_respondent(taken: set[str]) -> str:
    """A respondent for an anonymous answer that no answer in ``taken`` has."""
    import secrets

    while (respondent := ANONYMOUS + secrets.token_hex(ANONYMOUS_DIGITS // 2)) in taken:
        pass
    return respondent


def group_choices(info: ProjectInfo) -> list[str]:
    """The groups an anonymous respondent may belong to: the project's, or the kinds."""
    return info.groups or [kind.value for kind in Kind]


_COMMUNITY_KINDS = (Kind.INDIVIDUAL, Kind.GROUP, Kind.ORGANIZATION)


def partner_group(info: ProjectInfo, partner: Partner) -> str | None:
    """The group a partner's answer counts in once its name is taken off it.

    Its kind, when the kinds are the groups or the project names a group after the
    kind; people, groups and organizations count as "community" where the project has
    a group of that name. None when no group fits.
    """
    choices = group_choices(info)
    if partner.kind.value in choices:
        return partner.kind.value
    if partner.kind in _COMMUNITY_KINDS and "community" in choices:
        return "community"
    return None


def new_action_id() -> str:
    """A fresh action id: eight lowercase hex digits, drawn at random.

    Random, not counted, so that two people adding actions on two branches never
    pick the same id: a merge tells their actions apart by it.
    """
    import os

    return os.urandom(4).hex()


class Action(_Strict):
    """Something the partnership will do to strengthen itself; file order is kept."""

    id: ActionId | None = None
    """Stable identity, so a merge can tell an edited action from a new one; given
    when the file is saved, left out in older files."""
    text: StrictStr
    ingredient: IngredientKey | None = None
    owner: StrictStr | None = None
    """A partner id."""
    due: Date | None = None
    done: StrictBool = False

    @field_validator("text", mode="after")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("an action needs some text")
        return value.strip()

    @field_validator("owner", mode="after")
    @classmethod
    def _owner_blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


class Project(_Strict):
    """A whole project file. Build one with ``storage.parse`` to get every rule."""

    schema_version: StrictInt
    project: ProjectInfo
    partners: list[Partner] = []
    rounds: list[Round] = []
    assessments: list[Assessment] = []
    actions: list[Action] = []

    @field_validator("schema_version", mode="after")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"this file uses layout version {value}, but this partnertui only "
                f"knows version {SCHEMA_VERSION}"
            )
        return value

    @model_validator(mode="after")
    def _holds_together(self, info: ValidationInfo) -> Project:
        if info.context and info.context.get("skip_integrity"):
            return self
        from partnertui.integrity import integrity_problems

        problems = integrity_problems(self)
        if problems:
            raise ValueError("; ".join(f"{p.where}: {p.message}" for p in problems))
        return self

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def round_named(self, name: str) -> str | None:
        """The name, as the file writes it, of the project's round ``name`` means
        (:func:`round_key`): the one written so, or else a record's, or else its
        answers'; ``None`` when the project has no such round."""
        names = [*(r.name for r in self.rounds), *(a.round for a in self.assessments)]
        if name in names:
            return name
        key = round_key(name)
        return next((known for known in names if round_key(known) == key), None)

    def is_anonymous_round(self, round_name: str | None) -> bool:
        """Whether ``round_name``'s record makes it anonymous; a round without one
        (older files, rounds scored in the workbook) is signed."""
        return any(r.anonymous for r in self.rounds if r.name == round_name)

    def snapshot(self) -> Project:
        """A copy that later edits leave alone, made in a few microseconds.

        The workbook replaces a partner, an action or the details when they change
        and never changes one in place, so sharing them is safe; only the lists that
        hold them are copied.
        """
        return self.model_copy(
            update={
                "partners": list(self.partners),
                "rounds": list(self.rounds),
                "assessments": list(self.assessments),
                "actions": list(self.actions),
            }
        )


def with_action_ids(actions: list[Action]) -> list[Action]:
    """``actions`` with an id given to each that has none (the same list if none lacks one)."""
    if all(action.id is not None for action in actions):
        return actions
    taken = {action.id for action in actions}
    out = []
    for action in actions:
        if action.id is None:
            new = new_action_id()
            while new in taken:
                new = new_action_id()
            taken.add(new)
            action = action.model_copy(update={"id": new})
        out.append(action)
    return out


def _clean_list(values: list[str]) -> list[str]:
    """Trim items, drop blanks and repeats, keep the user's order."""
    out: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in out:
            out.append(v)
    return out


def slugify(name: str) -> str:
    """A partner id made from a name: lowercase ASCII words joined by hyphens."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "partner"


def unique_partner_id(name: str, taken: set[str]) -> str:
    """A slug for ``name`` that no partner in ``taken`` has (``-2``, ``-3`` … on clashes)."""
    base = slugify(name)
    if base == TEAM:
        base = f"{TEAM}-partner"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def new_project(name: str, lead_organization: str = "") -> Project:
    """A fresh, valid project with nothing but a name (and maybe a lead)."""
    return Project(
        schema_version=SCHEMA_VERSION,
        project=ProjectInfo(name=name, lead_organization=lead_organization),
    )
