"""What partnertui.serve.compat relies on inside textual-serve still holds.

Each test fails when a new textual-serve changes what one item of compat relies
on; the item must then be looked at again (and the bound in pyproject.toml moved).
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual_serve")

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from partnertui.serve import compat, workbook_command


async def _nothing(*_args: object) -> None:
    return None


async def test_a_session_s_process_is_the_command_itself(tmp_path):
    """The process textual-serve holds is the one the command runs (the shell
    ``exec``s it), so a signal sent to it reaches the workbook."""
    said = tmp_path / "pid"
    script = (
        f"import os, pathlib, sys; pathlib.Path({str(said)!r}).write_text(str(os.getpid())); "
        "sys.stdin.read()"
    )
    service = AppService(
        workbook_command([sys.executable, "-c", script]),
        write_bytes=_nothing,
        write_str=_nothing,
        close=_nothing,
        download_manager=DownloadManager(),
    )
    await service.start(80, 24)
    process = compat.workbook_process(service)
    assert isinstance(process, asyncio.subprocess.Process)
    for _ in range(200):
        if said.exists() and said.read_text():
            break
        await asyncio.sleep(0.05)
    assert int(said.read_text()) == process.pid
    process.terminate()
    await asyncio.wait_for(service.stop(), 10)
    assert await asyncio.wait_for(process.wait(), 10) is not None


def test_a_session_not_started_has_no_process():
    service = AppService(
        "true",
        write_bytes=_nothing,
        write_str=_nothing,
        close=_nothing,
        download_manager=DownloadManager(),
    )
    with pytest.raises(RuntimeError, match="has not started"):
        compat.workbook_process(service)


def test_the_message_loop_is_a_coroutine_taking_the_websocket_and_the_service():
    loop = Server._process_messages
    assert inspect.iscoroutinefunction(loop)
    assert list(inspect.signature(loop).parameters) == ["self", "websocket", "app_service"]


def test_the_websocket_handler_replaced_is_the_one_the_routes_use():
    """The server replaces ``handle_websocket`` (and ``on_startup``, ``on_shutdown``);
    textual-serve's routes must still call them by name on the server."""
    source = inspect.getsource(Server._make_app)
    for name in ("self.handle_websocket", "self.on_startup", "self.on_shutdown"):
        assert name in source
    assert "AppService(" in inspect.getsource(Server.handle_websocket)


def test_the_page_still_names_what_the_keyboard_script_looks_for():
    """The script the server adds to the page finds the terminal by textual-serve's
    class names, and waits for the class its script adds once connected."""
    import textual_serve

    package = Path(textual_serve.__file__).parent
    page = (package / "templates" / "app_index.html").read_text(encoding="utf-8")
    script = (package / "static" / "js" / "textual.js").read_text(encoding="utf-8")
    assert 'class="textual-terminal"' in page
    assert "</body>" in page
    assert 'classList.add("-connected")' in script
    assert "xterm-helper-textarea" in script
