"""networkx graphs projected from query results: who works with whom.

- co-assignment: two actors are linked when they lead or partner in the same assignment;
- co-production: two actors are linked when they produce the same output or organise the same event;
- affiliation: actors linked to the collaboration groups they belong to.
Edge weights count the shared nodes; the shared nodes are kept on the edge for evidence.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
from rdflib.term import Node

from plangraf import queries
from plangraf.store import Backend


def _members_by_node(backend: Backend, kinds: set[str]) -> dict[Node, set[Node]]:
    members: dict[Node, set[Node]] = defaultdict(set)
    for row in backend.query(queries.get("network_edges").text).dicts():
        if str(row["kind"]) in kinds:
            members[row["node"]].add(row["actor"])
    return members


def co_graph(backend: Backend, kinds: set[str]) -> nx.Graph:
    """Actors linked when they share a node of one of ``kinds`` (assignment, output, event, grant)."""
    graph = nx.Graph()
    for node, actors in _members_by_node(backend, kinds).items():
        graph.add_nodes_from(actors)
        for a, b in combinations(sorted(actors, key=str), 2):
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += 1
                graph.edges[a, b]["via"].append(node)
            else:
                graph.add_edge(a, b, weight=1, via=[node])
    return graph


def co_assignment(backend: Backend) -> nx.Graph:
    return co_graph(backend, {"assignment"})


def co_production(backend: Backend) -> nx.Graph:
    return co_graph(backend, {"output", "event"})


def affiliation(backend: Backend) -> nx.Graph:
    graph = nx.Graph()
    for row in backend.query(queries.get("group_members").text).dicts():
        graph.add_node(row["group"], group=True)
        graph.add_node(row["member"], group=False)
        graph.add_edge(row["member"], row["group"])
    return graph


def combined(backend: Backend) -> nx.Graph:
    """Co-assignment, co-production and group membership in one graph (groups are nodes too)."""
    graph = nx.Graph()
    for part in (co_assignment(backend), co_production(backend), affiliation(backend)):
        for node, data in part.nodes(data=True):
            graph.add_node(node, **data)
        for a, b, data in part.edges(data=True):
            weight = data.get("weight", 1)
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += weight
            else:
                graph.add_edge(a, b, weight=weight)
    return graph


def communities(graph: nx.Graph) -> dict[Node, int]:
    """Community number per node (greedy modularity; deterministic for a given graph)."""
    if graph.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(graph, key=str))}
    found = nx.algorithms.community.greedy_modularity_communities(graph, weight="weight")
    ordered = sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))
    return {node: index for index, members in enumerate(ordered) for node in members}


EXACT_BETWEENNESS_LIMIT = 400


def betweenness(graph: nx.Graph) -> dict[Node, float]:
    """Betweenness centrality; exact up to EXACT_BETWEENNESS_LIMIT nodes, else estimated from that many
    sampled sources with a fixed seed (so results stay stable between runs)."""
    if graph.number_of_nodes() <= 2:
        return {n: 0.0 for n in graph}
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(graph)
    return nx.betweenness_centrality(graph, k=EXACT_BETWEENNESS_LIMIT, seed=7)
