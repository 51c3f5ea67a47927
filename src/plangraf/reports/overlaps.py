"""Overlaps: similar outputs that never cite each other, things reported twice, recipients funded under
several actions, and actions given to several bodies in parallel."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib.term import Node

from plangraf.reports.context import Context, Section


def build(ctx: Context) -> list[Section]:
    return [uncited_similar_outputs(ctx), reported_twice(ctx), recipients_across_actions(ctx),
            parallel_assignments(ctx)]


def uncited_similar_outputs(ctx: Context) -> Section:
    """Groups of outputs by different producers sharing a theme and an audience, with no link between them.

    Outputs are grouped by each (theme, audience) combination they carry (``output_profiles.rq``); a group
    counts when it holds outputs by at least two producers and at least one cross-producer pair of it has no
    citation, method-use or derivation link (``output_links.rq``). Groups with the same members are merged, so
    a group lists every theme and audience its members share. Score: the number of shared (theme, audience)
    combinations times the number of producers.
    """
    members: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    producers: dict[Node, set[Node]] = defaultdict(set)
    for row in ctx.rows("output_profiles"):
        members[(row["theme"], row["audience"])].add(row["output"])
        producers[row["output"]].add(row["producer"])
    linked = {frozenset((r["source"], r["target"])) for r in ctx.rows("output_links")}
    groups: dict[frozenset[Node], set[tuple[Node, Node]]] = defaultdict(set)
    for combo, outputs in members.items():
        if len({p for o in outputs for p in producers[o]}) >= 2:
            groups[frozenset(outputs)].add(combo)
    rows: list[dict[str, Any]] = []
    for outputs, combos in groups.items():
        ordered = sorted(outputs, key=str)
        uncited = [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]
                   if not producers[a] & producers[b] and frozenset((a, b)) not in linked]
        if not uncited:
            continue
        bodies = sorted({ctx.label(p) for o in ordered for p in producers[o]})
        rows.append({
            "outputs": [ctx.label(o) for o in ordered], "producers": bodies,
            "shared_themes": sorted({ctx.label(t) for t, _ in combos}),
            "shared_audiences": sorted({ctx.label(a) for _, a in combos}),
            "score": len(combos) * len(bodies), "uncited_pairs": len(uncited),
            "linked_pairs": sum(1 for i, a in enumerate(ordered) for b in ordered[i + 1 :] if frozenset((a, b)) in linked),
            "ids": [ctx.id(o) for o in ordered], "evidence": ctx.cite(*ordered[:6]),
        })
    rows.sort(key=lambda r: (-r["score"], -len(r["ids"]), r["ids"]))
    return Section("overlaps.uncited-similar-outputs", "overlaps", "Similar outputs that never cite each other",
                   "Outputs by different producers that share a theme and an audience, where at least one pair by "
                   "different producers has no citation, method-use or derivation link. Score: shared "
                   "theme-audience combinations × producers.",
                   ["score", "outputs", "producers", "shared_themes", "shared_audiences", "uncited_pairs",
                    "linked_pairs"], rows)


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
