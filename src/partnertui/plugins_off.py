"""partnertui runs without pydantic plugins, and does not spend its start looking for them.

Pydantic looks for plugins (an experimental hook for tools that watch every
validation) when the first model is built: it imports ``importlib.metadata``, which
brings in the email and zip packages, and reads the metadata of every installed
package. That took 35–50 ms of every start on our test machine, a third of what the
workbook's first screen may add to a bare Textual app, for plugins partnertui has
no use for. Pydantic's own switch, ``PYDANTIC_DISABLE_PLUGINS``, skips the search
but not the imports, so this module stands in for pydantic's plugin loader, a
private module, before any model is built (:mod:`partnertui.model` imports it).

Should a newer pydantic want anything else from its loader, the real one is
imported then and takes over; ``tests/unit/test_model.py`` notices either way.
"""

from __future__ import annotations

import importlib
import sys
import types

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    return ()


def _real_loader(name: str) -> object:
    if name.startswith("__"):  # the import system asking what kind of module this is
        raise AttributeError(name)
    del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)


if LOADER not in sys.modules:
    _stand_in = types.ModuleType(LOADER, "partnertui: no pydantic plugins")
    _stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
    _stand_in.__getattr__ = _real_loader  # type: ignore[attr-defined]
    sys.modules[LOADER] = _stand_in
