"""Why the Workbook refuses an edit, in words for the person making it."""

from __future__ import annotations

from pydantic import ValidationError

from partnertui.integrity import format_loc


class EditRefused(Exception):
    """An edit the workbook will not make, with a message for the person making it."""


class FormErrors(Exception):
    """Field-level problems with a form's values: ``{field name: plain message}``."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def form_errors(error: ValidationError) -> FormErrors:
    """Pydantic's errors as one plain message per form field."""
    errors: dict[str, str] = {}
    for item in error.errors():
        loc = item["loc"]
        name = str(loc[0]) if loc else ""
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "string_pattern_mismatch" and name == "currency":
            message = "use a three-letter code such as CAD, USD or EUR"
        elif item["type"] in ("date_type", "date_from_datetime_parsing", "date_parsing"):
            message = "write a date like 2026-09-15"
        elif name == "minimum_to_show" and item["type"] in (
            "greater_than_equal",
            "less_than_equal",
        ):
            message = "write a whole number from 1 to 1000"
        elif item["type"] == "missing":
            message = "this is required"
        errors.setdefault(name or format_loc(loc), message)
    return FormErrors(errors)
