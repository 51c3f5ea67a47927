"""Action, actor and group cards as text for people (Markdown headings, wrapped to the terminal's width).

Concepts read in the chosen language, bodies by name with complete sets collapsed ("all 21 county
administrative boards"), actions as number and title, money as "2 500 000 kr", what the source does not give
as "not stated". Every quote is kept, each on its own wrapped lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plangraf.display import NOT_STATED, count, sek
from plangraf.terminal import bold, wrap
from plangraf.vocabulary import Vocabulary

Record = dict[str, Any]
QUOTE_INDENT = "      "


class Card:
    """The lines of one card, wrapped as they are added."""

    def __init__(self, words: Vocabulary) -> None:
        self.words = words
        self.lines: list[str] = []

    def heading(self, text: str, level: int = 1) -> None:
        if level > 1:
            self.lines.append("")
        self.lines.extend(bold(line) for line in wrap(f"{'#' * level} {text}", indent="  ", first=""))

    def line(self, text: str) -> None:
        self.lines.extend(wrap(text, indent="  ", first=""))

    def field(self, name: str, value: str | None) -> None:
        self.lines.extend(wrap(value or "—", indent="  ", first=f"{name}: "))

    def item(self, text: str) -> None:
        self.lines.extend(wrap(text, indent="    ", first="  - "))

    def evidence(self, evidence: list[Record], indent: str = QUOTE_INDENT) -> None:
        for e in evidence:
            self.lines.extend(wrap(f"line {e['line']}: \u201c{e['quote']}\u201d", indent=indent + "  ",
                                   first=indent + "> "))

    def section(self, title: str, items: list[Record], line: Callable[[Record], str]) -> None:
        self.heading(f"{title} ({len(items)})", 2)
        if not items:
            self.lines.append("  none recorded")
        for item in items:
            self.item(line(item))
            self.evidence(item.get("evidence", []))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    # how the parts of a card read

    def actor(self, actor: Record | None) -> str:
        if not actor:
            return "—"
        abbrev = f" ({actor['abbrev']})" if actor.get("abbrev") else ""
        return f"{actor['name']}{abbrev}"

    def actors(self, actors: list[Record]) -> str:
        """Names, with every complete kind of body as "all N …"."""
        by_name = {a["name"]: self.actor(a) for a in actors}
        return "; ".join(by_name.get(name, name) for name in self.words.collapse(list(by_name))) or "—"

    def actions(self, numbers: list[int]) -> str:
        return "; ".join(self.words.action(n) for n in numbers)

    def labels(self, ids: list[str]) -> str:
        return ", ".join(self.words.label(i) for i in ids)

    def output(self, o: Record) -> str:
        themes = f"; themes: {self.labels(o['themes'])}" if o["themes"] else ""
        audiences = f"; audiences: {self.labels(o['audiences'])}" if o.get("audiences") else ""
        return (f"{o['title'] or o['id']} [{self.words.label(o['kind'])}] by {self.actors(o['by'])}, "
                f"{o['year'] or 'no date'}{themes}{audiences}")

    def event(self, e: Record) -> str:
        people = e["participants"]
        who = f" ({e['qualifier'] + ' ' if e.get('qualifier') else ''}{people} participants)" if people is not None else ""
        place = f", {e['place']}" if e["place"] else ""
        return (f"{e['label'] or e['id']} [{self.words.label(e['kind'])}] by {self.actors(e['by'])}, "
                f"{e['date'] or 'no date'}{place}{who}")

    def grant(self, g: Record) -> str:
        qualifier = f"{g['qualifier']} " if g["qualifier"] else ""
        amount = f"amount {NOT_STATED}" if g["amount_sek"] is None else f"{qualifier}{sek(g['amount_sek'])}"
        used = f", used {sek(g['used_sek'])}" if g.get("used_sek") is not None else ""
        to = (f"to {len(g['recipients'])} recipients jointly, no split stated ({self.actors(g['recipients'])})"
              if g["shared"] else f"to {self.actors(g['recipients'])}")
        tree = (f"; part of {self.words.label(g['part_of'])}" if g["part_of"] else "") + (
            f"; paid out in {len(g['parts'])} parts" if g["parts"] else "")
        outside = "; dated outside the plan period" if g["outside_plan"] else ""
        purpose = f" — {g['purpose']}" if g["purpose"] else ""
        return f"{amount} from {self.actor(g['funder'])} {to}, {g['date'] or 'no date'}{used}{tree}{outside}{purpose}"

    def finding(self, f: Record) -> str:
        return f"[{f['kind']}] {f['summary_en']} (raised by {self.actors(f['raised_by'])})"


def money_line(money: Record) -> str:
    """What an action's money adds up to; no known amount is "not stated", never 0."""
    unknown = money["grants_of_unknown_amount"]
    if money["known_total_sek"] or not unknown:
        line = f"{sek(money['known_total_sek'])} under this action alone"
    else:
        line = f"{NOT_STATED} under this action alone"
    if money["shared_with_other_actions_sek"]:
        line += f", {sek(money['shared_with_other_actions_sek'])} recorded under it and other actions without a split"
    if unknown:
        line += f"; {unknown} grant{'s' if unknown > 1 else ''} of unknown amount"
    if money["outside_plan_sek"]:
        line += f"; {sek(money['outside_plan_sek'])} dated outside the plan period, not counted"
    return line


def action_text(card: Record, words: Vocabulary) -> str:
    c = Card(words)
    c.heading(f"Åtgärd {card['number']}: {card['title']['sv'] or card['title']['en'] or ''}")
    if card["title"]["en"]:
        c.line(card["title"]["en"])
    area = card["area"]
    c.field("Area", f"{area['number']} {area['en'] if words.lang == 'en' else area['sv']}")
    c.field("Intent", card["intent_sv"])
    c.field("Status", card["status"] or "not recorded")
    c.field("Responsible", c.actors(card["responsible"]))
    c.field("Partners", c.actors(card["partners"]))
    c.field("Money (each krona once)", money_line(card["money"]))
    if card["related_actions"]:
        c.field("Related actions", c.actions(card["related_actions"]))
    c.evidence(card["evidence"], indent="  ")
    c.section("Assignments", card["assignments"], lambda a: (
        f"to {c.actors(a['to'])}" + (f" with {c.actors(a['partners'])}" if a["partners"] else "")
        + f"; decided {a['date'] or 'date unknown'}" + (f"; ref {', '.join(a['refs'])}" if a["refs"] else "")
        + (f"; deadline {a['deadline']}" if a["deadline"] else "")
        + (f"; final report {a['final_report']}" if a["final_report"] else "")
        + f"; status {a['status'] or 'not recorded'}"
        + (f"; moved from {c.actor(a['moved_from'])}" if a["moved_from"] else "")
        + (f"; also for {c.actions(a['other_actions'])}" if a["other_actions"] else "")))
    c.section("Grants", card["grants"], c.grant)
    c.section("Outputs", card["outputs"], c.output)
    c.section("Events", card["events"], c.event)
    c.section("Findings", card["findings"], c.finding)
    return c.text()


def actor_text(card: Record, words: Vocabulary) -> str:
    c = Card(words)
    c.heading(c.actor(card))
    c.line(f"{card['kind'] or ''} — {card['id']}")
    if card["alt_names"]:
        c.field("Also", "; ".join(card["alt_names"]))
    c.evidence(card["evidence"], indent="  ")
    c.heading(f"Actions ({len(card['actions'])})", 2)
    for a in card["actions"]:
        c.item(f"{words.action(a['number'])} ({a['role']})")
    if not card["actions"]:
        c.lines.append("  none recorded")
    c.section("Groups", card["groups"], lambda g: f"{g['name']} ({g['role'] or words.label('pg:RoleMember')})")
    _work(c, card)
    c.section("Grants given", card["grants_given"], c.grant)
    c.section("Findings", card["findings"], c.finding)
    return c.text()


def _work(c: Card, card: Record) -> None:
    c.section("Outputs", card["outputs"], c.output)
    c.section("Events", card["events"], c.event)
    c.section("Grants received", card["grants_received"], c.grant)


def group_text(card: Record, words: Vocabulary) -> str:
    c = Card(words)
    c.heading(c.actor(card))
    c.line(f"{card['kind'] or ''} — {card['id']}")
    if card["alt_names"]:
        c.field("Also", "; ".join(card["alt_names"]))
    c.field("Purpose", card["purpose"] or NOT_STATED)
    c.field("Meets", card["meetings"] or NOT_STATED)
    c.field("Coordinated by", "; ".join(f"{c.actor(m)} ({', '.join(m['roles'])})" for m in card["coordinators"])
            or NOT_STATED)
    c.field("Size", f"{card['named_members']} members named in the report; size stated by the report: "
                    f"{count(card['stated_size'])}")
    c.field("Actions", c.actions(card["actions"]) or "none recorded")
    c.evidence(card["evidence"], indent="  ")
    c.section("Members", card["members"], lambda m: f"{c.actor(m)} — {m['kind'] or ''} ({', '.join(m['roles'])})")
    c.section("What the report says of members it does not name", card["statements_about_members"],
              lambda a: a["summary"] or a["id"])
    _work(c, card)
    c.section("Findings", card["findings"], c.finding)
    return c.text()
