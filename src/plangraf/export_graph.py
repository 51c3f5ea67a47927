"""Data exports for other tools: RDF (Turtle, JSON-LD, N-Triples) and the projected network as GraphML,
GEXF (Gephi, yEd) or Cytoscape JSON, with labels and node types carried over."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from plangraf.namespaces import PREFIXES
from plangraf.output import write_atomic
from plangraf.store import Backend

RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
NETWORK_FORMATS = ("graphml", "gexf", "cytoscape")
FORMATS = (*RDF_FORMATS, *NETWORK_FORMATS)


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


def serialise(backend: Backend, graph: nx.MultiDiGraph, fmt: str) -> str:
    if fmt in RDF_FORMATS:
        rdf = backend.to_rdflib()
        for prefix, ns in PREFIXES.items():
            rdf.bind(prefix, ns)
        return rdf.serialize(format=RDF_FORMATS[fmt])
    simple = flat(graph)
    if fmt == "cytoscape":
        return json.dumps(nx.cytoscape_data(simple), ensure_ascii=False, indent=1)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(simple, buffer, encoding="utf-8")
    else:
        nx.write_gexf(simple, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def export_graph(backend: Backend, graph: nx.MultiDiGraph, fmt: str, out: Path) -> Path:
    write_atomic(out, serialise(backend, graph, fmt))
    return out
