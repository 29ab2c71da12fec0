"""The server behind ``partnertui serve``, and how it stops.

textual-serve's ``Server`` runs a workbook process for each browser tab, connected
to the tab by a websocket. Left to itself it stops badly: a signal while a tab is
open waits for the tab's websocket (aiohttp gives it a minute), the workbook is
never told, and a second ctrl+c breaks off the shutdown half way, which ends in a
"RuntimeError: Event loop is closed" traceback. :class:`WorkbookServer` keeps hold
of every session, and on the first SIGINT or SIGTERM sends each workbook SIGTERM
(it then keeps its unsaved edits in its recovery file and lets go of the lock),
waits for them, closes the tabs' websockets and stops; later signals are let be.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal
from asyncio.subprocess import Process
from collections.abc import Sequence
from typing import Any

from aiohttp import WSCloseCode, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from partnertui.serve import compat

__all__ = ["STOP_GRACE_SECONDS", "WorkbookServer", "workbook_command"]

STOP_GRACE_SECONDS = 3.0
"""How long a workbook has to close after SIGTERM (it takes well under a second)
before it is killed. Its edits reach the recovery file first thing on SIGTERM."""

log = logging.getLogger("partnertui.serve")

KEYBOARD_ON_CONNECT = """<script>
  // partnertui: give the workbook the keyboard once it is connected, so the keys a
  // person types reach it without clicking the page first.
  window.addEventListener("load", () => {
    const terminal = document.querySelector(".textual-terminal");
    if (!terminal) return;
    const focus = () => {
      const keys = terminal.querySelector(".xterm-helper-textarea");
      if (!terminal.classList.contains("-connected") || !keys) return false;
      if (!document.activeElement || document.activeElement === document.body) keys.focus();
      return true;
    };
    if (focus()) return;
    const watch = new MutationObserver(() => { if (focus()) watch.disconnect(); });
    watch.observe(terminal, {attributes: true, attributeFilter: ["class"]});
  });
</script>
"""
"""Put into textual-serve's page, whose terminal takes keys only once clicked."""


def with_keyboard_on_connect(page: str) -> str:
    """textual-serve's page, with :data:`KEYBOARD_ON_CONNECT` at the end of its body."""
    end = page.rfind("</body>")
    if end < 0:
        return page + KEYBOARD_ON_CONNECT
    return page[:end] + KEYBOARD_ON_CONNECT + page[end:]


def workbook_command(words: Sequence[str]) -> str:
    """The shell command each browser tab runs: ``words`` (the workbook on the file).

    textual-serve runs it through ``/bin/sh -c``. ``exec`` makes the shell become
    the workbook instead of waiting on it, so the process the server holds, and
    sends SIGTERM to, is the workbook itself.
    """
    command = shlex.join(words)
    return f"exec {command}" if os.name == "posix" else command


class Session:
    """One browser tab: its websocket and the workbook process it drives."""

    def __init__(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        self.websocket = websocket
        self.service = service
        self.process: Process | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def end_workbook(self) -> bool:
        """Send the workbook SIGTERM and wait for it; kill it if it does not end in
        :data:`STOP_GRACE_SECONDS`. True when it ended by itself."""
        process = self.process
        if process is None or process.returncode is not None:
            return True
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), STOP_GRACE_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            return False
        return True

    async def close(self) -> None:
        """Let go of everything the session holds, once its workbook has ended.

        Closing the workbook's input lets asyncio finish with the process while the
        event loop still runs; otherwise it is finished when the loop has closed,
        which prints "Event loop is closed".
        """
        await self.service.stop()
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.close()
            with contextlib.suppress(OSError):
                await self.process.stdin.wait_closed()


class WorkbookServer(Server):
    """textual-serve's server, which ends every tab's workbook when it is stopped.

    Run it with :meth:`~textual_serve.server.Server.serve`; afterwards
    :attr:`stopped_by` says which signal stopped it, and :attr:`workbooks_ended`
    and :attr:`workbooks_killed` what became of the tabs still open.
    """

    def __init__(self, command: str, **options: Any) -> None:
        super().__init__(command, **options)
        self._sessions: set[Session] = set()
        self.stopped_by: int | None = None
        self.workbooks_ended = 0
        self.workbooks_killed = 0

    # -- stopping ------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        """Take over SIGINT and SIGTERM, to know which one stopped the server.

        textual-serve's own banner is not printed: the command prints one line
        saying what is served where, and the banner would repeat it with the
        command each tab runs.
        """
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, self._stop_on_signal, signum)

    def request_exit(self) -> None:
        """textual-serve's handler, for a signal before :meth:`on_startup` ran."""
        self._stop_on_signal(0)

    def _stop_on_signal(self, signum: int) -> None:
        """The first signal starts stopping; one that comes while stopping (a second
        ctrl+c) is let be, so the stop finishes in good order."""
        if self.stopped_by is not None:
            return
        self.stopped_by = signum
        # aiohttp's own way to stop run_app, which then runs on_shutdown.
        raise GracefulExit()

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session before aiohttp waits for their websockets to finish."""
        sessions = list(self._sessions)
        running = [session for session in sessions if session.running]
        ended = await asyncio.gather(*(session.end_workbook() for session in running))
        self.workbooks_ended += sum(ended)
        self.workbooks_killed += len(ended) - sum(ended)
        for session in sessions:
            with contextlib.suppress(Exception):
                await session.websocket.close(
                    code=WSCloseCode.GOING_AWAY, message=b"partnertui serve stopped"
                )

    # -- the page ------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's page, which gives the workbook the keyboard on its own."""
        page = await super().handle_index(request)
        if isinstance(page, web.Response) and page.text is not None:
            page.text = with_keyboard_on_connect(page.text)
        return page

    # -- sessions ------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A browser tab connects: run its workbook until the tab or the server goes.

        What textual-serve's own handler does, keeping hold of the session so that
        :meth:`on_shutdown` can end it, and logging a failure in one plain line
        rather than a traceback.
        """
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        session = Session(websocket, service)
        self._sessions.add(session)
        try:
            await service.start(width, height)
            session.process = compat.workbook_process(service)
            await compat.process_messages(self, websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.error("A browser tab's workbook stopped: %s", error)
        finally:
            try:
                await session.close()
            finally:
                self._sessions.discard(session)
        return websocket
