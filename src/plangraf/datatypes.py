"""Typed values checked where they enter: lexical forms against their datatype, values against what the
ontology says of their property.

The rules are plain functions of text, so every store applies the same ones: a literal whose lexical form is
not in its datatype's lexical space (``"abc"^^xsd:integer``, ``"2008-13-45"^^xsd:date``) is refused, and so is
a value of another datatype where the ontology gives the property an XSD range (``pg:participants "many"``
where the range is ``xsd:nonNegativeInteger``), and a literal where the property links nodes (rdf:type, an
owl:ObjectProperty). A whole number written without a datatype (``xsd:integer``) fits every numeric range;
whether it is in the range's value space (not negative, ≥ 1) is left to the SHACL shapes, which state the same
datatypes so that ``plangraf validate`` lists every such value at once. EDTF dates (``edtf:EDTF``) are valid
when :func:`plangraf.dates.span` reads them.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from plangraf.dates import span

XSD = "http://www.w3.org/2001/XMLSchema#"
EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"
STRING = XSD + "string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
INTEGER = XSD + "integer"
DECIMAL = XSD + "decimal"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OBJECT_PROPERTY = "http://www.w3.org/2002/07/owl#ObjectProperty"

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
    value: str  # a lexical form, or an IRI or blank node where a literal was due
    reason: str
    literal: bool = True


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

    return "edtf:EDTF" if iri == EDTF else compact(iri)


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
    what = "is not a literal" if datatype is None else f"has the datatype {short(datatype)}"
    return f"{what}, but the ontology gives {short(predicate)} the range {short(range_)}"


def node_problem(predicate: str) -> str:
    """Why a literal does not fit ``predicate``, whose values are nodes."""
    return f"is a literal, but {short(predicate)} links to a node (an IRI or a blank node)"


def xsd_ranges(ranges: Iterable[tuple[str, str]], parents: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each property's XSD range, its own or inherited through rdfs:subPropertyOf (``parents``: sub, super)."""
    own = {prop: range_ for prop, range_ in ranges if range_.startswith(XSD)}
    supers: dict[str, set[str]] = {}
    for sub, sup in parents:
        supers.setdefault(sub, set()).add(sup)
    found = dict(own)
    for prop in supers:
        seen, todo = set(), list(supers[prop])
        while todo:
            sup = todo.pop()
            if sup in own and prop not in found:
                found[prop] = own[sup]
            if sup not in seen:
                seen.add(sup)
                todo.extend(supers.get(sup, ()))
    return found


# ------------------------------------------------------------------------------------------- per store

# One scan of the store tells which datatypes (None: a node) each property's values have; only the few
# (property, datatype) pairs that could be wrong are then looked at, through the property index.
_KINDS = "SELECT DISTINCT ?p ?datatype WHERE { ?s ?p ?value BIND(datatype(?value) AS ?datatype) }"  # unbound: a node
_RANGES = "SELECT ?p ?range WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#range> ?range }"
_PARENTS = "SELECT ?p ?super WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> ?super }"
_OBJECT_PROPERTIES = f"SELECT ?p WHERE {{ ?p a <{OBJECT_PROPERTY}> }}"
# Oxigraph stores a valid number as a number, so isNumeric() leaves only the numbers it could not read.
_OF_DATATYPE = ("SELECT DISTINCT ?p ?datatype ?value WHERE {{ ?s ?p ?value "
                "FILTER(isLiteral(?value) && datatype(?value) = ?datatype{}) }}")
_TRIPLES = "SELECT ?s ?p ?value WHERE { ?s ?p ?value }"
NUMERIC = {DECIMAL, XSD + "double", XSD + "float"} | {XSD + name for name in INTEGER_BOUNDS}


def _ox_name(term: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _ox_datatype(value: ox.NamedNode | ox.BlankNode | ox.Literal) -> str | None:
    return value.datatype.value if isinstance(value, ox.Literal) else None


def oxigraph_problems(store: ox.Store) -> list[TypeProblem]:
    """Every ill-typed value in an Oxigraph store (but see :func:`rewritten_problems`), by the same rules as
    :func:`rdflib_problems`."""
    kinds = {(p.value, None if datatype is None else datatype.value) for p, datatype in store.query(_KINDS)}
    ranges = xsd_ranges(((p.value, r.value) for p, r in store.query(_RANGES) if isinstance(r, ox.NamedNode)),
                        ((p.value, q.value) for p, q in store.query(_PARENTS)))
    node_valued = {RDF_TYPE} | {p.value for (p,) in store.query(_OBJECT_PROPERTIES)}
    problems = []
    for prop, datatype in sorted(kinds, key=str):
        if datatype in CHECKED_DATATYPES:
            problems += _ox_lexical(store, prop, datatype)
        if (prop in ranges and datatype not in accepted(ranges[prop])) or (prop in node_valued and datatype):
            problems += _ox_misfits(store, prop, datatype, ranges.get(prop))
    return problems


def _ox_lexical(store: ox.Store, prop: str, datatype: str) -> list[TypeProblem]:
    query = _OF_DATATYPE.format(" && !isNumeric(?value)" if datatype in NUMERIC else "")
    bound = {ox.Variable("p"): ox.NamedNode(prop), ox.Variable("datatype"): ox.NamedNode(datatype)}
    problems = []
    for _, _, value in store.query(query, substitutions=bound):
        reason = lexical_problem(value.value, datatype)
        if reason:
            uses = store.query(_TRIPLES, substitutions={ox.Variable("p"): ox.NamedNode(prop), ox.Variable("value"): value})
            problems += [TypeProblem(_ox_name(s), prop, value.value, reason) for s, _, _ in uses]
    return problems


def _ox_misfits(store: ox.Store, prop: str, datatype: str | None, range_: str | None) -> list[TypeProblem]:
    """The values of ``prop`` of ``datatype`` (None: nodes), which its range or its linking nodes refuse."""
    problems = []
    for s, _, value in store.query(_TRIPLES, substitutions={ox.Variable("p"): ox.NamedNode(prop)}):
        if _ox_datatype(value) == datatype:
            reason = range_problem(prop, range_, datatype) if range_ else node_problem(prop)
            problems.append(TypeProblem(_ox_name(s), prop, value.value, reason or "", datatype is not None))
    return problems


def written_problems(data: bytes, datatypes: frozenset[str], base_iri: str | None = None) -> list[TypeProblem]:
    """The literals of ``datatypes`` in the Turtle ``data`` whose lexical form, as written, does not fit.
    Stores rewrite what they read (rdflib writes "TRUE"^^xsd:boolean as "true"), so this reads the text.
    Turtle that only another parser reads is left to that parser's checks."""
    problems = []
    with suppress(SyntaxError):
        for quad in ox.parse(input=data, format=ox.RdfFormat.TURTLE, base_iri=base_iri):
            value = quad.object
            if isinstance(value, ox.Literal) and value.datatype.value in datatypes:
                reason = lexical_problem(value.value, value.datatype.value)
                if reason:
                    problems.append(TypeProblem(_ox_name(quad.subject), quad.predicate.value, value.value, reason))
    return problems


# Oxigraph stores a value of a type derived from xsd:integer as an xsd:integer, without checking the
# derived type's bounds ("0"^^xsd:positiveInteger becomes 0): such values are checked as written, in the
# files that may hold one.
_DERIVED_NAME = re.compile(rb"\^\^[^\s;,)\]]*[#:](?:nonNegativeInteger|positiveInteger|negativeInteger"
                           rb"|nonPositiveInteger|unsigned\w+|long|int|short|byte)\b")
_DERIVED = frozenset(XSD + name for name in INTEGER_BOUNDS) - {INTEGER}


def rewritten_problems(data: bytes) -> list[TypeProblem]:
    """Values of derived integer types in the Turtle ``data`` that are out of their type's bounds."""
    return written_problems(data, _DERIVED) if _DERIVED_NAME.search(data) else []


def _rdflib_datatype(value: Node) -> str | None:
    if not isinstance(value, Literal):
        return None
    return str(value.datatype) if value.datatype else LANG_STRING if value.language else STRING


def _rdflib_name(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def rdflib_problems(graph: Graph, sources: Iterable[tuple[Path, bytes]]) -> list[TypeProblem]:
    """Every ill-typed value of an rdflib graph parsed from ``sources``, by the same rules as
    :func:`oxigraph_problems`: lexical forms as the files write them, ranges on the graph."""
    problems = []
    for path, data in sources:
        problems += written_problems(data, CHECKED_DATATYPES, path.resolve().as_uri())
    ranges = xsd_ranges(((str(p), str(r)) for p, r in graph.subject_objects(RDFS.range)),
                        ((str(p), str(q)) for p, q in graph.subject_objects(RDFS.subPropertyOf)))
    for prop, range_ in sorted(ranges.items()):
        for s, value in graph.subject_objects(URIRef(prop)):
            reason = range_problem(prop, range_, _rdflib_datatype(value))
            if reason:
                problems.append(TypeProblem(_rdflib_name(s), prop, str(value), reason, isinstance(value, Literal)))
    properties = {RDF.type} | set(graph.subjects(RDF.type, OWL.ObjectProperty))
    problems += [TypeProblem(_rdflib_name(s), str(prop), str(value), node_problem(str(prop)))
                 for prop in sorted(properties) for s, value in graph.subject_objects(prop) if isinstance(value, Literal)]
    return problems


# ----------------------------------------------------------------------------------------- where it is


def _shown(problem: TypeProblem) -> str:
    """The value in quotes, its line breaks and control characters escaped, so the message stays one line."""
    return json.dumps(problem.value, ensure_ascii=False) if problem.literal else short(problem.value)


def message(problem: TypeProblem, where: str, more: int) -> str:
    """One line naming the file and line, the node, the property and the value."""
    node = "a blank node" if problem.subject.startswith("_:") else short(problem.subject)
    tail = f" (and {more} more ill-typed value{'s' if more > 1 else ''})" if more else ""
    return f"ill-typed value in {where}: {node} {short(problem.predicate)} {_shown(problem)} {problem.reason}{tail}"


def _local_name(iri: str) -> str:
    return re.split(r"[/#:]", iri.rstrip("/#"))[-1]


def line_of(text: str, problem: TypeProblem) -> int | None:
    """The line of ``text`` where the value is written, looked for from the first mention of its subject."""
    lines = text.splitlines()
    name = _local_name(problem.subject) if not problem.subject.startswith("_:") else ""
    start = next((i for i, line in enumerate(lines) if name and name in line), 0)
    if problem.literal:
        tries = [[f'"{problem.value}"', f"'{problem.value}'"], [problem.value]]
    else:
        tries = [[f"<{problem.value}>", short(problem.value)], [_local_name(problem.value)]]
    for needles in tries:
        found = [i for i, line in enumerate(lines) if any(n and n in line for n in needles)]
        if found:
            return next((i for i in found if i >= start), found[0]) + 1
    return None


def _holds(data: bytes, problem: TypeProblem) -> bool:
    """True if the Turtle ``data`` states the problem's triple (a blank node is known by its value alone)."""
    blank = problem.subject.startswith("_:")
    with suppress(SyntaxError):
        for quad in ox.parse(input=data, format=ox.RdfFormat.TURTLE):
            if quad.predicate.value == problem.predicate and (
                    quad.object.value == problem.value if blank else quad.subject.value == problem.subject):
                return True
    return False


def locate(problem: TypeProblem, sources: Iterable[tuple[Path, bytes]]) -> str:
    """``FILE line N`` where the problem's value is written: in the first file that states the triple, or
    failing that (a file only rdflib reads), the first that writes the value."""
    listed = [(path, data, data.decode("utf-8", errors="replace")) for path, data in sources]
    stating = [(path, text) for path, data, text in listed if _holds(data, problem)]
    for path, text in stating + [(path, text) for path, _, text in listed]:
        line = line_of(text, problem)
        if line or stating:
            return f"{path} line {line}" if line else str(path)
    return "the data"
