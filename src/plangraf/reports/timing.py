"""Timing: knowledge bases finished after the trainings that needed them, late assignments, results due
after the plan, and the time from decision to delivery per body."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date
from typing import Any

from rdflib.term import Node

from plangraf.dates import Span, gap_months, imprecise, months_between, span
from plangraf.namespaces import PG
from plangraf.plans import Plans
from plangraf.reports.caveats import caveat
from plangraf.reports.context import Context, Section

REPORT = {"kind": "timing", "order": 20, "derived": True,
          "description": "Did the knowledge arrive after the work that needed it; were assignments late?"}


LATE_AFTER_MONTHS = 12
# Guidance a training could have used; reports and studies are research, not material trainings need.
KNOWLEDGE_BASES = {PG.Guideline, PG.Handbook, PG.TrainingMaterial, PG.Method}
EVENTS = {PG.Training, PG.Seminar, PG.Conference}


def build(ctx: Context) -> list[Section]:
    plans = ctx.shared("plans", lambda: Plans.of(ctx.backend))
    return [late_knowledge_bases(ctx), late_assignments(ctx, plans), results_after_plan(ctx, plans),
            delivery_delays(ctx)]


def _period(plans: Plans, assignment: dict[str, Any]) -> tuple[date, date] | None:
    """The period of the plan the assignment's actions belong to (the first that states one)."""
    return next((p for a in sorted(assignment["actions"], key=str) if (p := plans.period_of(a))), None)


def _periods_text(plans: Plans) -> str:
    return "; ".join(f"{p.label}: {p.start.isoformat()} to {p.end.isoformat()}" for p in plans.plans if p.period)


def precision(*dates: Span) -> list[dict[str, str]]:
    """A caveat per imprecise date, naming it."""
    return [caveat(code, d.text) for d in dates if (code := imprecise(d))]


def _range(low: float, high: float) -> str:
    def text(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)
    return text(low) if low == high else f"{text(low)}–{text(high)}"


def _dated(ctx: Context) -> dict[Node, dict[str, Any]]:
    """Dated outputs and events with their classes, (theme, audience) pairs and the period their date means."""
    nodes: dict[Node, dict[str, Any]] = {}
    for row in ctx.rows("dated_outputs_events"):
        item = nodes.get(row["node"])
        if item is None:
            text = str(row["date"])
            item = nodes[row["node"]] = {"classes": set(), "date": text, "span": span(text), "combos": set()}
        item["classes"].add(row["class"])
        if row["theme"] is not None and row["audience"] is not None:
            item["combos"].add((row["theme"], row["audience"]))
    return {node: item for node, item in nodes.items() if item["span"]}


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
        finished: Span = o["span"]
        candidates = {e for combo in o["combos"] for e in by_combo.get(combo, ())}
        earlier = sorted((e for e in candidates if finished.earliest > events[e]["span"].latest), key=str)
        if not earlier:
            continue
        # the event surely earliest: its latest possible start is the earliest (the tightest "after" the data allows)
        first_event = min(earlier, key=lambda e: (events[e]["span"].latest, events[e]["span"].earliest, str(e)))
        started: Span = events[first_event]["span"]
        low, high = gap_months(started, finished)
        combos = set().union(*(o["combos"] & events[e]["combos"] for e in earlier))
        rows.append({
            "output": ctx.label(output), "finished": o["date"], "first_event": ctx.label(first_event),
            "event_started": events[first_event]["date"], "gap_months": _range(low, high),
            "gap_months_min": low, "gap_months_max": high, "events_before": len(earlier),
            "shared_theme_audience": sorted({ctx.label(t) + " / " + ctx.label(a) for t, a in combos}),
            "ids": [ctx.id(output), *sorted(ctx.id(e) for e in earlier)],
            "evidence": ctx.cite(output, first_event), "caveats": precision(started, finished),
            "stated_by": ctx.stated_by(output, kinds=TIMING_KINDS, need=1, must=output, references=False),
        })
    rows.sort(key=lambda r: (-r["gap_months_min"], -r["gap_months_max"], r["ids"]))
    return Section("timing.knowledge-base-after-training", "timing",
                   "Guidance finished after trainings on its theme and audience had started",
                   "Guidelines, handbooks, training material and methods whose earliest possible date is "
                   "after the latest possible date of trainings, seminars or conferences on the same theme and "
                   "audience had started (a year means the whole year, a season the whole season). A shared theme and "
                   "audience does not show that the training needed the guidance: stated_by names the report's own "
                   "finding where it says so. The gap runs from the event that surely started first, as the "
                   "fewest–most whole months the dates allow.",
                   ["output", "finished", "first_event", "event_started", "gap_months", "events_before",
                    "shared_theme_audience"], rows)


TIMING_KINDS = {PG.Timing, PG.Delay}


def _assignments(ctx: Context) -> dict[Node, dict[str, Any]]:
    return ctx.shared("timing.assignments", lambda: _collect_assignments(ctx))


def _collect_assignments(ctx: Context) -> dict[Node, dict[str, Any]]:
    found: dict[Node, dict[str, Any]] = {}
    for row in ctx.rows("assignment_dates"):
        item = found.setdefault(row["assignment"], {"numbers": set(), "actions": set(), "leads": set(),
                                                     "decided": row["decided"],
                                                     "deadline": row["deadline"], "reported": row["reported"],
                                                     "status": row["status"]})
        item["numbers"].add(int(row["number"]))
        item["actions"].add(row["action"])
        if row["lead"] is not None:
            item["leads"].add(row["lead"])
    return found


def late_assignments(ctx: Context, plans: Plans) -> Section:
    rows = []
    for node, a in _assignments(ctx).items():
        decided, period = span(a["decided"]), _period(plans, a)
        if decided is None or period is None:
            continue
        start, end = period
        low, high = months_between(start, decided.earliest), months_between(start, decided.latest)
        if high < LATE_AFTER_MONTHS:
            continue
        caveats = precision(decided)
        if low < LATE_AFTER_MONTHS:
            caveats.append(caveat("order-uncertain", f"{low}–{high} months after the plan's start"))
        rows.append({"actions": sorted(a["numbers"]), "lead": sorted(ctx.label(x) for x in a["leads"]),
                     "decided": str(a["decided"]), "months_after_plan_start": _range(low, high),
                     "months_left_in_plan": _range(months_between(decided.latest, end),
                                                   months_between(decided.earliest, end)),
                     "surely_late": low >= LATE_AFTER_MONTHS,
                     "ids": [ctx.id(node)], "evidence": ctx.cite(node, per_node=4), "caveats": caveats,
                     "stated_by": _delay_stated(ctx, node, a)})
    rows.sort(key=lambda r: (not r["surely_late"], r["actions"]))
    return Section("timing.late-assignments", "timing", "Assignments given late in the plan period",
                   f"Decisions that may have been taken {LATE_AFTER_MONTHS} months or more after their plan's period "
                   f"began ({_periods_text(plans)}); surely_late when even the earliest day the decision date allows "
                   "is that late. Months as fewest–most.",
                   ["actions", "lead", "decided", "months_after_plan_start", "months_left_in_plan", "surely_late"],
                   rows)


def _delay_stated(ctx: Context, node: Node, assignment: dict[str, Any]) -> list[str]:
    """Delay findings about the assignment or one of its actions."""
    found = {s for action in assignment["actions"]
             for s in ctx.stated_by(node, action, kinds={PG.Delay}, need=1, references=False)}
    return sorted(found)


def results_after_plan(ctx: Context, plans: Plans) -> Section:
    """Assignments of the plan whose results came after it. An assignment decided after the plan ended, or a
    continuation of an earlier one (prov:wasInformedBy) with no decision date in the plan, is new work after
    the plan, not a late result of it, and is left out."""
    continuations = {r["later"] for r in ctx.rows("sequence_links")}
    rows = []
    for node, a in _assignments(ctx).items():
        decided, period = span(a["decided"]), _period(plans, a)
        if period is None:
            continue
        end = period[1]
        if (decided is not None and decided.earliest > end) or (decided is None and node in continuations):
            continue
        reasons, caveats = [], []
        if a["status"] == PG.ResultsAfterPlan:
            reasons.append("status: results after the plan")
        for key in ("deadline", "reported"):
            when = span(a[key])
            name = "deadline" if key == "deadline" else "final report"
            if when and when.earliest > end:
                reasons.append(f"{name} {a[key]}")
            elif when and when.latest > end:
                reasons.append(f"{name} {a[key]} (possibly after the plan)")
                caveats.append(caveat("order-uncertain", f"{name} {a[key]}"))
        if reasons:
            rows.append({"actions": sorted(a["numbers"]), "lead": sorted(ctx.label(x) for x in a["leads"]),
                         "why": reasons, "ids": [ctx.id(node)], "evidence": ctx.cite(node, per_node=4),
                         "caveats": caveats, "stated_by": _delay_stated(ctx, node, a)})
    rows.sort(key=lambda r: r["actions"])
    return Section("timing.results-after-plan", "timing", "Results due after the plan ended",
                   f"Assignments whose deadline or final report falls after their plan's period ({_periods_text(plans)}), "
                   "or whose results the report says come only after the plan; a date that may fall either side is "
                   "marked as possible. New assignments after the plan (continuations) are not late results and are "
                   "left out.", ["actions", "lead", "why"], rows)


def delivery_delays(ctx: Context) -> Section:
    per_body: dict[Node, list[tuple[int, int, Node, list[dict[str, str]]]]] = defaultdict(list)
    for node, a in _assignments(ctx).items():
        decided, reported = span(a["decided"]), span(a["reported"])
        if decided and reported:
            low, high = gap_months(decided, reported)
            for lead in a["leads"]:
                per_body[lead].append((low, high, node, precision(decided, reported)))
    rows = []
    for body, items in per_body.items():
        lows, highs = [i[0] for i in items], [i[1] for i in items]
        nodes = sorted({i[2] for i in items}, key=str)
        rows.append({"body": ctx.label(body), "assignments": len(items),
                     "median_months": _range(statistics.median(lows), statistics.median(highs)),
                     "max_months": _range(max(lows), max(highs)),
                     "ids": [ctx.id(body), *(ctx.id(n) for n in nodes)], "evidence": ctx.cite(*nodes),
                     "caveats": [c for i in items for c in i[3]],
                     "_max": (max(lows), max(highs))})
    rows.sort(key=lambda r: (-r["_max"][0], -r["_max"][1], r["body"]))
    for row in rows:
        del row["_max"]
    return Section("timing.decision-to-delivery", "timing", "Time from decision to final report, per body",
                   "Months from the government decision to the final report, for assignments where both are known, "
                   "as fewest–most whole months the dates allow.",
                   ["body", "assignments", "median_months", "max_months"], rows)
