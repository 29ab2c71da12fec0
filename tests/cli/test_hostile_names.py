"""File names and file text that try to talk to the terminal: every command shows
them escaped (``\\u001b``, ``\\n``), so nothing is retitled, recoloured or split."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnertui import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOOD = (EXAMPLES / "starter.toml").read_bytes()

NAMES = ["\x1b]0;pwned\x07.toml", "two\nlines.toml", "\x1b[31mred\x9b.toml"]
CONTROL = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out + err


def assert_safe(output: str, *, lines: int | None = None) -> None:
    """Nothing but line breaks is a control character; ``lines``: how many there are."""
    assert "Traceback" not in output
    for char in CONTROL:
        if char != "\n":
            assert char not in output, (char, output)
    if lines is not None:
        assert output.count("\n") == lines, output


@pytest.fixture(params=NAMES, ids=["title", "newline", "colour"])
def name(request: pytest.FixtureRequest) -> str:
    return request.param


def test_check_shows_a_good_file_and_a_broken_one_safely(tmp_path, capsys, name):
    good = tmp_path / name
    good.write_bytes(GOOD)
    status, output = run(capsys, "check", "-v", str(good))
    assert status == 0
    assert_safe(output, lines=1)
    broken = tmp_path / ("broken-" + name)
    broken.write_bytes(GOOD.replace(b'kind = "business"', b'kind = "bizness"'))
    status, output = run(capsys, "check", str(broken))
    assert status == 1
    assert_safe(output, lines=2)  # the problem, then the count
    assert output.splitlines()[0].startswith(cli.printable(str(broken)) + ":")


def test_a_missing_file_with_a_hostile_name_is_one_line(tmp_path, capsys, name):
    status, output = run(capsys, "check", str(tmp_path / name))
    assert status == 2
    assert_safe(output, lines=1)
    assert ":1:1: there is no such file" in output


def test_fmt_shows_names_safely(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(GOOD.replace(b"\n\n", b"\n"))
    status, output = run(capsys, "fmt", "--check", str(path))
    assert status == 1
    assert_safe(output, lines=1)
    status, output = run(capsys, "fmt", str(path))
    assert status == 0
    assert_safe(output, lines=1)
    assert path.read_bytes() == GOOD


def test_report_and_its_output_name_are_shown_safely(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(GOOD)
    status, output = run(capsys, "report", str(path), "-o", str(tmp_path / (name + ".md")))
    assert status == 0
    assert_safe(output, lines=1)
    status, output = run(capsys, "report", str(path), "-o", str(tmp_path / "none" / "a.md"))
    assert status == 2
    assert_safe(output, lines=1)
    status, output = run(capsys, "report", str(path), "-o", str(tmp_path / (name + ".doc")))
    assert status == 2
    assert_safe(output, lines=1)


def test_new_shows_names_safely(tmp_path, capsys, name):
    path = tmp_path / name
    status, output = run(capsys, "new", str(path), "--name", "Laneways")
    assert status == 0
    assert_safe(output, lines=1)
    status, output = run(capsys, "new", str(path), "--name", "Laneways")
    assert status == 1
    assert_safe(output, lines=1)


def test_text_in_the_file_is_shown_safely_in_a_problem(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    path.write_bytes(GOOD.replace(b'kind = "business"', b'kind = "\\u001b]0;x\\u0007"'))
    status, output = run(capsys, "check", str(path))
    assert status == 1
    assert_safe(output, lines=2)


def test_argparse_echoes_what_was_typed_safely(tmp_path, capsys, name):
    status, output = run(capsys, "check", str(tmp_path / "a.toml"), "--" + name)
    assert status == 2
    assert_safe(output)
    status, output = run(capsys, "history", str(tmp_path / "a.toml"), "--limit", name)
    assert status == 2
    assert_safe(output)


def test_a_mistyped_command_is_shown_safely(capsys, name):
    status, output = run(capsys, name.removesuffix(".toml"))
    assert status == 2
    assert_safe(output, lines=1)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_history_shows_names_and_commit_text_safely(tmp_path, capsys, name):
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Dana \x1b[31mLi",
        "GIT_AUTHOR_EMAIL": "dana@example.org",
        "GIT_COMMITTER_NAME": "Dana Li",
        "GIT_COMMITTER_EMAIL": "dana@example.org",
    }
    path = tmp_path / name
    status, output = run(capsys, "history", str(path))
    assert status == 1  # not in git yet
    assert_safe(output, lines=1)
    path.write_bytes(GOOD)
    status, output = run(capsys, "history", str(path))
    assert status == 1
    assert_safe(output, lines=1)
    for args in (["init", "-q"], ["add", "--all"], ["commit", "-q", "-m", "Start \x1b]0;x\x07"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    status, output = run(capsys, "history", str(path))
    assert status == 0
    assert_safe(output)


def test_a_real_terminal_is_never_sent_an_escape_from_a_name(tmp_path):
    """Through a real process: what reaches the terminal is bytes, not Python's str."""
    path = tmp_path / NAMES[0]
    path.write_bytes(GOOD.replace(b'kind = "business"', b'kind = "bizness"'))
    done = subprocess.run(
        [sys.executable, "-m", "partnertui", "check", str(path)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 1
    assert b"\x1b" not in done.stdout + done.stderr
    assert b"\x07" not in done.stdout + done.stderr
    assert b"\\u001b]0;pwned\\u0007.toml:" in done.stdout
