"""Hostile files: the examples, damaged every way a hand edit, a bad merge, a broken
disk or an attacker might, through every command that reads a project file.

Whatever the damage, each command must answer within a time bound, with no
traceback, an exit status of 0, 1 or 2, every problem as ``FILE:LINE:COLUMN:
message``, nothing on the terminal that is a control character, and the file left
byte for byte as it was.

The runs are reproducible and bounded for CI: derandomized, no example database,
a fixed number of examples per test (``PARTNERTUI_FUZZ_EXAMPLES`` raises it for a
longer hunt on a workstation).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnertui import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ORIGINALS = {path.name: path.read_bytes() for path in sorted(EXAMPLES.glob("*.toml"))}
SCALE = float(os.environ.get("PARTNERTUI_FUZZ_EXAMPLES", "1"))
SECONDS = 20.0
"""The most one command may take on one damaged file, on a slow and busy CI machine."""


def fuzz(examples: int) -> settings:
    """Settings for one fuzz test: ``examples`` runs, the same ones every time."""
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- the damage ------------------------------------------------------------------------

HUGE = [
    "9" * 20,
    "9" * 400,
    "-" + "9" * 400,
    "9" * 5000,
    "1e308",
    "-1e308",
    "1e309",
    "inf",
    "-inf",
    "nan",
    "0x" + "f" * 600,
    "1_000_000_000_000.01",
    "1" + "0" * 12,
]
DATES = [
    "0001-01-01",
    "9999-12-31",
    "0000-01-01",
    "2026-02-30",
    "2026-13-01",
    "2026-01-01T25:61:00",
    "9999-12-31T23:59:59.999999-23:59",
    "07:32:00",
]
WRONG = ['"text"', "true", "3", "3.5", "[]", "{}", "[1, 2]", '{ kind = "space" }', "2026-01-01"]
ESCAPES = [
    '"\\u001b]0;pwned\\u0007"',
    '"\\u001b[2J\\u001b[31mred"',
    '"a\\nb\\rc\\u0000d"',
    '"\\u202eevil"',
    '"[[[[{{{{"',
]
CONTROL_BYTES = [b"\x00", b"\x1b]0;x\x07", b"\x1b[2J", b"\r", b"\x7f", b"\x0c"]
INVALID_UTF8 = [b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]
MARKERS = [b"<<<<<<< HEAD", b"=======", b">>>>>>> theirs", b"||||||| base"]


def deep(n: int, closed: bool, tables: bool) -> str:
    if tables:
        return "{a = " * n + "1" + ("}" * n if closed else "")
    return "[" * n + ("]" * n if closed else "")


VALUES = (
    st.sampled_from(HUGE + DATES + WRONG + ESCAPES)
    | st.builds(
        deep,
        st.sampled_from([2, 31, 32, 33, 200, 1000, 100_000]),
        st.booleans(),
        st.booleans(),
    )
    | st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
)
VALUE_LINE = re.compile(rb"(?m)^([ \t]*[A-Za-z0-9_\"'.-]+[ \t]*=[ \t]*)(.*)$")


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """An example file with one to three kinds of damage done to it."""
    data = ORIGINALS[draw(st.sampled_from(sorted(ORIGINALS)))]
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(DAMAGE))(draw, data)
    return data


def _at(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _line_start(draw: st.DrawFn, data: bytes) -> int:
    starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]
    return draw(st.sampled_from(starts))


def cut(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: _at(draw, data)]


def flip(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]


def insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    junk = draw(st.sampled_from(CONTROL_BYTES + INVALID_UTF8) | st.binary(min_size=1, max_size=8))
    at = _at(draw, data)
    return data[:at] + junk + data[at:]


def duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    """A key set twice, or a [table] heading repeated."""
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines)))
    return b"\n".join([*lines[:j], lines[i], *lines[j:]])


def delete_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    return b"\n".join(lines[:i] + lines[i + draw(st.integers(1, 5)) :])


def replace_value(draw: st.DrawFn, data: bytes) -> bytes:
    """A value swapped for one of another type, out of range, huge, deep or hostile."""
    found = list(VALUE_LINE.finditer(data))
    if not found:
        return data
    line = draw(st.sampled_from(found))
    value = draw(VALUES).encode("utf-8", "surrogatepass")
    return data[: line.start(2)] + value + data[line.end(2) :]


def add_key(draw: st.DrawFn, data: bytes) -> bytes:
    """A new line ``key = value`` with a hostile value, under some table."""
    key = draw(st.sampled_from(["issue", "notes", "value", "schema_version", "extra", "due"]))
    value = draw(VALUES).encode("utf-8", "surrogatepass")
    at = _line_start(draw, data)
    return data[:at] + key.encode() + b" = " + value + b"\n" + data[at:]


def conflict(draw: st.DrawFn, data: bytes) -> bytes:
    """git conflict markers, alone or as a whole conflict around some lines."""
    if draw(st.booleans()):
        at = _line_start(draw, data)
        return data[:at] + draw(st.sampled_from(MARKERS)) + b"\n" + data[at:]
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(i, len(lines)))
    block = [MARKERS[0], *lines[i:j], MARKERS[1], *lines[i:j], MARKERS[2]]
    return b"\n".join(lines[:i] + block + lines[j:])


def hostile_name(draw: st.DrawFn, data: bytes) -> bytes:
    """A partner or project name with escapes in it (valid TOML, valid project)."""
    found = list(re.finditer(rb'(?m)^name = "[^"\n]*"$', data))
    if not found:
        return data
    line = draw(st.sampled_from(found))
    return (
        data[: line.start()]
        + b"name = "
        + draw(st.sampled_from(ESCAPES)).encode()
        + data[line.end() :]
    )


DAMAGE: list[Callable[[st.DrawFn, bytes], bytes]] = [
    cut,
    flip,
    insert_bytes,
    duplicate_line,
    delete_lines,
    replace_value,
    replace_value,
    add_key,
    add_key,
    conflict,
    hostile_name,
]

# -- what every command must do ----------------------------------------------------------

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""What must never reach the terminal: every control character but the line break."""


def run(args: list[str]) -> tuple[int, str, str]:
    """``partnertui ARGS`` in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    began = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(args)
    assert time.monotonic() - began < SECONDS, args
    return status, out.getvalue(), err.getvalue()


def assert_answered(status: int, out: str, err: str, path: Path, *, problems_in: str) -> None:
    """Exit 0, 1 or 2, nothing unsafe printed, and every line naming ``path`` (in
    ``problems_in``, the output problems go to) at a line and a column."""
    everything = out + err
    assert "Traceback" not in everything
    assert status in (0, 1, 2), (status, everything)
    assert not CONTROL.search(everything), everything[:500]
    prefix = f"{path}:"
    for line in problems_in.splitlines():
        if line.startswith(prefix):
            assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", line), line
        assert len(line) < 2000, line[:200]


@contextlib.contextmanager
def written(data: bytes) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_bytes(data)
        yield path
        assert path.read_bytes() == data, "the file was changed"


@fuzz(120)
@given(damaged())
def test_check_answers_every_damaged_file(data: bytes):
    with written(data) as path:
        status, out, err = run(["check", str(path)])
        assert_answered(status, out, err, path, problems_in=out)
        if status == 1:
            assert out.strip(), "a failed check names its problems"
            for line in out.splitlines():
                assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", line), line


@fuzz(80)
@given(damaged())
def test_fmt_check_answers_every_damaged_file(data: bytes):
    with written(data) as path:
        status, out, err = run(["fmt", "--check", str(path)])
        assert_answered(status, out, err, path, problems_in=out)


@fuzz(80)
@given(damaged())
def test_report_answers_every_damaged_file(data: bytes):
    with written(data) as path:
        for extra in ([], ["--format", "html"]):
            status, out, err = run(["report", str(path), "--today", "2026-11-24", *extra])
            assert_answered(status, out, err, path, problems_in=out if status else "")
            if status == 0:
                assert out.strip()


def test_every_example_is_valid_before_damage(tmp_path: Path):
    for name, data in ORIGINALS.items():
        (tmp_path / name).write_bytes(data)
        assert run(["check", str(tmp_path / name)])[0] == 0, name


# -- history: a damaged version among good ones -------------------------------------------

GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Dana Li",
    "GIT_AUTHOR_EMAIL": "dana@example.org",
    "GIT_COMMITTER_NAME": "Dana Li",
    "GIT_COMMITTER_EMAIL": "dana@example.org",
}


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, env=GIT_ENV, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@fuzz(15)
@given(damaged())
def test_history_reads_past_a_damaged_version(data: bytes):
    original = ORIGINALS["riverside-youth.toml"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "plan.toml"
        git(root, "init", "-q")
        for message, version in (("Start", original), ("Damaged", data), ("Mended", original)):
            path.write_bytes(version)
            git(root, "add", "--all")
            git(root, "commit", "-q", "--allow-empty", "-m", message)
        status, out, err = run(["history", str(path)])
        assert_answered(status, out, err, path, problems_in="")
        assert status == 0, err
        assert "Mended" in out and "Start" in out
        assert path.read_bytes() == original


# -- the workbook: opened headless, every section shown ----------------------------------


async def _open_in_the_workbook(path: Path, settings_file: Path) -> None:
    import datetime as dt

    from partnertui.tui.app import PartnerApp
    from partnertui.tui.screens.problems import ProblemsScreen

    app = PartnerApp(path, today=dt.date(2026, 11, 24), config_path=settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, ProblemsScreen):
            for key in "12345":  # every section but git history, then the report
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
        app.exit()


@fuzz(12)
@given(damaged())
def test_the_workbook_opens_every_damaged_file(data: bytes):
    with written(data) as path:
        began = time.monotonic()
        asyncio.run(_open_in_the_workbook(path, path.parent / "settings.toml"))
        assert time.monotonic() - began < SECONDS * 3


# -- a few through a real process --------------------------------------------------------

REAL = {
    "deep": ORIGINALS["starter.toml"].replace(
        b"[project]\n", b"[project]\nissue = " + b"[" * 100_000 + b"\n"
    ),
    "long": ORIGINALS["starter.toml"].replace(
        b"schema_version = 1", b"schema_version = " + b"9" * 5000
    ),
    "huge-value": ORIGINALS["riverside-youth.toml"].replace(b"value = 1200.0", b"value = 1e308", 1),
    "conflict": b"<<<<<<< HEAD\n" + ORIGINALS["starter.toml"] + b"=======\n>>>>>>> theirs\n",
    "nul": ORIGINALS["starter.toml"].replace(b"Eastgate", b"East\x00gate", 1),
}


@pytest.mark.parametrize("command", [["check"], ["fmt", "--check"], ["report"]])
@pytest.mark.parametrize("damage", sorted(REAL))
def test_damaged_files_through_the_real_command(tmp_path: Path, damage: str, command):
    path = tmp_path / "plan.toml"
    path.write_bytes(REAL[damage])
    done = subprocess.run(
        [sys.executable, "-m", "partnertui", *command, str(path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert_answered(done.returncode, done.stdout, done.stderr, path, problems_in=done.stdout)
    assert done.returncode == 1
    assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", done.stdout)
    assert path.read_bytes() == REAL[damage]
