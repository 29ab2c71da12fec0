"""partnertui runs without pydantic plugins, and does not spend its start looking for them.

Pydantic looks for plugins (an experimental hook for tools that watch every
validation) when the first model is built. Its documented switch,
``PYDANTIC_DISABLE_PLUGINS``, skips reading every installed package's metadata
(about 27 ms of each start on our test machine), and :func:`install` sets it. The
switch still leaves pydantic importing ``importlib.metadata`` with the email and
zip packages it brings (about 27 ms more), for plugins partnertui has no use for,
so :func:`install` also stands in for pydantic's plugin loader, a private module,
before any model is built. Should a newer pydantic want anything else from its
loader, the real one is imported then and takes over.

The command line calls :func:`install` first thing; importing the model does not,
so a program that uses partnertui's model keeps its own pydantic as it was.
``tests/unit/test_model.py`` fails if pydantic stops asking this loader, or starts
importing the metadata elsewhere.
"""

from __future__ import annotations

import importlib
import os
import sys
import types

LOADER = "pydantic.plugin._loader"
asked = 0
"""How many times pydantic asked the stand-in for plugins (the tests look)."""


def _no_plugins() -> tuple[()]:
    global asked
    asked += 1
    return ()


def _real_loader(name: str) -> object:
    if name.startswith("__"):  # the import system asking what kind of module this is
        raise AttributeError(name)
    del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)


def install() -> None:
    """Turn pydantic's plugins off for this process, before its first model is built."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if LOADER not in sys.modules:
        stand_in = types.ModuleType(LOADER, "partnertui: no pydantic plugins")
        stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
        stand_in.__getattr__ = _real_loader  # type: ignore[attr-defined]
        sys.modules[LOADER] = stand_in
