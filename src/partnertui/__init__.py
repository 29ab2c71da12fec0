"""partnertui: a terminal workbook for crime prevention project partnerships."""

__version__ = "0.1.0"
