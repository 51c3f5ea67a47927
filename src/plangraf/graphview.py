"""The graph drawn by exports: typed nodes and labelled links projected from the RDF, and its views.

Views: ``full``; ego networks ``action:N``, ``actor:NAME``, ``theme:T``, ``group:NAME`` (radius ``depth``);
``overlaps`` (similar outputs that never cite each other, with their producers) and ``findings`` (the
report's findings and what they concern).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf import queries
from plangraf.errors import NotFoundError
from plangraf.namespaces import ID, PG
from plangraf.output import compact
from plangraf.store import Backend

TYPES = {PG.Organisation: "organisation", PG.Person: "person", PG.CollaborationGroup: "group",
         PG.Action: "action", PG.Output: "output", PG.Event: "event", PG.Grant: "grant", PG.Finding: "finding",
         PG.County: "county"}
VIEWS = "full, action:N, actor:NAME, theme:THEME, group:NAME, overlaps, findings"


def _rows(backend: Backend, name: str) -> list[dict[str, Node | None]]:
    return backend.query(queries.get(name).text).dicts()


def project(backend: Backend) -> nx.MultiDiGraph:
    """Every drawable node with its attributes, and every link with its relation."""
    graph = nx.MultiDiGraph()
    evidence: dict[Node, tuple[int, str]] = {}
    for row in _rows(backend, "evidence"):
        evidence.setdefault(row["node"], (int(row["line"]), str(row["quote"])))
    theme_labels = {r["node"]: str(r["label"]) for r in _rows(backend, "labels") if r["label"].language == "en"}
    for row in _rows(backend, "graph_nodes"):
        node = row["node"]
        if node not in graph:
            line, quote = evidence.get(node, (None, None))
            graph.add_node(node, id=compact(str(node)), type=TYPES[row["type"]], kind=str(row["kind_en"] or ""),
                           label=str(row["label_sv"] or row["label_en"] or compact(str(node))),
                           label_en=str(row["label_en"] or ""), themes=set(), areas=set(),
                           amount=_num(row["amount"]), participants=_num(row["participants"]),
                           date=str(row["date"]) if row["date"] is not None else None,
                           evidence_line=line, evidence_quote=quote)
        data = graph.nodes[node]
        if row["theme"] is not None:
            data["themes"].add(theme_labels.get(row["theme"], compact(str(row["theme"]))))
        if row["area"] is not None:
            data["areas"].add(int(str(row["area"]).rsplit("-", 1)[1]))
    for row in _rows(backend, "graph_edges"):
        source, target = row["source"], row["target"]
        if source in graph and target in graph:
            graph.add_edge(source, target, key=str(row["relation"]), relation=str(row["relation"]))
    for _, data in graph.nodes(data=True):
        data["themes"], data["areas"] = sorted(data["themes"]), sorted(data["areas"])
    return graph


def _num(value: Node | None) -> float | None:
    return float(value) if isinstance(value, Literal) and value.datatype in (XSD.integer, XSD.decimal) else None


def ego(graph: nx.MultiDiGraph, center: Node, depth: int) -> nx.MultiDiGraph:
    return graph.subgraph(nx.ego_graph(graph.to_undirected(as_view=True), center, radius=depth)).copy()


def view(backend: Backend, spec: str, depth: int = 1) -> nx.MultiDiGraph:
    """The subgraph for a view specification (see VIEWS); raises NotFoundError for a bad one."""
    graph = project(backend)
    name, _, argument = spec.partition(":")
    if name == "full" and not argument:
        return graph
    if name == "action" and argument:
        if not argument.isdigit() or ID[f"action-{argument}"] not in graph:
            raise NotFoundError(f"no action {argument}; actions are numbered 1-36")
        return ego(graph, ID[f"action-{argument}"], depth)
    if name in ("actor", "group") and argument:
        from plangraf.cards import Directory

        among = {n for n, d in graph.nodes(data=True) if d["type"] == "group"} if name == "group" else None
        return ego(graph, Directory(backend).find(argument, among, name), depth)
    if name == "theme" and argument:
        return _theme(graph, argument, depth)
    if name == "overlaps" and not argument:
        return _overlaps(backend, graph)
    if name == "findings" and not argument:
        keep = {n for n, d in graph.nodes(data=True) if d["type"] == "finding"}
        keep |= {t for f in keep for _, t in graph.out_edges(f)}
        return graph.subgraph(keep).copy()
    raise NotFoundError(f"unknown view '{spec}'; views: {VIEWS}")


def _theme(graph: nx.MultiDiGraph, theme: str, depth: int) -> nx.MultiDiGraph:
    wanted = theme.strip().casefold()
    themes = {t for _, d in graph.nodes(data=True) for t in d["themes"]}
    match = [t for t in themes if t.casefold() == wanted] or [t for t in themes if wanted in t.casefold()]
    if len(match) != 1:
        raise NotFoundError(f"no single theme matches '{theme}'; themes: {', '.join(sorted(themes))}")
    seeds = [n for n, d in graph.nodes(data=True) if match[0] in d["themes"]]
    undirected = graph.to_undirected(as_view=True)
    keep: set[Any] = set()
    for seed in seeds:
        keep |= set(nx.ego_graph(undirected, seed, radius=depth))
    return graph.subgraph(keep).copy()


def _overlaps(backend: Backend, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    pairs = {(r["a"], r["b"]) for r in _rows(backend, "overlap_outputs")}
    keep = {n for pair in pairs for n in pair}
    keep |= {t for n in list(keep) for _, t, d in graph.out_edges(n, data=True) if d["relation"] == "produced by"}
    sub = graph.subgraph(keep).copy()
    for a, b in sorted(pairs, key=str):
        sub.add_edge(a, b, key="similar, no citation", relation="similar, no citation")
    return sub
