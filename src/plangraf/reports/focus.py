"""Focus: shares of outputs, events, participants and money by theme, by action area and by kind of body."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib.term import Node

from plangraf.namespaces import PG
from plangraf.reports.caveats import caveat
from plangraf.reports.context import Context, Section

REPORT = {"kind": "focus", "order": 40, "derived": True,
          "description": "Where did the effort go, by theme, action area and kind of body?"}


MEASURES = ("outputs", "events", "participants", "money_sek")


def build(ctx: Context) -> list[Section]:
    from plangraf.reports.funding import money

    counted: dict[Node, float] = defaultdict(float)
    for share in money(ctx).shares():
        counted[share.grant] += share.amount
    facts = _facts(ctx)
    for node, item in facts.items():
        item["amount"] = counted.get(node, 0.0) if PG.Grant in item["tops"] else None
    return [
        _share(ctx, facts, "themes", "focus.by-theme", "Focus by theme",
               "Outputs, events, participants and money per theme (a node with several themes counts for each)."),
        _share(ctx, facts, "areas", "focus.by-area", "Focus by action area",
               "Outputs, events, participants and money per action area of the plan."),
        _share(ctx, facts, "kinds", "focus.by-kind-of-body", "Focus by kind of body",
               "Outputs produced, events organised, participants reached and money received per kind of body "
               "(money held jointly by bodies of several kinds counts for each of them)."),
    ]


def _facts(ctx: Context) -> dict[Node, dict[str, Any]]:
    kinds: dict[Node, set[Node]] = defaultdict(set)
    for row in ctx.rows("actor_kinds"):
        kinds[row["actor"]].add(row["kind"])
    facts: dict[Node, dict[str, Any]] = {}
    for row in ctx.rows("focus_facts"):
        item = facts.setdefault(row["node"], {"tops": set(), "themes": set(), "areas": set(), "kinds": set(),
                                             "participants": row["participants"], "amount": row["amount"]})
        item["tops"].add(row["top"])
        for key, column in (("themes", "theme"), ("areas", "area")):
            if row[column] is not None:
                item[key].add(row[column])
        if row["actor"] is not None:
            item["kinds"] |= kinds.get(row["actor"], set())
    return facts


def _share(ctx: Context, facts: dict[Node, dict[str, Any]], key: str, section: str, title: str,
           description: str) -> Section:
    totals: dict[str, float] = defaultdict(float)
    buckets: dict[Node, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    members: dict[Node, list[Node]] = defaultdict(list)
    for node, item in facts.items():
        tops = item["tops"]
        values = {"outputs": float(PG.Output in tops), "events": float(PG.Event in tops),
                  "participants": float(item["participants"] or 0) if PG.Event in tops else 0.0,
                  "money_sek": float(item["amount"] or 0) if PG.Grant in tops else 0.0}
        for measure, value in values.items():
            totals[measure] += value
        for bucket in item[key] or {None}:
            for measure, value in values.items():
                buckets[bucket][measure] += value
            members[bucket].append(node)
    rows = []
    for bucket, sums in buckets.items():
        row: dict[str, Any] = {key[:-1]: ctx.label(bucket) if bucket is not None else "(none recorded)"}
        for measure in MEASURES:
            row[measure] = int(sums[measure])
            row[f"{measure}_share"] = round(sums[measure] / totals[measure], 3) if totals[measure] else None
        row["ids"] = [ctx.id(bucket)] if bucket is not None else []
        row["evidence"] = []
        row["caveats"] = [caveat("several-buckets")]
        rows.append(row)
    rows.sort(key=lambda r: (-r["outputs"] - r["events"], r[key[:-1]]))
    columns = [key[:-1], *(c for m in MEASURES for c in (m, f"{m}_share"))]
    return Section(section, "focus", title, description, columns, rows)
