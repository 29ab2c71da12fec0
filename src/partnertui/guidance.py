"""Our own plain words for the guidance: roles, considerations, ingredients, the scale.

Everything a screen, report or message says about partnerships comes from here, so
the wording stays the same everywhere and is written once.
"""

from __future__ import annotations

from typing import NamedTuple

from partnertui.model import ContributionKind, Ingredient, Kind, Relationship, Role, Status


class RoleGuide(NamedTuple):
    label: str
    summary: str
    planning: str
    decisions: str
    money: str


ROLES: dict[Role, RoleGuide] = {
    Role.COOPERATION: RoleGuide(
        "Cooperation",
        "Lends a hand from the sidelines: advice, supplies, space, equipment or materials.",
        "Not part of planning or running the project.",
        "Leaves decisions to the project team.",
        "May give goods or services; handles none of the project's money.",
    ),
    Role.COMMUNICATION: RoleGuide(
        "Communication",
        "Backs the idea and shares what it has learned with the project.",
        "Not part of planning; stays informed and spreads the word.",
        "Leaves decisions to the project team.",
        "Handles none of the project's money.",
    ),
    Role.COORDINATION: RoleGuide(
        "Coordination",
        "Helps plan and runs its own part, while your organization leads.",
        "Takes part in planning and coordinates its own piece.",
        "Decides about its own part; the lead organization decides overall.",
        "Gives money or in-kind support toward its part.",
    ),
    Role.COLLABORATION: RoleGuide(
        "Collaboration",
        "An equal partner: shares the lead with your organization.",
        "Plans and manages the whole project alongside you.",
        "Shares every decision equally.",
        "Shares responsibility for the project's finances.",
    ),
}

ROLE_KEYS: dict[Role, str] = {
    Role.COOPERATION: "c",
    Role.COMMUNICATION: "m",
    Role.COORDINATION: "o",
    Role.COLLABORATION: "l",
}
"""The single key that assigns each role on the Roles screen."""


class Consideration(NamedTuple):
    key: str
    question: str
    warning: str
    """Shown when no invited or confirmed partner answers the question. It names who
    counts, since the same screen may list candidates who would answer it."""
    unset: str = ""
    """Shown instead of an answer while the project has not said what the question
    asks about (the skills it needs): neither a pass nor a warning, but the next step."""


ENGAGED_ONLY = "Only invited and confirmed partners count as included."
NOT_YET_INVITED = "Not yet invited, though affected or with a stake:"
"""Heads the candidates who would answer the first two questions once invited."""

CONSIDERATIONS: tuple[Consideration, ...] = (
    Consideration(
        "affected",
        "Have we included the people and groups most affected by the issue?",
        "No invited or confirmed partner is among those most affected by the issue",
    ),
    Consideration(
        "stake",
        "Have we engaged people with an interest or stake in the solutions?",
        "No invited or confirmed partner has a stake in the solutions",
    ),
    Consideration(
        "skills",
        "Do our partners bring the skills and talents the project needs?",
        "Some skills the project needs are not brought by any invited or confirmed partner",
        "No skills are listed as needed yet: list the skills the project needs",
    ),
)

YOUTH_CONSIDERATION = Consideration(
    "youth",
    "Youth projects thrive when young people and their champions help plan, run and "
    "celebrate them. Are they part of this one?",
    "No youth or champion of youth is an invited or confirmed partner in this youth project",
)


class IngredientGuide(NamedTuple):
    label: str
    strong: str
    """What a strong partnership looks like on this ingredient."""


INGREDIENTS: dict[Ingredient, IngredientGuide] = {
    Ingredient.SHARED_VISION: IngredientGuide(
        "Shared vision", "Everyone can describe the same picture of success."
    ),
    Ingredient.COMMON_GOALS: IngredientGuide(
        "Common goals", "Partners agree on what the project must achieve and how to tell."
    ),
    Ingredient.COOPERATION: IngredientGuide(
        "Cooperation", "Partners help each other readily and share what they have."
    ),
    Ingredient.ACCOUNTABILITY: IngredientGuide(
        "Accountability", "Each partner does what it said it would, and says so when not."
    ),
    Ingredient.COMMUNICATION: IngredientGuide(
        "Communication", "News travels quickly and openly between all partners."
    ),
    Ingredient.COMMITMENT: IngredientGuide(
        "Commitment", "Partners keep giving time and effort, even when it gets hard."
    ),
    Ingredient.CONFLICT_RESOLUTION: IngredientGuide(
        "Resolving conflict", "Disagreements are raised early and worked out respectfully."
    ),
    Ingredient.LEADERSHIP: IngredientGuide(
        "Leadership", "Someone keeps the work moving, and leadership is shared where it can be."
    ),
    Ingredient.DESIRE_TO_WORK_TOGETHER: IngredientGuide(
        "Desire to work together", "Partners want to be here and value one another."
    ),
    Ingredient.FLEXIBILITY: IngredientGuide(
        "Flexibility", "Plans adapt when circumstances or partners' needs change."
    ),
    Ingredient.SHARED_DECISION_MAKING: IngredientGuide(
        "Shared decision-making", "Those affected by a decision have a real say in it."
    ),
}

SCALE: dict[int, str] = {1: "absent", 2: "weak", 3: "developing", 4: "good", 5: "strong"}
"""The one five-point scale used for every ingredient score."""

KIND_LABELS: dict[Kind, str] = {k: k.value.capitalize() for k in Kind}
STATUS_LABELS: dict[Status, str] = {s: s.value.capitalize() for s in Status}
RELATIONSHIP_LABELS: dict[Relationship, str] = {
    Relationship.NEW: "New partner",
    Relationship.FORMER: "Former partner",
}
CONTRIBUTION_LABELS: dict[ContributionKind, str] = {
    k: k.value.replace("-", " ").capitalize() for k in ContributionKind
}

REWARDS = (
    "Good partnerships take time, energy and trust. Try to understand every "
    "partner's point of view, bring everyone in, and honour what each one gives."
)
