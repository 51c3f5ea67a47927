"""ISO dates as precise as the report: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as periods."""

from __future__ import annotations

import calendar
from datetime import date


def period(value: object) -> tuple[date, date] | None:
    """The first and last day a partial ISO date can mean, or None if it is not one."""
    text = str(value or "").strip()
    try:
        parts = [int(p) for p in text.split("-")]
    except ValueError:
        return None
    if len(parts) == 1 and len(text) == 4:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    if len(parts) == 3:
        day = date(parts[0], parts[1], parts[2])
        return day, day
    return None


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (negative if end is earlier)."""
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)

