"""Gaps, found with FILTER NOT EXISTS: actions without assignee or output, work not carried out, proposals
without an actor, audiences no training reached, and every county's forum, training and mapping."""

from __future__ import annotations

from rdflib.term import Node

from plangraf.aggregates import NO, UNKNOWN, YES, Aggregates
from plangraf.namespaces import PG
from plangraf.reports.caveats import caveat
from plangraf.reports.context import Context, Section

REPORT = {"kind": "gaps", "order": 30, "derived": True,
          "description": "What is missing: actions without assignee or output, audiences and counties not reached?"}


GAP_KINDS = {PG.CoverageGap, PG.MissingActor, PG.Shortcoming, PG.KnowledgeGap}


def aggregates(ctx: Context) -> Aggregates:
    return ctx.shared("aggregates", lambda: Aggregates.of(ctx.backend))


def build(ctx: Context) -> list[Section]:
    return [actions_without(ctx, "actions_without_assignee", "gaps.actions-without-assignee",
                            "Actions without an assignee", "No assignment names a lead body for these actions.",
                            {PG.MissingActor}),
            not_carried_out(ctx),
            actions_without(ctx, "actions_without_output", "gaps.actions-without-output",
                            "Actions without a recorded output", "No output or event is recorded under these actions.",
                            {PG.CoverageGap, PG.Shortcoming, PG.NoMeasuredEffect}),
            proposals_without_actor(ctx), audiences_without_training(ctx), county_coverage(ctx)]


def actions_without(ctx: Context, query: str, section: str, title: str, description: str,
                    kinds: set[Node]) -> Section:
    """Actions with no named assignee or output. An aggregate statement about the action's outputs or events
    makes the answer unknown instead of no."""
    facts = aggregates(ctx)
    rows = []
    for r in ctx.rows(query):
        action = r["action"]
        covering = facts.for_action(action, PG.Output) + facts.for_action(action, PG.Event)
        rows.append({"action": int(r["number"]), "title": ctx.label(action), "named": UNKNOWN if covering else NO,
                     "ids": [ctx.id(action), *(ctx.id(a.node) for a in covering)],
                     "evidence": ctx.cite(action, *(a.node for a in covering)),
                     "caveats": [caveat("aggregate-only", ctx.id(a.node)) for a in covering],
                     "stated_by": ctx.stated_by(action, kinds=kinds, need=1, references=False)})
    return Section(section, "gaps", title, f"{description} named: no when nothing in the graph could cover it, "
                   "unknown when a statement about unnamed items may.", ["action", "title", "named"], rows)


def not_carried_out(ctx: Context) -> Section:
    """Assignments of the plan recorded as not (fully) carried out or with results after it. A continuation
    given after the plan (prov:wasInformedBy an earlier assignment, with no decision in the plan) is new work,
    not a shortfall of the plan, and is left out."""
    continuations = {r["later"] for r in ctx.rows("sequence_links")}
    rows = []
    for r in ctx.rows("assignments_not_done"):
        node = r["assignment"]
        if node in continuations and r.get("decided") is None:
            continue
        rows.append({"action": int(r["number"]), "status": ctx.label(r["status"]), "note": ctx.value(r["note"]),
                     "ids": [ctx.id(node)], "evidence": ctx.cite(node, per_node=3),
                     "stated_by": ctx.stated_by(node, r["action"], need=1, references=False,
                                                kinds=LATE_KINDS if r["status"] == PG.ResultsAfterPlan else SHORTFALL_KINDS)})
    return Section("gaps.not-carried-out", "gaps", "Assignments not (fully) carried out",
                   "Assignments recorded as not carried out, partly carried out or with results only after the plan "
                   "(continuations given after the plan are left out).", ["action", "status", "note"], rows)


SHORTFALL_KINDS = {PG.Shortcoming, PG.CoverageGap, PG.NoMeasuredEffect, PG.Resources}
LATE_KINDS = {PG.Delay, PG.Timing}


def proposals_without_actor(ctx: Context) -> Section:
    rows = [{"kind": ctx.label(r["kind"]), "summary": ctx.value(r["summary"]), "ids": [ctx.id(r["finding"])],
             "evidence": ctx.cite(r["finding"])} for r in ctx.rows("proposals_without_actor")]
    return Section("gaps.proposals-without-actor", "gaps", "Proposals and recommendations without an actor",
                   "Proposals and recommendations that name no body to carry them out.", ["kind", "summary"], rows)


def audiences_without_training(ctx: Context) -> Section:
    unrecorded = [r["event"] for r in ctx.rows("events_without_audience")]
    caveats = [caveat("unrecorded-audience", f"{len(unrecorded)} events")] if unrecorded else []
    rows = [{"audience": ctx.label(r["audience"]), "addressed_by": int(r["addressed_by"]),
             "reached": UNKNOWN if unrecorded else NO, "ids": [ctx.id(r["audience"])],
             "evidence": [], "caveats": caveats,
             "stated_by": ctx.stated_by(r["audience"], kinds=GAP_KINDS, need=1, references=False)}
            for r in ctx.rows("audiences_without_training")]
    return Section("gaps.audiences-without-training", "gaps", "Audiences no training reached",
                   "Audiences that outputs, grants or findings address but no event of the graph names as its "
                   f"audience. reached: unknown while events without a recorded audience exist ({len(unrecorded)}).",
                   ["audience", "addressed_by", "reached"], rows)


CHECKS = (("forum", PG.CollaborationGroup), ("own_event", PG.Event), ("any_event", PG.Event),
          ("mapping", PG.Study))


def county_coverage(ctx: Context) -> Section:
    """Every county in three values per check: yes (a named fact), unknown (a statement about unnamed county
    boards may cover it), no (nothing could). A county board the report names as not covered is no."""
    facts = aggregates(ctx)
    rows = []
    for r in ctx.rows("county_coverage"):
        groups, events, mappings = int(r["groups"]), int(r["events"]), int(r["mappings"])
        joint = int(r["joint_events"])
        named = {"forum": groups > 0, "own_event": events > 0, "any_event": events + joint > 0, "mapping": mappings > 0}
        board: Node | None = r["board"]
        row = {"county": str(r["name"])}
        covering: list = []
        for check, fact in CHECKS:
            if board is None:
                row[check] = YES if named[check] else UNKNOWN
                continue
            answer, resting = facts.answer(named[check], board, PG.CountyAdministrativeBoard, fact)
            row[check] = answer
            covering += [a for a in resting if a not in covering]
        statements = ctx.stated_by(r["county"], board, kinds={PG.CoverageGap}, need=1, references=False)
        stated = int(r["participants_stated"] or 0)
        total = r["participants"] if stated else None
        row.update({"own_events": events, "participants": int(total) if total is not None else None,
                    "joint_events": joint,
                    "mappings": mappings,
                    "missing": [c for c, _ in CHECKS if row[c] == NO],
                    "possibly_missing": [c for c, _ in CHECKS if row[c] == UNKNOWN],
                    "ids": [ctx.id(r["county"]), ctx.id(board), *(ctx.id(a.node) for a in covering)],
                    "evidence": ctx.cite(board, *(a.node for a in covering)),
                    "caveats": [caveat("aggregate-only", ctx.id(a.node)) for a in covering
                                if any(row[c] == UNKNOWN for c, f in CHECKS if a.about(f))],
                    "stated_by": statements})
        rows.append(row)
    return Section("gaps.counties", "gaps", "Every county: forum, training and mapping",
                   "All 21 counties in three values per check: yes (the graph names a forum of the county's own, an "
                   "event held there or by the board alone, any event including joint ones, a mapping), unknown "
                   "(the report says so of unnamed county boards, which may include this one), no (nothing named and "
                   "nothing that could cover it, or the report names the board as not covered).",
                   ["county", "forum", "own_event", "any_event", "mapping", "own_events", "participants",
                    "joint_events", "missing", "possibly_missing"], rows)
