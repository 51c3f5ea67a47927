"""Funding: granted versus used, money per participant, concentration across recipients, unknown amounts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib.term import Node

from plangraf.reports.context import Context, Section


def _grants(ctx: Context) -> dict[Node, dict[str, Any]]:
    grants: dict[Node, dict[str, Any]] = {}
    for row in ctx.rows("action_grants"):
        item = grants.setdefault(row["grant"], {**row, "actions": set(), "recipients": set(), "funders": set()})
        item["actions"].add(int(str(row["action"]).rsplit("-", 1)[1]))
        for key, column in (("recipients", "recipient"), ("funders", "funder")):
            if row[column] is not None:
                item[key].add(row[column])
    for item in grants.values():
        item["recipient"] = min(item["recipients"], key=str) if len(item["recipients"]) == 1 else None
        item["funder"] = min(item["funders"], key=str) if item["funders"] else None
    return grants


def _number(value: Node | None) -> float | None:
    return float(value) if value is not None else None


def build(ctx: Context) -> list[Section]:
    grants = _grants(ctx)
    return [granted_vs_used(ctx, grants), per_participant(ctx, grants), concentration(ctx, grants),
            unknown_amounts(ctx, grants)]


def granted_vs_used(ctx: Context, grants: dict[Node, dict[str, Any]]) -> Section:
    rows = []
    for node, g in grants.items():
        amount, used, returned = _number(g["amount"]), _number(g["used"]), _number(g["returned"])
        if used is None and returned is None:
            continue
        unused = returned if returned is not None else (amount - used if amount is not None and used is not None else None)
        rows.append({"recipient": "; ".join(sorted(ctx.label(r) for r in g["recipients"])), "actions": sorted(g["actions"]),
                     "granted_sek": amount, "used_sek": used, "returned_or_unused_sek": unused,
                     "used_share": round(used / amount, 3) if used is not None and amount else None,
                     "ids": [ctx.id(node)], "evidence": ctx.cite(node, per_node=3)})
    rows.sort(key=lambda r: (r["used_share"] if r["used_share"] is not None else 2, r["recipient"]))
    return Section("funding.granted-vs-used", "funding", "Granted versus used",
                   "Grants where the report states how much was used or paid back.",
                   ["recipient", "actions", "granted_sek", "used_sek", "returned_or_unused_sek", "used_share"], rows)


def per_participant(ctx: Context, grants: dict[Node, dict[str, Any]]) -> Section:
    rows = []
    for row in ctx.rows("funded_events"):
        amount, people = float(row["amount"]), int(row["participants"])
        if people:
            rows.append({"event": ctx.label(row["event"]), "recipient": ctx.label(grants[row["grant"]]["recipient"]),
                         "money_sek": amount, "participants": people, "sek_per_participant": round(amount / people),
                         "ids": [ctx.id(row["grant"]), ctx.id(row["event"])],
                         "evidence": ctx.cite(row["grant"], row["event"])})
    rows.sort(key=lambda r: (-r["sek_per_participant"], r["ids"]))
    return Section("funding.per-participant", "funding", "Money per participant",
                   "Grants that paid for an event with a stated number of participants: amount divided by participants.",
                   ["event", "recipient", "money_sek", "participants", "sek_per_participant"], rows)


def _n(action: Node) -> int:
    return int(str(action).rsplit("-", 1)[1])


def concentration(ctx: Context, grants: dict[Node, dict[str, Any]]) -> Section:
    totals: dict[Node, float] = defaultdict(float)
    nodes: dict[Node, list[Node]] = defaultdict(list)
    for node, g in grants.items():
        if g["amount"] is not None and len(g["recipients"]) == 1:
            totals[g["recipient"]] += float(g["amount"])
            nodes[g["recipient"]].append(node)
    whole = sum(totals.values())
    hhi = round(sum((v / whole) ** 2 for v in totals.values()), 3) if whole else None
    rows = []
    cumulative = 0.0
    for recipient, total in sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        cumulative += total
        rows.append({"recipient": ctx.label(recipient), "total_sek": total, "share": round(total / whole, 3),
                     "cumulative_share": round(cumulative / whole, 3), "grants": len(nodes[recipient]),
                     "ids": [ctx.id(recipient)], "evidence": ctx.cite(*nodes[recipient])})
    return Section("funding.concentration", "funding", "Concentration across recipients",
                   f"Money with a stated amount per recipient, largest first (grants shared by several recipients "
                   f"without a split are left out). Herfindahl index {hhi} over {len(totals)} recipients and "
                   f"{whole:,.0f} SEK.",
                   ["recipient", "total_sek", "share", "cumulative_share", "grants"], rows)


def unknown_amounts(ctx: Context, grants: dict[Node, dict[str, Any]]) -> Section:
    rows = [{"recipient": "; ".join(sorted(ctx.label(r) for r in g["recipients"])), "funder": ctx.label(g["funder"]),
             "actions": sorted(g["actions"]),
             "purpose": ctx.value(g["purpose"]), "ids": [ctx.id(node)], "evidence": ctx.cite(node)}
            for node, g in grants.items() if g["amount"] is None]
    rows.sort(key=lambda r: (r["actions"], r["recipient"]))
    return Section("funding.unknown-amounts", "funding", "Grants with unknown amounts",
                   "Money the report mentions without stating how much.", ["recipient", "funder", "actions", "purpose"],
                   rows)
