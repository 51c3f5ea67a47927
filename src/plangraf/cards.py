"""Action and actor cards: everything the graph holds about one action or one body, with evidence.

Cards are assembled from the bundled queries (``action*.rq``, ``findings.rq``, ``actor_*.rq``), each run
once; rows are grouped per node here. The JSON shape is documented in the README.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf import queries
from plangraf.errors import AmbiguousNameError, NotFoundError
from plangraf.money import Money
from plangraf.namespaces import PG
from plangraf.plans import Plans
from plangraf.store import Backend
from plangraf.terms import compact, plain
from plangraf.vocabulary import Vocabulary

Record = dict[str, Any]


def _run(backend: Backend, name: str, **bindings: Node) -> list[dict[str, Node | None]]:
    return backend.query(queries.get(name).text, bindings or None).dicts()


def group(rows: list[dict[str, Node | None]], key: str, multi: tuple[str, ...] = ()) -> dict[Node, Record]:
    """Fold rows into one record per ``key``: ``multi`` columns become sorted lists, evidence a list."""
    records: dict[Node, Record] = {}
    for row in rows:
        node = row[key]
        record = records.setdefault(node, {"id": compact(str(node)), "evidence": []})
        for column, value in row.items():
            if column in (key, "ev_line", "ev_quote") or value is None:
                continue
            if column in multi:
                bucket = record.setdefault(column, [])
                if value not in bucket:
                    bucket.append(value)
            elif column not in record:
                record[column] = value
        if row.get("ev_line") is not None:
            evidence = {"line": int(row["ev_line"]), "quote": str(row["ev_quote"])}
            if evidence not in record["evidence"]:
                record["evidence"].append(evidence)
    for record in records.values():
        record["evidence"].sort(key=lambda e: (e["line"], e["quote"]))
        for column in multi:
            record[column] = sorted(record.get(column, []), key=str)
    return records


class Directory:
    """Actor descriptions ({id, name, abbrev, kind}) and name lookup, loaded once per backend; kinds of body
    are labelled in ``lang``."""

    def __init__(self, backend: Backend, lang: str = "en") -> None:
        self.backend = backend
        self.words = Vocabulary(backend, lang)
        self._plans: Plans | None = None
        self.actors: dict[Node, Record] = {}
        self.kinds: dict[Node, Node] = {}
        for row in _run(backend, "actors"):
            if row["actor"] not in self.actors:
                self.kinds[row["actor"]] = row["kind"]
                self.actors[row["actor"]] = {"id": compact(str(row["actor"])), "name": plain(row["name"]),
                                             "abbrev": plain(row["abbrev"]), "kind": self.words.label(row["kind"])}
        self.names: dict[str, set[Node]] = defaultdict(set)
        self.exact: dict[str, set[Node]] = defaultdict(set)
        self.alt_names: dict[Node, list[str]] = defaultdict(list)
        for row in _run(backend, "actor_names"):
            self.names[str(row["name"]).casefold()].add(row["actor"])
            self.exact[str(row["name"])].add(row["actor"])
            if row["actor"] in self.actors and str(row["name"]) != self.actors[row["actor"]]["name"]:
                self.alt_names[row["actor"]].append(str(row["name"]))

    @property
    def plans(self) -> Plans:
        """The graph's plans, read once per directory."""
        if self._plans is None:
            self._plans = Plans.of(self.backend)
        return self._plans

    def number(self, action: Node) -> int:
        """An action's number within its plan."""
        found = self.plans.number(action)
        if found is None:
            raise NotFoundError(f"{compact(str(action))} has no action number")
        return found

    def describe(self, node: Node | None) -> Record | None:
        if node is None:
            return None
        return self.actors.get(node) or {"id": compact(str(node)), "name": compact(str(node)), "abbrev": None,
                                         "kind": None}

    def is_group(self, node: Node) -> bool:
        return self.kinds.get(node) == PG.CollaborationGroup

    def find(self, name: str, among: Collection[Node] | None = None, what: str = "actor") -> Node:
        """Look an actor up by Swedish or English name, alternative label, abbreviation or id; ``among``
        restricts the candidates (e.g. to collaboration groups). An exact name or abbreviation wins over a
        part of a name, and written exactly so (case and all) over a case variant. Bodies that share a name
        are told apart by a qualifier in brackets, as the ambiguity error lists them:
        ``Nätverket mot trafficking (collaboration group)``."""
        allowed = set(self.actors if among is None else among)
        matches = self._named(name.strip(), allowed)
        if len(matches) != 1 and name.rstrip().endswith(")") and "(" in name:
            base, _, qualifier = name.rstrip()[:-1].rpartition("(")
            qualified = {a for a in self._named(base.strip(), allowed) if self._fits(a, qualifier)}
            matches = qualified or matches
        if not matches:
            raise NotFoundError(f"no {what} named '{name}'; `plangraf search {name.strip()}` finds names, "
                                "titles and quotes that contain it")
        if len(matches) > 1:
            raise AmbiguousNameError(name, sorted(self.disambiguated(a) for a in matches))
        return matches.pop()

    def _named(self, name: str, allowed: set[Node]) -> set[Node]:
        wanted = name.casefold()
        if wanted.startswith("id:"):
            return {a for a in allowed if compact(str(a)).casefold() == wanted}
        matches = self.names.get(wanted, set()) & allowed
        if not matches:
            matches = {a for key, nodes in self.names.items() if wanted and wanted in key for a in nodes} & allowed
            if len(matches) > 1:
                exact_words = {a for a in matches if wanted in self.actors.get(a, {}).get("name", "").casefold()}
                matches = exact_words or matches
        if len(matches) > 1:
            matches = (self.exact.get(name, set()) & matches) or matches
        return matches

    def _fits(self, actor: Node, qualifier: str) -> bool:
        """True when every comma-separated part of ``qualifier`` is the actor's kind (in any language, or a
        part of it), its abbreviation or its id."""
        concept = self.words.concepts.get(self.kinds.get(actor))  # type: ignore[arg-type]
        kinds = [label.casefold() for label in concept.labels.values()] if concept else []
        own = {str(self.actors[actor].get("abbrev") or "").casefold(), compact(str(actor)).casefold()}
        parts = [p.strip().casefold() for p in qualifier.split(",") if p.strip()]
        return bool(parts) and all(p in own or any(p in kind for kind in kinds) for p in parts)

    def disambiguated(self, actor: Node) -> str:
        """``Name (kind, ABBREV)``: what tells bodies of one name apart, and what ``find`` accepts back."""
        record = self.describe(actor) or {}
        extra = ", ".join(str(v) for v in (str(record.get("kind") or "").lower(), record.get("abbrev")) if v)
        return f"{record.get('name')} ({extra or compact(str(actor))})"


def _value(node: Node | None) -> Any:
    if isinstance(node, Literal) and node.datatype in (XSD.date, XSD.gYear, XSD.gYearMonth):
        return str(node)
    return plain(node)


def _label(node: Node | None) -> Any:
    return None if node is None else str(node) if isinstance(node, Literal) else compact(str(node))


def _status(assignments: list[Record]) -> str | None:
    statuses = sorted({a["status"] for a in assignments if a.get("status")})
    if not statuses:
        return None
    return statuses[0] if len(statuses) == 1 else "mixed: " + ", ".join(statuses)


def assignments(backend: Backend, directory: Directory, action: Node) -> list[Record]:
    rows = _run(backend, "action_assignments", action=action)
    records = group(rows, "assignment", multi=("ref", "other_action"))
    result = []
    for node, record in records.items():
        leads = sorted({r["actor"] for r in rows if r["assignment"] == node and str(r["role"]) == "lead"}, key=str)
        partners = sorted({r["actor"] for r in rows if r["assignment"] == node and str(r["role"]) == "partner"}, key=str)
        intended = sorted({r["actor"] for r in rows if r["assignment"] == node and str(r["role"]) == "intended"}, key=str)
        result.append({
            "id": record["id"], "to": [directory.describe(a) for a in leads],
            "partners": [directory.describe(a) for a in partners],
            "intended_partners": [directory.describe(a) for a in intended],
            "date": _value(record.get("date")), "refs": [str(r) for r in record["ref"]],
            "deadline": _value(record.get("deadline")), "final_report": _value(record.get("final_report")),
            "status": directory.words.label(record["status"]) if record.get("status") else None,
            "moved_from": directory.describe(record.get("moved_from")),
            "note": _value(record.get("note")),
            "other_actions": sorted(directory.number(a) for a in record["other_action"]),
            "evidence": record["evidence"],
        })
    return result


def outputs(rows: list[dict[str, Node | None]], directory: Directory) -> list[Record]:
    records = group(rows, "output", multi=("by", "theme", "audience", "cites", "action"))
    return [{
        "id": r["id"], "title": _value(r.get("title")), "kind": _label(r.get("kind")),
        "by": [directory.describe(a) for a in r["by"]], "year": _value(r.get("date")),
        "themes": [_label(t) for t in r["theme"]], "audiences": [_label(a) for a in r["audience"]],
        "cites": [_label(c) for c in r["cites"]], "actions": sorted(directory.number(a) for a in r["action"]),
        "evidence": r["evidence"],
    } for r in records.values()]


def events(rows: list[dict[str, Node | None]], directory: Directory) -> list[Record]:
    records = group(rows, "event", multi=("by", "material", "action", "place_label"))
    return [{
        "id": r["id"], "label": _value(r.get("label")), "kind": _label(r.get("kind")),
        "by": [directory.describe(a) for a in r["by"]], "participants": _value(r.get("participants")),
        "qualifier": _value(r.get("qualifier")), "date": _value(r.get("date")),
        "place": "; ".join(str(p) for p in r["place_label"]) or None,
        "materials": [_label(m) for m in r["material"]], "actions": sorted(directory.number(a) for a in r["action"]),
        "evidence": r["evidence"],
    } for r in records.values()]


def grants(rows: list[dict[str, Node | None]], directory: Directory, money: Money) -> list[Record]:
    """Grants with every recipient (money several received without a split is ``shared``), the pot they
    were paid out of and the parts paid out of them, so that no reader adds a pot to its parts."""
    records = group(rows, "grant", multi=("action", "recipient", "funder"))
    out = []
    for node, r in records.items():
        grant = money.grants.get(node)
        pot = money.pot_of(node) if grant is not None else None
        out.append({
            "id": r["id"], "amount_sek": _value(r.get("amount")), "qualifier": _value(r.get("qualifier")),
            "amount_unknown": bool(r.get("unknown")),
            "funder": directory.describe(r["funder"][0]) if r["funder"] else None,
            "recipients": [directory.describe(a) for a in r["recipient"]], "shared": len(r["recipient"]) > 1,
            "part_of": compact(str(pot)) if pot is not None else None,
            "parts": sorted(compact(str(p)) for p in grant.parts) if grant is not None else [],
            "outside_plan": money.outside_plan(node) if grant is not None else False,
            "date": _value(r.get("date")),
            "purpose": _value(r.get("purpose")), "used_sek": _value(r.get("used")),
            "returned_sek": _value(r.get("returned")), "actions": sorted(directory.number(a) for a in r["action"]),
            "evidence": r["evidence"],
        })
    return out


def money_summary(money: Money, action: Node) -> Record:
    """What an action's money adds up to, each krona once: money recorded under this action alone, money
    recorded under it and other actions without a split, and how many grants have no stated amount."""
    own = joint = 0.0
    for share in money.shares():
        actions = money.actions_of(share.grant)
        if action in actions:
            if len(actions) == 1:
                own += share.amount
            else:
                joint += share.amount
    unknown = [n for n, g in money.grants.items() if action in money.actions_of(n) and money.effective(n) is None
               and not money.covered(n)]
    outside = sum(share.amount for share in money.shares(include_outside=True)
                  if action in money.actions_of(share.grant) and money.outside_plan(money.top_of(share.grant)))
    return {"known_total_sek": own, "shared_with_other_actions_sek": joint, "grants_of_unknown_amount": len(unknown),
            "outside_plan_sek": outside}


def findings(rows: list[dict[str, Node | None]], directory: Directory) -> list[Record]:
    records = group(rows, "finding", multi=("raised_by", "concerns", "proposed_actor", "rejected_by"))
    return [{
        "id": r["id"], "kind": directory.words.label(r.get("kind")) or None, "summary_en": _value(r.get("summary")),
        "raised_by": [directory.describe(a) for a in r["raised_by"]],
        "concerns": [_label(c) for c in r["concerns"]],
        "proposed_actor": [directory.describe(a) for a in r["proposed_actor"]],
        "rejected_by": [directory.describe(a) for a in r["rejected_by"]],
        "evidence": r["evidence"],
    } for r in records.values()]


def action_card(backend: Backend, number: int, plan: str | None = None, lang: str = "en") -> Record:
    """Everything about action ``number`` (of ``plan`` where several plans have one), concepts labelled in
    ``lang``; raises NotFoundError for an unknown number and AmbiguousNameError for a number several plans use."""
    directory = Directory(backend, lang)
    plans = directory.plans
    chosen = plans.select(plan)
    action = plans.action(number, chosen)
    head = _run(backend, "action", action=action)[0]
    assigned = assignments(backend, directory, action)
    output_rows = _run(backend, "action_outputs", action=action)
    event_rows = _run(backend, "action_events", action=action)
    grant_rows = _run(backend, "action_grants", action=action)
    money = Money.of(backend, plans)
    finding_rows = _run(backend, "findings_about", about=action)
    related = sorted({n for a in assigned for n in a["other_actions"]}
                     | {directory.number(r["other"]) for r in _run(backend, "action_related", action=action)})
    leads = {a["id"]: a for asg in assigned for a in asg["to"]}
    partners = {a["id"]: a for asg in assigned for a in asg["partners"] if a["id"] not in leads}
    return {
        "number": int(head["number"]), "id": compact(str(action)),
        "plan": {"id": compact(str(plans.plan_of(action).node)), "label": plans.plan_of(action).label},
        "area": {"number": _value(head["area_number"]), "sv": _value(head["area_sv"]), "en": _value(head["area_en"])},
        "title": {"sv": _value(head["title_sv"]), "en": _value(head["title_en"])},
        "intent_sv": _value(head["intent_sv"]), "intent_en": _value(head["intent_en"]),
        "status": _status(assigned), "responsible": list(leads.values()), "partners": list(partners.values()),
        "assignments": assigned,
        "money": money_summary(money, action),
        "grants": grants(grant_rows, directory, money), "outputs": outputs(output_rows, directory),
        "events": events(event_rows, directory), "findings": findings(finding_rows, directory),
        "related_actions": [n for n in related if n != number],
        "evidence": _run_evidence(backend, action),
    }


def _run_evidence(backend: Backend, node: Node) -> list[dict[str, Any]]:
    rows = _run(backend, "evidence", node=node)
    return sorted(({"line": int(r["line"]), "quote": str(r["quote"])} for r in rows),
                  key=lambda e: (e["line"], e["quote"]))


def card(backend: Backend, name: str, lang: str = "en") -> tuple[str, Record]:
    """The card of the actor called ``name``: ``("group", group card)`` for a collaboration group,
    ``("actor", actor card)`` for any other body."""
    directory = Directory(backend, lang)
    node = directory.find(name)
    if directory.is_group(node):
        return "group", _group_card(backend, directory, node)
    return "actor", _actor_card(backend, directory, node)


def _actor_card(backend: Backend, directory: Directory, actor: Node) -> Record:
    described = directory.describe(actor) or {}
    work = _work(backend, directory, actor)
    return {
        **described, "alt_names": sorted(set(directory.alt_names.get(actor, []))),
        "actions": work["actions"], "outputs": work["outputs"], "events": work["events"],
        "grants_received": work["grants_received"], "grants_given": work["grants_given"],
        "groups": groups_of(backend, directory, actor), "findings": work["findings"],
        "evidence": _run_evidence(backend, actor),
    }


def _work(backend: Backend, directory: Directory, actor: Node) -> Record:
    """What an actor did: actions it leads or partners in, outputs, events, grants, findings about it."""
    by_role: dict[str, set[Node]] = defaultdict(set)
    actions: set[tuple[int, str]] = set()
    for row in _run(backend, "actor_roles", actor=actor):
        by_role[str(row["role"])].add(row["node"])
        if str(row["role"]) in ("lead", "partner") and row["action"] is not None:
            actions.add((directory.number(row["action"]), str(row["role"])))
    output_rows = _each(backend, "action_outputs", "output", by_role["producer"])
    event_rows = _each(backend, "action_events", "event", by_role["organiser"])
    grant_rows = grants(_each(backend, "action_grants", "grant", by_role["funder"] | by_role["recipient"]), directory,
                        Money.of(backend, directory.plans))
    linked = by_role["raised"] | by_role["concerned"] | by_role["proposed"] | by_role["rejected"]
    own = compact(str(actor))
    return {
        "actions": [{"number": n, "role": role} for n, role in sorted(actions)],
        "outputs": outputs(output_rows, directory), "events": events(event_rows, directory),
        "grants_received": [g for g in grant_rows if any(r["id"] == own for r in g["recipients"])],
        "grants_given": [g for g in grant_rows if (g["funder"] or {}).get("id") == own],
        "findings": findings(_each(backend, "findings", "finding", linked), directory),
    }


def _each(backend: Backend, query: str, variable: str, nodes: set[Node]) -> list[dict[str, Node | None]]:
    """Run ``query`` once per node with ``variable`` bound: an actor touches few nodes of each kind."""
    return [row for node in sorted(nodes, key=str) for row in _run(backend, query, **{variable: node})]


def groups_of(backend: Backend, directory: Directory, actor: Node) -> list[Record]:
    records = group(_run(backend, "actor_groups", actor=actor), "membership")
    return [{"id": _label(r.get("group")), "name": _value(r.get("group_name")),
             "role": directory.words.label(r["role"]) if r.get("role") else None,
             "evidence": r["evidence"]} for r in records.values()]


def group_card(backend: Backend, name: str, lang: str = "en") -> Record:
    """A collaboration group: its named members with their roles and who coordinates it, the size the report
    states and its statements about members it does not name, its purpose and meetings, what it produced,
    organised and received, findings about it, evidence."""
    directory = Directory(backend, lang)
    groups = {row["group"] for row in _run(backend, "groups")}
    return _group_card(backend, directory, directory.find(name, among=groups, what="group"))


COORDINATING = {PG.RoleCoordinator, PG.RoleChair, PG.RoleConvener, PG.RoleSecretariat}


def _group_card(backend: Backend, directory: Directory, group_node: Node) -> Record:
    from plangraf.aggregates import Aggregates

    by_member: dict[Node, set[Node]] = defaultdict(set)
    for r in _run(backend, "group_members", group=group_node):
        by_member[r["member"]] |= {r["role"]} if r.get("role") is not None else set()
    members = sorted(({**(directory.describe(m) or {}),
                       "roles": sorted(directory.words.label(r) for r in roles or {PG.RoleMember})}
                      for m, roles in by_member.items()), key=lambda m: m["name"] or "")
    leading = {compact(str(m)) for m, roles in by_member.items() if roles & COORDINATING}
    sizes = [int(r["size"]) for r in _run(backend, "group_sizes", group=group_node)]
    statements = [{"id": compact(str(a.node)), "count": a.count, "out_of": a.out_of, "negative": a.negative,
                   "summary": _statement_summary(backend, a.node), "evidence": _run_evidence(backend, a.node)}
                  for a in Aggregates.of(backend).about_group(group_node)]
    facts = _run(backend, "group_facts", group=group_node)
    work = _work(backend, directory, group_node)
    recorded = {directory.number(r["action"]) for r in facts if r["action"] is not None}
    return {**(directory.describe(group_node) or {}), "alt_names": sorted(set(directory.alt_names.get(group_node, []))),
            "purpose": _first(facts, "purpose"), "meetings": _first(facts, "meetings"),
            "coordinators": [m for m in members if m["id"] in leading], "members": members,
            "named_members": len(members), "stated_size": sizes[0] if sizes else None,
            "statements_about_members": statements,
            "actions": sorted(recorded | {a["number"] for a in work["actions"]}),
            "outputs": work["outputs"], "events": work["events"], "grants_received": work["grants_received"],
            "findings": work["findings"], "evidence": _run_evidence(backend, group_node)}


def _first(rows: list[dict[str, Node | None]], column: str) -> str | None:
    """The column's Swedish (or untagged) value if there is one, else its first value."""
    values = sorted({r[column] for r in rows if r[column] is not None},
                    key=lambda v: (getattr(v, "language", None) not in ("sv", None), str(v)))
    return str(values[0]) if values else None


def _statement_summary(backend: Backend, node: Node) -> str | None:
    rows = _run(backend, "aggregates", aggregate=node)
    return next((str(r["summary"]) for r in rows if r["summary"] is not None), None)
