"""SPARQL ``ORDER BY`` done in Python for the embedded store.

Oxigraph 0.5 sorts slowly: on a 190,000-triple graph the final ``ORDER BY ?node ?label`` of the labels
query took 0.8 s of its 0.9 s, while Python sorts the same 17,780 rows in milliseconds. When a query ends
in a plain ``ORDER BY`` of projected variables (``?x``, ``ASC(?x)``, ``DESC(?x)``) and nothing after it,
the embedded backend runs it without that clause and sorts the rows here, with SPARQL's ordering of terms
(unbound < blank node < IRI < literal; numbers by value, other literals by their text, then
language-tagged before plain before other datatypes, as Oxigraph does). Any other
``ORDER BY`` (expressions, ``LIMIT``/``OFFSET`` after it, ordering inside a sub-query only) is left to
the engine.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_KEY = r"(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+)"
_TRAILER = re.compile(rf"\bORDER\s+BY\s+((?:{_KEY}\s*)+)$", re.IGNORECASE)
_GROUP_BY = re.compile(r"\bGROUP\s+BY(?:\s+\?\w+)+\s*$", re.IGNORECASE)
_ONE_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)\s*\)?", re.IGNORECASE)
_NUMERIC = {str(t) for t in (XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short,
                             XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger,
                             XSD.nonPositiveInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.byte)}

_STRING = str(XSD.string)
_INFINITY = Decimal("Infinity")

Order = list[tuple[str, bool]]


def _strip_comments(sparql: str) -> str:
    """Drop comment-only lines at the end, which would hide a trailing ORDER BY."""
    lines = sparql.rstrip().splitlines()
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return "\n".join(lines)


def split_order(sparql: str) -> tuple[str, Order] | None:
    """The query without its trailing ORDER BY and the keys ``[(variable, descending)]``, or None when
    the ordering must stay with the engine. The caller checks that the keys are projected."""
    text = _strip_comments(sparql)
    match = _TRAILER.search(text)
    if not match:
        return None
    head = text[:match.start()]
    body = _GROUP_BY.sub("", head.rstrip())
    if head.count("{") != head.count("}") or not body.rstrip().endswith("}"):
        return None
    keys = [(m.group(2), (m.group(1) or "").upper() == "DESC") for m in _ONE_KEY.finditer(match.group(1))]
    return (head, keys) if keys else None


def term_key(term: Node | None) -> tuple[Any, ...]:
    """SPARQL ORDER BY position of a term (comparable across all terms)."""
    if term is None:
        return (0,)
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, URIRef):
        return (2, str(term))
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else ""
        if datatype in _NUMERIC:
            try:
                number = Decimal(str(term).strip())
            except InvalidOperation:
                number = None  # ill-typed: ordered by its text, as Oxigraph does
            if number is not None:
                return (3, 0, _INFINITY, 1) if number.is_nan() else (3, 0, number, 0)  # NaN after every number
        kind = 0 if term.language else 1 if datatype in ("", _STRING) else 2
        return (3, 1, str(term), kind, term.language or datatype)
    return (4, str(term))


def sort_rows(rows: list[tuple[Node | None, ...]], variables: list[str], order: Order) -> list[tuple[Node | None, ...]]:
    """Rows sorted by ``order`` (stable, so ties keep the engine's order)."""
    index = {name: i for i, name in enumerate(variables)}
    ordered = list(rows)
    for name, descending in reversed(order):
        position = index[name]
        ordered.sort(key=lambda row: term_key(row[position]), reverse=descending)
    return ordered
