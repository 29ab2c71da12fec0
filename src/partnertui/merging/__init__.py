"""Two people's versions of one project merged by what they are about, not by line.

git merges text line by line, which for a project file means two actions added at
the end conflict, and a rename on one side and a new role on the other may too.
Here the three versions (the common ancestor and both sides) are matched piece by
piece (:mod:`.identity`), each piece's fields merged on their own
(:mod:`.three_way`), and the result written canonically, with any real conflict
between git's markers around just the field it is about (:mod:`.render`).

Pure: text or projects in, text out; reading files and running git is the command
line's. No piece either side had is ever dropped unless that side deleted it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from partnertui.merging.identity import matched, matched_actions
from partnertui.merging.render import Markers, field_conflicts, whole_block
from partnertui.merging.three_way import Conflict, merge_fields
from partnertui.model import Action, Assessment, Partner, Project, ProjectInfo, Round

__all__ = ["Markers", "Merged", "merge"]

_LISTS: dict[type, frozenset[str]] = {
    ProjectInfo: frozenset({"skills_needed"}),
    Partner: frozenset({"skills", "responsibilities", "contributions"}),
    Round: frozenset({"invited"}),
    Assessment: frozenset({"dont_know"}),
    Action: frozenset(),
}
_TABLES: dict[type, frozenset[str]] = {Assessment: frozenset({"scores", "notes"})}
_KINDS = {Partner: "partners", Round: "rounds", Assessment: "assessments", Action: "actions"}


@dataclass(frozen=True)
class PieceConflict:
    """A piece whose fields conflict: its two views and the conflicting fields' paths."""

    ours: Any
    theirs: Any
    fields: dict[tuple[str, ...], Conflict]


@dataclass(frozen=True)
class DeletedOrEdited:
    """A piece one side deleted and the other edited; ``ours_has_it`` says which kept it."""

    piece: Any
    ours_has_it: bool


@dataclass
class Merged:
    """The merged project (taking our value where the sides conflict) and its conflicts.

    ``project`` holds every piece either side kept, so it is what the file will
    hold once each conflict is resolved in our favour.
    """

    project: Project
    _special: dict[int, PieceConflict | DeletedOrEdited] = field(default_factory=dict)

    @property
    def conflicts(self) -> int:
        """How many conflicts the person has to resolve."""
        return sum(
            len(s.fields) if isinstance(s, PieceConflict) else 1 for s in self._special.values()
        )

    def text(self, markers: Markers | None = None) -> str:
        """The merged file: canonical, conflicts between markers."""
        from partnertui.storage import canonical

        markers = markers or Markers()
        project = self.project
        if not self._special:
            return canonical.dumps(project)
        blocks = [self._block(project.project, canonical.head_block(project), markers)]
        for pieces, writer, order in (
            (project.partners, canonical.partner_block, canonical.partner_order),
            (project.rounds, canonical.round_block, canonical.round_order),
            (project.assessments, canonical.assessment_block, canonical.assessment_order),
            (project.actions, canonical.action_block, None),
        ):
            ordered = sorted(pieces, key=order) if order is not None else pieces
            blocks += [self._block(piece, writer(piece), markers, writer) for piece in ordered]
        return canonical.join_blocks(blocks)

    def _block(self, piece: Any, text: str, markers: Markers, writer: Any = None) -> str:
        special = self._special.get(id(piece))
        if special is None:
            return text
        if isinstance(special, DeletedOrEdited):
            return whole_block(text, ours_has_it=special.ours_has_it, markers=markers)
        if writer is None:  # the project's details: the head of the file
            from partnertui.storage import canonical

            def writer(info: ProjectInfo) -> str:
                return canonical.head_block(self.project.model_copy(update={"project": info}))

            prefix: tuple[str | int, ...] = ("project",)
        else:
            prefix = (_KINDS[type(piece)], 0)
        paths = {(*prefix, *path) for path in special.fields}
        return field_conflicts(writer(special.ours), writer(special.theirs), paths, markers)


def merge(base: Project | None, ours: Project, theirs: Project) -> Merged:
    """``ours`` and ``theirs`` merged from their common ``base`` (``None``: none; both
    sides added everything they hold)."""
    special: dict[int, PieceConflict | DeletedOrEdited] = {}
    empty = Project.model_construct(
        schema_version=ours.schema_version,
        project=ours.project,
        partners=[],
        rounds=[],
        assessments=[],
        actions=[],
    )
    b = base if base is not None else empty
    info = _piece(
        ProjectInfo, b.project if base is not None else None, ours.project, theirs.project, special
    )
    pieces: dict[str, list[Any]] = {}
    for name, key in (
        ("partners", _partner_key),
        ("rounds", _round_key),
        ("assessments", _response_key),
    ):
        triples = matched(getattr(b, name), getattr(ours, name), getattr(theirs, name), key)
        pieces[name] = _pieces(triples, special)
    pieces["actions"] = _pieces(
        [_same_id(t) for t in matched_actions(b.actions, ours.actions, theirs.actions)], special
    )
    project = Project.model_construct(schema_version=ours.schema_version, project=info, **pieces)
    return Merged(project, special)


def _partner_key(p: Partner) -> str:
    return p.id


def _round_key(r: Round) -> str:
    return r.name


def _response_key(a: Assessment) -> tuple[str, str]:
    return (a.round, a.respondent)


def _same_id(triple: tuple[Action | None, ...]) -> tuple[Action | None, ...]:
    """The one id a matched action keeps (ours', else theirs', else base's), given to
    all three versions so that ids given apart on each side are no change."""
    chosen = next((a.id for a in (triple[1], triple[2], triple[0]) if a and a.id), None)
    return tuple(
        a.model_copy(update={"id": chosen}) if a is not None and a.id != chosen else a
        for a in triple
    )


def _pieces(triples: list[tuple[Any, Any, Any]], special: dict[int, Any]) -> list[Any]:
    out = []
    for base, ours, theirs in triples:
        if ours is None and theirs is None:
            continue  # deleted on both sides, or only ever in base
        if ours is None or theirs is None:
            kept = ours if ours is not None else theirs
            if base is None:
                out.append(kept)  # added on one side
            elif kept != base:  # deleted on one side, edited on the other
                special[id(kept)] = DeletedOrEdited(kept, ours_has_it=ours is not None)
                out.append(kept)
            continue  # deleted on one side, unchanged on the other: deleted
        out.append(_piece(type(ours), base, ours, theirs, special))
    return out


def _piece(kind: type, base: Any, ours: Any, theirs: Any, special: dict[int, Any]) -> Any:
    if ours is theirs or ours == theirs or (base is not None and theirs == base):
        return ours
    if base is not None and ours == base:
        return theirs
    fields = merge_fields(
        base.model_dump() if base is not None else None,
        ours.model_dump(),
        theirs.model_dump(),
        lists=_LISTS[kind],
        tables=_TABLES.get(kind, frozenset()),
    )
    merged = kind.model_validate(fields.ours)
    if fields.conflicts:
        special[id(merged)] = PieceConflict(
            merged, kind.model_validate(fields.theirs), fields.conflicts
        )
    return merged
