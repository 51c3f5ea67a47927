"""Network: central bodies, brokers between communities, isolated bodies, and the role of NMT and LAMP."""

from __future__ import annotations

from bisect import bisect_left

import networkx as nx

from plangraf import network
from plangraf.namespaces import ID
from plangraf.reports.context import Context, Section

GROUPS = (str(ID["group-nmt"]), str(ID["group-lamp"]))


def build(ctx: Context) -> list[Section]:
    nets = network.Projections.of(ctx.backend)
    return [centrality(ctx, nets, nets.co_assignment, "network.co-assignment", "Co-assignment network",
                       "Bodies linked when they lead or partner in the same assignment."),
            centrality(ctx, nets, nets.co_production, "network.co-production", "Co-production network",
                       "Bodies linked when they produce the same output or organise the same event."),
            brokers(ctx, nets), isolated(ctx, nets), groups(ctx, nets)]


def centrality(ctx: Context, nets: network.Projections, graph: nx.Graph, section: str, title: str,
               description: str) -> Section:
    between = network.betweenness(graph)
    term = nets.term.__getitem__
    rows = []
    for node in graph:
        partners = sorted(graph[node], key=lambda n: (-graph.edges[node, n]["weight"], n))
        via = sorted({v for n in partners for v in graph.edges[node, n]["via"]})
        rows.append({"body": ctx.label(term(node)), "degree": graph.degree(node),
                     "betweenness": round(between[node], 4), "partners": [ctx.label(term(n)) for n in partners[:8]],
                     "ids": [ctx.id(term(node))], "evidence": ctx.cite(*map(term, via[:3]))})
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["body"]))
    return Section(section, "network", title, f"{description} {graph.number_of_nodes()} bodies, "
                   f"{graph.number_of_edges()} links.", ["body", "degree", "betweenness", "partners"], rows)


def brokers(ctx: Context, nets: network.Projections) -> Section:
    graph, community, between = nets.combined, nets.combined_communities, nets.combined_betweenness
    rows = []
    for node in graph:
        reached = {community[n] for n in graph[node]} - {community[node]}
        if reached and between[node] > 0:
            term = nets.term[node]
            rows.append({"body": ctx.label(term), "community": community[node], "bridges_to": sorted(reached),
                         "betweenness": round(between[node], 4), "ids": [ctx.id(term)], "evidence": ctx.cite(term)})
    rows.sort(key=lambda r: (-r["betweenness"], r["body"]))
    return Section("network.brokers", "network", "Brokers between communities",
                   f"Bodies (and groups) linked to other communities of the combined network "
                   f"({len(set(community.values()))} communities by Louvain modularity), by betweenness.",
                   ["body", "community", "bridges_to", "betweenness"], rows)


def isolated(ctx: Context, nets: network.Projections) -> Section:
    actors = {row["actor"] for row in ctx.rows("actors")}
    whole = nets.combined
    rows = []
    for actor in actors:
        key = str(actor)
        if whole.has_node(key) and whole.degree(key) > 0:
            continue
        rows.append({"body": ctx.label(actor), "in_assignments": nets.co_assignment.has_node(key),
                     "in_outputs_or_events": nets.co_production.has_node(key), "ids": [ctx.id(actor)],
                     "evidence": ctx.cite(actor)})
    rows.sort(key=lambda r: r["body"])
    return Section("network.isolated", "network", "Isolated bodies",
                   "Bodies named in the report that share no assignment, output, event or group with another body.",
                   ["body", "in_assignments", "in_outputs_or_events"], rows)


def groups(ctx: Context, nets: network.Projections) -> Section:
    whole, community, between = nets.combined, nets.combined_communities, nets.combined_betweenness
    ranked = sorted(between.values(), reverse=True)
    rows = []
    candidates = [g for g in GROUPS if whole.has_node(g)] + sorted(
        n for n, d in whole.nodes(data=True) if d.get("group") and n not in GROUPS)
    for group in candidates:
        members = list(whole[group])
        term = nets.term[group]
        rows.append({"group": ctx.label(term), "members": len(members),
                     "communities_spanned": len({community[m] for m in members}),
                     "betweenness": round(between[group], 4),
                     "rank_by_betweenness": 1 + bisect_left([-v for v in ranked], -between[group]),
                     "ids": [ctx.id(term)], "evidence": ctx.cite(term)})
    return Section("network.groups", "network", "The role of NMT, LAMP and other groups",
                   "Each collaboration group's members, how many communities of the combined network they span, "
                   "and the group's betweenness (rank 1 = most central node of the whole network).",
                   ["group", "members", "communities_spanned", "betweenness", "rank_by_betweenness"], rows)
