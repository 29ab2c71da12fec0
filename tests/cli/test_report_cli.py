"""``partnertui report`` as people and CI run it: a real process, real files, exit codes."""

from __future__ import annotations

from pathlib import Path

from processes import partnertui

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def test_markdown_to_stdout_by_default(examples: Path):
    result = partnertui("report", "riverside-youth.toml", "--today", "2026-11-24", cwd=examples)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "riverside-youth.md").read_text(encoding="utf-8")


def test_output_file_format_from_its_ending(examples: Path):
    result = partnertui(
        "report", "riverside-youth.toml", "--today", "2026-11-24", "-o", "out/r.html", cwd=examples
    )
    assert result.returncode == 2  # the folder does not exist
    assert "does not exist; nothing was written" in result.stderr
    (examples / "out").mkdir()
    result = partnertui(
        "report", "riverside-youth.toml", "--today", "2026-11-24", "-o", "out/r.html", cwd=examples
    )
    assert (result.returncode, result.stdout) == (0, "wrote out/r.html\n")
    written = (examples / "out" / "r.html").read_text(encoding="utf-8")
    assert written == (GOLDEN / "riverside-youth.html").read_text(encoding="utf-8")

    result = partnertui("report", "riverside-youth.toml", "-o", "r.md", cwd=examples)
    assert result.returncode == 0
    assert (examples / "r.md").read_text(encoding="utf-8").startswith("# Riverside Youth")
    # --format wins over the ending.
    result = partnertui(
        "report", "riverside-youth.toml", "--format", "html", "-o", "r.txt", cwd=examples
    )
    assert result.returncode == 0
    assert (examples / "r.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unknown_ending_without_format_is_a_usage_error(examples: Path):
    result = partnertui("report", "riverside-youth.toml", "-o", "r.pdf", cwd=examples)
    assert result.returncode == 2
    assert "cannot tell the format from the name r.pdf" in result.stderr
    assert not (examples / "r.pdf").exists()


def test_invalid_project_prints_located_problems(examples: Path):
    bad = examples / "bad.toml"
    text = (examples / "riverside-youth.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace('kind = "group"', 'kind = "grup"', 1), encoding="utf-8")
    result = partnertui("report", "bad.toml", "-o", "r.html", cwd=examples)
    assert result.returncode == 1
    assert result.stdout.startswith("bad.toml:")
    assert '"grup" is not a kind of partner' in result.stdout
    assert "bad.toml has problems; fix them to make a report" in result.stderr
    assert not (examples / "r.html").exists()


def test_unreadable_file_and_bad_options(examples: Path):
    result = partnertui("report", "missing.toml", cwd=examples)
    assert result.returncode == 2
    assert "missing.toml:1:1: there is no such file" in result.stdout
    result = partnertui("report", "riverside-youth.toml", "--today", "24/11/2026", cwd=examples)
    assert result.returncode == 2
    assert "'24/11/2026' is not a date like 2026-11-24" in result.stderr
    result = partnertui("report", "riverside-youth.toml", "--format", "pdf", cwd=examples)
    assert result.returncode == 2


def test_help_documents_today_and_exit_codes(examples: Path):
    out = " ".join(partnertui("report", "--help", cwd=examples).stdout.split())
    assert "--today YYYY-MM-DD" in out and "byte for byte" in out
    assert "0 written, 1 the project file has problems" in out


def test_a_report_written_through_a_symlink_keeps_the_link(examples: Path):
    shared = examples / "shared"
    shared.mkdir()
    (shared / "report.md").write_text("last month's report\n", encoding="utf-8")
    (examples / "report.md").symlink_to(shared / "report.md")
    result = partnertui("report", "riverside-youth.toml", "-o", "report.md", cwd=examples)
    assert result.returncode == 0, result.stderr
    assert (examples / "report.md").is_symlink()
    assert (shared / "report.md").read_text(encoding="utf-8").startswith("# Riverside Youth")


def test_a_report_is_never_written_over_the_project_file(examples: Path):
    project = examples / "riverside-youth.toml"
    before = project.read_bytes()
    (examples / "latest.md").symlink_to(project)
    for options in (
        ["--format", "html", "-o", "riverside-youth.toml"],
        ["--format", "markdown", "-o", "./riverside-youth.toml"],
        ["--format", "html", "-o", "../examples/riverside-youth.toml"],
        ["-o", "latest.md"],
    ):
        result = partnertui("report", "riverside-youth.toml", *options, cwd=examples)
        assert result.returncode == 2, options
        assert result.stderr == (
            f"partnertui report: {Path(options[-1])} is the project file; "
            "give another name with -o\n"
        )
        assert project.read_bytes() == before
