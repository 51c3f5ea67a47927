"""RDF terms as text: IRIs shortened with the shared prefixes, and terms as JSON-friendly values."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf.namespaces import PREFIXES

_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.decimal, XSD.double}


@lru_cache(maxsize=1 << 16)
def compact(iri: str) -> str:
    """``https://w3id.org/plangraf/id/org-example`` -> ``id:org-example`` where a shared prefix fits."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(str(ns)) > len(best):
            best, name = str(ns), prefix
    return f"{name}:{iri[len(best):]}" if best else iri


def plain(term: Node | None, short: bool = False) -> Any:
    """A JSON-friendly value: IRIs as strings (compacted if ``short``), numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return compact(str(term)) if short else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.datatype in _NUMERIC:
            value = term.toPython()
            value = float(value) if isinstance(value, Decimal) else value
            if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
                return value
            return str(term)  # ill-typed ("abc"^^xsd:integer), NaN or infinite: JSON has no number for it
        if term.datatype == XSD.boolean:
            return bool(term.toPython())
        return str(term)
    return str(term)
