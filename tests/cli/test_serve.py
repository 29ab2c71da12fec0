"""``partnertui serve``: the workbook answers a browser on this computer, and stops."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("textual_serve")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(*words: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "partnertui", "serve", *words],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def fetch(url: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                assert answer.status == 200
                return answer.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.terminate()
    try:
        return process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("partnertui serve did not stop when asked to")


def test_the_served_workbook_answers_on_localhost(examples: Path):
    port = free_port()
    path = examples / "riverside-youth.toml"
    process = serve(str(path), "--port", str(port))
    try:
        page = fetch(f"http://127.0.0.1:{port}/")
    finally:
        out, err = stop(process)
    assert "textual" in page.lower()
    assert f"http://127.0.0.1:{port}" in page
    assert process.returncode is not None
    assert f"Serving {path} at http://127.0.0.1:{port}" in out
    assert "warning" not in err


def test_another_host_is_served_with_a_warning(examples: Path):
    port = free_port()
    process = serve(
        str(examples / "riverside-youth.toml"), "--port", str(port), "--host", "0.0.0.0"
    )
    try:
        fetch(f"http://127.0.0.1:{port}/")
    finally:
        _out, err = stop(process)
    assert "warning: listening on 0.0.0.0" in err
    assert "can read and change" in err


def test_a_port_in_use_is_a_message(examples: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "partnertui", "serve", str(examples / "riverside-youth.toml"),
             "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )  # fmt: skip
    assert result.returncode == 2
    assert f"partnertui serve: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_out_of_range_is_a_usage_error():
    result = subprocess.run(
        [sys.executable, "-m", "partnertui", "serve", "x.toml", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "--port 70000 is not a port" in result.stderr


def test_the_served_command_runs_this_python_on_the_file(monkeypatch, tmp_path):
    """What each browser tab runs: this interpreter, the workbook, the file and settings,
    with the shell replaced by the workbook so that a signal reaches it."""
    import shlex

    import partnertui.serve
    from partnertui import cli

    made: dict[str, object] = {}

    class FakeServer:
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            made.update(command=command, host=host, port=port, title=title)
            self.public_url = f"http://{host}:{port}"
            self.stopped_by = None
            self.workbooks_ended = self.workbooks_killed = 0

        def serve(self) -> None:
            made["served"] = True

    monkeypatch.setattr(partnertui.serve, "WorkbookServer", FakeServer)
    monkeypatch.chdir(tmp_path)
    status = cli.main(["serve", "plan.toml", "--config", "mine.toml", "--port", "8123"])
    assert status == 0
    assert shlex.split(str(made["command"])) == [
        "exec",
        sys.executable,
        "-m",
        "partnertui",
        "--config",
        str(tmp_path / "mine.toml"),
        str(tmp_path / "plan.toml"),
    ]
    assert (made["host"], made["port"], made["title"], made["served"]) == (
        "127.0.0.1",
        8123,
        "plan.toml",
        True,
    )


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_a_signal_stops_the_idle_server_quietly(examples: Path, signum: int, status: int):
    """ctrl+c ends serve with 130, as it ends every command; SIGTERM is a stop asked for."""
    port = free_port()
    path = examples / "riverside-youth.toml"
    process = serve(str(path), "--port", str(port))
    try:
        fetch(f"http://127.0.0.1:{port}/")
        asked = time.monotonic()
        process.send_signal(signum)
        out, err = process.communicate(timeout=10)
        took = time.monotonic() - asked
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == status
    assert took < 5
    assert f"Stopped serving {path}." in out
    assert "browser tab" not in out
    for text in (out, err):
        assert "Traceback" not in text
        assert "Error" not in text


def test_the_message_on_stopping_counts_the_tabs_closed():
    from partnertui.serve_command import _stopped as _serve_stopped

    plan = Path("plans/plan.toml")
    assert _serve_stopped(plan, 0, 0) == "Stopped serving plans/plan.toml."
    assert "Closed the workbook in 2 browser tabs; any unsaved edits are kept" in (
        _serve_stopped(plan, 2, 0)
    )
    said = _serve_stopped(plan, 0, 1)
    assert "1 workbook did not close in time and was stopped" in said


def test_the_page_gets_the_script_that_gives_the_workbook_the_keyboard():
    from partnertui.serve.server import KEYBOARD_ON_CONNECT, with_keyboard_on_connect

    page = "<html><body><div id=terminal></div></body></html>"
    assert with_keyboard_on_connect(page) == (
        "<html><body><div id=terminal></div>" + KEYBOARD_ON_CONNECT + "</body></html>"
    )
    assert with_keyboard_on_connect("<p>no body</p>") == "<p>no body</p>" + KEYBOARD_ON_CONNECT


async def test_a_workbook_that_ignores_sigterm_is_killed_after_the_grace(monkeypatch):
    import asyncio

    from partnertui.serve import server

    monkeypatch.setattr(server, "STOP_GRACE_SECONDS", 0.5)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(60)",
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    assert await asyncio.wait_for(process.stdout.readline(), 10) == b"ready\n"
    session = server.Session(None, None)  # type: ignore[arg-type]
    session.process = process
    asked = time.monotonic()
    assert await session.end_workbook() is False
    assert time.monotonic() - asked < 5
    assert process.returncode == -signal.SIGKILL
