"""Running user SPARQL: queries freely, updates only when explicitly allowed."""

from __future__ import annotations

from plangraf.errors import QueryError
from plangraf.results import QueryResult
from plangraf.store import Backend, Bindings, is_update


def run(backend: Backend, sparql: str, bindings: Bindings | None = None,
        allow_update: bool = False) -> QueryResult | None:
    """Run a query and return its result, or apply an update (returns None) if ``allow_update``."""
    if not sparql.strip():
        raise QueryError("empty query")
    if allow_update and is_update(sparql):
        if bindings:
            raise QueryError("--param cannot be used with an update")
        backend.update(sparql)
        return None
    return backend.query(sparql, bindings)
