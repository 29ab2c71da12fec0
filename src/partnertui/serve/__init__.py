"""``partnertui serve``: the workbook in a browser tab, served from this computer.

textual-serve does the serving. What is ours is stopping it: one SIGINT (ctrl+c) or
SIGTERM ends every tab's workbook in good order (its unsaved edits kept in its
recovery file, its lock let go) and then the server, quietly. See
:mod:`partnertui.serve.server`; the textual-serve internals this needs are in
:mod:`partnertui.serve.compat`. Importing this package imports textual-serve, so
only the serve command imports it.
"""

from partnertui.serve.server import STOP_GRACE_SECONDS, WorkbookServer, workbook_command

__all__ = ["STOP_GRACE_SECONDS", "WorkbookServer", "workbook_command"]
