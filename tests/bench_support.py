"""Synthetic projected networks shaped like plangraf's, for browser and benchmark runs."""

import random

import networkx as nx

TYPES = [("organisation", "Government agency"), ("organisation", "Non-governmental organisation"), ("action", "Action"),
         ("output", "Report"), ("event", "Training"), ("grant", "Grant"), ("finding", "Finding")]


def synthetic_network(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        kind, kind_en = TYPES[i % len(TYPES)]
        graph.add_node(i, id=f"id:n{i}", type=kind, kind=kind_en, label=f"Nod {i}", label_en=f"Node {i}",
                       themes=[f"theme {i % 6}"], areas=[1 + i % 5], amount=None, participants=None, date=None,
                       evidence_line=1 + i % 7000, evidence_quote="synthetic")
    for i in range(1, nodes):
        graph.add_edge(i, rng.randrange(0, i), key="link", relation="link")
    for _ in range(nodes // 2):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        graph.add_edge(a, b, key="cross", relation="cross")
    return graph
