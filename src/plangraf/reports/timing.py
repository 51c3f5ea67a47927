"""Timing: knowledge bases finished after the trainings that needed them, late assignments, results due
after the plan, and the time from decision to delivery per body."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date
from typing import Any

from rdflib.term import Node

from plangraf.dates import months_between, period
from plangraf.namespaces import PG
from plangraf.reports.context import Context, Section

PLAN_START = date(2008, 7, 10)
PLAN_END = date(2010, 12, 31)
LATE_AFTER_MONTHS = 12
KNOWLEDGE_BASES = {PG.Guideline, PG.Handbook, PG.TrainingMaterial, PG.Report, PG.Study, PG.Method, PG.Website}
EVENTS = {PG.Training, PG.Seminar, PG.Conference}


def build(ctx: Context) -> list[Section]:
    return [late_knowledge_bases(ctx), late_assignments(ctx), results_after_plan(ctx), delivery_delays(ctx)]


def _dated(ctx: Context) -> dict[Node, dict[str, Any]]:
    """Dated outputs and events with their classes, (theme, audience) pairs and the period their date means."""
    nodes: dict[Node, dict[str, Any]] = {}
    for row in ctx.rows("dated_outputs_events"):
        item = nodes.get(row["node"])
        if item is None:
            text = str(row["date"])
            item = nodes[row["node"]] = {"classes": set(), "date": text, "period": period(text), "combos": set()}
        item["classes"].add(row["class"])
        if row["theme"] is not None and row["audience"] is not None:
            item["combos"].add((row["theme"], row["audience"]))
    return {node: item for node, item in nodes.items() if item["period"]}


def late_knowledge_bases(ctx: Context) -> Section:
    nodes = _dated(ctx)
    outputs = {n: v for n, v in nodes.items() if v["classes"] & KNOWLEDGE_BASES}
    events = {n: v for n, v in nodes.items() if v["classes"] & EVENTS}
    by_combo: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
    for event, v in events.items():
        for combo in v["combos"]:
            by_combo[combo].append(event)
    rows = []
    for output, o in outputs.items():
        finished = o["period"][0]
        candidates = {e for combo in o["combos"] for e in by_combo.get(combo, ())}
        earlier = sorted((e for e in candidates if finished > events[e]["period"][1]), key=str)
        if not earlier:
            continue
        first_event = min(earlier, key=lambda e: (events[e]["period"][0], str(e)))
        first = events[first_event]
        combos = set().union(*(o["combos"] & events[e]["combos"] for e in earlier))
        rows.append({
            "output": ctx.label(output), "finished": o["date"], "first_event": ctx.label(first_event),
            "event_started": first["date"], "gap_months": months_between(first["period"][0], finished),
            "events_before": len(earlier),
            "shared_theme_audience": sorted({ctx.label(t) + " / " + ctx.label(a) for t, a in combos}),
            "ids": [ctx.id(output), *sorted(ctx.id(e) for e in earlier)],
            "evidence": ctx.cite(output, first_event),
        })
    rows.sort(key=lambda r: (-r["gap_months"], r["ids"]))
    return Section("timing.knowledge-base-after-training", "timing",
                   "Knowledge bases finished after the trainings that needed them",
                   "Guidance, handbooks, training material, reports and studies dated surely after trainings, "
                   "seminars or conferences on the same theme and audience had started (dates compared as "
                   "periods: a year means the whole year). Gap in months from the first such event.",
                   ["output", "finished", "first_event", "event_started", "gap_months", "events_before",
                    "shared_theme_audience"], rows)


def _assignments(ctx: Context) -> dict[Node, dict[str, Any]]:
    return ctx.shared("timing.assignments", lambda: _collect_assignments(ctx))


def _collect_assignments(ctx: Context) -> dict[Node, dict[str, Any]]:
    found: dict[Node, dict[str, Any]] = {}
    for row in ctx.rows("assignment_dates"):
        item = found.setdefault(row["assignment"], {"numbers": set(), "leads": set(), "decided": row["decided"],
                                                     "deadline": row["deadline"], "reported": row["reported"],
                                                     "status": row["status"]})
        item["numbers"].add(int(row["number"]))
        if row["lead"] is not None:
            item["leads"].add(row["lead"])
    return found


def late_assignments(ctx: Context) -> Section:
    rows = []
    for node, a in _assignments(ctx).items():
        decided = period(a["decided"])
        if not decided:
            continue
        months = months_between(PLAN_START, decided[0])
        if months < LATE_AFTER_MONTHS:
            continue
        left = months_between(decided[0], PLAN_END)
        rows.append({"actions": sorted(a["numbers"]), "lead": sorted(ctx.label(x) for x in a["leads"]),
                     "decided": str(a["decided"]), "months_after_plan_start": months, "months_left_in_plan": left,
                     "ids": [ctx.id(node)], "evidence": ctx.cite(node)})
    rows.sort(key=lambda r: (-r["months_after_plan_start"], r["actions"]))
    return Section("timing.late-assignments", "timing", "Assignments given late in the plan period",
                   f"Decisions taken {LATE_AFTER_MONTHS} months or more after the plan was presented "
                   f"({PLAN_START.isoformat()}); the plan period ran to {PLAN_END.year}.",
                   ["actions", "lead", "decided", "months_after_plan_start", "months_left_in_plan"], rows)


def results_after_plan(ctx: Context) -> Section:
    rows = []
    for node, a in _assignments(ctx).items():
        reasons = []
        if a["status"] == PG.ResultsAfterPlan:
            reasons.append("status: results after the plan")
        for key in ("deadline", "reported"):
            when = period(a[key])
            if when and when[0] > PLAN_END:
                reasons.append(f"{'deadline' if key == 'deadline' else 'final report'} {a[key]}")
        if reasons:
            rows.append({"actions": sorted(a["numbers"]), "lead": sorted(ctx.label(x) for x in a["leads"]),
                         "why": reasons, "ids": [ctx.id(node)], "evidence": ctx.cite(node, per_node=2)})
    rows.sort(key=lambda r: r["actions"])
    return Section("timing.results-after-plan", "timing", "Results due after the plan ended",
                   f"Assignments whose deadline or final report falls after {PLAN_END.isoformat()}, or whose "
                   "results the report says come only after the plan.", ["actions", "lead", "why"], rows)


def delivery_delays(ctx: Context) -> Section:
    per_body: dict[Node, list[tuple[int, Node]]] = defaultdict(list)
    for node, a in _assignments(ctx).items():
        decided, reported = period(a["decided"]), period(a["reported"])
        if decided and reported:
            for lead in a["leads"]:
                per_body[lead].append((months_between(decided[0], reported[0]), node))
    rows = []
    for body, items in per_body.items():
        months = [m for m, _ in items]
        rows.append({"body": ctx.label(body), "assignments": len(items), "median_months": statistics.median(months),
                     "max_months": max(months), "ids": [ctx.id(body), *sorted(ctx.id(n) for _, n in items)],
                     "evidence": ctx.cite(*sorted({n for _, n in items}, key=str))})
    rows.sort(key=lambda r: (-r["max_months"], r["body"]))
    return Section("timing.decision-to-delivery", "timing", "Time from decision to final report, per body",
                   "Months from the government decision to the final report, for assignments where both are known.",
                   ["body", "assignments", "median_months", "max_months"], rows)
