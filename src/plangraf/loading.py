"""The one entry point that builds the graph: ontology plus every data file, on the chosen store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from plangraf.errors import EmptyGraphError, StoreError
from plangraf.paths import DEFAULT_DATA, DEFAULT_ONTOLOGY, turtle_files
from plangraf.store import Backend, OxigraphBackend, RdflibBackend, Source, read_sources

STORE_KINDS = ("embedded", "memory")


def source_files(data: Sequence[Path] | None = None, ontology: Path | None = None) -> list[Path]:
    """The ontology's Turtle files (shapes excluded) followed by the data files."""
    onto = turtle_files([ontology or DEFAULT_ONTOLOGY], skip_shapes=True)
    return onto + turtle_files(list(data or [DEFAULT_DATA]))


def load(data: Sequence[Path] | None = None, ontology: Path | None = None, store: str = "embedded",
         graph: str | None = None) -> Backend:
    """Build the graph from ``ontology`` and ``data`` on ``store``.

    ``store`` is ``embedded`` (Oxigraph with a persistent cache), ``memory`` (pure rdflib) or the URL of a
    SPARQL 1.1 endpoint that already holds the graph (see ``plangraf push``) in the named graph ``graph``.
    Each file is read once; data without a single triple, and ill-typed values, are errors.
    """
    if store.startswith(("http://", "https://")):
        from plangraf.endpoint import GRAPH_IRI, EndpointBackend

        backend: Backend = EndpointBackend(store, graph or GRAPH_IRI)
    elif store in STORE_KINDS:
        onto = read_sources(turtle_files([ontology or DEFAULT_ONTOLOGY], skip_shapes=True))
        facts = read_sources(turtle_files(list(data or [DEFAULT_DATA])))
        require_facts(facts)
        sources = onto + facts
        backend = OxigraphBackend.from_sources(sources) if store == "embedded" else RdflibBackend.from_sources(sources)
    else:
        raise StoreError(f"unknown store '{store}': use embedded, memory or an http(s) SPARQL endpoint URL")
    register_dataset_prefixes(backend)
    return backend


def require_facts(facts: list[Source]) -> None:
    """Refuse data that holds no triple (only empty files, or files of prefixes and comments)."""
    if not any(_holds_a_triple(source.data) for source in facts):
        names = ", ".join(str(source.path) for source in facts[:3]) + (" …" if len(facts) > 3 else "")
        raise EmptyGraphError(f"the data holds no triples: {names or 'no Turtle files'}")


def _holds_a_triple(data: bytes) -> bool:
    """True once the first triple parses; broken Turtle counts as content (the full parse reports it)."""
    try:
        return next(iter(ox.parse(input=data, format=ox.RdfFormat.TURTLE)), None) is not None
    except (SyntaxError, ValueError):
        return True


def register_dataset_prefixes(backend: Backend) -> None:
    """Each dataset's own namespace prefix, so that its nodes read ``demo:action-3`` and not a full IRI."""
    from plangraf import queries
    from plangraf.namespaces import register

    for row in backend.query(queries.get("dataset_prefixes").text).dicts():
        register(str(row["prefix"]), str(row["space"]))
