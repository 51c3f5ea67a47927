"""Data exports for other tools (formats listed in :data:`plangraf.formats.EXPORT_FORMATS`): RDF (Turtle,
JSON-LD, N-Triples) and the projected network as GraphML, GEXF (Gephi, yEd) or Cytoscape JSON, with labels
and node types carried over."""

from __future__ import annotations

import io
import json
from pathlib import Path
from pkgutil import resolve_name

import networkx as nx

from plangraf.formats import EXPORT_FORMATS
from plangraf.namespaces import PREFIXES
from plangraf.output import write_atomic
from plangraf.store import Backend


def flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are plain strings or numbers (GraphML and GEXF accept nothing else)."""
    out = nx.MultiDiGraph()
    for data in graph.nodes.values():
        attrs = {k: ("; ".join(map(str, v)) if isinstance(v, list) else v) for k, v in data.items() if v is not None}
        out.add_node(data["id"], **attrs)
    for source, target, key, data in graph.edges(keys=True, data=True):
        out.add_edge(graph.nodes[source]["id"], graph.nodes[target]["id"], key=key, label=data["relation"],
                     relation=data["relation"])
    return out


def graphml(graph: nx.MultiDiGraph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(flat(graph), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def gexf(graph: nx.MultiDiGraph) -> str:
    buffer = io.BytesIO()
    nx.write_gexf(flat(graph), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def cytoscape(graph: nx.MultiDiGraph) -> str:
    return json.dumps(nx.cytoscape_data(flat(graph)), ensure_ascii=False, indent=1)


def serialise(backend: Backend, graph: nx.MultiDiGraph, fmt: str) -> str:
    """The whole graph in an RDF format, or ``graph`` (a view) in a network format."""
    spec = EXPORT_FORMATS[fmt]
    if spec.network:
        return resolve_name(str(spec.writer))(graph)
    rdf = backend.to_rdflib()
    for prefix, ns in PREFIXES.items():
        rdf.bind(prefix, ns)
    return rdf.serialize(format=str(spec.rdflib))


def export_graph(backend: Backend, graph: nx.MultiDiGraph, fmt: str, out: Path) -> Path:
    write_atomic(out, serialise(backend, graph, fmt))
    return out
