"""The command run as a person runs it, for every command-line test.

stdin is closed so nothing can wait on it, output is read as UTF-8 whatever the
locale, and a traceback is a failure wherever it appears: users never see one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def partnertui(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "partnertui", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=120,
        env=env,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done
