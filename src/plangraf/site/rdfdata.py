"""The data beside the pages: each node's triples (with the blank nodes under it, such as its evidence) as
Turtle and JSON-LD, the whole graph as Turtle, and a VoID/DCAT description of each dataset with its size
computed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.term import Node

from plangraf.namespaces import PG, PREFIXES
from plangraf.results import to_ox
from plangraf.site.model import VOID, adjacency

DCAT = Namespace("http://www.w3.org/ns/dcat#")
VANN = "http://purl.org/vocab/vann/"
DUMP = "plangraf.ttl"
DESCRIPTION = "void.ttl"
CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _bound(graph: Graph) -> Graph:
    for prefix, namespace in [*CONTEXT.items(), ("void", str(VOID)), ("dcat", str(DCAT)), ("vann", VANN)]:
        graph.bind(prefix, namespace)
    return graph


def under(out: Mapping[Node, list[tuple[Node, Node]]], node: Node) -> Graph:
    """The triples of ``node`` and of every blank node reachable from it; ``out`` holds each subject's
    (property, value) pairs."""
    found = _bound(Graph(bind_namespaces="none"))
    todo, seen = [node], {node}
    while todo:
        subject = todo.pop()
        for prop, value in out.get(subject, ()):
            found.add((subject, prop, value))
            if isinstance(value, BNode) and value not in seen:
                seen.add(value)
                todo.append(value)
    return found


def turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def json_ld(graph: Graph) -> Any:
    """The graph as compacted JSON-LD (an object), with the shared prefixes as its context."""
    return json.loads(graph.serialize(format="json-ld", context=CONTEXT, auto_compact=True))


def dump(graph: Graph) -> bytes:
    """The whole graph as Turtle (written by Oxigraph, which is fast on large graphs)."""
    triples = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=CONTEXT)


def members(graph: Graph, dataset: Node) -> set[Node]:
    """The subjects that belong to ``dataset``: its nodes in its URI space, the nodes whose evidence points
    into its sources, and the blank nodes under them."""
    spaces = [str(s) for s in graph.objects(dataset, VOID.uriSpace)]
    sources = set(graph.objects(dataset, DCTERMS.source))
    found = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(tuple(spaces))} if spaces else set()
    found |= {node for node, ev in graph.subject_objects(PG.hasEvidence)
              if isinstance(node, URIRef) and graph.value(ev, PG.inSource) in sources}
    todo = list(found)
    while todo:
        for value in graph.objects(todo.pop(), None):
            if isinstance(value, BNode) and value not in found:
                found.add(value)
                todo.append(value)
    return found


def description(graph: Graph) -> str:
    """Each dataset's own description (and its sources'), with void:triples and void:entities computed, the
    dump as its data dump and distribution, and the start page as its landing page."""
    out = _bound(Graph(bind_namespaces="none"))
    statements = adjacency(graph)
    for dataset in sorted(set(graph.subjects(RDF.type, VOID.Dataset)), key=str):
        for node in (dataset, *graph.objects(dataset, DCTERMS.source)):
            out += under(statements, node)
        subjects = members(graph, dataset)
        out.add((dataset, VOID.triples, Literal(sum(len(list(graph.predicate_objects(s))) for s in subjects),
                                                datatype=XSD.integer)))
        out.add((dataset, VOID.entities, Literal(sum(isinstance(s, URIRef) for s in subjects), datatype=XSD.integer)))
        out.add((dataset, VOID.dataDump, URIRef(DUMP)))
        out.add((dataset, DCAT.landingPage, URIRef("index.html")))
        distribution = BNode()
        out.add((dataset, DCAT.distribution, distribution))
        out.add((distribution, RDF.type, DCAT.Distribution))
        out.add((distribution, DCAT.downloadURL, URIRef(DUMP)))
        out.add((distribution, DCAT.mediaType, Literal("text/turtle")))
    return turtle(out)
