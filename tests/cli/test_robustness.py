"""Damaged files: whatever happens to a project file, ``check`` explains, never crashes."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnertui import cli, storage

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ORIGINALS = {path.name: path.read_bytes() for path in sorted(EXAMPLES.glob("*.toml"))}
RICH = [name for name, data in ORIGINALS.items() if data.count(b"[[partners]]") >= 2]


def check(data: bytes) -> tuple[int, str, str]:
    """``partnertui check`` on ``data`` in this process: exit status, stdout, stderr."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(["check", str(path)])
        # Name the file the same way whatever the folder, to compare runs.
        return status, out.getvalue().replace(str(path), "plan.toml"), err.getvalue()


PROBLEM_LINE = re.compile(r"plan\.toml:\d+:\d+: \S.*")
SUMMARY = re.compile(r"\d+ problems? in \S+\n")


def assert_explained(status: int, out: str, err: str, *, must_fail: bool = False) -> None:
    """Exit 1 with located problems, or 0 and silence if the damage left a valid file."""
    assert "Traceback" not in out + err
    if must_fail:
        assert status == 1
    assert status in (0, 1)
    if status == 1:
        lines = out.splitlines()
        assert lines, "a failed check names its problems"
        for line in lines:
            assert PROBLEM_LINE.fullmatch(line), line
        assert SUMMARY.fullmatch(err), err
        assert f"{len(lines)} problem" in err
    else:
        assert (out, err) == ("", "")


MUTATIONS = settings(max_examples=100, deadline=None)
EXAMPLE = st.sampled_from(sorted(ORIGINALS))


@MUTATIONS
@given(EXAMPLE, st.data())
def test_deleted_lines(name: str, data: st.DataObject):
    lines = ORIGINALS[name].splitlines(keepends=True)
    doomed = data.draw(st.sets(st.integers(0, len(lines) - 1), min_size=1, max_size=5))
    damaged = b"".join(line for i, line in enumerate(lines) if i not in doomed)
    assert_explained(*check(damaged))


ONE_LINE_VALUE = re.compile(rb'[a-z_]+ = (true|false|[\d.]+|\d{4}-\d\d-\d\d|"[^"\\]*")\n')


@MUTATIONS
@given(st.sampled_from(RICH), st.data())
def test_swapped_values(name: str, data: st.DataObject):
    lines = ORIGINALS[name].splitlines(keepends=True)
    simple = [i for i, line in enumerate(lines) if ONE_LINE_VALUE.fullmatch(line)]
    a, b = data.draw(st.lists(st.sampled_from(simple), min_size=2, max_size=2, unique=True))
    key_a, value_a = lines[a].split(b" = ", 1)
    key_b, value_b = lines[b].split(b" = ", 1)
    lines[a], lines[b] = key_a + b" = " + value_b, key_b + b" = " + value_a
    assert_explained(*check(b"".join(lines)))


def test_swapping_a_yes_no_with_text_always_fails():
    for name in RICH:
        text = ORIGINALS[name]
        damaged = text.replace(b"youth = false", b'youth = "x"', 1)
        assert_explained(*check(damaged), must_fail=True)


@MUTATIONS
@given(EXAMPLE, st.data())
def test_truncation(name: str, data: st.DataObject):
    original = ORIGINALS[name]
    cut = data.draw(st.integers(0, len(original) - 1))
    assert_explained(*check(original[:cut]))


@MUTATIONS
@given(EXAMPLE, st.data())
def test_random_bytes(name: str, data: st.DataObject):
    original = ORIGINALS[name]
    at = data.draw(st.integers(0, len(original)))
    noise = data.draw(st.binary(min_size=1, max_size=8))
    assert_explained(*check(original[:at] + noise + original[at:]))


@MUTATIONS
@given(EXAMPLE, st.data())
def test_invalid_utf8_always_fails_at_its_line(name: str, data: st.DataObject):
    original = ORIGINALS[name]
    at = data.draw(st.integers(0, len(original)))
    while at < len(original) and original[at] & 0xC0 == 0x80:
        at += 1  # not inside a multi-byte character: the original must stay valid
    bad = data.draw(st.sampled_from([b"\xff", b"\xc3", b"\xe9t\xe9", b"\xed\xa0\x80"]))
    status, out, err = check(original[:at] + bad + original[at:])
    assert_explained(status, out, err, must_fail=True)
    line = original[:at].count(b"\n") + 1
    assert out.startswith(f"plan.toml:{line}:")
    assert "is not UTF-8 text" in out


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_cut_in_the_middle_of_a_string_always_fails(name: str):
    original = ORIGINALS[name]
    cut = original.index(b'name = "') + len(b'name = "Ri')
    assert_explained(*check(original[:cut]), must_fail=True)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b"\n", b"\n\xff", 1),
        lambda data: b"<<<<<<< HEAD\n" + data + b"=======\nschema_version = 1\n>>>>>>> theirs\n",
    ],
    ids=["truncated", "invalid-utf8", "conflict"],
)
def test_damaged_file_through_the_real_command(tmp_path: Path, damage):
    path = tmp_path / "plan.toml"
    path.write_bytes(damage(ORIGINALS["riverside-youth.toml"]))
    result = subprocess.run(
        [sys.executable, "-m", "partnertui", "check", "plan.toml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_explained(result.returncode, result.stdout, result.stderr, must_fail=True)


def test_every_example_is_valid_before_damage():
    for name, data in ORIGINALS.items():
        assert check(data) == (0, "", ""), name
        storage.parse(data.decode(), name)
