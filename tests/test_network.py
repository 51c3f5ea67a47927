"""The network module's own Brandes betweenness gives exactly networkx's numbers, exact and sampled."""

import networkx as nx
import pytest

from plangraf import network


@pytest.fixture(scope="module")
def projections(embedded) -> network.Projections:
    return network.Projections.of(embedded)


@pytest.mark.parametrize("name", ["co_assignment", "co_production", "affiliation", "combined"])
def test_betweenness_equals_networkx_on_the_real_networks(projections, name: str) -> None:
    graph = getattr(projections, name)
    assert graph.number_of_edges() > 0
    assert network.betweenness(graph) == nx.betweenness_centrality(graph)


def test_sampled_betweenness_equals_networkx_with_the_same_seed() -> None:
    random = nx.gnm_random_graph(network.EXACT_BETWEENNESS_LIMIT + 200, 1500, seed=3)
    graph = nx.relabel_nodes(random, {n: f"n{n}" for n in random})
    expected = nx.betweenness_centrality(graph, k=network.BETWEENNESS_SAMPLE, seed=7)
    assert network.betweenness(graph) == expected
    assert max(expected.values()) > 0


def test_betweenness_of_a_path_peaks_in_the_middle() -> None:
    graph = nx.path_graph(["a", "b", "c", "d", "e"])
    found = network.betweenness(graph)
    assert found["c"] == max(found.values()) and found["a"] == found["e"] == 0.0
