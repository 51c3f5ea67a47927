"""Funding: pots and their parts, granted versus used, money per participant, concentration across
recipients and unknown amounts. Every sum counts each krona once (see :mod:`plangraf.money`)."""

from __future__ import annotations

from collections import defaultdict

from rdflib.term import Node

from plangraf.money import Money, Share, by_holder
from plangraf.reports.caveats import caveat
from plangraf.reports.context import Context, Section

REPORT = {"kind": "funding", "order": 50, "derived": True,
          "description": "Where did the money go, and how much per person reached?"}


def money(ctx: Context) -> Money:
    return ctx.shared("money", lambda: Money.of(ctx.backend))


def _numbers(ctx: Context, m: Money, node: Node) -> list[int]:
    return sorted(ctx.number(a) for a in m.actions_of(node))


def grant_caveats(m: Money, node: Node) -> list[dict[str, str]]:
    """What a reader of a row about this grant must know about its amount and its recipients."""
    grant, out = m.grants[node], []
    if grant.shared:
        out.append(caveat("shared-pot", f"{len(grant.recipients) + grant.unnamed_recipients} recipients"))
    if grant.unnamed_recipients:
        out.append(caveat("unnamed-recipients", f"{len(grant.recipients)} named of {grant.recipient_count}"))
    if grant.returned:
        out.append(caveat("partly-returned", f"{grant.returned:,.0f} SEK"))
    if m.approximate_parts(node):
        out.append(caveat("rest-approximate"))
    if m.after_plan(node):
        out.append(caveat("after-plan"))
    if grant.qualifier:
        out.append(caveat("amount-qualified", grant.qualifier))
    if len(m.actions_of(node)) > 1:
        out.append(caveat("several-actions"))
    if m.outside_plan(node):
        out.append(caveat("outside-plan"))
    return out


def build(ctx: Context) -> list[Section]:
    m = money(ctx)
    return [allocation(ctx, m), granted_vs_used(ctx, m), per_participant(ctx, m), concentration(ctx, m),
            unknown_amounts(ctx, m)]


def _names(ctx: Context, nodes: list[Node] | frozenset[Node]) -> list[str]:
    return sorted(ctx.label(n) for n in nodes)


def allocation(ctx: Context, m: Money) -> Section:
    """Pots with parts: what the parts are known to add up to, and the rest nobody is named for."""
    rows = []
    for node, grant in sorted(m.grants.items(), key=lambda kv: str(kv[0])):
        parts = [p for p in grant.parts if p in m.grants]
        if not parts:
            continue
        known = m.parts_total(node)
        unknown = [p for p in parts if m.effective(p) is None]
        caveats = grant_caveats(m, node)
        rest = grant.amount - known if grant.amount is not None else None
        if rest is not None and rest < 0:
            caveats.append(caveat("parts-exceed-pot", f"{known:,.0f} of {grant.amount:,.0f} SEK"))
        rows.append({"pot": ctx.label(node), "recipients": _names(ctx, grant.recipients),
                     "actions": _numbers(ctx, m, node), "pot_sek": grant.amount, "parts": len(parts),
                     "parts_known_sek": known, "parts_unknown_amount": len(unknown),
                     "rest_sek": max(rest, 0.0) if rest is not None else None,
                     "ids": [ctx.id(node), *sorted(ctx.id(p) for p in parts)],
                     "evidence": ctx.cite(node, *sorted(parts, key=str)[:3]), "caveats": caveats})
    rows.sort(key=lambda r: (-(r["pot_sek"] or 0), r["ids"]))
    return Section("funding.allocation", "funding", "Pots and what was paid out of them",
                   "Grants paid out in parts (dct:hasPart): the parts' known sum, how many parts have no stated "
                   "amount, and the rest of the pot that no part accounts for. Sums elsewhere count the parts and "
                   "only this rest of each pot.",
                   ["pot", "recipients", "actions", "pot_sek", "parts", "parts_known_sek", "parts_unknown_amount",
                    "rest_sek"], rows)


def granted_vs_used(ctx: Context, m: Money) -> Section:
    rows = []
    for node, g in sorted(m.grants.items(), key=lambda kv: str(kv[0])):
        if g.used is None and g.returned is None:
            continue
        unused = g.returned if g.returned is not None else (
            g.amount - g.used if g.amount is not None and g.used is not None else None)
        rows.append({"recipient": "; ".join(_names(ctx, g.recipients)) or None, "actions": _numbers(ctx, m, node),
                     "granted_sek": g.amount, "used_sek": g.used, "returned_or_unused_sek": unused,
                     "used_share": round(g.used / g.amount, 3) if g.used is not None and g.amount else None,
                     "ids": [ctx.id(node)], "evidence": ctx.cite(node, per_node=3), "caveats": grant_caveats(m, node)})
    rows.sort(key=lambda r: (r["used_share"] if r["used_share"] is not None else 2, r["recipient"] or ""))
    return Section("funding.granted-vs-used", "funding", "Granted versus used",
                   "Grants where the report states how much was used or paid back.",
                   ["recipient", "actions", "granted_sek", "used_sek", "returned_or_unused_sek", "used_share"], rows)


def per_participant(ctx: Context, m: Money) -> Section:
    """A grant divided by the participants of every event it paid for; an upper bound (with a caveat)
    where it also paid for items without a stated number of participants."""
    items: dict[Node, list[dict[str, Node | None]]] = defaultdict(list)
    for row in ctx.rows("funded_events"):
        items[row["grant"]].append(row)
    rows = []
    for node, funded in sorted(items.items(), key=lambda kv: str(kv[0])):
        grant = m.grants.get(node)
        counted = [r for r in funded if r["participants"] is not None]
        if grant is None or grant.amount is None or not counted:
            continue
        people = sum(int(r["participants"]) for r in counted)
        if not people:
            continue
        caveats = grant_caveats(m, node)
        if any(r["participants"] is None and str(r["is_event"]).lower() == "true" for r in funded):
            caveats.append(caveat("participants-partly-unknown"))
        if any(str(r["is_event"]).lower() != "true" for r in funded):
            caveats.append(caveat("paid-for-more"))
        qualifiers = sorted({str(r["qualifier"]) for r in counted if r.get("qualifier") is not None})
        if qualifiers:
            caveats.append(caveat("participants-qualified", ", ".join(qualifiers)))
        events = sorted((r["event"] for r in counted), key=str)
        rows.append({"events": [ctx.label(e) for e in events],
                     "recipient": "; ".join(_names(ctx, grant.recipients)) or None,
                     "money_sek": grant.amount, "participants": people,
                     "sek_per_participant": round(grant.amount / people),
                     "upper_bound": any(c["code"] in ("participants-partly-unknown", "paid-for-more") for c in caveats)
                     or bool(set(qualifiers) & AT_LEAST),
                     "ids": [ctx.id(node), *(ctx.id(e) for e in events)],
                     "evidence": ctx.cite(node, *events), "caveats": caveats})
    rows.sort(key=lambda r: (-r["sek_per_participant"], r["ids"]))
    return Section("funding.per-participant", "funding", "Money per participant",
                   "Grants that paid for events with a stated number of participants: the grant divided by the "
                   "participants of all the events it paid for (an upper bound where it paid for more).",
                   ["events", "recipient", "money_sek", "participants", "sek_per_participant", "upper_bound"], rows)


AT_LEAST = {"över", "drygt", "minst", "mer än"}  # more people than counted: the amount per person is at most


def _holder_label(ctx: Context, holders: frozenset[Node], unnamed: int = 0) -> str:
    if not holders:
        return f"(recipients not stated: {unnamed} bodies)" if unnamed else "(recipient not stated)"
    names = _names(ctx, holders) + ([f"{unnamed} not named"] if unnamed else [])
    return names[0] if len(names) == 1 else "jointly: " + "; ".join(names)


def concentration(ctx: Context, m: Money) -> Section:
    shares = m.shares()
    outside = sum(s.amount for s in m.shares(include_outside=True)) - sum(s.amount for s in shares)
    grouped = by_holder(shares)  # holders and the number of unnamed co-recipients
    whole = sum(s.amount for s in shares)
    named = {h: sum(s.amount for s in items) for h, items in grouped.items() if h[0]}
    named_total = sum(named.values())
    hhi = round(sum((v / named_total) ** 2 for v in named.values()), 3) if named_total else None
    rows = []
    cumulative = 0.0
    for (holders, unnamed), items in sorted(grouped.items(), key=lambda kv: (-sum(s.amount for s in kv[1]),
                                                                             _holder_label(ctx, *kv[0]))):
        total = sum(s.amount for s in items)
        cumulative += total
        returned = sum(m.grants[s.grant].returned or 0 for s in items)
        rows.append({"recipient": _holder_label(ctx, holders, unnamed), "total_sek": total,
                     "returned_sek": returned or None, "share": round(total / whole, 3),
                     "cumulative_share": round(cumulative / whole, 3), "grants": len(items),
                     "ids": [*sorted(ctx.id(h) for h in holders), *(ctx.id(s.grant) for s in items)],
                     "evidence": ctx.cite(*(s.grant for s in items)), "caveats": _share_caveats(m, holders, items)})
    return Section("funding.concentration", "funding", "Concentration across recipients",
                   f"Money with a stated amount per recipient, each krona counted once ({whole:,.0f} SEK: parts where "
                   f"the split is known, the rest of each pot otherwise); money several bodies received without a "
                   f"split is a row of its own ('jointly'), never credited to one of them. Herfindahl index {hhi} "
                   f"over the {len(named)} named holders (a joint holding counts as one); "
                   f"{whole - named_total:,.0f} SEK went to recipients the report does not name; "
                   f"{outside:,.0f} SEK dated outside the plan period is left out.",
                   ["recipient", "total_sek", "returned_sek", "share", "cumulative_share", "grants"], rows)


def _share_caveats(m: Money, holders: frozenset[Node], items: list[Share]) -> list[dict[str, str]]:
    out = []
    unnamed = max(s.unnamed for s in items)
    if len(holders) + unnamed > 1:
        out.append(caveat("shared-pot", f"{len(holders) + unnamed} recipients"))
    if unnamed:
        out.append(caveat("unnamed-recipients", f"{unnamed} not named"))
    if not holders:
        out.append(caveat("recipient-not-stated"))
    if any(s.rest_of_pot for s in items):
        out.append(caveat("rest-of-pot"))
    if any(m.approximate_parts(s.grant) for s in items if s.rest_of_pot):
        out.append(caveat("rest-approximate"))
    returned = sum(m.grants[s.grant].returned or 0 for s in items)
    if returned:
        out.append(caveat("partly-returned", f"{returned:,.0f} SEK"))
    if any(m.after_plan(s.grant) for s in items):
        out.append(caveat("after-plan"))
    qualified = sorted({q for s in items if (q := m.grants[s.grant].qualifier)})
    if qualified:
        out.append(caveat("amount-qualified", ", ".join(qualified)))
    return out


def unknown_amounts(ctx: Context, m: Money) -> Section:
    rows = []
    for node, g in sorted(m.grants.items(), key=lambda kv: str(kv[0])):
        if g.amount is not None:
            continue
        caveats = grant_caveats(m, node)
        pot = m.pot_of(node)
        covered = m.covered(node)
        rows.append({"recipient": "; ".join(_names(ctx, g.recipients)) or None,
                     "funder": "; ".join(_names(ctx, g.funders)) or None, "actions": _numbers(ctx, m, node),
                     "purpose": ctx.label(node) if ctx.label(node) != ctx.id(node) else None,
                     "part_of": ctx.label(pot) if pot is not None else None, "counted_in_pot": covered,
                     "ids": [ctx.id(node)], "evidence": ctx.cite(node), "caveats": caveats})
    rows.sort(key=lambda r: (r["actions"], r["recipient"] or "", r["ids"]))
    return Section("funding.unknown-amounts", "funding", "Grants with unknown amounts",
                   "Money the report mentions without stating how much. Where it is part of a pot of known amount "
                   "(counted_in_pot), its money is already in the pot's sum.",
                   ["recipient", "funder", "actions", "purpose", "part_of", "counted_in_pot"], rows)
