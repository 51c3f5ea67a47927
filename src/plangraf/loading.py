"""The one entry point that builds the graph: ontology plus every data file, on the chosen store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from plangraf.errors import StoreError
from plangraf.paths import DEFAULT_DATA, DEFAULT_ONTOLOGY, turtle_files
from plangraf.store import Backend, OxigraphBackend, RdflibBackend

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
    """
    if store.startswith(("http://", "https://")):
        from plangraf.endpoint import GRAPH_IRI, EndpointBackend

        backend: Backend = EndpointBackend(store, graph or GRAPH_IRI)
    elif store in STORE_KINDS:
        files = source_files(data, ontology)
        backend = OxigraphBackend.from_files(files) if store == "embedded" else RdflibBackend.from_files(files)
    else:
        raise StoreError(f"unknown store '{store}': use embedded, memory or an http(s) SPARQL endpoint URL")
    register_dataset_prefixes(backend)
    return backend


def register_dataset_prefixes(backend: Backend) -> None:
    """Each dataset's own namespace prefix, so that its nodes read ``demo:action-3`` and not a full IRI."""
    from plangraf import queries
    from plangraf.namespaces import register

    for row in backend.query(queries.get("dataset_prefixes").text).dicts():
        register(str(row["prefix"]), str(row["space"]))
