"""Overlaps: similar outputs that never cite each other, things reported twice, recipients funded under
several actions, and actions given to several bodies in parallel."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib.term import Node

from plangraf.reports.context import Context, Section


def build(ctx: Context) -> list[Section]:
    return [uncited_similar_outputs(ctx), reported_twice(ctx), recipients_across_actions(ctx),
            parallel_assignments(ctx)]


def _producers(ctx: Context) -> dict[Node, set[Node]]:
    producers: dict[Node, set[Node]] = defaultdict(set)
    for row in ctx.rows("node_producers"):
        producers[row["node"]].add(row["actor"])
    return producers


def uncited_similar_outputs(ctx: Context) -> Section:
    """Clusters of outputs by different producers sharing theme and audience, with no citation between them.

    Pairs come from ``overlap_outputs.rq``; a pair's score is the number of (theme, audience) combinations
    it shares. Clusters are the connected components of the pair graph; a cluster's score is its best pair's.
    """
    shared: dict[tuple[Node, Node], set[tuple[Node, Node]]] = defaultdict(set)
    for row in ctx.rows("overlap_outputs"):
        shared[(row["a"], row["b"])].add((row["theme"], row["audience"]))
    graph = nx.Graph()
    for (a, b), combos in shared.items():
        graph.add_edge(a, b, score=len(combos))
    producers = _producers(ctx)
    rows: list[dict[str, Any]] = []
    for component in nx.connected_components(graph):
        members = sorted(component, key=str)
        pairs = [(a, b) for a, b in shared if a in component]
        themes = sorted({ctx.label(t) for p in pairs for t, _ in shared[p]})
        audiences = sorted({ctx.label(a) for p in pairs for _, a in shared[p]})
        bodies = sorted({ctx.label(p) for m in members for p in producers[m]})
        rows.append({
            "outputs": [ctx.label(m) for m in members], "producers": bodies,
            "shared_themes": themes, "shared_audiences": audiences,
            "score": max(graph.edges[p]["score"] for p in pairs), "uncited_pairs": len(pairs),
            "ids": [ctx.id(m) for m in members], "evidence": ctx.cite(*members),
        })
    rows.sort(key=lambda r: (-r["score"], -len(r["ids"]), r["ids"]))
    return Section("overlaps.uncited-similar-outputs", "overlaps", "Similar outputs that never cite each other",
                   "Outputs by different producers that share a theme and an audience, and where neither cites, "
                   "uses or builds on the other. Score: shared theme-audience combinations of the closest pair.",
                   ["score", "outputs", "producers", "shared_themes", "shared_audiences", "uncited_pairs"], rows)


def reported_twice(ctx: Context) -> Section:
    rows = []
    for row in ctx.rows("multi_action_nodes"):
        node = row["node"]
        numbers = sorted(int(str(a).rsplit("-", 1)[1]) for a in (row["a1"], row["a2"]))
        rows.append({"item": ctx.label(node), "actions": numbers, "ids": [ctx.id(node)], "evidence": ctx.cite(node, per_node=2)})
    return Section("overlaps.reported-under-two-actions", "overlaps", "The same item under two actions",
                   "Outputs, events and grants recorded under two actions that no assignment covers together and "
                   "that the report does not say it reports together.", ["item", "actions"], rows)


def recipients_across_actions(ctx: Context) -> Section:
    grants: dict[Node, dict[Node, list[dict[str, Node | None]]]] = defaultdict(lambda: defaultdict(list))
    for row in ctx.rows("recipients_across_actions"):
        grants[row["recipient"]][row["action"]].append(row)
    rows = []
    for recipient, by_action in grants.items():
        if len(by_action) < 2:
            continue
        nodes = sorted({r["grant"] for rs in by_action.values() for r in rs}, key=str)
        known = [float(r["amount"]) for rs in by_action.values() for r in rs if r["amount"] is not None]
        rows.append({
            "recipient": ctx.label(recipient),
            "actions": sorted(int(str(a).rsplit("-", 1)[1]) for a in by_action),
            "grants": len(nodes), "known_total_sek": sum(known) if known else None,
            "ids": [ctx.id(recipient), *(ctx.id(n) for n in nodes)], "evidence": ctx.cite(*nodes),
        })
    rows.sort(key=lambda r: (-len(r["actions"]), r["recipient"]))
    return Section("overlaps.recipient-funded-under-several-actions", "overlaps",
                   "Recipients funded under several actions",
                   "Bodies that received grants under more than one action: the same recipient funded in parallel.",
                   ["recipient", "actions", "grants", "known_total_sek"], rows)


def parallel_assignments(ctx: Context) -> Section:
    by_action: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    numbers: dict[Node, int] = {}
    for row in ctx.rows("parallel_assignments"):
        by_action[row["action"]][row["assignment"]].add(row["lead"])
        numbers[row["action"]] = int(row["number"])
    rows = []
    for action, assignments in by_action.items():
        leads = {lead for group in assignments.values() for lead in group}
        if len(leads) < 2:
            continue
        rows.append({
            "action": numbers[action], "lead_bodies": sorted(ctx.label(lead) for lead in leads),
            "assignments": len(assignments), "separate": len(assignments) > 1,
            "ids": [ctx.id(action), *sorted(ctx.id(a) for a in assignments)],
            "evidence": ctx.cite(*sorted(assignments, key=str)),
        })
    rows.sort(key=lambda r: (-len(r["lead_bodies"]), r["action"]))
    return Section("overlaps.parallel-efforts", "overlaps", "Several bodies on one task",
                   "Actions whose lead is shared by several bodies, jointly or through separate assignments.",
                   ["action", "lead_bodies", "assignments", "separate"], rows)
