"""One dialog for every form in the workbook, described by a list of fields.

Each field is a label and one compact control on a single line, so that even the
partner form fits a 24-line terminal. The dialog turns what was typed into values
(lists, dates, money), hands them to ``submit``, and shows any ``FormErrors`` beside
the fields they belong to while staying open: nothing typed is lost on a mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from partnertui.tui.display import plain, shortened
from partnertui.tui.widgets.path_field import PathInput
from partnertui.tui.widgets.safe_fields import SafeInput, SafeTextArea
from partnertui.tui.workbook import EditRefused, FormErrors
from partnertui.typed_paths import PathCompletion

FieldKind = Literal[
    "text", "multiline", "choice", "flag", "list", "date", "money", "number", "path"
]


@dataclass(frozen=True)
class FormField:
    """One labelled control. ``value`` is the model's value, not the text shown."""

    name: str
    label: str
    kind: FieldKind = "text"
    value: Any = None
    choices: Sequence[tuple[str, Any]] = field(default_factory=tuple)
    """(label, value) pairs for a ``choice`` field; a value of ``None`` means "not set"."""
    placeholder: str = ""
    completion: PathCompletion | None = None
    """For a ``path`` field: where the names it completes are looked for."""
    explanation: str = ""
    """One plain line under the field, for a choice whose meaning the label cannot carry."""


def _shown(spec: FormField) -> str:
    if spec.kind == "list":
        return ", ".join(spec.value or [])
    if spec.kind == "date":
        return spec.value.isoformat() if spec.value else ""
    if spec.kind == "money":
        return "" if spec.value is None else f"{spec.value:g}"
    return "" if spec.value is None else str(spec.value)


def _empty(spec: FormField) -> Any:
    """What a field left empty means, for a field given no value."""
    if spec.kind in ("text", "multiline", "path"):
        return ""
    if spec.kind == "list":
        return []
    if spec.kind == "flag":
        return False
    return None


def _yes_no(checked: bool) -> str:
    """A checkbox's state in words: the box alone differs from "off" only by colour."""
    return "yes" if checked else "no"


class WarnedOnce:
    """What a form warns about on the first save and does on a second save of the same
    value: the person saved again knowing. Typing something else warns afresh.

    For what is not wrong but may be a slip: replacing a file that exists, adding a
    partner named like one already there.
    """

    def __init__(self) -> None:
        self._warned: set[Hashable] = set()

    def check(self, value: Hashable, field: str, warning: str) -> None:
        """Raise :class:`FormErrors` with ``warning`` beside ``field``, unless ``value``
        was warned about already."""
        if value not in self._warned:
            self._warned.add(value)
            raise FormErrors({field: warning})

    def replacing(self, target: Path, field: str) -> None:
        """Warn once that ``target`` exists, in a form whose one field names it (so
        Enter saves as well as ctrl+s)."""
        self.check(
            target,
            field,
            f"{plain(target.name)} already exists. Press ctrl+s again to replace it "
            "(Enter works too), or change the name.",
        )


class FormDialog(ModalScreen[Any]):
    """A modal form; dismisses with whatever ``submit`` returned, or ``None`` if cancelled."""

    GUIDE = (
        "Fill in the fields and save. Tab and shift+Tab move between fields; on a "
        "choice, Enter opens the list and the arrow keys pick; space ticks a yes/no "
        "box; lists take items separated by commas. A field that needs fixing says "
        "why beside it, and nothing you typed is lost. Escape cancels (it asks first "
        "if you changed something)."
    )

    AUTO_FOCUS = ".control"
    """The first field has focus as soon as the dialog shows (not a moment later)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Cancel this form"),
        Binding("ctrl+s,ctrl+enter", "submit", "Save", priority=True, tooltip="Save this form"),
        # A dialog cuts the app's keys off, so help is offered here too.
        Binding("f1", "app.help", "Help", tooltip="Show keys and a guide"),
    ]

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > #dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormDialog #title { text-style: bold; margin-bottom: 1; max-height: 3; }
    FormDialog #fields { height: auto; max-height: 100%; }
    FormDialog .row { grid-size: 2; grid-columns: 20 1fr; height: auto; }
    FormDialog .row > .label { padding-top: 0; color: $text-muted; }
    FormDialog .row.-multiline { height: 4; }
    /* A TextArea pads its text by one column where a compact Input does not: without
       this, a multi-line field's text sits one column right of the others'. */
    FormDialog .row TextArea { padding: 0 1 0 0; }
    FormDialog .row Checkbox { border: none; padding: 0; height: 1; }
    FormDialog .explanation { color: $text-muted; padding-left: 20; height: auto; }
    FormDialog .error { color: $error; padding-left: 20; display: none; height: auto; }
    FormDialog .error.-shown { display: block; }
    FormDialog #general { color: $error; display: none; height: auto; max-height: 4; }
    FormDialog #general.-shown { display: block; }
    FormDialog #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormDialog #buttons Button { margin-left: 2; }
    FormDialog #hint { color: $text-muted; height: 1; }
    """

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        submit: Callable[[dict[str, Any]], Any],
        *,
        save_label: str = "Save",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.submit = submit
        self.save_label = save_label
        self._initial: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(shortened(plain(self.title_text)), id="title", markup=False)
            with VerticalScroll(id="fields"):
                for spec in self.fields:
                    with Grid(classes="row -multiline" if spec.kind == "multiline" else "row"):
                        yield Static(spec.label, classes="label", markup=False)
                        yield self._control(spec).add_class("control")
                    if spec.explanation:
                        yield Static(spec.explanation, classes="explanation", markup=False)
                    yield Static("", id=f"error-{spec.name}", classes="error", markup=False)
            yield Static("", id="general", markup=False)
            yield Static(self._hint(), id="hint", markup=False)
            with Horizontal(id="buttons"):
                yield Button(self.save_label, id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def _hint(self) -> str:
        last = self.fields[-1].kind if self.fields else ""
        enter_saves = last in ("text", "list", "date", "money", "number", "path")  # an Input
        saves = "ctrl+s or Enter on last field saves" if enter_saves else "ctrl+s saves"
        if [spec.kind for spec in self.fields] == ["path"]:
            return "→ takes the name · Tab completes · Enter saves · Esc cancels · F1 help"
        return f"Tab moves · {saves} · Esc cancels · F1 help"

    def _control(self, spec: FormField) -> Widget:
        wid = f"field-{spec.name}"
        if spec.kind == "multiline":
            area = SafeTextArea(spec.value or "", id=wid, compact=True, tab_behavior="focus")
            area.show_line_numbers = False
            return area
        if spec.kind == "choice":
            options = [
                (label, str(value) if value is not None else "") for label, value in spec.choices
            ]
            current = "" if spec.value is None else str(spec.value)
            return Select(options, value=current, id=wid, allow_blank=False, compact=True)
        if spec.kind == "flag":
            return Checkbox(_yes_no(bool(spec.value)), bool(spec.value), id=wid, compact=True)
        if spec.kind == "path":
            where = spec.completion or PathCompletion()
            return PathInput(
                _shown(spec), spec=where, id=wid, placeholder=spec.placeholder, compact=True
            )
        placeholder = spec.placeholder or {
            "list": "separate items with commas",
            "date": "YYYY-MM-DD",
            "money": "amount, e.g. 1200",
            "number": "a whole number",
        }.get(spec.kind, "")
        return SafeInput(_shown(spec), id=wid, placeholder=placeholder, compact=True)

    def on_mount(self) -> None:
        self._initial = self._raw()

    def _raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, TextArea):
                raw[spec.name] = widget.text
            elif isinstance(widget, (Select, Checkbox, Input)):
                raw[spec.name] = widget.value
        return raw

    def _values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """What the controls hold, as model values, and any that could not be read."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        raw = self._raw()
        for spec in self.fields:
            value = raw[spec.name]
            if spec.name in self._initial and value == self._initial[spec.name]:
                # Untouched: the value as it was, not as the control shows it (a text
                # area reads a note's \r back as \n), so an unchanged form is no edit.
                values[spec.name] = spec.value if spec.value is not None else _empty(spec)
                continue
            if spec.kind == "list":
                values[spec.name] = [item.strip() for item in value.split(",") if item.strip()]
            elif spec.kind == "date":
                text = value.strip()
                try:
                    values[spec.name] = dt.date.fromisoformat(text) if text else None
                except ValueError:
                    errors[spec.name] = "write a date like 2026-09-15"
            elif spec.kind == "money":
                text = value.strip().replace(",", "").replace("$", "")
                try:
                    values[spec.name] = float(text) if text else None
                except ValueError:
                    errors[spec.name] = "write an amount as a number, e.g. 1200 or 99.50"
            elif spec.kind == "number":
                text = value.strip()
                if text.isdigit():
                    values[spec.name] = int(text)
                else:
                    errors[spec.name] = "write a whole number, such as 3"
            elif spec.kind == "choice":
                match = [v for _, v in spec.choices if (str(v) if v is not None else "") == value]
                values[spec.name] = match[0] if match else None
            else:
                values[spec.name] = value
        return values, errors

    def _show_errors(self, errors: dict[str, str], general: str = "") -> None:
        names = {spec.name for spec in self.fields}
        for spec in self.fields:
            box = self.query_one(f"#error-{spec.name}", Static)
            message = errors.get(spec.name, "")
            box.update(f"⚠ {message}" if message else "")
            box.set_class(bool(message), "-shown")
        leftover = [f"{k}: {v}" for k, v in errors.items() if k not in names]
        if general:
            leftover.insert(0, general)
        box = self.query_one("#general", Static)
        box.update("⚠ " + "; ".join(leftover) if leftover else "")
        box.set_class(bool(leftover), "-shown")
        first_bad = next((spec.name for spec in self.fields if spec.name in errors), None)
        if first_bad:
            self.query_one(f"#field-{first_bad}").focus()

    def action_submit(self) -> None:
        values, errors = self._values()
        if errors:
            self._show_errors(errors)
            return
        try:
            result = self.submit(values)
        except FormErrors as problem:
            self._show_errors(problem.errors)
            return
        except EditRefused as refused:
            self._show_errors({}, str(refused))
            return
        self.dismiss(result if result is not None else values)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Checkbox.Changed)
    def _say_yes_or_no(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = _yes_no(event.value)

    @on(Input.Submitted)
    def _enter_in_input(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"field-{self.fields[-1].name}":
            self.action_submit()
        else:
            self.focus_next()

    def action_cancel(self) -> None:
        if self._raw() == self._initial:
            self.dismiss(None)
            return
        from partnertui.tui.widgets.dialogs import ChoiceDialog

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)

        self.app.push_screen(
            ChoiceDialog(
                "Discard your changes?",
                "You have typed changes in this form that are not saved yet.",
                [
                    ("k", "keep", "Keep editing", "primary"),
                    ("d", "discard", "Discard changes", "error"),
                ],
            ),
            answer,
        )
