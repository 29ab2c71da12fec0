"""The only textual-serve internals ``partnertui serve`` uses, each with its reason.

textual-serve's public ``Server`` starts one workbook process per browser tab but
gives no way to reach those processes, and so no way to stop them in good order
when the server stops. Everything else in :mod:`partnertui.serve` uses its public
API (``Server``, ``AppService`` and their documented hooks). What is here has no
public way to do it. Besides these, the script the server adds to textual-serve's
page (:data:`partnertui.serve.server.KEYBOARD_ON_CONNECT`) finds the terminal by
the page's class names. ``tests/cli/test_serve_compat.py`` fails as soon as a new
textual-serve changes what an item relies on, and ``pyproject.toml`` bounds
textual-serve to the minor version the suite has passed on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asyncio.subprocess import Process

    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

__all__ = ["process_messages", "workbook_process"]


def workbook_process(service: AppService) -> Process:
    """The process a browser session's workbook runs in, once it has started.

    ``AppService`` keeps it as the private ``_process``. The server needs it to send
    the workbook SIGTERM when the server is stopped: on SIGTERM the workbook keeps
    its unsaved edits in its recovery file and lets go of the lock, where
    textual-serve alone would leave it running, holding the lock, after the server
    has gone.
    """
    process = service._process
    if process is None:
        raise RuntimeError("the browser session's workbook has not started")
    return process


async def process_messages(
    server: Server, websocket: web.WebSocketResponse, service: AppService
) -> None:
    """Pass what the browser sends (keys, resizes, focus) to the session's workbook,
    until the browser goes.

    ``Server._process_messages`` is textual-serve's own loop for this. The server
    replaces ``Server.handle_websocket`` to keep hold of each session, and calls
    this loop rather than copying it, so that messages a new textual-serve adds
    still reach the workbook.
    """
    await server._process_messages(websocket, service)
