"""Questions the workbook asks: confirmations and choices between a few answers.

Every answer is a button and a single key (shown on the button), so a choice never
needs the mouse; Escape always means "leave things as they are".
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from partnertui.tui.display import shortened

Choice = tuple[str, str, str, str]
"""(key, answer id, button label, button variant)."""
BULLETS = (" • ", "  → ")
"""How a listed line starts (an edit kept, an action owned, a hint under a problem)."""


def hanging(body: str | Text) -> Group:
    """``body`` with each listed line's wrapped lines under its words, not its bullet.

    A Rich text wraps every line back to the left edge, so a long item ran under
    its own bullet and the list read as one block. Each line that starts with one of
    :data:`BULLETS` is shown as a bullet beside its words instead."""
    lines = (body if isinstance(body, Text) else Text(body)).split("\n", allow_blank=True)
    parts: list[Text | Table] = []
    for line in lines:
        bullet = next((b for b in BULLETS if line.plain.startswith(b)), None)
        if bullet is None:
            parts.append(line)
            continue
        item = Table.grid()
        item.add_column(no_wrap=True, width=len(bullet))
        item.add_column(ratio=1)
        item.add_row(line[: len(bullet)], line[len(bullet) :])
        parts.append(item)
    return Group(*parts)


class ChoiceDialog(ModalScreen[str | None]):
    """Ask one question; dismisses with the chosen answer's id, or ``None`` on Escape."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("left", "app.focus_previous", "Previous answer", show=False),
        Binding("right", "app.focus_next", "Next answer", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > #dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    ChoiceDialog #question { text-style: bold; margin-bottom: 1; max-height: 3; }
    ChoiceDialog #body { height: auto; max-height: 14; }
    ChoiceDialog #answers { height: auto; margin-top: 1; align-horizontal: right; }
    ChoiceDialog #answers Button { margin-left: 1; }
    """

    def __init__(self, question: str, body: str | Text, choices: Sequence[Choice]) -> None:
        super().__init__()
        self.question = shortened(question)
        self.body = body
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question", markup=False)
            with VerticalScroll(id="body"):
                yield Static(hanging(self.body), markup=False)
            with Horizontal(id="answers"):
                for key, answer, label, variant in self.choices:
                    yield Button(
                        f"{label} ({key})", id=f"answer-{answer}", variant=variant, compact=True
                    )

    def on_mount(self) -> None:
        # The first answer is the considered default; Enter takes it.
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for key, answer, _label, _variant in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-"))


def confirm(question: str, body: str | Text, yes: str, *, danger: bool = True) -> ChoiceDialog:
    """A yes/no question whose safe answer comes first, so Enter never destroys."""
    return ChoiceDialog(
        question,
        body,
        [("n", "no", "Cancel", "default"), ("y", "yes", yes, "error" if danger else "primary")],
    )
