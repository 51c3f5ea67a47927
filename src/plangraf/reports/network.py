"""Network: central bodies, brokers between communities, isolated bodies, and the role of the groups."""

from __future__ import annotations

from bisect import bisect_left

import networkx as nx
from rdflib.term import Node

from plangraf import network
from plangraf.aggregates import UNKNOWN
from plangraf.namespaces import PG
from plangraf.reports.caveats import caveat
from plangraf.reports.context import Context, Section

REPORT = {"kind": "network", "order": 60, "derived": True,
          "description": "Who worked with whom, who brokered, who worked alone?"}


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
                     "betweenness": round(between[node], 4), "partners": [ctx.label(term(n)) for n in partners],
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
    """Bodies with no tie of any kind the graph holds: co-assignment, co-production (joint outputs and events),
    group membership, and a grant given or shared. A body tied only through the plan's intent is listed with
    that caveat; one that a statement about unnamed members (of its kind) may cover is unknown, not isolated."""
    from plangraf.reports.gaps import aggregates

    actors = {row["actor"] for row in ctx.rows("actors")}
    kinds: dict[Node, set[Node]] = {}
    for row in ctx.rows("actor_kinds"):
        kinds.setdefault(row["actor"], set()).add(row["kind"])
    tied: set[str] = {n for n in nets.combined if nets.combined.degree(n) > 0}
    for members in nets.members.get("grant", {}).values():
        if len(members) > 1:
            tied |= members
    for row in ctx.rows("other_ties"):
        tied |= {str(row["a"]), str(row["b"])}
    intended: dict[str, set[Node]] = {}
    for row in ctx.rows("intended_partners"):
        for a, b in ((row["partner"], row["lead"]), (row["lead"], row["partner"])):
            if a is not None and b is not None:
                intended.setdefault(str(a), set()).add(row["assignment"])
    facts = aggregates(ctx)
    rows = []
    for actor in actors:
        key = str(actor)
        if key in tied or (key not in nets.term and key not in intended):
            continue
        covering = [a for kind in kinds.get(actor, ()) for a in facts.over_class(kind, PG.Membership)
                    if actor not in a.excludes]
        caveats = [caveat("aggregate-only", ctx.id(a.node)) for a in covering]
        if key in intended:
            caveats.append(caveat("intended-partner-only", ", ".join(sorted(ctx.id(n) for n in intended[key]))))
        rows.append({"body": ctx.label(actor), "isolated": UNKNOWN if covering else "yes",
                     "in_assignments": nets.co_assignment.has_node(key),
                     "in_outputs_or_events": nets.co_production.has_node(key),
                     "intended_partner": key in intended, "ids": [ctx.id(actor), *(ctx.id(a.node) for a in covering)],
                     "evidence": ctx.cite(actor, *(a.node for a in covering)), "caveats": caveats,
                     "stated_by": ctx.stated_by(actor, kinds={PG.CoordinationGap, PG.CoverageGap})})
    rows.sort(key=lambda r: r["body"])
    return Section("network.isolated", "network", "Isolated bodies",
                   "Bodies with a part in the plan's work (lead, partner, producer, organiser, funder, recipient, member) "
                   "but no tie to another body of any kind the graph holds: a shared "
                   "assignment, a joint output or event, a group, a grant given or received, a commission, an "
                   "assignment moved between them, money for what the other made. isolated is unknown "
                   "where a statement about unnamed members of the body's kind may include it.",
                   ["body", "isolated", "in_assignments", "in_outputs_or_events", "intended_partner"], rows)


def groups(ctx: Context, nets: network.Projections) -> Section:
    """Each group's named members, its stated size, and statements about how many took part."""
    from plangraf.reports.gaps import aggregates

    whole, community, between = nets.combined, nets.combined_communities, nets.combined_betweenness
    sizes = {str(r["group"]): int(r["size"]) for r in ctx.rows("group_sizes")}
    facts = aggregates(ctx)
    ranked = sorted(between.values(), reverse=True)
    rows = []
    all_groups = {str(r["group"]): r["group"] for r in ctx.rows("groups")}
    for group in sorted(all_groups):
        members = list(whole[group]) if whole.has_node(group) else []
        term = all_groups[group]
        stated = sizes.get(group)
        about = facts.about_group(term)
        counts = sorted({a.count for a in about if a.count is not None})
        caveats = []
        if stated is not None and stated != len(members):
            caveats.append(caveat("stated-size", f"{len(members)} named, {stated} stated"))
        caveats += [caveat("aggregate-only", ctx.id(a.node)) for a in about]
        rows.append({"group": ctx.label(term), "named_members": len(members), "stated_size": stated,
                     "counted_in_report": counts,
                     "communities_spanned": len({community[m] for m in members}),
                     "betweenness": round(between.get(group, 0.0), 4),
                     "rank_by_betweenness": 1 + bisect_left([-v for v in ranked], -between[group])
                     if group in between else None,
                     "ids": [ctx.id(term), *(ctx.id(a.node) for a in about)],
                     "evidence": ctx.cite(term, *(a.node for a in about)), "caveats": caveats})
    rows.sort(key=lambda r: (-max(r["named_members"], r["stated_size"] or 0), r["group"]))
    return Section("network.groups", "network", "The role of the collaboration groups",
                   "Each collaboration group's named members, the size the report states and the counts it gives "
                   "in statements about unnamed members, how many communities of the combined network the named "
                   "members span, and the group's betweenness (rank 1 = most central node of the whole network).",
                   ["group", "named_members", "stated_size", "counted_in_report", "communities_spanned",
                    "betweenness", "rank_by_betweenness"], rows)
