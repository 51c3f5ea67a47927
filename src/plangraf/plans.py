"""The action plans of a graph: their periods and their numbered actions.

Several plans can be loaded together (one dataset each); each keeps its own actions and numbers, so an action
is found by its number within a plan, and a number that several plans use needs ``--plan``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef
from rdflib.term import Node

from plangraf import queries
from plangraf.dates import span
from plangraf.errors import AmbiguousNameError, NotFoundError
from plangraf.namespaces import ID
from plangraf.store import Backend
from plangraf.terms import compact

NO_PLAN = URIRef("urn:plangraf:no-plan")


@dataclass
class Plan:
    node: Node
    label: str
    start: date | None = None
    end: date | None = None
    actions: dict[int, Node] = field(default_factory=dict)

    @property
    def period(self) -> tuple[date, date] | None:
        return (self.start, self.end) if self.start is not None and self.end is not None else None

    def numbers(self) -> str:
        """The plan's action numbers as a short range text, e.g. "1–36"."""
        found = sorted(self.actions)
        return f"{found[0]}–{found[-1]}" if found else "none"


class Plans:
    def __init__(self, plans: list[Plan]) -> None:
        self.plans = plans
        self._of = {action: plan for plan in plans for action in plan.actions.values()}
        self._number = {action: n for plan in plans for n, action in plan.actions.items()}

    @classmethod
    def of(cls, backend: Backend) -> Plans:
        found: dict[Node, Plan] = {}
        for row in backend.query(queries.get("plans").text).dicts():
            plan = found.get(row["plan"])
            if plan is None:
                label = row["label_en"] or row["label_sv"] or compact(str(row["plan"]))
                start, end = span(row["start"]), span(row["end"])
                plan = found[row["plan"]] = Plan(row["plan"], str(label), start.earliest if start else None,
                                                 end.latest if end else None)
            if row["action"] is not None:
                plan.actions[int(row["number"])] = row["action"]
        orphans = backend.query(queries.get("actions_without_plan").text).dicts()
        if orphans:  # SHACL asks every action for its plan; until then they are still numbered
            loose = found[NO_PLAN] = Plan(NO_PLAN, "(actions without a plan)")
            loose.actions = {int(r["number"]): r["action"] for r in orphans}
        return cls(sorted(found.values(), key=lambda p: str(p.node)))

    def number(self, action: Node) -> int | None:
        return self._number.get(action)

    def plan_of(self, action: Node) -> Plan | None:
        return self._of.get(action)

    def period_of(self, action: Node) -> tuple[date, date] | None:
        plan = self._of.get(action)
        return plan.period if plan is not None else None

    def periods(self) -> dict[Node, tuple[date, date]]:
        """Action -> its plan's period, for plans that state one."""
        return {a: p.period for p in self.plans if p.period for a in p.actions.values()}

    def select(self, spec: str | None) -> Plan | None:
        """The plan named by ``spec`` (its IRI, prefixed name or label, case-insensitive); None for None."""
        if spec is None:
            return None
        wanted = spec.strip().casefold()
        matches = [p for p in self.plans
                   if wanted in (str(p.node).casefold(), compact(str(p.node)).casefold(), p.label.casefold())]
        if not matches:
            raise NotFoundError(f"no plan '{spec}'; plans: " + "; ".join(
                f"{compact(str(p.node))} ({p.label})" for p in self.plans))
        return matches[0]

    def action(self, number: int, plan: Plan | None = None) -> Node:
        """The action numbered ``number`` (in ``plan``, or in the only plan that has one)."""
        candidates = [plan] if plan is not None else self.plans
        found = [(p, p.actions[number]) for p in candidates if number in p.actions]
        if not found:
            ranges = "; ".join(f"{compact(str(p.node))}: {p.numbers()}" for p in candidates)
            raise NotFoundError(f"no action {number}; actions are numbered {ranges}")
        if len(found) > 1:
            raise AmbiguousNameError(f"action {number} (choose with --plan)", [f"{compact(str(p.node))} ({p.label})"
                                                          for p, _ in found])
        return found[0][1]


def restrict(backend: Backend, spec: str) -> Backend:
    """A backend holding one plan's view of the graph: every node of the other plans (their actions and what is
    recorded under them or concerns them, and every node in their datasets' own namespaces) is left out,
    with the blank nodes (evidence) hanging from it; shared bodies and places stay."""
    from rdflib import BNode, Graph

    from plangraf.store import RdflibBackend

    plans = Plans.of(backend)
    chosen = plans.select(spec)
    members: dict[str, set[str]] = {}
    for row in backend.query(queries.get("plan_members").text).dicts():
        members.setdefault(str(row["node"]), set()).add(str(row["plan"]))
    spaces = {str(r["space"]): str(r["plan"]) for r in backend.query(queries.get("dataset_spaces").text).dicts()}
    shared = {space for space, plan in spaces.items() if plan == str(chosen.node)}
    foreign = tuple(space for space, plan in spaces.items()
                    if plan != str(chosen.node) and space not in shared and space != str(ID))  # id: is shared
    wanted = str(chosen.node)
    graph = backend.to_rdflib()
    drop = {s for s in set(graph.subjects())
            if (str(s) in members and wanted not in members[str(s)]) or str(s).startswith(foreign)}
    drop |= {p.node for p in plans.plans if p.node != chosen.node}
    frontier = set(drop)
    while frontier:  # blank nodes (evidence, stated values) hanging from what is left out
        frontier = {o for s in frontier for o in graph.objects(s, None) if isinstance(o, BNode)} - drop
        drop |= frontier
    kept = Graph()
    for triple in graph:
        if triple[0] not in drop and triple[2] not in drop:
            kept.add(triple)
    return RdflibBackend(kept) if backend.kind == "memory" else _oxigraph(kept)


def _oxigraph(graph) -> Backend:
    import pyoxigraph as ox

    from plangraf.store import OxigraphBackend

    store = ox.Store()
    store.load(graph.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return OxigraphBackend(store)
