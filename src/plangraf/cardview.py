"""Human-readable action and actor cards (Markdown, which also reads well in a terminal)."""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]


def _actor(actor: Record | None) -> str:
    if not actor:
        return "—"
    abbrev = f" ({actor['abbrev']})" if actor.get("abbrev") else ""
    return f"{actor['name']}{abbrev}"


def _actors(actors: list[Record]) -> str:
    return ", ".join(_actor(a) for a in actors) or "—"


def _evidence(evidence: list[Record]) -> list[str]:
    return [f"    > line {e['line']}: \u201c{e['quote']}\u201d" for e in evidence]


def _sek(value: Any) -> str:
    return "unknown" if value is None else f"{int(value):,} SEK".replace(",", " ")


def _section(title: str, items: list[Record], line: Any) -> list[str]:
    out = ["", f"## {title} ({len(items)})"]
    if not items:
        out.append("none recorded")
    for item in items:
        out.append(f"- {line(item)}")
        out.extend(_evidence(item.get("evidence", [])))
    return out


def _output_line(o: Record) -> str:
    return f"{o['title'] or o['id']} [{o['kind']}] by {_actors(o['by'])}, {o['year'] or 'no date'}" + (
        f"; themes: {', '.join(o['themes'])}" if o["themes"] else "")


def _event_line(e: Record) -> str:
    who = f" ({e['qualifier']} {e['participants']} participants)" if e.get("qualifier") and e["participants"] else (
        f" ({e['participants']} participants)" if e["participants"] is not None else "")
    return f"{e['label'] or e['id']} [{e['kind']}] by {_actors(e['by'])}, {e['date'] or 'no date'}" + (
        f", {e['place']}" if e["place"] else "") + who


def _grant_line(g: Record) -> str:
    qualifier = f"{g['qualifier']} " if g["qualifier"] else ""
    amount = "amount unknown" if g["amount_sek"] is None else f"{qualifier}{_sek(g['amount_sek'])}"
    used = f", used {_sek(g['used_sek'])}" if g.get("used_sek") is not None else ""
    to = (f"to {len(g['recipients'])} recipients jointly, no split stated ({_actors(g['recipients'])})"
          if g["shared"] else f"to {_actors(g['recipients'])}")
    tree = (f"; part of {g['part_of']}" if g["part_of"] else "") + (
        f"; paid out in {len(g['parts'])} parts" if g["parts"] else "")
    outside = "; dated outside the plan period" if g["outside_plan"] else ""
    return f"{amount} from {_actor(g['funder'])} {to}, {g['date'] or 'no date'}{used}{tree}{outside}" + (
        f" — {g['purpose']}" if g["purpose"] else "")


def _money_line(money: Record) -> str:
    line = f"Money (each krona once): {_sek(money['known_total_sek'])} under this action alone"
    if money["shared_with_other_actions_sek"]:
        line += f", {_sek(money['shared_with_other_actions_sek'])} recorded under it and other actions without a split"
    if money["grants_of_unknown_amount"]:
        line += f"; {money['grants_of_unknown_amount']} grants of unknown amount"
    if money["outside_plan_sek"]:
        line += f"; {_sek(money['outside_plan_sek'])} dated outside the plan period, not counted"
    return line


def _finding_line(f: Record) -> str:
    return f"[{f['kind']}] {f['summary_en']} (raised by {_actors(f['raised_by'])})"


def action_text(card: Record) -> str:
    out = [f"# Åtgärd {card['number']}: {card['title']['sv'] or ''}",
           f"{card['title']['en'] or ''}",
           f"Area {card['area']['number']}: {card['area']['sv']} / {card['area']['en']}",
           f"Intent: {card['intent_sv'] or '—'}",
           f"Status: {card['status'] or 'not recorded'}",
           f"Responsible: {_actors(card['responsible'])}",
           f"Partners: {_actors(card['partners'])}",
           _money_line(card["money"])]
    if card["related_actions"]:
        out.append("Related actions: " + ", ".join(str(n) for n in card["related_actions"]))
    out.extend(_evidence(card["evidence"]))
    out.extend(_section("Assignments", card["assignments"], lambda a: (
        f"to {_actors(a['to'])}" + (f" with {_actors(a['partners'])}" if a["partners"] else "")
        + (f" (the plan's intent also names {_actors(a['intended_partners'])}, not shown to have taken part)"
           if a["intended_partners"] else "")
        + f"; decided {a['date'] or 'date unknown'}" + (f"; ref {', '.join(a['refs'])}" if a["refs"] else "")
        + (f"; deadline {a['deadline']}" if a["deadline"] else "")
        + (f"; final report {a['final_report']}" if a["final_report"] else "")
        + f"; status {a['status'] or 'not recorded'}"
        + (f"; moved from {_actor(a['moved_from'])}" if a["moved_from"] else ""))))
    out.extend(_section("Grants", card["grants"], _grant_line))
    out.extend(_section("Outputs", card["outputs"], _output_line))
    out.extend(_section("Events", card["events"], _event_line))
    out.extend(_section("Findings", card["findings"], _finding_line))
    return "\n".join(out) + "\n"


def actor_text(card: Record) -> str:
    out = [f"# {_actor(card)}", f"{card['kind'] or ''} — {card['id']}"]
    if card["alt_names"]:
        out.append("Also: " + "; ".join(card["alt_names"]))
    out.extend(_evidence(card["evidence"]))
    out += ["", f"## Actions ({len(card['actions'])})"]
    out += [f"- Åtgärd {a['number']} ({a['role']})" for a in card["actions"]] or ["none recorded"]
    out.extend(_section("Groups", card["groups"], lambda g: f"{g['name']} ({g['role'] or 'member'})"))
    out.extend(_section("Outputs", card["outputs"], _output_line))
    out.extend(_section("Events", card["events"], _event_line))
    out.extend(_section("Grants received", card["grants_received"], _grant_line))
    out.extend(_section("Grants given", card["grants_given"], _grant_line))
    out.extend(_section("Findings", card["findings"], _finding_line))
    return "\n".join(out) + "\n"


def group_text(card: Record) -> str:
    size = card["stated_size"]
    out = [f"# {_actor(card)}", f"{card['kind'] or ''} — {card['id']}",
           f"Members named in the report: {card['named_members']}"
           + (f"; size stated by the report: {size}" if size is not None else "; no size stated")]
    out.extend(_evidence(card["evidence"]))
    out.extend(_section("Members", card["members"], lambda m: f"{_actor(m)} ({', '.join(m['roles'])})"))
    out.extend(_section("What the report says of members it does not name", card["statements_about_members"],
                        lambda a: a["summary"] or a["id"]))
    out.extend(_section("Findings", card["findings"], _finding_line))
    return "\n".join(out) + "\n"
