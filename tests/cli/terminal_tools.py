"""A real workbook process in a real terminal (a pty), for tests of what happens to
the file when a session is killed, signalled, taken over or refused by its folder."""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

CTRL_S = "\x13"
CTRL_Q = "\x11"


class Terminal:
    """``python -m partnertui PATH`` running in an 80×24 pseudo-terminal."""

    def __init__(self, path: Path, home: Path, *, wrapper: list[str] = ()) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
        }
        self.process = subprocess.Popen(
            [*wrapper, sys.executable, "-m", "partnertui", str(path)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=path.parent,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        # The program blocks when nobody reads what it draws, so read it all along.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError):
            while chunk := os.read(self.master, 65536):
                self.output += chunk

    def type(self, keys: str, settle: float = 0.5) -> None:
        os.write(self.master, keys.encode())
        time.sleep(settle)

    def saw(self, text: str, since: int = 0) -> bool:
        """Whether the program drew ``text`` (on one line) after byte ``since``."""
        return text.encode() in self.output[since:]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        with contextlib.suppress(OSError):
            os.close(self.master)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)
