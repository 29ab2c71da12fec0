"""The partner and project-details forms, shared by every screen that offers them.

A partner given the name of another one already in the project is added (or
renamed) only when saved a second time: most often it is the same partner
entered twice, but two partners may share a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnertui.guidance import KIND_LABELS, RELATIONSHIP_LABELS, ROLES, STATUS_LABELS
from partnertui.model import Kind, Partner, ProjectInfo, Relationship, Role, Status
from partnertui.tui.display import plain
from partnertui.tui.widgets.form import FormDialog, FormField, WarnedOnce

if TYPE_CHECKING:
    from partnertui.tui.workbook import Workbook


def partner_dialog(workbook: Workbook, partner: Partner | None = None) -> FormDialog:
    """Add a partner (``partner`` is None) or edit one; dismisses with the saved Partner."""
    p = partner or Partner(id="new", name="new")
    fields = [
        FormField("name", "Name", value=partner.name if partner else ""),
        FormField("kind", "Kind", "choice", p.kind, [(KIND_LABELS[k], k) for k in Kind]),
        FormField(
            "relationship",
            "Relationship",
            "choice",
            p.relationship,
            [(RELATIONSHIP_LABELS[r], r) for r in Relationship],
        ),
        FormField("status", "Status", "choice", p.status, [(STATUS_LABELS[s], s) for s in Status]),
        FormField("contact", "Contact", value=p.contact, placeholder="name, email or phone"),
        FormField("affected_by_issue", "Most affected?", "flag", p.affected_by_issue),
        FormField("stake_in_solutions", "Stake in solutions?", "flag", p.stake_in_solutions),
        FormField("youth", "Youth or champion?", "flag", p.youth),
        FormField("skills", "Skills they bring", "list", p.skills),
        FormField(
            "role",
            "Role",
            "choice",
            p.role,
            [("Not yet assigned", None), *((ROLES[r].label, r) for r in Role)],
        ),
        FormField("notes", "Notes", "multiline", p.notes),
    ]
    same_name = WarnedOnce()
    editing = partner.id if partner else None
    going_ahead = "add this one as well" if partner is None else "give this one the same name"

    def save(values: dict) -> Partner:
        name = str(values.get("name", ""))
        other = workbook.partner_named(name, besides=editing) if name.strip() else None
        if other is not None:
            same_name.check(
                name.strip().casefold(),
                "name",
                f"A partner named {plain(other.name)} is already in the project. Save "
                f"again (ctrl+s) to {going_ahead}, or change the name.",
            )
        if partner is None:
            return workbook.add_partner(values)
        return workbook.update_partner(partner.id, values)

    if partner is None:
        return FormDialog("Add a partner", fields, save, save_label="Add")
    return FormDialog(f"Edit partner “{partner.name}” (id {partner.id})", fields, save)


def details_dialog(workbook: Workbook) -> FormDialog:
    """Edit the project's own details (the ``[project]`` table)."""
    info: ProjectInfo = workbook.project.project
    fields = [
        FormField("name", "Project name", value=info.name),
        FormField("issue", "Issue addressed", value=info.issue),
        FormField("description", "Description", "multiline", info.description),
        FormField("lead_organization", "Lead organization", value=info.lead_organization),
        FormField("community", "Community", value=info.community),
        FormField("start", "Starts", "date", info.start),
        FormField("end", "Ends", "date", info.end),
        FormField("youth_oriented", "Youth project?", "flag", info.youth_oriented),
        FormField("skills_needed", "Skills needed", "list", info.skills_needed),
        FormField("currency", "Currency", value=info.currency, placeholder="e.g. CAD"),
        # Labels short enough for the label column, so the form still fits 24 lines.
        FormField("minimum_to_show", "Minimum to show", "number", info.minimum_to_show),
        FormField(
            "groups",
            "Anonymous groups",
            "list",
            info.groups,
            placeholder="e.g. community, agency; empty: the kinds of partner",
        ),
    ]
    return FormDialog("Project details", fields, workbook.update_details)
