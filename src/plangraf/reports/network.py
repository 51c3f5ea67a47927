"""Network: central bodies, brokers between communities, isolated bodies, and the role of NMT and LAMP."""

from __future__ import annotations

import networkx as nx

from plangraf import network
from plangraf.namespaces import ID
from plangraf.reports.context import Context, Section

GROUPS = (ID["group-nmt"], ID["group-lamp"])


def build(ctx: Context) -> list[Section]:
    co_assign, co_prod = network.co_assignment(ctx.backend), network.co_production(ctx.backend)
    whole = network.combined(ctx.backend)
    return [centrality(ctx, co_assign, "network.co-assignment", "Co-assignment network",
                       "Bodies linked when they lead or partner in the same assignment."),
            centrality(ctx, co_prod, "network.co-production", "Co-production network",
                       "Bodies linked when they produce the same output or organise the same event."),
            brokers(ctx, whole), isolated(ctx, co_assign, co_prod, whole), groups(ctx, whole)]


def centrality(ctx: Context, graph: nx.Graph, section: str, title: str, description: str) -> Section:
    between = network.betweenness(graph)
    rows = []
    for node in graph:
        partners = sorted(graph[node], key=lambda n: (-graph.edges[node, n]["weight"], str(n)))
        via = sorted({v for n in partners for v in graph.edges[node, n]["via"]}, key=str)
        rows.append({"body": ctx.label(node), "degree": graph.degree(node), "betweenness": round(between[node], 4),
                     "partners": [ctx.label(n) for n in partners[:8]], "ids": [ctx.id(node)],
                     "evidence": ctx.cite(*via[:3])})
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["body"]))
    return Section(section, "network", title, f"{description} {graph.number_of_nodes()} bodies, "
                   f"{graph.number_of_edges()} links.", ["body", "degree", "betweenness", "partners"], rows)


def brokers(ctx: Context, graph: nx.Graph) -> Section:
    community = network.communities(graph)
    between = network.betweenness(graph)
    rows = []
    for node in graph:
        reached = {community[n] for n in graph[node]} - {community[node]}
        if reached and between[node] > 0:
            rows.append({"body": ctx.label(node), "community": community[node], "bridges_to": sorted(reached),
                         "betweenness": round(between[node], 4), "ids": [ctx.id(node)], "evidence": ctx.cite(node)})
    rows.sort(key=lambda r: (-r["betweenness"], r["body"]))
    return Section("network.brokers", "network", "Brokers between communities",
                   f"Bodies (and groups) linked to other communities of the combined network "
                   f"({len(set(community.values()))} communities by greedy modularity), by betweenness.",
                   ["body", "community", "bridges_to", "betweenness"], rows)


def isolated(ctx: Context, co_assign: nx.Graph, co_prod: nx.Graph, whole: nx.Graph) -> Section:
    actors = {row["actor"] for row in ctx.rows("actors")}
    rows = []
    for actor in actors:
        if whole.has_node(actor) and whole.degree(actor) > 0:
            continue
        rows.append({"body": ctx.label(actor), "in_assignments": co_assign.has_node(actor),
                     "in_outputs_or_events": co_prod.has_node(actor), "ids": [ctx.id(actor)],
                     "evidence": ctx.cite(actor)})
    rows.sort(key=lambda r: r["body"])
    return Section("network.isolated", "network", "Isolated bodies",
                   "Bodies named in the report that share no assignment, output, event or group with another body.",
                   ["body", "in_assignments", "in_outputs_or_events"], rows)


def groups(ctx: Context, whole: nx.Graph) -> Section:
    community = network.communities(whole)
    between = network.betweenness(whole)
    rows = []
    candidates = [g for g in GROUPS if whole.has_node(g)] + sorted(
        (n for n, d in whole.nodes(data=True) if d.get("group") and n not in GROUPS), key=str)
    for group in candidates:
        members = sorted(whole[group], key=str)
        rows.append({"group": ctx.label(group), "members": len(members),
                     "communities_spanned": len({community[m] for m in members}),
                     "betweenness": round(between[group], 4), "rank_by_betweenness":
                     1 + sum(1 for v in between.values() if v > between[group]),
                     "ids": [ctx.id(group)], "evidence": ctx.cite(group)})
    return Section("network.groups", "network", "The role of NMT, LAMP and other groups",
                   "Each collaboration group's members, how many communities of the combined network they span, "
                   "and the group's betweenness (rank 1 = most central node of the whole network).",
                   ["group", "members", "communities_spanned", "betweenness", "rank_by_betweenness"], rows)
