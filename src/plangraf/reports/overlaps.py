"""Overlaps: similar outputs that never cite each other, things reported twice, recipients funded under
several actions, and actions given to several bodies in parallel."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib.term import Node

from plangraf.namespaces import PG
from plangraf.reports.caveats import caveat
from plangraf.reports.context import Context, Section

REPORT = {"kind": "overlaps", "order": 10, "derived": True,
          "description": "Did several bodies do the same thing without knowing of each other?"}


def build(ctx: Context) -> list[Section]:
    return [uncited_similar_outputs(ctx), reported_twice(ctx), recipients_across_actions(ctx),
            parallel_assignments(ctx)]


def uncited_similar_outputs(ctx: Context) -> Section:
    """Groups of outputs of one family (guidance, research, communication, courses) by different producers
    sharing a theme and an audience, with no link between them.

    Outputs are grouped by each (family, theme, audience) combination they carry (``output_profiles.rq``); a group
    counts when it holds outputs by at least two producers and at least one cross-producer pair of it has no
    citation, method-use, derivation, part-of or relation link (``output_links.rq``), and no producer of one
    commissioned the other. Groups with the same members are merged, so a group lists every theme and audience
    its members share. Score: the number of shared (theme, audience) combinations times the number of producers.
    A finding of the report states a group when it concerns outputs of it by different producers.
    """
    members: dict[tuple[str, Node, Node], set[Node]] = defaultdict(set)
    producers: dict[Node, set[Node]] = defaultdict(set)
    for row in ctx.rows("output_profiles"):
        family = FAMILIES.get(row["class"], "other")
        members[(family, row["theme"], row["audience"])].add(row["output"])
        producers[row["output"]].add(row["producer"])
    for row in ctx.rows("output_commissioners"):  # a commissioner knows what it commissioned
        producers[row["output"]].add(row["commissioner"])
    linked = {frozenset((r["source"], r["target"])) for r in ctx.rows("output_links")}
    groups: dict[frozenset[Node], set[tuple[Node, Node]]] = defaultdict(set)
    for (_, *combo), outputs in members.items():
        if len({p for o in outputs for p in producers[o]}) >= 2:
            groups[frozenset(outputs)].add(tuple(combo))
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
            "stated_by": _stated_across_producers(ctx, ordered, producers),
        })
    rows.sort(key=lambda r: (-r["score"], -len(r["ids"]), r["ids"]))
    return Section("overlaps.uncited-similar-outputs", "overlaps", "Similar outputs that never cite each other",
                   "Outputs of one family (guidance, research, communication, courses) by different producers that "
                   "share a theme and an audience, where at least one pair by different producers has no citation, "
                   "derivation, part-of or relation link and neither commissioned the other. A shared theme and "
                   "audience is not a proven overlap of content. Score: shared theme-audience combinations × producers.",
                   ["score", "outputs", "producers", "shared_themes", "shared_audiences", "uncited_pairs",
                    "linked_pairs"], rows)


FAMILIES = {PG.Guideline: "guidance", PG.Handbook: "guidance", PG.TrainingMaterial: "guidance",
            PG.Method: "guidance", PG.Brochure: "communication", PG.Film: "communication",
            PG.Website: "communication", PG.Campaign: "communication", PG.Report: "research", PG.Study: "research",
            PG.Inquiry: "research", PG.Course: "course"}


def _stated_across_producers(ctx: Context, outputs: list[Node], producers: dict[Node, set[Node]]) -> list[str]:
    """Overlap findings that concern at least two of ``outputs`` made by different producers."""
    found = []
    for statement in ctx.stated_by(*outputs, kinds=OVERLAP_KINDS, references=False):
        touched = [o for o in outputs if ctx.concerns(statement, o)]
        if any(not producers[a] & producers[b] for i, a in enumerate(touched) for b in touched[i + 1:]):
            found.append(statement)
    return found


def reported_twice(ctx: Context) -> Section:
    rows = []
    for row in ctx.rows("multi_action_nodes"):
        node = row["node"]
        numbers = sorted(ctx.number(a) for a in (row["a1"], row["a2"]))
        stated = sorted(set(ctx.stated_by(node, row["a1"], row["a2"], need=3, references=False))
                        | _references_linking(ctx, node, row["a1"], row["a2"]))
        caveats = [caveat("cross-referenced")] if any(s.startswith("id:xref") for s in stated) else []
        rows.append({"item": ctx.label(node), "actions": numbers, "ids": [ctx.id(node)],
                     "evidence": ctx.cite(node, per_node=2), "caveats": caveats, "stated_by": stated})
    return Section("overlaps.reported-under-two-actions", "overlaps", "The same item under two actions",
                   "Outputs, events and grants recorded under two actions that no assignment covers together and "
                   "that the report does not handle together (pg:reportedWith). stated_by names the report's own "
                   "cross-references or findings that link the two.", ["item", "actions"], rows)


def _references_linking(ctx: Context, node: Node, first: Node, second: Node) -> set[str]:
    """Cross-references that say the item belongs to both actions: one that stands at the item itself and
    points to one of the actions, or one that stands at one action (or the item) and points to the other."""
    found = set()
    for xref, (froms, tos) in ctx.cross_references().items():
        from_item = node in froms and (first in tos or second in tos)
        between = (froms & {first, node} and second in tos) or (froms & {second, node} and first in tos)
        if from_item or between:
            found.add(ctx.id(xref))
    return found


def _references_touching(ctx: Context, subjects: set[Node], actions: set[Node]) -> list[str]:
    """Cross-references that link one of ``subjects`` with one of ``actions``."""
    return sorted(ctx.id(x) for x, (froms, tos) in ctx.cross_references().items()
                  if (froms | tos) & subjects and (froms | tos) & actions)


def recipients_across_actions(ctx: Context) -> Section:
    """Bodies that hold money under more than one action. Known money is only what the source attributes to
    the body alone (each krona once); money it holds jointly with others is counted apart, never credited
    whole to it."""
    from plangraf.reports.funding import money

    m = money(ctx)
    known: dict[Node, float] = defaultdict(float)
    joint: dict[Node, float] = defaultdict(float)
    for share in m.shares():
        for holder in share.holders:
            if len(share.holders) == 1:
                known[holder] += share.amount
            else:
                joint[holder] += share.amount
    by_recipient: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for node, grant in m.grants.items():
        if m.outside_plan(node):
            continue
        for recipient in grant.recipients:
            for action in m.actions_of(node):
                by_recipient[recipient][action].add(node)
    rows = []
    for recipient, by_action in by_recipient.items():
        if len(by_action) < 2:
            continue
        nodes = sorted({n for ns in by_action.values() for n in ns}, key=str)
        shared = [n for n in nodes if m.grants[n].shared]
        caveats = [caveat("shared-pot", f"{len(shared)} of its grants are shared with other recipients")] if shared else []
        returned = sum(m.grants[n].returned or 0 for n in nodes if len(m.grants[n].recipients) == 1)
        if returned:
            caveats.append(caveat("partly-returned", f"{returned:,.0f} SEK of its own money"))
        rows.append({
            "recipient": ctx.label(recipient),
            "actions": sorted(ctx.number(a) for a in by_action),
            "grants": len(nodes), "shared_grants": len(shared),
            "known_own_sek": known.get(recipient) or None, "held_jointly_sek": joint.get(recipient) or None,
            "ids": [ctx.id(recipient), *(ctx.id(n) for n in nodes)], "evidence": ctx.cite(*nodes),
            "caveats": caveats,
            "stated_by": ctx.stated_by(recipient, *nodes, *by_action, kinds={PG.Resources},
                                       must=recipient, references=False)
            + _references_touching(ctx, {recipient, *nodes}, set(by_action)),
        })
    rows.sort(key=lambda r: (-len(r["actions"]), r["recipient"]))
    return Section("overlaps.recipient-funded-under-several-actions", "overlaps",
                   "Recipients funded under several actions",
                   "Bodies that received grants under more than one action (money dated outside the plan period "
                   "left out). known_own_sek is the money the report attributes to the body alone, each krona "
                   "once; held_jointly_sek is money it received together with others without a stated split.",
                   ["recipient", "actions", "grants", "shared_grants", "known_own_sek", "held_jointly_sek"], rows)


def parallel_assignments(ctx: Context) -> Section:
    """Actions led by several bodies. Assignments the report says were built on one another
    (prov:wasInformedBy) are a sequence, not parallel work: only unlinked separate assignments count."""
    by_action: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    numbers: dict[Node, int] = {}
    for row in ctx.rows("parallel_assignments"):
        by_action[row["action"]][row["assignment"]].add(row["lead"])
        numbers[row["action"]] = int(row["number"])
    links = {frozenset((r["later"], r["earlier"])) for r in ctx.rows("sequence_links")}
    rows = []
    for action, assignments in by_action.items():
        leads = {lead for group in assignments.values() for lead in group}
        if len(leads) < 2:
            continue
        ordered = sorted(assignments, key=str)
        sequenced = sum(1 for i, a in enumerate(ordered) for b in ordered[i + 1 :] if frozenset((a, b)) in links)
        strands = len(ordered) - sequenced
        rows.append({
            "action": numbers[action], "lead_bodies": sorted(ctx.label(lead) for lead in leads),
            "assignments": len(assignments), "separate": strands > 1, "sequenced_pairs": sequenced,
            "ids": [ctx.id(action), *(ctx.id(a) for a in ordered)],
            "evidence": ctx.cite(*ordered),
            "caveats": [caveat("sequenced")] if sequenced else [],
            "stated_by": ctx.stated_by(action, *leads, kinds=OVERLAP_KINDS, need=3, must=action, references=False),
        })
    rows.sort(key=lambda r: (-len(r["lead_bodies"]), r["action"]))
    return Section("overlaps.parallel-efforts", "overlaps", "Several bodies on one task",
                   "Actions whose lead is shared by several bodies, jointly (one assignment) or through separate "
                   "assignments; assignments the report says were built on one another count as a sequence, not "
                   "as parallel work (separate is then false).",
                   ["action", "lead_bodies", "assignments", "separate", "sequenced_pairs"], rows)


OVERLAP_KINDS = {PG.Overlap, PG.CoordinationGap}
