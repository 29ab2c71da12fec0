"""Roles: not built yet; replaced by its own issue's work in this session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from partnertui.tui.screens.section import SectionScreen


class RolesScreen(SectionScreen):
    SECTION = "roles"
    GUIDE = "The Roles section is being built."

    def compose_body(self) -> ComposeResult:
        yield Static("The Roles section is not ready yet.", markup=False)

    def refresh_view(self) -> None:
        return
