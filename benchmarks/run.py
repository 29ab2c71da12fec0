"""How fast partnertui is, measured against what it is built on; prints one table.

    python benchmarks/run.py            # the full run: 100, 2,000 and 10,000 partners
    python benchmarks/run.py --quick    # small sizes, few repeats (the test suite runs it)

Every figure is a median of several runs, and wherever there is something to compare
with, the comparison is measured in the same run, interleaved, so the ratios hold on
a busy machine even when the milliseconds do not:

- first screen: ``partnertui FILE`` against the bare Textual app (a header, a footer,
  a label) started after importing pydantic and partnertui's model, which
  partnertui cannot start without (the fixed stack's own start), and against the
  bare app alone; each a fresh process in a pseudo-terminal of 80×24, timed from
  the process start until its first screen has been drawn on that terminal. And
  opening the 2,000-partner project, against the bare app's start plus the time
  tomllib takes to parse the same file (what any program must at least do to show
  it);
- check: ``partnertui check FILE`` against the floor, a Python process that imports
  pydantic and reads the same file with tomllib (what any checker must at least do);
- load+validate: ``storage.load`` against ``tomllib.loads`` of the same file, and
- save: ``storage.save``, both in fresh processes, the sizes taking turns (see
  ``file_work``);
- keystroke: the processor time a key press in the workbook costs until its
  changes are on the screen (headless, in a fresh process; see ``_keystrokes``), for
  moving the cursor and typing a filter letter on Partners, and moving the cursor
  and giving a role, then undoing and redoing it, on Roles;
- peak memory: a fresh process loading the largest project, against the floor's.

The projects come from ``generate.py``: deterministic, written canonically.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import datetime as dt
import json
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this script, not a package)
from bare_app import MARKER as BARE_MARKER  # noqa: E402
from bare_app import BareTable  # noqa: E402

import partnertui  # noqa: E402

EXAMPLE = HERE.parent / "examples" / "riverside-youth.toml"
PACKAGE = Path(partnertui.__file__).parent
EXAMPLE_MARKERS = ("Riverside Youth Safety Circle", "1 Overview")
"""The project's name (from the file) and the section bar: the first screen is up."""
TODAY = dt.date(2026, 11, 24)


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, int, int]
    """Small, the size the budgets are set for, large."""
    launches: int
    checks: int
    file_rounds: int
    """Rounds of loading and saving every size (see :func:`file_work`)."""
    keys: int


FULL = Plan(sizes=(100, 2_000, 10_000), launches=15, checks=7, file_rounds=7, keys=40)
QUICK = Plan(sizes=(10, 40, 100), launches=2, checks=2, file_rounds=2, keys=4)


@dataclass
class Row:
    measure: str
    ours: str
    reference: str = ""
    ratio: str = ""
    budget: str = ""
    met: bool | None = None


# -- measuring ----------------------------------------------------------------------


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def repeats(runs: int, size: int) -> int:
    """More runs for small projects: a run of a few milliseconds is easily thrown by
    the machine, and the growth rows divide by it."""
    return runs * 5 if size < 1_000 else runs


def timed(run: Callable[[], object]) -> float:
    """Seconds ``run`` takes; what it returns is let go after the clock stops, so that
    freeing the last project loaded is not counted against loading the next."""
    start = time.perf_counter()
    result = run()
    took = time.perf_counter() - start
    del result
    return took


def interleaved(runs: int, *measures: Callable[[], float]) -> list[float]:
    """Median seconds of each measure, taking turns at going first, so that drift hits
    them all alike."""
    samples: list[list[float]] = [[] for _ in measures]
    for n in range(runs):
        order = list(range(len(measures)))
        shift = n % len(order)
        for which in order[shift:] + order[:shift]:
            samples[which].append(measures[which]())
    return [statistics.median(taken) for taken in samples]


_ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


def until_drawn(argv: list[str], markers: tuple[str, ...], env: dict[str, str], cwd: Path) -> float:
    """Seconds from starting ``argv`` on an 80×24 pseudo-terminal until all ``markers`` show."""
    import fcntl
    import pty
    import termios

    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    wanted = [marker.encode() for marker in markers]
    seen = b""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        cwd=cwd,
        start_new_session=True,
    )
    os.close(child_fd)
    try:
        while True:
            ready, _, _ = select.select([main_fd], [], [], 30)
            if not ready:
                raise RuntimeError(f"{argv[-1]} drew no {markers} within 30 seconds")
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk:
                shown = _ESCAPES.sub(b"", seen).decode("utf-8", "replace")
                raise RuntimeError(f"{argv[-1]} ended before drawing {markers}:\n{shown}")
            seen += chunk
            shown = _ESCAPES.sub(b"", seen)
            if all(marker in shown for marker in wanted):
                return time.perf_counter() - start
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        os.close(main_fd)


def run_process(argv: list[str], env: dict[str, str]) -> float:
    """Seconds for ``argv`` to run to its end; it must succeed."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
    return took


FLOOR = "import sys, tomllib, pydantic\nwith open(sys.argv[1], 'rb') as f: tomllib.load(f)\n"
PARSE = """
import sys, time, tomllib
with open(sys.argv[1], "rb") as f:
    data = f.read()
start = time.perf_counter()
tomllib.loads(data.decode())
print(time.perf_counter() - start)
"""
"""The part of the check floor that depends on the file: reading it with tomllib."""
PEAK = """
import resource, sys, tomllib
if sys.argv[1] == "partnertui":
    from partnertui import storage
    storage.load(sys.argv[2])
else:
    import pydantic
    with open(sys.argv[2], "rb") as f: tomllib.load(f)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_kib(which: str, path: Path, env: dict[str, str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, which, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


def three_versions(path: Path, folder: Path) -> tuple[Path, Path, Path]:
    """A project and two people's edits of it, as a merge driver gets them: one renames
    every tenth partner and adds actions, the other gives every tenth partner (others)
    a new role and marks actions done; they merge without a conflict."""
    from partnertui import storage
    from partnertui.model import Action, Role

    base = storage.load(path)
    ours, theirs = base.snapshot(), base.snapshot()
    for i in range(0, len(base.partners), 10):
        ours.partners[i] = base.partners[i].model_copy(update={"name": f"Renamed {i}"})
    for i in range(5, len(base.partners), 10):
        theirs.partners[i] = base.partners[i].model_copy(update={"role": Role.COLLABORATION})
    ours.actions += [Action(id=f"a{n:07x}", text=f"Ours {n}") for n in range(20)]
    theirs.actions[: len(base.actions) // 2] = [
        a.model_copy(update={"done": True}) for a in base.actions[: len(base.actions) // 2]
    ]
    theirs.actions += [Action(id=f"b{n:07x}", text=f"Theirs {n}") for n in range(20)]
    written = []
    for name, project in (("base", base), ("ours", ours), ("theirs", theirs)):
        written.append(folder / f"merge-{name}.toml")
        storage.save(project, written[-1])
    return written[0], written[1], written[2]


# -- loading and saving -------------------------------------------------------------


def _file_work(
    path: Path, loads: int, saves: int, target: Path, warm: Path
) -> dict[str, list[float]]:
    """Seconds for each load of ``path`` (and each tomllib read of it) and each save.

    ``warm``, a small project, is loaded and saved first, untimed: the first load in
    a process also pays for code run once (caches filled, first calls), and that is
    not a cost of the project's size.
    """
    import tomllib

    from partnertui import storage

    storage.save(storage.load(warm), target.with_suffix(".warm"))
    tomllib.loads(warm.read_text())
    data = path.read_bytes()
    load, floor = [], []
    for _ in range(loads):
        load.append(timed(lambda: storage.load(path)))
        floor.append(timed(lambda: tomllib.loads(data.decode())))
    project = storage.load(path)
    save = [timed(lambda: storage.save(project, target)) for _ in range(saves)]
    if target.read_bytes() != data:
        raise RuntimeError(f"saving {path.name} did not give the canonical bytes")
    return {"load": load, "floor": floor, "save": save}


def file_work(
    files: dict[int, Path], plan: Plan, folder: Path, env: dict[str, str]
) -> dict[int, dict[str, float]]:
    """Median seconds to load+validate, read with tomllib and save each size.

    Each size is measured in a fresh process, as a person's session holds one
    project, and the sizes take turns, round after round: the growth rows divide
    the largest size's figure by the smallest's, and measured one size after the
    other, a machine speeding up or slowing down between them (this one's speed moves
    by half within minutes) moved the growth by more than the budget's worth.
    """
    found: dict[int, dict[str, list[float]]] = {
        size: {"load": [], "floor": [], "save": []} for size in files
    }
    sizes = list(files)
    small = files[sizes[0]]
    for n in range(plan.file_rounds):
        for size in sizes[n % len(sizes) :] + sizes[: n % len(sizes)]:
            path = files[size]
            argv = [sys.executable, __file__, "--file-work", str(path)]
            argv += [str(repeats(1, size)), str(repeats(2, size))]
            argv += [str(folder / f"saved-{path.name}"), str(small)]
            done = subprocess.run(argv, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"loading and saving {path.name} failed:\n{done.stderr}")
            for what, samples in json.loads(done.stdout.splitlines()[-1]).items():
                found[size][what] += samples
    return {
        size: {what: statistics.median(samples) for what, samples in measured.items()}
        for size, measured in found.items()
    }


# -- keystrokes -----------------------------------------------------------------------


async def _keystrokes(path: Path, keys: int, rows: int) -> dict[str, list[float]]:
    """The work each key press costs, from the press until its changes are drawn.

    The app runs as it does for a person, headless, with Textual's own machinery
    throughout: the key goes through the driver's queue, bindings and handlers run,
    the widgets they changed post their refreshes, and the screen's update timer, at
    Textual's usual 60 frames a second, lays out and renders only the widgets marked
    dirty (nothing here forces a repaint). The headless driver writes nothing, so
    each update is also turned into the bytes a terminal would be sent, as the real
    driver does, and that counts too.

    What is timed is the processor time the app's thread spends from the key until
    the last message the key set off was handled or the last update it caused was
    rendered, whichever is later; work put off until after a refresh
    (``call_after_refresh``) counts. That is the figure the budget is about: whether
    a key's work fits in one frame (16 ms). It leaves out the wait for the next frame
    (0–16.7 ms, pacing, not work, the same for every Textual app) and time the machine
    gave to other programs, so it holds on a busy machine. The script waits for the
    app to go quiet by sleeping and looking; the little processor time the looking
    takes is subtracted.

    The yardstick is Textual's own DataTable with as many rows, alone under a header
    and above a footer (``bare_app.BareTable``), measured the same way: what moving
    the cursor costs before partnertui adds anything.
    """
    from textual import events
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.widgets import Input

    from partnertui.tui.app import PartnerApp
    from partnertui.tui.screens.section import SectionScreen

    clock = time.thread_time
    last = [0.0, 0.0]
    """When the app last did something, and how much looking had been done by then."""
    looked = [0.0]
    dispatch = MessagePump._dispatch_message
    display = App._display

    async def timed_dispatch(pump: MessagePump, message: object) -> None:
        try:
            await dispatch(pump, message)  # type: ignore[arg-type]
        finally:
            last[:] = clock(), looked[0]

    def timed_display(app: App, screen: object, update: object) -> None:
        display(app, screen, update)  # type: ignore[arg-type]
        if update is not None and hasattr(update, "render_segments"):
            update.render_segments(app.console)  # what the real driver would write
        last[:] = clock(), looked[0]

    MessagePump._dispatch_message = timed_dispatch  # type: ignore[method-assign]
    App._display = timed_display  # type: ignore[method-assign]

    def keyboard(app: App) -> Callable[[str], Awaitable[float]]:
        """Presses a key in ``app`` and tells the work it cost."""

        def quiet() -> bool:
            screen = app.screen
            nodes = [app, *screen.walk_children(with_self=True)]
            if any(not node._message_queue.empty() for node in nodes):
                return False
            if any(
                node._repaint_required or node._layout_required or node._scroll_required
                for node in nodes[1:]
            ):
                return False
            return not (
                screen._dirty_widgets
                or screen._layout_required
                or screen._scroll_required
                or screen._repaint_required
                or screen._callbacks
                or screen._update_timer._active.is_set()
            )

        async def press(key: str) -> float:
            for box in app.screen.query(Input):
                box.cursor_blink = False  # a blink is not the key's doing
            event = events.Key(key, key if len(key) == 1 else None)
            event.set_sender(app)
            looked[0] = 0.0
            start = clock()
            last[:] = start, 0.0
            app._driver.send_message(event)
            calm = 0
            while calm < 3:
                await asyncio.sleep(0.002)
                began = clock()
                calm = calm + 1 if quiet() else 0
                looked[0] += clock() - began
            return last[0] - start - last[1]

        return press

    found: dict[str, list[float]] = {}
    try:
        bare = BareTable(rows)
        async with bare.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            press = keyboard(bare)
            found["bare DataTable: cursor down"] = [await press("down") for _ in range(keys)]

        app = PartnerApp(path, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            press = keyboard(app)

            async def show(section: str) -> None:
                await pilot.press(section)
                await pilot.pause()
                if not isinstance(app.screen, SectionScreen):
                    raise RuntimeError(f"expected a section, but {app.screen!r} is showing")

            async def measure(name: str, presses: list[str]) -> None:
                found[name] = [await press(key) for key in presses]

            await pilot.pause()
            await show("2")
            await measure("partners: a key with nothing to do", ["f12"] * keys)
            await measure("partners: cursor down", ["j"] * keys)
            await pilot.press("slash")
            await pilot.pause()
            await measure("partners: type a filter letter", ["1", "backspace"] * (keys // 2))
            await pilot.press("escape")
            await show("3")
            await pilot.press("j")
            await pilot.pause()
            await measure("roles: cursor down", ["j"] * keys)
            await measure("roles: give a role", ["c", "m", "o", "l"] * (keys // 4))
            await measure("roles: undo, redo a role", ["ctrl+z", "ctrl+y"] * (keys // 2))
            await pilot.press("ctrl+q")
            await pilot.pause()
            with contextlib.suppress(Exception):
                await pilot.press("d")  # discard the edits, never save them
    finally:
        MessagePump._dispatch_message = dispatch  # type: ignore[method-assign]
        App._display = display  # type: ignore[method-assign]
    return found


def keystrokes(path: Path, keys: int, rows: int, env: dict[str, str]) -> dict[str, list[float]]:
    """:func:`_keystrokes` in a fresh process, as a person's session is: this one holds
    every project the other measures loaded (10,000 partners and more), and Python's
    cycle collector, looking through all of them now and then, would be counted
    against the keys."""
    done = subprocess.run(
        [sys.executable, __file__, "--keystrokes", str(path), str(keys), str(rows)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"measuring keystrokes failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


IMPORTED = 300
"""Responses in the import row: a large partnership's round, one row each."""


def import_row(
    path: Path, plan: Plan, folder: Path, env: dict[str, str], say: Callable[[str], None]
) -> Row:
    """``partnertui import`` of one CSV export with a row per partner (up to
    ``IMPORTED``) into a fresh copy of ``path``, against ``partnertui check`` of the
    same file: an import must read the project as check does, and its own work
    (reading, matching, planning, one save) should not cost as much again."""
    from partnertui import storage

    partners = storage.load(path).partners
    count = min(IMPORTED, len(partners))
    say(f"import, {count} responses, {len(partners):,} partners")
    export = folder / "answers.csv"
    lines = ["Timestamp,Email Address,Partner,1. Shared vision,Why?,2. Common goals,Communication"]
    for n, partner in enumerate(partners[:count]):
        lines.append(
            f'11/{n % 28 + 1}/2026 10:{n % 60:02d}:00,,"{partner.name}",{n % 5 + 1} - x,'
            f'"Because, {n}",{(n + 2) % 5 + 1},Don\'t know'
        )
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = folder / "import-target.toml"

    def import_once() -> float:
        shutil.copyfile(path, target)
        command = [sys.executable, "-m", "partnertui", "import", str(target), str(export)]
        return run_process([*command, "--round", "Benchmark"], env)

    def check_once() -> float:
        return run_process([sys.executable, "-m", "partnertui", "check", str(path)], env)

    ours, floor = interleaved(plan.checks, import_once, check_once)
    if len(storage.load(target).assessments) != len(storage.load(path).assessments) + count:
        raise RuntimeError("the import row did not import every response")
    return Row(
        f"import {count} responses, {len(partners):,} partners vs check of the same file",
        ms(ours),
        ms(floor),
        ratio(ours, floor),
        "≤ 2.00×",
        ours / floor <= 2,
    )


# -- the table ------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def ratio(ours: float, reference: float) -> str:
    return f"{ours / reference:.2f}×"


def measure_all(plan: Plan, folder: Path, say: Callable[[str], None]) -> list[Row]:
    from partnertui.storage.lock import lock_path

    env = dict(os.environ)
    env = {k: v for k, v in env.items() if not k.startswith("TEXTUAL")}
    env.update(TERM="xterm-256color", PARTNERTUI_CONFIG=str(folder / "config.toml"))
    os.environ["PARTNERTUI_CONFIG"] = env["PARTNERTUI_CONFIG"]
    small, middle, large = plan.sizes
    rows: list[Row] = []

    example = folder / EXAMPLE.name
    shutil.copyfile(EXAMPLE, example)
    # Compiled as pip compiles an installed package: an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would otherwise compile partnertui on every launch
    # (about 100 ms), while Textual and pydantic, installed by pip, never do.
    compileall.compile_dir(PACKAGE, quiet=1)

    def bare_app() -> float:
        return until_drawn([sys.executable, str(HERE / "bare_app.py")], (BARE_MARKER,), env, folder)

    def workbook() -> float:
        took = until_drawn(
            [sys.executable, "-m", "partnertui", str(example)], EXAMPLE_MARKERS, env, folder
        )
        # It was killed once drawn, so its lock on the file was left behind; a person
        # quits, which gives the lock back, and the next start finds none.
        lock_path(example).unlink(missing_ok=True)
        return took

    def bare_app_with_model() -> float:
        argv = [sys.executable, str(HERE / "bare_app.py"), "--with-model"]
        return until_drawn(argv, (BARE_MARKER,), env, folder)

    files = {}
    for size in plan.sizes:
        say(f"generating {size:,} partners")
        files[size] = generate.write(size, folder / f"partners-{size}.toml")
    opened = files[middle]

    def workbook_on_many() -> float:
        markers = (generate.project_name(middle), EXAMPLE_MARKERS[1])
        took = until_drawn([sys.executable, "-m", "partnertui", str(opened)], markers, env, folder)
        lock_path(opened).unlink(missing_ok=True)
        return took

    def parse_many() -> float:
        """The check floor's parse of the file, in a fresh process as each launch is."""
        done = subprocess.run(
            [sys.executable, "-c", PARSE, str(opened)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return float(done.stdout)

    say("first screen")
    ours, bare, stack, ours_many, parsed = interleaved(
        plan.launches, workbook, bare_app, bare_app_with_model, workbook_on_many, parse_many
    )
    rows.append(
        Row(
            "first screen (example) vs bare Textual + pydantic + model",
            ms(ours),
            ms(stack),
            ratio(ours, stack),
            "≤ 1.15×",
            ours / stack <= 1.15,
        )
    )
    rows.append(
        Row("first screen (example) vs bare Textual", ms(ours), ms(bare), ratio(ours, bare))
    )
    rows.append(
        Row(
            "first screen, bare Textual + pydantic + model, vs bare Textual",
            ms(stack),
            ms(bare),
            ratio(stack, bare),
        )
    )
    floor_many = bare + parsed
    rows.append(
        Row(
            f"first screen, {middle:,} partners vs bare Textual + tomllib parse",
            ms(ours_many),
            ms(floor_many),
            ratio(ours_many, floor_many),
            "≤ 1.15×",
            ours_many / floor_many <= 1.15,
        )
    )

    checks: dict[int, float] = {}
    check_floors: dict[int, float] = {}
    for size in plan.sizes:
        say(f"check, {size:,} partners")
        path = str(files[size])
        ours, floor = interleaved(
            plan.checks,
            lambda path=path: run_process([sys.executable, "-m", "partnertui", "check", path], env),
            lambda path=path: run_process([sys.executable, "-c", FLOOR, path], env),
        )
        checks[size] = ours
        check_floors[size] = floor
        budget = size == middle
        rows.append(
            Row(
                f"check, {size:,} partners vs floor",
                ms(ours),
                ms(floor),
                ratio(ours, floor),
                "≤ 2.00×" if budget else "",
                ours / floor <= 2 if budget else None,
            )
        )

    rows.append(import_row(files[middle], plan, folder, env, say))

    say(f"merge, {middle:,} partners")
    base, ours_file, theirs_file = three_versions(files[middle], folder)
    merged_file = folder / "merged.toml"
    ours, floor = interleaved(
        plan.checks,
        lambda: run_process(
            [
                sys.executable,
                "-m",
                "partnertui",
                "merge",
                str(base),
                str(ours_file),
                str(theirs_file),
                "--output",
                str(merged_file),
            ],
            env,
        ),
        lambda: run_process([sys.executable, "-m", "partnertui", "check", str(base)], env),
    )
    rows.append(
        Row(
            f"merge three versions, {middle:,} partners vs check of one",
            ms(ours),
            ms(floor),
            ratio(ours, floor),
            "≤ 2.00×",
            ours / floor <= 2,
        )
    )

    say("load+validate and save, each size in turn")
    work = file_work(files, plan, folder, env)
    loads = {size: work[size]["load"] for size in plan.sizes}
    load_floors = {size: work[size]["floor"] for size in plan.sizes}
    saves = {size: work[size]["save"] for size in plan.sizes}
    for size in plan.sizes:
        rows.append(
            Row(
                f"load+validate, {size:,} partners vs tomllib",
                ms(loads[size]),
                ms(load_floors[size]),
                ratio(loads[size], load_floors[size]),
            )
        )
    for size in plan.sizes:
        budget = size == middle
        rows.append(
            Row(
                f"save, {size:,} partners",
                ms(saves[size]),
                budget="≤ 50 ms" if budget else "",
                met=saves[size] <= 0.05 if budget else None,
            )
        )

    say(f"keystrokes, {middle:,} partners")
    found = keystrokes(files[middle], plan.keys, middle, env)
    bare_key = statistics.median(found.pop("bare DataTable: cursor down"))
    for name, samples in found.items():
        took = statistics.median(samples)
        floor_key = name.endswith("nothing to do")
        rows.append(
            Row(
                f"keystroke, {middle:,} partners, {name}",
                ms(took),
                "" if floor_key else ms(bare_key),
                "" if floor_key else ratio(took, bare_key),
                budget="" if floor_key else "≤ 16 ms",
                met=None if floor_key else took <= 0.016,
            )
        )

    say(f"peak memory, {large:,} partners")
    ours_kib = statistics.median(peak_kib("partnertui", files[large], env) for _ in range(3))
    floor_kib = statistics.median(peak_kib("floor", files[large], env) for _ in range(3))
    rows.append(
        Row(
            f"peak memory, load {large:,} partners vs floor",
            f"{ours_kib / 1024:,.0f} MiB",
            f"{floor_kib / 1024:,.0f} MiB",
            ratio(ours_kib, floor_kib),
        )
    )

    # Beside each growth, the floor's own growth on the same files where there is a
    # floor: on this kind of machine even tomllib alone can grow faster than the file,
    # once a project no longer fits in the processor's caches.
    growth = large / small
    for what, figures, floors in (
        ("check", checks, check_floors),
        ("load+validate", loads, load_floors),
        ("save", saves, None),
    ):
        grew = figures[large] / figures[small]
        rows.append(
            Row(
                f"growth, {what}, {small:,} → {large:,} partners",
                f"{grew:,.1f}×",
                f"floor {floors[large] / floors[small]:,.1f}×" if floors else "",
                budget=f"≤ {growth:,.0f}×",
                met=grew <= growth,
            )
        )
    return rows


def table(rows: list[Row]) -> str:
    head = ("measure", "partnertui", "reference", "ratio", "budget", "met")
    cells = [head] + [
        (
            r.measure,
            r.ours,
            r.reference,
            r.ratio,
            r.budget,
            "" if r.met is None else "yes" if r.met else "NO",
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for c in cells[1:]:
        lines.append("| " + " | ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats")
    parser.add_argument("--keystrokes", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--file-work", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.file_work:  # a fresh process of file_work()
        path, loads, saves, target, warm = args.file_work
        found = _file_work(Path(path), int(loads), int(saves), Path(target), Path(warm))
        print(json.dumps(found))
        return 0
    if args.keystrokes:  # the fresh process of keystrokes()
        path, keys, rows = args.keystrokes
        print(json.dumps(asyncio.run(_keystrokes(Path(path), int(keys), int(rows)))))
        return 0
    plan = QUICK if args.quick else FULL

    def say(what: str) -> None:
        print(f"… {what}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="partnertui-bench-") as folder:
        rows = measure_all(plan, Path(folder), say)
    print(table(rows))
    if args.quick:
        print("\n(quick run: small sizes and few repeats; the figures only show the table works)")
    missed = [r.measure for r in rows if r.met is False]
    if missed and not args.quick:
        print(f"\nBudget not met: {'; '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
