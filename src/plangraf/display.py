"""Values as people read them, the same in the terminal, in Markdown and on HTML pages: money in whole
kronor with grouped digits ("2 500 000 kr"), "not stated" for what the source does not give, shares as
percentages, whole numbers without a decimal point. JSON and CSV keep the plain values.

Digits are grouped with no-break spaces (U+00A0), so that an amount is never split across lines.
"""

from __future__ import annotations

from typing import Any

NOT_STATED = "not stated"
SPACE = "\u00a0"


def sek(value: float | int | None) -> str:
    """``2500000.0`` -> ``2 500 000 kr``; None -> ``not stated``."""
    if value is None:
        return NOT_STATED
    return f"{round(value):,}".replace(",", SPACE) + f"{SPACE}kr"


def share(value: float | None) -> str:
    """``0.1234`` -> ``12.3 %``; None (nothing to share) -> ``–``."""
    return "–" if value is None else f"{value * 100:.1f}{SPACE}%"


def number(value: Any) -> Any:
    """A float that is a whole number as an int (``24000000.0`` -> ``24000000``); anything else unchanged."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def count(value: int | None) -> str:
    """A count the source may not give: ``18`` or ``not stated``."""
    return NOT_STATED if value is None else str(value)
