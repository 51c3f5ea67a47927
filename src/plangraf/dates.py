"""Dates as precise as the report, read as the interval of days they can mean.

The data writes a date at the precision its source gives (see ``data/CONVENTIONS.md``, Dates):
``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD`` (xsd:gYear, xsd:gYearMonth, xsd:date), and, for what lies between a
year and a month, a subset of EDTF (ISO 8601-2 level 1): seasons ``YYYY-21`` … ``YYYY-24`` and intervals
``A/B`` of two such dates. Every comparison is made on the earliest and the latest day a date can mean, so a
year never turns into its first of January, and "B after A" holds only when B's earliest day is after A's
latest.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

# Seasons as Swedish terms (vårterminen, höstterminen), wider than the meteorological seasons, so that
# no comparison claims an order the source does not give. (first month, last month, last month's year offset)
SEASONS = {21: (1, 6, 0), 22: (6, 8, 0), 23: (8, 12, 0), 24: (12, 2, 1)}


@dataclass(frozen=True, order=True)
class Span:
    """The earliest and the latest day a date of the source can mean, and how it was written."""

    earliest: date
    latest: date
    text: str = ""

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _single(text: str) -> tuple[date, date] | None:
    parts = text.split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    numbers = [int(p) for p in parts]
    try:
        if len(numbers) == 1:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
        if len(numbers) == 2 and numbers[1] in SEASONS:
            first, last, offset = SEASONS[numbers[1]]
            return date(numbers[0], first, 1), _month_end(numbers[0] + offset, last)
        if len(numbers) == 2:
            return date(numbers[0], numbers[1], 1), _month_end(numbers[0], numbers[1])
        if len(numbers) == 3:
            day = date(*numbers)
            return day, day
    except ValueError:
        return None
    return None


def span(value: object) -> Span | None:
    """The interval a date of the data means, or None if it is not one plangraf reads."""
    text = str(value or "").strip()
    if "/" in text:
        start, _, end = text.partition("/")
        first, last = _single(start), _single(end)
        if first is None or last is None or first[0] > last[1]:
            return None
        return Span(first[0], last[1], text)
    found = _single(text)
    return Span(found[0], found[1], text) if found else None


def period(value: object) -> tuple[date, date] | None:
    """The first and last day a date can mean, or None if it is not one."""
    found = span(value)
    return (found.earliest, found.latest) if found else None


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (negative if end is earlier)."""
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def gap_months(first: Span, then: Span) -> tuple[int, int]:
    """The fewest and the most whole months from ``first`` to ``then``, given what each can mean."""
    return months_between(first.latest, then.earliest), months_between(first.earliest, then.latest)


def order(first: Span, then: Span) -> str:
    """``after`` when ``then`` surely comes after ``first``, ``before`` when surely before, else ``uncertain``."""
    if then.earliest > first.latest:
        return "after"
    if then.latest < first.earliest:
        return "before"
    return "uncertain"


def imprecise(value: Span) -> str | None:
    """A caveat code for a date coarser than a day: ``year-precision``, ``season-precision``,
    ``month-precision``; None for a day."""
    if value.exact:
        return None
    if len(value.text) == 4:
        return "year-precision"
    if len(value.text) == 7 and int(value.text[5:]) in SEASONS:
        return "season-precision"
    if "/" in value.text:
        return "interval-precision"
    return "month-precision"
