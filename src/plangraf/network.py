"""networkx graphs projected from query results: who works with whom.

- co-assignment: two actors are linked when they lead or partner in the same assignment;
- co-production: two actors are linked when they produce the same output or organise the same event;
- affiliation: actors linked to the collaboration groups they belong to.
Edge weights count the shared nodes; the shared nodes are kept on the edge for evidence.

networkx nodes are the IRIs as plain ``str``: rdflib terms compare in Python, which made betweenness on
a 200,000-triple graph several times slower. ``Projections.term`` maps a networkx node back to its term.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

import networkx as nx
from rdflib.term import Node

from plangraf import queries
from plangraf.store import Backend

EXACT_BETWEENNESS_LIMIT = 400
BETWEENNESS_SAMPLE = 150


def co_graph(members: dict[str, set[str]]) -> nx.Graph:
    """Actors linked when they share a node; ``members`` maps each shared node to its actors."""
    graph = nx.Graph()
    for node in sorted(members):
        actors = sorted(members[node])
        graph.add_nodes_from(actors)
        for a, b in combinations(actors, 2):
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += 1
                graph.edges[a, b]["via"].append(node)
            else:
                graph.add_edge(a, b, weight=1, via=[node])
    return graph


def merge(*parts: nx.Graph) -> nx.Graph:
    """One graph holding every node and edge of ``parts``; weights of shared edges add up."""
    graph = nx.Graph()
    for part in parts:
        for node, data in part.nodes(data=True):
            graph.add_node(node, **data)
        for a, b, data in part.edges(data=True):
            weight = data.get("weight", 1)
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += weight
            else:
                graph.add_edge(a, b, weight=weight)
    return graph


def communities(graph: nx.Graph) -> dict[str, int]:
    """Community number per node (Louvain with a fixed seed, so stable between runs), largest first."""
    if graph.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(graph))}
    found = nx.algorithms.community.louvain_communities(graph, weight="weight", seed=7)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {node: index for index, members in enumerate(ordered) for node in members}


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Betweenness centrality; exact up to EXACT_BETWEENNESS_LIMIT nodes, else estimated from
    BETWEENNESS_SAMPLE sampled sources with a fixed seed (so results stay stable between runs)."""
    if graph.number_of_nodes() <= 2:
        return {n: 0.0 for n in graph}
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(graph)
    return nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE, seed=7)


@dataclass
class Projections:
    """The three networks of one graph, built from two queries, with their metrics computed once."""

    members: dict[str, dict[str, set[str]]]
    groups: dict[str, set[str]]
    term: dict[str, Node] = field(default_factory=dict)

    @classmethod
    def of(cls, backend: Backend) -> Projections:
        members: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        groups: dict[str, set[str]] = defaultdict(set)
        term: dict[str, Node] = {}
        for row in backend.query(queries.get("network_edges").text).rows:
            actor, _, node, kind = row
            term[str(actor)], term[str(node)] = actor, node
            members[str(kind)][str(node)].add(str(actor))
        for group, member, _ in backend.query(queries.get("group_members").text).rows:
            term[str(group)], term[str(member)] = group, member
            groups[str(group)].add(str(member))
        return cls(members, groups, term)

    def _co(self, *kinds: str) -> nx.Graph:
        shared: dict[str, set[str]] = {}
        for kind in kinds:
            shared.update(self.members.get(kind, {}))
        return co_graph(shared)

    @cached_property
    def co_assignment(self) -> nx.Graph:
        return self._co("assignment")

    @cached_property
    def co_production(self) -> nx.Graph:
        return self._co("output", "event")

    @cached_property
    def affiliation(self) -> nx.Graph:
        graph = nx.Graph()
        for group in sorted(self.groups):
            graph.add_node(group, group=True)
            for member in sorted(self.groups[group]):
                if member not in graph:
                    graph.add_node(member, group=False)
                graph.add_edge(member, group)
        return graph

    @cached_property
    def combined(self) -> nx.Graph:
        """Co-assignment, co-production and group membership in one graph (groups are nodes too)."""
        return merge(self.co_assignment, self.co_production, self.affiliation)

    @cached_property
    def combined_communities(self) -> dict[str, int]:
        return communities(self.combined)

    @cached_property
    def combined_betweenness(self) -> dict[str, float]:
        return betweenness(self.combined)
