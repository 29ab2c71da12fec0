"""A file a merge left with a conflict opens on the problems view, which names it."""

from __future__ import annotations

from shell_tools import screen_text

from partnertui import storage
from partnertui.merging import merge
from partnertui.tui.screens.problems import ProblemsScreen


async def test_a_merge_conflict_is_listed_with_its_two_values(project_file, make_app):
    path = project_file("riverside-youth")
    base = storage.load(path)
    ours, theirs = base.snapshot(), base.snapshot()
    ours.partners[0] = base.partners[0].model_copy(update={"name": "Ours"})
    theirs.partners[0] = base.partners[0].model_copy(update={"name": "Theirs"})
    path.write_text(merge(base, ours, theirs).text())
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        [problem] = app.screen.problems
        assert problem.message.startswith("a merge left two values for partner")
        assert '"Ours" (ours) or "Theirs" (theirs)' in problem.message
        assert "a merge left two values" in screen_text(app)
        await pilot.press("q")
