"""The graph drawn by exports: typed nodes and labelled links projected from the RDF, and its views.

The views are listed in :mod:`plangraf.views`; their builders are the functions named there. The projected
graph carries what the dataset says of itself as graph attributes, kept by every view: ``sources`` (the
names of the source documents) and ``areas`` (action area number -> label); a view adds ``view`` (its name)
and, for views around one node, ``focus`` (that node's id). Themes are labelled in the chosen language;
a grant is labelled by its amount and recipients ("2 500 000 kr → Name"), an action by its number and title.
"""

from __future__ import annotations

from pkgutil import resolve_name
from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf import queries
from plangraf.dataset import area_labels, source_names
from plangraf.display import NOT_STATED, sek
from plangraf.errors import NotFoundError
from plangraf.namespaces import ID, PG
from plangraf.store import Backend
from plangraf.terms import compact
from plangraf.views import VIEWS, specs
from plangraf.vocabulary import Vocabulary

TYPES = {PG.Organisation: "organisation", PG.Person: "person", PG.CollaborationGroup: "group",
         PG.Action: "action", PG.Output: "output", PG.Event: "event", PG.Grant: "grant", PG.Finding: "finding",
         PG.County: "county"}


def _rows(backend: Backend, name: str) -> list[dict[str, Node | None]]:
    return backend.query(queries.get(name).text).dicts()


def project(backend: Backend, lang: str = "en") -> nx.MultiDiGraph:
    """Every drawable node with its attributes, and every link with its relation."""
    words = Vocabulary(backend, lang)
    graph = nx.MultiDiGraph(sources=source_names(backend), areas=area_labels(backend))
    evidence: dict[Node, tuple[int, str]] = {}
    for row in _rows(backend, "evidence"):
        evidence.setdefault(row["node"], (int(row["line"]), str(row["quote"])))
    for row in _rows(backend, "graph_nodes"):
        node = row["node"]
        if node not in graph:
            line, quote = evidence.get(node, (None, None))
            kind = words.label(row["finding_kind"]) if row["finding_kind"] is not None else str(row["kind_en"] or "")
            graph.add_node(node, id=compact(str(node)), type=TYPES[row["type"]], kind=kind,
                           label=str(row["label_sv"] or row["label_en"] or compact(str(node))),
                           label_en=str(row["label_en"] or ""), themes=set(), areas=set(),
                           amount=_num(row["amount"]), participants=_num(row["participants"]),
                           date=str(row["date"]) if row["date"] is not None else None,
                           evidence_line=line, evidence_quote=quote)
        data = graph.nodes[node]
        if row["theme"] is not None:
            data["themes"].add(words.label(row["theme"]))
        if row["area"] is not None:
            data["areas"].add(int(str(row["area"]).rsplit("-", 1)[1]))
    for row in _rows(backend, "graph_edges"):
        source, target = row["source"], row["target"]
        if source in graph and target in graph:
            graph.add_edge(source, target, key=str(row["relation"]), relation=str(row["relation"]))
    for node, data in graph.nodes(data=True):
        data["themes"], data["areas"] = sorted(data["themes"]), sorted(data["areas"])
        if data["type"] == "grant":
            data["label"] = grant_label(graph, node, words)
        elif data["type"] == "action" and node in words.numbers:
            data["label"] = words.action(words.numbers[node])  # "26 Stärkt regional samverkan"
    return graph


def grant_label(graph: nx.MultiDiGraph, grant: Node, words: Vocabulary) -> str:
    """``2 500 000 kr → Name``: the amount and the recipients (complete sets collapsed)."""
    recipients = sorted(graph.nodes[t]["label"] for _, t, d in graph.out_edges(grant, data=True)
                        if d["relation"] == "granted to")
    amount = graph.nodes[grant]["amount"]
    names = "; ".join(words.collapse(recipients)) or "recipient not stated"
    return f"{sek(amount) if amount is not None else 'amount ' + NOT_STATED} → {names}"


def _num(value: Node | None) -> float | None:
    return float(value) if isinstance(value, Literal) and value.datatype in (XSD.integer, XSD.decimal) else None


def ego(graph: nx.MultiDiGraph, center: Node, depth: int) -> nx.MultiDiGraph:
    sub = graph.subgraph(nx.ego_graph(graph.to_undirected(as_view=True), center, radius=depth)).copy()
    sub.graph["focus"] = graph.nodes[center]["id"]
    return sub


def view(backend: Backend, spec: str, depth: int = 1, lang: str = "en") -> nx.MultiDiGraph:
    """The subgraph for a view specification (see :mod:`plangraf.views`); raises NotFoundError for a bad one."""
    name, _, argument = spec.partition(":")
    entry = VIEWS.get(name)
    if entry is None or bool(argument) != (entry.argument is not None):
        raise NotFoundError(f"unknown view '{spec}'; views: {', '.join(specs())}")
    graph = resolve_name(entry.builder)(backend, project(backend, lang), argument, depth)
    graph.graph["view"] = name
    return graph


def full(backend: Backend, graph: nx.MultiDiGraph, argument: str, depth: int) -> nx.MultiDiGraph:
    return graph


def action(backend: Backend, graph: nx.MultiDiGraph, argument: str, depth: int) -> nx.MultiDiGraph:
    if not argument.isdigit() or ID[f"action-{argument}"] not in graph:
        raise NotFoundError(f"no action {argument}; actions are numbered 1-36")
    return ego(graph, ID[f"action-{argument}"], depth)


def actor(backend: Backend, graph: nx.MultiDiGraph, argument: str, depth: int) -> nx.MultiDiGraph:
    from plangraf.cards import Directory

    return ego(graph, Directory(backend).find(argument, None, "actor"), depth)


def group(backend: Backend, graph: nx.MultiDiGraph, argument: str, depth: int) -> nx.MultiDiGraph:
    from plangraf.cards import Directory

    groups = {n for n, d in graph.nodes(data=True) if d["type"] == "group"}
    return ego(graph, Directory(backend).find(argument, groups, "group"), depth)


def findings(backend: Backend, graph: nx.MultiDiGraph, argument: str, depth: int) -> nx.MultiDiGraph:
    keep = {n for n, d in graph.nodes(data=True) if d["type"] == "finding"}
    keep |= {t for f in keep for _, t in graph.out_edges(f)}
    return graph.subgraph(keep).copy()


def theme(backend: Backend, graph: nx.MultiDiGraph, argument: str, depth: int) -> nx.MultiDiGraph:
    """Everything on the theme ``argument`` (its Swedish or English label, a part of one, or its id)."""
    words = Vocabulary(backend)
    labels = set(words.concepts[words.resolve(argument, "theme")].labels.values())  # nodes carry one of them
    seeds = [n for n, d in graph.nodes(data=True) if labels & set(d["themes"])]
    undirected = graph.to_undirected(as_view=True)
    keep: set[Any] = set()
    for seed in seeds:
        keep |= set(nx.ego_graph(undirected, seed, radius=depth))
    return graph.subgraph(keep).copy()


def overlaps(backend: Backend, graph: nx.MultiDiGraph, argument: str, depth: int) -> nx.MultiDiGraph:
    pairs = {(r["a"], r["b"]) for r in _rows(backend, "overlap_outputs")}
    keep = {n for pair in pairs for n in pair}
    keep |= {t for n in list(keep) for _, t, d in graph.out_edges(n, data=True) if d["relation"] == "produced by"}
    sub = graph.subgraph(keep).copy()
    for a, b in sorted(pairs, key=str):
        sub.add_edge(a, b, key="similar, no citation", relation="similar, no citation")
    return sub
