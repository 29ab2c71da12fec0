"""The action form, shared by the Actions screen and the health view's "start an action".

Owners are offered by name and saved by id, and ingredients by their label, so a
person never types an id or an ingredient key and never makes a broken reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnertui.analysis import by_name
from partnertui.guidance import INGREDIENTS
from partnertui.model import Ingredient
from partnertui.tui.display import plain
from partnertui.tui.widgets.form import FormDialog, FormField

if TYPE_CHECKING:
    from partnertui.tui.workbook import Workbook

NO_INGREDIENT = "Not about one ingredient"
NO_OWNER = "Nobody yet"


def action_dialog(
    workbook: Workbook, index: int | None = None, *, ingredient: Ingredient | None = None
) -> FormDialog:
    """Add an action (``index`` None), or edit the one at ``index``.

    Dismisses with the index of the action saved. ``ingredient`` prefills a new
    action's ingredient, for an action started from the health view.
    """
    project = workbook.project
    action = project.actions[index] if index is not None else None
    about = action.ingredient if action else ingredient
    owners = [(NO_OWNER, None), *((plain(p.name), p.id) for p in by_name(project.partners))]
    if action and action.owner and project.partner(action.owner) is None:
        owners.append((f"{plain(action.owner)} (not a partner)", action.owner))
    placeholder = (
        f"What will the partnership do about {INGREDIENTS[about].label.lower()}?"
        if about
        else "What will the partnership do?"
    )
    fields = [
        FormField("text", "Action", value=action.text if action else "", placeholder=placeholder),
        FormField(
            "ingredient",
            "Ingredient",
            "choice",
            about,
            [(NO_INGREDIENT, None), *((INGREDIENTS[i].label, i) for i in Ingredient)],
        ),
        FormField("owner", "Owner", "choice", action.owner if action else None, owners),
        FormField("due", "Due", "date", action.due if action else None),
    ]
    if action is None:

        def add(values: dict) -> int:
            workbook.add_action(values)
            return len(workbook.project.actions) - 1

        title = "Start an action"
        if about:
            title += f" for {INGREDIENTS[about].label.lower()}"
        return FormDialog(title, fields, add, save_label="Add")

    fields.append(FormField("done", "Done?", "flag", action.done))

    def update(values: dict) -> int | None:
        workbook.update_action(index, values)
        return index

    return FormDialog("Edit action", fields, update)
