"""Lets ``python -m partnertui`` behave exactly like the ``partnertui`` command."""

import sys

from partnertui.cli import main

sys.exit(main())
