"""Telling what people wrote apart: ingredients in column headings, partners, scores.

Survey tools number, group, quote and decorate the questions they export
("3) Shared vision: we can all describe…", "group_a/shared_vision", "Q1[SQ001]"),
and people answer in their own words ("4 - Strong", "Good", "Don't know"). Every
comparison here goes through :func:`fold`, so case, accents, punctuation and
numbering never decide whether two things are the same. Nothing here guesses:
a heading, a name or a score that could mean two things matches neither, and the
import asks for a mapping instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from partnertui.guidance import INGREDIENTS, SCALE
from partnertui.model import Ingredient, Partner

# -- folding --------------------------------------------------------------------------

_APOSTROPHES = re.compile("['’‘`´]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """``text`` as words to compare: lowercase ASCII letters and digits, one space
    between words ("Don’t know!" and "dont  KNOW" both give "dont know")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = _APOSTROPHES.sub("", ascii_text.lower())
    return _NOT_WORD.sub(" ", ascii_text).strip()


_NUMBERING = re.compile(r"^(?:q(?:uestion)?\s*)?\d+[a-z]?\b\s*")
"""A question number in front of a folded heading: "3", "q3", "question 12", "7b"."""


def _without_numbering(folded: str) -> str:
    return _NUMBERING.sub("", folded, count=1)


# -- ingredients ----------------------------------------------------------------------

_ALIASES: dict[Ingredient, tuple[str, ...]] = {
    Ingredient.CONFLICT_RESOLUTION: (
        "constructive means of resolving conflict",
        "resolving conflict",
        "conflict resolution",
        "resolution of conflict",
    ),
    Ingredient.SHARED_DECISION_MAKING: ("shared decision making", "shared decisions"),
    Ingredient.DESIRE_TO_WORK_TOGETHER: ("desire to work together", "willingness to work together"),
}


def _ingredient_names() -> list[tuple[str, Ingredient]]:
    """Every folded name an ingredient goes by, longest first, so "shared decision
    making" is tried before anything shorter that it starts with."""
    names: set[tuple[str, Ingredient]] = set()
    for ingredient in Ingredient:
        names.add((fold(ingredient.value), ingredient))
        names.add((fold(INGREDIENTS[ingredient].label), ingredient))
        for alias in _ALIASES.get(ingredient, ()):
            names.add((fold(alias), ingredient))
    return sorted(names, key=lambda pair: (-len(pair[0]), pair[0]))


NAMES = _ingredient_names()

COMMENT_WORDS = frozenset(
    [
        "comment",
        "comments",
        "why",
        "note",
        "notes",
        "remark",
        "remarks",
        "explain",
        "explanation",
        "reason",
        "reasons",
        "because",
        "other",
    ]
)
"""Words that make a heading the remark about a score rather than the score."""

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where a word ends inside a code written in camel case: LimeSurvey's question and
subquestion codes are letters and digits only, so "SharedVision" is how one is named."""
_COMMENT_ALONE = re.compile(r"^(?:any\s+)?(?:" + "|".join(sorted(COMMENT_WORDS)) + r")\s*\d*$")
_BRACKET = re.compile(r"\[([^\[\]]*)\]\s*$")


class Meaning(Enum):
    """What a column of answers holds."""

    SCORE = "score"
    NOTE = "note"


@dataclass(frozen=True)
class Heading:
    """What a column heading was understood as: an ingredient's score or its note,
    or (``ingredient`` None, ``meaning`` NOTE) a remark about the column before."""

    ingredient: Ingredient | None
    meaning: Meaning


def _starts_with(folded: str, name: str) -> str | None:
    """The words after ``name`` when ``folded`` starts with it as whole words."""
    if folded == name:
        return ""
    if folded.startswith(name + " "):
        return folded[len(name) + 1 :]
    return None


def _inside(folded: str, name: str) -> bool:
    return f" {name} " in f" {folded} "


def ingredient_in(text: str) -> Heading | None:
    """The ingredient a column heading asks about, and whether it holds the score or
    the remark; ``None`` when it names none, or more than one.

    Group prefixes ("group_x/"), numbering ("1.", "Q3", "3)") and what follows the
    name ("Shared vision: we can all describe…") are passed over. A bracketed last
    part, as Google Forms and LimeSurvey write the rows of a grid ("How strong is…
    [Shared vision]"), is looked at first. A code in camel case is read as words
    ("ING[SharedVision]").
    """
    text = _CAMEL.sub(" ", text.strip())
    bracket = _BRACKET.search(text)
    if bracket:
        inner = fold(bracket.group(1))
        outside = ingredient_in(text[: bracket.start()])
        if inner in COMMENT_WORDS and outside is not None:  # "shared_vision[comment]"
            return Heading(outside.ingredient, Meaning.NOTE)
        found = ingredient_in(bracket.group(1))
        if found is not None:
            return found
        text = text[: bracket.start()]
    if "/" in text:  # KoboToolbox writes a question's groups before its name
        text = text.rsplit("/", 1)[1]
    folded = _without_numbering(fold(text))
    if not folded:
        return None
    for name, ingredient in NAMES:
        rest = _starts_with(folded, name)
        if rest is not None:
            if any(_inside(rest, other) for other, i in NAMES if i is not ingredient):
                return None  # "Leadership and communication": two, so neither
            first = rest.split(" ", 1)[0]
            note = first in COMMENT_WORDS or _ends_in_comment_word(rest)
            return Heading(ingredient, Meaning.NOTE if note else Meaning.SCORE)
    named = {ingredient for name, ingredient in NAMES if _inside(folded, name)}
    if len(named) != 1:
        return None
    words = set(folded.split())
    return Heading(named.pop(), Meaning.NOTE if words & COMMENT_WORDS else Meaning.SCORE)


def _ends_in_comment_word(rest: str) -> bool:
    """ "… — your comment", "… (why?)": the remark is named at the end of a heading;
    a comment word in the middle ("describe why we are here") leaves it a score."""
    words = rest.split()
    return bool(words) and re.sub(r"\d+$", "", words[-1]) in COMMENT_WORDS


def is_remark_alone(text: str) -> bool:
    """A heading that is only a remark ("Why?", "Comments", "Any comments?", "Why?2"
    as Microsoft Forms numbers repeats): the note for the score column before it."""
    return bool(_COMMENT_ALONE.match(fold(text)))


def ingredient_named(text: str) -> tuple[Ingredient, Meaning] | None:
    """The ingredient a person wrote in a mapping ("leadership", "Shared vision
    comment", "leadership_note"), exactly one, or ``None``."""
    found = ingredient_in(text)
    if found is None or found.ingredient is None:
        return None
    return found.ingredient, found.meaning


# -- scores ---------------------------------------------------------------------------

DONT_KNOW = frozenset(
    fold(words)
    for words in (
        "don't know",
        "do not know",
        "dont_know",
        "n/a",
        "na",
        "not applicable",
        "not sure",
        "unsure",
        "no opinion",
        "can't say",
        "cannot say",
        "cannot judge",
        "i don't know",
        "i do not know",
        "i'm not sure",
        "don't know / not sure",
    )
)
"""How the tools' answer options say it: Google Forms and Microsoft Forms options are
the form's author's own words, and "I don't know" is the usual one."""

_NUMBER = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)(?=$|[^\d.,]|[.,]\D|[.,]$)")
_SCALE_WORDS = {fold(word): score for score, word in SCALE.items()}


class NotAScore(ValueError):
    """A cell that is neither a score, a "don't know", nor blank; the message says why."""


@dataclass(frozen=True)
class Cell:
    """One answer to one ingredient: a score, a "don't know", or nothing."""

    score: int | None = None
    dont_know: bool = False


BLANK = Cell()


def score_in(text: str) -> Cell:
    """The answer in a cell: "4", "4.0", "4 - Strong", "Good", "Don't know", "".

    Raises :class:`NotAScore` for a number off the 1–5 scale (or not whole) and for
    words that name no score, so that a mistyped answer is never dropped quietly.
    """
    if not text.strip():
        return BLANK
    folded = fold(text)
    if folded in DONT_KNOW or text.strip() == "?":
        return Cell(dont_know=True)
    number = _NUMBER.match(text)
    if number:
        written = number.group(1).replace(",", ".")
        value = float(written)
        if value != int(value):
            raise NotAScore(f"{written} is not a whole score (scores are 1, 2, 3, 4 or 5)")
        if not 1 <= value <= 5:
            raise NotAScore(f"{int(value)} is not on the scale of 1 to 5")
        return Cell(score=int(value))
    words = set(folded.split())
    named = {score for word, score in _SCALE_WORDS.items() if word in words}
    if len(named) == 1:
        return Cell(score=named.pop())
    scale = ", ".join(f"{n} {word}" for n, word in SCALE.items())
    raise NotAScore(f'this is not a score ({scale}, or "don\'t know")')


# -- respondents ----------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def emails_in(text: str) -> list[str]:
    """The e-mail addresses written in ``text`` (a partner's contact), lowercased."""
    return [found.lower() for found in _EMAIL.findall(text)]


class Partners:
    """Finds the partner a respondent cell names: an id, a name, an e-mail address.

    Built once per import: with 2,000 partners and 300 rows, looking through every
    partner for every cell would be most of the import's time.
    """

    def __init__(self, partners: list[Partner]) -> None:
        self.ids = {p.id: p for p in partners}
        self._names: dict[str, list[Partner]] = {}
        self._emails: dict[str, list[Partner]] = {}
        for partner in partners:
            self._names.setdefault(fold(partner.name), []).append(partner)
            for address in emails_in(partner.contact or ""):
                self._emails.setdefault(address, []).append(partner)

    def find(self, text: str) -> Partner | None:
        """The one partner ``text`` names, or ``None`` (no partner, or two)."""
        text = text.strip()
        if not text:
            return None
        if text in self.ids:
            return self.ids[text]
        addresses = emails_in(text)
        if addresses:
            found = {p.id: p for a in addresses for p in self._emails.get(a, [])}
            return next(iter(found.values())) if len(found) == 1 else None
        folded = fold(text)
        named = self._names.get(folded, [])
        if len(named) == 1:
            return named[0]
        by_id = self.ids.get(folded.replace(" ", "-"))
        return by_id if not named else None

    def guess(self, text: str) -> tuple[str, str]:
        """A partner ``text`` may mean, for a suggestion the person checks: its id and
        what the guess rests on ("the e-mail's domain", "the name"), or two empty
        strings. An address guesses the one partner whose contact has an address at
        its domain; a name, the partner whose name is most like it."""
        import difflib

        addresses = emails_in(text)
        if addresses:
            domain = addresses[0].rsplit("@", 1)[1]
            found = {
                p.id
                for address, partners in self._emails.items()
                if address.rsplit("@", 1)[1] == domain
                for p in partners
            }
            return (found.pop(), "the e-mail's domain") if len(found) == 1 else ("", "")
        folded = fold(text)
        match = difflib.get_close_matches(folded, list(self._names), n=1, cutoff=0.5)
        if match and len(self._names[match[0]]) == 1:
            return self._names[match[0]][0].id, "the name"
        return "", ""
