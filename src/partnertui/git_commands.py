"""The command line's commands for git's merges: ``merge``, ``git-setup``, ``resolve``.

Registered with :func:`partnertui.cli.command` like every other command, and kept
apart so ``cli.py`` stays one page of commands. As there, only the standard library
is imported at the top; :mod:`partnertui.gitmerge` is imported by the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from partnertui import cli
from partnertui.cli import PROG, arg, command

if TYPE_CHECKING:
    import argparse


@command(
    "merge",
    "merge three versions of a project file (a git merge driver)",
    arg("base", metavar="BASE", type=Path, help="the common ancestor (empty: none)"),
    arg("ours", metavar="OURS", type=Path, help="our version; the result is written here"),
    arg("theirs", metavar="THEIRS", type=Path, help="their version"),
    arg("-o", "--output", metavar="FILE", type=Path, help="write the result to FILE instead"),
    arg("--path", metavar="NAME", help="the file's name in the repository, for messages"),
    arg(
        "-L",
        "--label",
        action="append",
        default=[],
        metavar="NAME",
        help="the names of ours, base and theirs on conflict markers, in that order "
        "(as git merge-file takes them)",
    ),
    arg(
        "--marker-size",
        type=int,
        default=7,
        metavar="N",
        help="the length of conflict markers (git's %%L; 7)",
    ),
    description=(
        "Merge two versions of a project file from their common ancestor by what they "
        "hold: the project's details field by field, partners by id, rounds by name, "
        "responses by round and respondent, actions by id. Two different changes to the "
        "same field are left between conflict markers around just that field, which "
        "partnertui check names. A file that is not a project, or does not read, is "
        "merged by lines as git would (git merge-file). Run partnertui git-setup to make "
        "git use it. Exit status: 0 merged cleanly, 1 conflicts remain, 2 the command "
        "was mistyped or a file could not be read or written."
    ),
)
def _merge(args: argparse.Namespace) -> int:
    from partnertui import gitmerge

    if len(args.label) > 3:
        return cli.usage_error("merge", "-L names at most three versions: ours, base, theirs")
    outcome = gitmerge.run_driver(
        args.base,
        args.ours,
        args.theirs,
        output=args.output,
        name=args.path or str(args.ours),
        labels=[cli.printable(label) for label in args.label],
        marker_size=max(args.marker_size, 1),
    )
    for line in outcome.lines:
        print(line, file=sys.stderr)
    return outcome.status


@command(
    "git-setup",
    "make git merge project files with partnertui",
    arg(
        "--global",
        dest="everywhere",
        action="store_true",
        help="set it up for every repository of yours, not only this one",
    ),
    description=(
        "Register partnertui as git's merge driver for project files: git config "
        "merge.partnertui.*, and the line *.toml merge=partnertui in the repository's "
        ".gitattributes (with --global: in your git attributes file). Files that are not "
        "projects are still merged by lines. Running it again changes nothing."
    ),
)
def _git_setup(args: argparse.Namespace) -> int:
    from partnertui import gitmerge

    outcome = gitmerge.git_setup(everywhere=args.everywhere, cwd=Path.cwd())
    for line in outcome.lines:
        print(
            line if outcome.status == 0 else f"{PROG} git-setup: {line}",
            file=sys.stdout if outcome.status == 0 else sys.stderr,
        )
    return outcome.status


@command(
    "resolve",
    "merge again, by field, a project file git left with conflict markers",
    arg("path", metavar="FILE", type=Path, help="the project file in conflict"),
    arg(
        "--force",
        action="store_true",
        help="merge again even when FILE holds no conflict markers or was changed since git "
        "stopped the merge, losing those changes",
    ),
    description=(
        "During a merge git stopped on, merge FILE again from the three versions git "
        "keeps (the common ancestor, ours and theirs), field by field as partnertui "
        "merge does, and write it. For a file merged before partnertui git-setup was run. "
        "FILE is only replaced while it is exactly what git left, conflict markers and "
        "all: a file resolved or changed by hand since is left alone unless --force is "
        "given, and so is a file open in the workbook. Exit status: 0 merged cleanly, 1 "
        "conflicts remain, or nothing was written (FILE was changed by hand, or is open "
        "elsewhere), 2 there is nothing to merge from (no such file, not in a merge) or "
        "the file could not be written."
    ),
)
def _resolve(args: argparse.Namespace) -> int:
    from partnertui import gitmerge

    outcome = gitmerge.resolve(args.path, force=args.force)
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    for line in outcome.lines:
        if outcome.status:
            print(f"{PROG} resolve: {line}", file=sys.stderr)
        else:
            print(line)
    return outcome.status
