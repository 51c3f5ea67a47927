"""networkx graphs projected from query results: who works with whom.

- co-assignment: two actors are linked when they lead or partner in the same assignment;
- co-production: two actors are linked when they produce the same output or organise the same event;
- affiliation: actors linked to the collaboration groups they belong to.
Edge weights count the shared nodes; the shared nodes are kept on the edge for evidence.

networkx nodes are the IRIs as plain ``str``: rdflib terms compare in Python, which made betweenness on
a 200,000-triple graph several times slower. ``Projections.term`` maps a networkx node back to its term.
"""

from __future__ import annotations

import random
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
    """Normalised betweenness centrality, as ``nx.betweenness_centrality`` computes it (same sources, same
    order of sums, same scaling): exact up to EXACT_BETWEENNESS_LIMIT nodes, else estimated from
    BETWEENNESS_SAMPLE sources sampled with a fixed seed (so results stay stable between runs).

    Brandes' algorithm runs here on integer adjacency lists, about 3× faster than networkx's version on
    its dict-of-dict views, which took most of the network report's time on large graphs."""
    nodes = list(graph)
    if len(nodes) <= 2:
        return {n: 0.0 for n in nodes}
    exact = len(nodes) <= EXACT_BETWEENNESS_LIMIT
    sources = nodes if exact else random.Random(7).sample(nodes, BETWEENNESS_SAMPLE)
    index = {node: i for i, node in enumerate(nodes)}
    neighbours = [[index[m] for m in graph[node]] for node in nodes]
    totals = [0.0] * len(nodes)
    for source in sources:
        _accumulate(index[source], neighbours, totals)
    pairs = len(nodes) - 1  # the possible targets of a path through a node: every other node
    if exact:
        scale = 1 / (pairs * (pairs - 1))
        return {node: totals[i] * scale for i, node in enumerate(nodes)}
    sampled = set(sources)
    k = len(sources)
    of_source, of_other = 1 / ((k - 1) * (pairs - 1)), 1 / (k * (pairs - 1))
    return {node: totals[i] * (of_source if node in sampled else of_other) for i, node in enumerate(nodes)}


def _accumulate(source: int, neighbours: list[list[int]], totals: list[float]) -> None:
    """Add the dependencies of ``source`` on every other node (one breadth-first pass of Brandes)."""
    size = len(neighbours)
    distance = [-1] * size
    paths = [0.0] * size
    distance[source], paths[source] = 0, 1.0
    order = [source]
    for v in order:  # grows while it is read: a breadth-first queue
        next_distance, through = distance[v] + 1, paths[v]
        for w in neighbours[v]:
            if distance[w] < 0:
                distance[w] = next_distance
                order.append(w)
            if distance[w] == next_distance:
                paths[w] += through
    dependency = [0.0] * size
    for w in reversed(order):
        coefficient = (1 + dependency[w]) / paths[w]
        before = distance[w] - 1
        for v in neighbours[w]:
            if distance[v] == before:
                dependency[v] += paths[v] * coefficient
        if w != source:
            totals[w] += dependency[w]


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
        for group, member, *_ in backend.query(queries.get("group_members").text).rows:
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
