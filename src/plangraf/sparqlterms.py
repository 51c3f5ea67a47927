"""RDF terms checked and written as SPARQL text, for the one place a value must enter a query's text: the
``VALUES`` block that binds parameters on a remote endpoint.

Every term is checked before it is written, and written so that it can only be read back as itself:
IRIs follow the grammar's ``IRIREF`` (no ``<>"{}|^`\\``, no space or control character) and must be
absolute IRIs Oxigraph accepts; language tags are well-formed BCP 47; a typed literal's lexical form must
belong to its XML Schema datatype; strings escape ``\\``, ``"``, line feed, carriage return, tab, backspace
and form feed with the grammar's ``ECHAR`` escapes and every other control character as ``\\uXXXX``. No
backslash is ever followed by ``u`` except in those escapes, so a server that expands ``\\u`` escapes before
parsing (as SPARQL 1.1 section 19.2 allows, and rdflib does) still reads each string as one literal.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from plangraf.errors import QueryError, shown

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LANGTAG = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f]')

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{3,}|0\d{3})"
_TIME = r"(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)"
_DATE = re.compile(rf"^({_YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:T{_TIME})?{_TZ}$")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_PATTERNS = {
    "decimal": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "double": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN",
    "boolean": r"true|false|1|0",
    "time": rf"{_TIME}{_TZ}",
    "gYear": rf"{_YEAR}{_TZ}",
    "gYearMonth": rf"{_YEAR}-(?:0[1-9]|1[0-2]){_TZ}",
    "gMonth": rf"--(?:0[1-9]|1[0-2]){_TZ}",
    "gDay": rf"---(?:0[1-9]|[12]\d|3[01]){_TZ}",
    "gMonthDay": rf"--(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]){_TZ}",
}
_PATTERNS["float"] = _PATTERNS["double"]
_INTEGERS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1), "int": (-(2**31), 2**31 - 1), "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127), "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255),
}


def check_text(value: str, what: str) -> str:
    """``value`` if it is valid Unicode (command-line arguments that were not UTF-8 carry lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise QueryError(f"{what} is not valid UTF-8 text (at character {exc.start + 1})") from None
    return value


def check_iri(iri: str) -> str:
    """``iri`` if it is an absolute IRI that SPARQL's IRIREF can carry, else a QueryError saying why."""
    check_text(iri, f"the IRI <{shown(iri)}>")
    bad = _IRI_FORBIDDEN.search(iri)
    if bad:
        char = bad.group(0)
        char_name = repr(char) if char.isprintable() and char != " " else f"U+{ord(char):04X}"
        raise QueryError(f"<{shown(iri)}> is not a valid IRI: {char_name} is not allowed in an IRI (write it %-encoded)")
    if not _SCHEME.match(iri):
        raise QueryError(f"<{shown(iri)}> is not a valid IRI: it needs a scheme such as https:")
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"<{shown(iri)}> is not a valid IRI: {exc}") from None
    return iri


def check_language(tag: str) -> str:
    """``tag`` if it is a well-formed BCP 47 language tag."""
    try:
        ox.Literal("", language=tag)
    except ValueError:
        raise QueryError(f"'{shown(tag)}' is not a valid language tag (BCP 47, such as sv or en-GB)") from None
    if not _LANGTAG.match(tag):
        raise QueryError(f"'{shown(tag)}' is not a valid language tag (BCP 47, such as sv or en-GB)")
    return tag


def check_lexical(lexical: str, datatype: str) -> str:
    """``lexical`` if it is a valid lexical form of the XML Schema ``datatype`` (other datatypes: any text)."""
    check_text(lexical, f"the value '{shown(lexical)}'")
    if datatype == RDF_LANGSTRING:
        raise QueryError('an rdf:langString needs a language tag: write "text"@sv')
    if not datatype.startswith(XSD):
        return lexical
    name = datatype[len(XSD):]
    valid = _VALIDATORS.get(name, lambda _: True)
    if not valid(lexical):
        raise QueryError(f"'{shown(lexical)}' is not a valid xsd:{name}")
    return lexical


def _integer(bounds: tuple[int | None, int | None]) -> Callable[[str], bool]:
    low, high = bounds

    def valid(lexical: str) -> bool:
        if not re.fullmatch(r"[+-]?\d+", lexical):
            return False
        number = int(lexical)
        return (low is None or number >= low) and (high is None or number <= high)

    return valid


def _date(lexical: str) -> bool:
    match = _DATE.match(lexical)
    if not match:
        return False
    year, month, day = (int(group) for group in match.groups())
    days = 29 if month == 2 and calendar.isleap(year) else _DAYS[month - 1]  # XSD 1.1: year 0000 is a leap year
    return day <= days


_VALIDATORS: dict[str, Callable[[str], bool]] = {
    **{name: (lambda lexical, p=re.compile(rf"(?:{pattern})"): bool(p.fullmatch(lexical)))
       for name, pattern in _PATTERNS.items()},
    **{name: _integer(bounds) for name, bounds in _INTEGERS.items()},
    "date": lambda lexical: "T" not in lexical and _date(lexical),
    "dateTime": lambda lexical: "T" in lexical and _date(lexical),
}


def string_literal(text: str) -> str:
    """``text`` as a SPARQL ``STRING_LITERAL2``, escaped."""
    check_text(text, f"the value '{shown(text)}'")
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ECHAR.get(m.group(0)) or f"\\u{ord(m.group(0)):04X}", text) + '"'


def serialise(term: Node) -> str:
    """A checked term as SPARQL text that reads back as exactly this term."""
    if isinstance(term, URIRef):
        return f"<{check_iri(str(term))}>"
    if isinstance(term, Literal):
        text = string_literal(str(term))
        if term.language:
            return f"{text}@{check_language(term.language)}"
        datatype = str(term.datatype) if term.datatype else XSD + "string"
        if datatype == XSD + "string":
            return text
        check_lexical(str(term), check_iri(datatype))
        return f"{text}^^<{datatype}>"
    kind = "a blank node" if isinstance(term, BNode) else type(term).__name__
    raise QueryError(f"{kind} cannot be bound as a parameter")
