"""Dates as coordinators type them: YYYY-MM-DD, `today`, or relative to today (`+14d`, `+2w`, `-1d`).

One parser for the CLI, the wizard and the dashboard, so a date accepted in one place is
accepted everywhere. Relative dates keep README examples and scripts valid on any day.
"""

from __future__ import annotations

import datetime as dt
import re

from survey_tui.errors import InvalidInput, message

HINT = "use YYYY-MM-DD, 'today', or days/weeks from today such as +14d or +2w"  # English; hint() translates it
_RELATIVE = re.compile(r"([+-])\s*(\d{1,5})\s*([dw]?)")


def hint() -> str:
    """HINT in the coordinator's language."""
    return message("in_date_hint")


def parse(text: str, today: dt.date | None = None) -> dt.date:
    """A date from `text`; ValueError (with HINT) when it is none of the accepted forms."""
    value = str(text).strip().lower()
    base = today or dt.date.today()
    if value == "today":
        return base
    if value == "tomorrow":
        return base + dt.timedelta(days=1)
    match = _RELATIVE.fullmatch(value)
    if match:
        sign, count, unit = match.groups()
        days = int(count) * (7 if unit == "w" else 1)
        try:
            return base + dt.timedelta(days=days if sign == "+" else -days)
        except OverflowError:
            raise ValueError(hint()) from None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(hint()) from None


def parse_option(value: str | None, name: str, today: dt.date | None = None) -> dt.date | None:
    """An optional date setting: None or "" means no date; a bad value is one clear InvalidInput."""
    if value is None or not str(value).strip():
        return None
    try:
        return parse(value, today)
    except ValueError:
        raise InvalidInput(message("in_not_a_date", name=name, value=repr(str(value)[:40]), hint=hint())) from None
