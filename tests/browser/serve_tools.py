"""``partnertui serve`` in a real process, and a real browser tab on it.

The page is textual-serve's: an xterm.js terminal drawn on a canvas, fed by a
websocket. What the workbook draws is read from that websocket: a script put into
the page before its own records every byte the tab receives, as text, so a test
can wait for words on the screen the way the terminal tests read a pty.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

RECORD_SCREEN = """
(() => {
  const Native = window.WebSocket;
  window.__drawn = "";
  window.__opened = false;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const decoder = new TextDecoder();
      this.addEventListener("open", () => { window.__opened = true; });
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          window.__drawn += decoder.decode(new Uint8Array(event.data), {stream: true});
        }
      });
    }
  };
})();
"""


def wait_for(condition: Callable[[], object], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    """The processes ``pid`` started and that still run (Linux's /proc)."""
    found: list[int] = []
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listed:
                found += [int(word) for word in listed.read().split()]
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended but not yet waited for, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


class Served:
    """``python -m partnertui serve PATH --port P`` in a process of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "partnertui", "serve", str(path), "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._out: list[str] = []
        self._err: list[str] = []
        # The server logs every request; read it all along, or it blocks on a full pipe.
        self._readers = [
            threading.Thread(target=self._read, args=(stream, into), daemon=True)
            for stream, into in ((self.process.stdout, self._out), (self.process.stderr, self._err))
        ]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        with contextlib.suppress(ValueError, OSError):
            for line in stream:
                into.append(line)

    @property
    def stdout(self) -> str:
        return "".join(self._out)

    @property
    def stderr(self) -> str:
        return "".join(self._err)

    def wait_until_listening(self, timeout: float = 15.0) -> None:
        def answers() -> bool:
            try:
                with urllib.request.urlopen(self.url, timeout=2) as answer:
                    return answer.status == 200
            except (urllib.error.URLError, ConnectionError):
                return False

        wait_for(answers, "the server to answer", timeout)

    def workbooks(self) -> list[int]:
        return [pid for pid in children(self.process.pid) if running(pid)]

    def stopped(self, timeout: float) -> int | None:
        """The exit status once the server has ended within ``timeout``, else None."""
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        for reader in self._readers:
            reader.join(5)
        return status

    def close(self) -> None:
        if self.process.poll() is None:
            for pid in self.workbooks():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, 9)
            self.process.kill()
            self.process.wait(10)


@contextlib.contextmanager
def serving(path: Path) -> Iterator[Served]:
    served = Served(path)
    try:
        served.wait_until_listening()
        yield served
    finally:
        served.close()


class Tab:
    """The browser showing a served workbook, reading what it draws."""

    def __init__(self, browser) -> None:
        self.browser = browser

    @property
    def drawn(self) -> str:
        return self.browser.execute_script("return window.__drawn || ''")

    def open(self, served: Served) -> int:
        """Load the page and wait for its workbook to draw; returns the workbook's pid."""
        self.browser.get(served.url)
        wait_for(lambda: self.browser.execute_script("return window.__opened"), "the websocket")
        wait_for(served.workbooks, "the workbook process")
        [pid] = served.workbooks()
        self.wait_to_see("Overview")
        return pid

    def wait_to_see(self, words: str, timeout: float = 15.0) -> None:
        wait_for(lambda: words in self.drawn, f'"{words}" on the screen', timeout)


@contextlib.contextmanager
def recording(browser) -> Iterator[Tab]:
    """While inside, every page the browser opens records what its websocket brings."""
    added = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SCREEN}
    )
    try:
        yield Tab(browser)
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )
        with contextlib.suppress(Exception):
            browser.get("about:blank")
