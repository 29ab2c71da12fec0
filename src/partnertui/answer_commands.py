"""The command line's commands for the partners' own answers: ``survey`` writes a
round's questionnaires, ``import`` takes the answers back in.

Registered with :func:`partnertui.cli.command` like every other command, and kept
apart so ``cli.py`` stays one page of commands. As there, only the standard library
is imported at the top.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnertui import cli
from partnertui.cli import PROG, arg, command


@command(
    "import",
    "add partners' answers from response files and survey tools' CSV exports",
    arg("path", metavar="PATH", type=Path, help="the project file"),
    arg(
        "files",
        metavar="FILE",
        nargs="+",
        type=Path,
        help="response files (*.response.toml) and CSV exports (Microsoft Forms, Google "
        "Forms, SurveyMonkey, LimeSurvey, KoboToolbox, a spreadsheet)",
    ),
    arg("--round", metavar="NAME", help="the round the CSV rows answer (a new name starts one)"),
    arg("--dry-run", action="store_true", help="show what would change; write nothing"),
    arg(
        "--replace",
        action="store_true",
        help="put new answers in place of a respondent's earlier answers to the round",
    ),
    arg(
        "--map",
        metavar="MAPPING",
        type=Path,
        help="what unknown columns and names mean (default: NAME.csv.map.toml beside the CSV)",
    ),
    arg(
        "--dates",
        choices=["day-first", "month-first"],
        help="how the CSV writes dates like 05/11/2026 (default: as a day over 12 shows, "
        "or as the mapping says, or month first; the plan says which)",
    ),
    description=(
        "Add partners' answers to a round: response files from the questionnaire, or a "
        "survey tool's CSV export with one row per respondent. Everything is checked "
        "first and what will change is printed; nothing is written unless every file "
        "and row is understood. Exit status: 0 imported (or shown, with --dry-run), "
        "1 an answer or file was refused (the project file is unchanged), 2 the command "
        "was mistyped or a file is missing."
    ),
)
def _import(args: argparse.Namespace) -> int:
    from partnertui import import_command

    return import_command.run(args)


@command(
    "survey",
    "write a questionnaire for each partner to answer a round",
    arg("path", metavar="PATH", type=Path, help="the project file"),
    arg("--round", required=True, metavar="NAME", help='the round, e.g. "Six months"'),
    arg("-o", "--output", metavar="DIR", type=Path, help="the folder to write them into"),
    arg("--partner", action="append", metavar="ID", help="only this partner (repeatable)"),
    arg("--status", action="store_true", help="say who has answered; write nothing"),
    arg(
        "--anonymous",
        action="store_true",
        help="start the round anonymous: one page for everyone, answers without names",
    ),
    description=(
        "Write one questionnaire per partner for a round: a single web page each "
        "partner opens in any browser (also on a phone, or printed), answers, and turns "
        "into a small response file to e-mail back. By default every invited or "
        "confirmed partner gets one, in a folder beside the project named "
        "PROJECT-ROUND-questionnaires. A new round is started. The round is recorded "
        "in the project file (a code tying the answers to it, and who was invited), "
        "which is refused while the file is open in a workbook. With --anonymous, a new "
        "round starts anonymous: one page, PROJECT--ROUND.html, goes to everyone, and "
        "the answers come back with no name, only an optional group (a round that "
        "already has signed answers cannot be made anonymous). With --status, print "
        "who has answered and who is still waiting (for an anonymous round, only how "
        "many). Exit status: 0 done, 1 the project "
        "file has problems or is open elsewhere, 2 a file could not be read or written, "
        "or the command was mistyped."
    ),
)
def _survey(args: argparse.Namespace) -> int:
    import datetime as dt

    from partnertui import storage
    from partnertui.survey import outbox

    try:
        if args.status:
            project, turnout = outbox.round_turnout(args.path, args.round)
            print("\n".join(outbox.describe_turnout(project, turnout)))
            return 0
        sent = outbox.send_round(
            args.path,
            args.round,
            partner_ids=args.partner,
            folder=args.output,
            today=dt.date.today(),
            anonymous=args.anonymous,
        )
    except storage.UnreadableFile as error:
        cli.print_problems(error)
        return 2
    except storage.ProjectFileError as error:
        cli.print_problems(error)
        print(f"{cli.printable(str(args.path))} has problems; fix them first", file=sys.stderr)
        return 1
    except outbox.SurveyError as error:
        print(f"{PROG} survey: {cli.printable(str(error))}", file=sys.stderr)
        return error.status
    print("\n".join(outbox.describe_sent(sent, args.path)))
    return 0
