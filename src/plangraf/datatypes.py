"""Typed values checked where they enter: lexical forms against their datatype, values against the XSD range
the ontology gives their property.

The rules are plain functions of text, so every store applies the same ones: a literal whose lexical form is
not in its datatype's lexical space (``"abc"^^xsd:integer``, ``"2008-13-45"^^xsd:date``) is refused, and so is
a value of another datatype where the ontology types the property (``pg:participants "many"`` where the range
is ``xsd:nonNegativeInteger``). A whole number written without a datatype (``xsd:integer``) fits every numeric
range; whether it is in the range's value space (not negative, ≥ 1) is left to the SHACL shapes, which state
the same datatypes so that ``plangraf validate`` lists every such value at once. EDTF dates
(``edtf:EDTF``) are valid when :func:`plangraf.dates.span` reads them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from plangraf.dates import span

XSD = "http://www.w3.org/2001/XMLSchema#"
EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"
STRING = XSD + "string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
INTEGER = XSD + "integer"
DECIMAL = XSD + "decimal"

# Integer types derived from xsd:integer, with their smallest and largest value (None: unbounded).
INTEGER_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1), "int": (-(2**31), 2**31 - 1), "short": (-(2**15), 2**15 - 1), "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}
NUMERIC_RANGES = {XSD + name for name in INTEGER_BOUNDS} | {DECIMAL}

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{4,}|\d{4})"
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF)|NaN")
_DATE = re.compile(rf"({_YEAR})-(\d\d)-(\d\d){_TZ}")
_DATE_TIME = re.compile(rf"({_YEAR})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(?:\.\d+)?){_TZ}")
_TIME = re.compile(rf"(\d\d):(\d\d):(\d\d(?:\.\d+)?){_TZ}")
_G_YEAR = re.compile(rf"{_YEAR}{_TZ}")
_G_YEAR_MONTH = re.compile(rf"{_YEAR}-(0[1-9]|1[0-2]){_TZ}")


@dataclass(frozen=True)
class TypeProblem:
    """A value that does not fit: ``subject predicate value`` and why."""

    subject: str
    predicate: str
    value: str
    reason: str


def _days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else calendar.mdays[month]


def _valid_day(year: str, month: str, day: str) -> bool:
    return 1 <= int(month) <= 12 and 1 <= int(day) <= _days_in_month(int(year), int(month))


def _valid_clock(hour: str, minute: str, second: str) -> bool:
    if hour == "24":
        return minute == "00" and float(second) == 0
    return int(hour) < 24 and int(minute) < 60 and float(second) < 60


def _date(text: str) -> bool:
    found = _DATE.fullmatch(text)
    return bool(found) and _valid_day(*found.groups())


def _date_time(text: str) -> bool:
    found = _DATE_TIME.fullmatch(text)
    return bool(found) and _valid_day(*found.groups()[:3]) and _valid_clock(*found.groups()[3:])


def _time(text: str) -> bool:
    found = _TIME.fullmatch(text)
    return bool(found) and _valid_clock(*found.groups())


def _integer_check(low: int | None, high: int | None) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        if not _INTEGER.fullmatch(text):
            return False
        value = int(text)
        return (low is None or value >= low) and (high is None or value <= high)

    return check


LEXICAL: dict[str, Callable[[str], bool]] = {
    **{XSD + name: _integer_check(*bounds) for name, bounds in INTEGER_BOUNDS.items()},
    DECIMAL: lambda text: bool(_DECIMAL.fullmatch(text)),
    XSD + "double": lambda text: bool(_DOUBLE.fullmatch(text)),
    XSD + "float": lambda text: bool(_DOUBLE.fullmatch(text)),
    XSD + "boolean": lambda text: text in {"true", "false", "1", "0"},
    XSD + "date": _date,
    XSD + "dateTime": _date_time,
    XSD + "time": _time,
    XSD + "gYear": lambda text: bool(_G_YEAR.fullmatch(text)),
    XSD + "gYearMonth": lambda text: bool(_G_YEAR_MONTH.fullmatch(text)),
    EDTF: lambda text: span(text) is not None,
}
CHECKED_DATATYPES = frozenset(LEXICAL)


def short(iri: str) -> str:
    from plangraf.terms import compact

    return compact(iri)


def lexical_problem(lexical: str, datatype: str) -> str | None:
    """Why ``lexical`` is not a value of ``datatype``, or None if it is (or the datatype is not one checked)."""
    check = LEXICAL.get(datatype)
    if check is None or check(lexical):
        return None
    return f"is not a valid {short(datatype)}"


def accepted(range_: str) -> set[str]:
    """The datatypes a value may have where the ontology gives its property the XSD range ``range_``: the range
    itself, and for numeric ranges a plain whole number (xsd:integer)."""
    return {range_, INTEGER} if range_ in NUMERIC_RANGES else {range_}


def range_problem(predicate: str, range_: str, datatype: str | None) -> str | None:
    """Why a value of ``datatype`` (None: not a literal) does not fit ``predicate``'s ``range_``, or None."""
    if datatype in accepted(range_):
        return None
    what = "is not a literal" if datatype is None else f"is {_article(short(datatype))}"
    return f"{what}, but the ontology gives {short(predicate)} the range {short(range_)}"


def _article(name: str) -> str:
    return f"an {name}" if name.split(":")[-1][:1].lower() in "aeiou" else f"a {name}"


def ranged(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The (property, range) pairs whose range is an XSD datatype, as one range per property."""
    return {prop: range_ for prop, range_ in pairs if range_.startswith(XSD)}


# ----------------------------------------------------------------------------------------- where it is


def message(problem: TypeProblem, where: str, more: int) -> str:
    """One line naming the file and line, the node, the property and the value."""
    node = "a blank node" if problem.subject.startswith("_:") else short(problem.subject)
    tail = f" (and {more} more ill-typed value{'s' if more > 1 else ''})" if more else ""
    return f"ill-typed value in {where}: {node} {short(problem.predicate)} \"{problem.value}\" {problem.reason}{tail}"


def line_of(text: str, problem: TypeProblem) -> int | None:
    """The line of ``text`` where the value is written, looked for after the first mention of its subject."""
    lines = text.splitlines()
    name = problem.subject.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    start = next((i for i, line in enumerate(lines) if name and name in line), 0)
    for needles in ([f'"{problem.value}"', f"'{problem.value}'"], [problem.value]):
        found = [i for i, line in enumerate(lines) if any(n in line for n in needles)]
        if found:
            return next((i for i in found if i >= start), found[0]) + 1
    return None


def _holds(data: bytes, problem: TypeProblem) -> bool:
    """True if the Turtle ``data`` states the problem's triple (a blank node is known by its value alone)."""
    blank = problem.subject.startswith("_:")
    try:
        for quad in ox.parse(input=data, format=ox.RdfFormat.TURTLE):
            if quad.predicate.value == problem.predicate and (
                    quad.object.value == problem.value if blank else quad.subject.value == problem.subject):
                return True
    except (SyntaxError, ValueError):
        return False
    return False


def locate(problem: TypeProblem, sources: Iterable[tuple[Path, bytes]]) -> str:
    """``FILE line N`` where the problem's value is written; the file is the first that states the triple."""
    listed = list(sources)
    for path, data in listed:
        if _holds(data, problem):
            line = line_of(data.decode("utf-8", errors="replace"), problem)
            return f"{path} line {line}" if line else str(path)
    return ", ".join(str(path) for path, _ in listed[-3:]) or "the data"
