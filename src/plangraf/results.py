"""A store-independent query result and conversions between pyoxigraph and rdflib terms."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal as Kind

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

XSD_STRING = URIRef(str(XSD.string))


class _IllTypedLiterals(logging.Filter):
    """rdflib logs a warning with a traceback for every ill-typed literal it builds. A query result shows such
    a value as it is; and a handler that keeps records (pytest's does) would keep the traceback's frames, and
    Oxigraph's iterators in them, alive past the query's thread, which pyoxigraph refuses."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_IllTypedLiterals())


@dataclass
class QueryResult:
    """Rows of a SELECT, the answer of an ASK, or the graph of a CONSTRUCT/DESCRIBE."""

    kind: Kind["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


def literal(lexical: str, language: str | None = None, datatype: str | None = None) -> Literal:
    """An rdflib literal; xsd:string is written as a plain literal so all stores compare equal."""
    if language:
        return Literal(lexical, lang=language)
    if datatype is None or datatype == str(XSD_STRING):
        return Literal(lexical)
    return Literal(lexical, datatype=URIRef(datatype))


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.language, term.datatype.value)
    raise TypeError(f"unsupported term {term!r}")


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def normalise_rdflib(term: Node | None) -> Node | None:
    """Make rdflib's own results comparable with the other stores' (plain xsd:string)."""
    if isinstance(term, Literal) and term.datatype == XSD_STRING:
        return Literal(str(term))
    return term
