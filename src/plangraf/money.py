"""The money model: grants as an allocation tree, each krona counted once.

A grant paid out of another is its part (``dct:isPartOf`` / ``dct:hasPart``). A pot's parts need not add up
to it. Sums count each krona once: every part whose amount is known, and of each pot only the rest its known
parts leave (a pot whose parts add up to more than the pot contributes nothing more and is reported as an
inconsistency). Money a grant gives to several recipients without a stated split is *shared*: it belongs to
them jointly and is never credited whole to one of them. Money dated wholly outside the period of the plan
it is recorded under (background money from earlier years) is not the plan's money and is left out unless
asked for. This is the IATI distinction between a budget and the transactions paid out of it, and
Wikidata's "applies jointly to".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from rdflib.namespace import DCTERMS
from rdflib.term import Node

from plangraf import queries
from plangraf.dates import Span, span
from plangraf.namespaces import PG
from plangraf.store import Backend

if TYPE_CHECKING:
    from plangraf.plans import Plans


@dataclass
class Grant:
    node: Node
    amount: float | None = None
    recipients: list[Node] = field(default_factory=list)
    funders: list[Node] = field(default_factory=list)
    parts: list[Node] = field(default_factory=list)
    pots: list[Node] = field(default_factory=list)
    actions: list[Node] = field(default_factory=list)
    funded: list[Node] = field(default_factory=list)
    date: Span | None = None
    end: Span | None = None
    qualifier: str | None = None
    used: float | None = None
    returned: float | None = None
    recipient_count: int | None = None

    @property
    def unnamed_recipients(self) -> int:
        """Recipients the source counts but does not name."""
        return max((self.recipient_count or 0) - len(self.recipients), 0)

    @property
    def shared(self) -> bool:
        return len(self.recipients) + self.unnamed_recipients > 1


@dataclass(frozen=True)
class Share:
    """Money counted once: ``amount`` of ``grant``'s own money (its rest after its known parts), held by
    ``holders`` (jointly when several; nobody named when empty)."""

    grant: Node
    amount: float
    holders: frozenset[Node]
    rest_of_pot: bool
    unnamed: int = 0


_PROPERTIES = {PG.amount: "amount", PG.recipient: "recipients", PG.funder: "funders", DCTERMS.hasPart: "parts",
               DCTERMS.isPartOf: "pots", PG.forAction: "actions", PG.fundedItem: "funded", PG.date: "date",
               PG.endDate: "end", PG.quantityQualifier: "qualifier", PG.amountUsed: "used",
               PG.amountReturned: "returned", PG.recipientCount: "recipient_count"}
_NUMBERS = {"amount", "used", "returned"}


def _number(value: Node) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class Money:
    """Every grant of a graph, the tree they form, and the shares that count each krona once."""

    def __init__(self, grants: dict[Node, Grant], periods: dict[Node, tuple[date, date]]) -> None:
        self.grants = grants
        self.periods = periods  # action -> (first, last day of its plan's period)
        for grant in grants.values():  # parts listed on either side of the link
            for part in grant.parts:
                if part in grants and grant.node not in grants[part].pots:
                    grants[part].pots.append(grant.node)
            for pot in grant.pots:
                if pot in grants and grant.node not in grants[pot].parts:
                    grants[pot].parts.append(grant.node)

    @classmethod
    def of(cls, backend: Backend, plans: Plans | None = None) -> Money:
        """The grants of ``backend``; ``plans`` (for the plan periods) when the caller has them already."""
        grants: dict[Node, Grant] = {}
        for row in backend.query(queries.get("grant_facts").text).dicts():
            grant = grants.setdefault(row["grant"], Grant(row["grant"]))
            name, value = _PROPERTIES.get(row["property"]), row["value"]
            if name is None or value is None:
                continue
            if name in _NUMBERS:
                setattr(grant, name, _number(value))
            elif name in ("date", "end"):
                setattr(grant, name, span(value))
            elif name == "qualifier":
                grant.qualifier = str(value)
            elif name == "recipient_count":
                grant.recipient_count = int(value)
            else:
                getattr(grant, name).append(value)
        if plans is None:
            from plangraf.plans import Plans

            plans = Plans.of(backend)
        return cls(grants, plans.periods())

    # --- the tree -------------------------------------------------------------------------------------

    def roots(self) -> list[Node]:
        return sorted((n for n, g in self.grants.items() if not any(p in self.grants for p in g.pots)), key=str)

    def pot_of(self, node: Node) -> Node | None:
        pots = [p for p in self.grants[node].pots if p in self.grants]
        return min(pots, key=str) if pots else None

    def top_of(self, node: Node) -> Node:
        seen = {node}
        while (pot := self.pot_of(node)) is not None and pot not in seen:
            seen.add(pot)
            node = pot
        return node

    def actions_of(self, node: Node) -> list[Node]:
        """The grant's own actions, or its pot's where it names none."""
        seen: set[Node] = set()
        current: Node | None = node
        while current is not None and current not in seen:
            seen.add(current)
            if self.grants[current].actions:
                return sorted(self.grants[current].actions, key=str)
            current = self.pot_of(current)
        return []

    def effective(self, node: Node, _seen: frozenset[Node] = frozenset()) -> float | None:
        """The grant's amount, or, where unknown, what its parts are known to add up to (a lower bound)."""
        grant = self.grants[node]
        if grant.amount is not None:
            return grant.amount
        known = [self.effective(p, _seen | {node}) for p in grant.parts if p in self.grants and p not in _seen]
        values = [v for v in known if v is not None]
        return sum(values) if values else None

    def parts_total(self, node: Node) -> float:
        return sum(v for p in self.grants[node].parts if p in self.grants and (v := self.effective(p)) is not None)

    def overdrawn(self) -> list[tuple[Node, float, float]]:
        """Pots whose known parts add up to more than the pot: (pot, pot amount, parts' sum)."""
        return [(n, g.amount, self.parts_total(n)) for n, g in sorted(self.grants.items(), key=lambda kv: str(kv[0]))
                if g.amount is not None and self.parts_total(n) > g.amount]

    # --- time -----------------------------------------------------------------------------------------

    def when(self, node: Node) -> tuple[date, date] | None:
        """The days the grant's money can belong to: its own date (to its end date), else its pot's."""
        seen: set[Node] = set()
        current: Node | None = node
        while current is not None and current not in seen:
            seen.add(current)
            grant = self.grants[current]
            if grant.date is not None:
                last = grant.end.latest if grant.end is not None else grant.date.latest
                return grant.date.earliest, last
            current = self.pot_of(current)
        return None

    def _periods(self, node: Node) -> list[tuple[date, date]]:
        return [self.periods[a] for a in self.actions_of(node) if a in self.periods] or list(set(self.periods.values()))

    def after_plan(self, node: Node) -> bool:
        """True when the grant's money is dated to run past the end of its plan's period (but not wholly)."""
        when = self.when(node)
        return when is not None and not self.outside_plan(node) and any(when[1] > last for _, last in self._periods(node))

    def approximate_parts(self, node: Node) -> bool:
        """True when a part's amount is qualified (drygt, cirka …), so the pot's rest is approximate."""
        return any(self.grants[p].qualifier for p in self.grants[node].parts if p in self.grants)

    def outside_plan(self, node: Node) -> bool:
        """True when the grant's money is dated wholly outside the period of the plan of its action (of every
        plan in the graph, for money recorded under no action)."""
        when = self.when(node)
        if when is None:
            return False
        periods = self._periods(node)
        return bool(periods) and all(when[1] < first or when[0] > last for first, last in periods)

    # --- counting once --------------------------------------------------------------------------------

    def shares(self, include_outside: bool = False) -> list[Share]:
        """Every krona of known money once: each grant's rest after its known parts, with its holders."""
        out: list[Share] = []
        for root in self.roots():
            if include_outside or not self.outside_plan(root):
                self._walk(root, out, set())
        return out

    def _walk(self, node: Node, out: list[Share], seen: set[Node]) -> None:
        if node in seen:
            return
        seen.add(node)
        grant = self.grants[node]
        if grant.amount is not None:
            rest = grant.amount - self.parts_total(node)
            if rest > 0:
                out.append(Share(node, rest, frozenset(grant.recipients), rest_of_pot=bool(grant.parts),
                                 unnamed=grant.unnamed_recipients))
        for part in sorted(grant.parts, key=str):
            if part in self.grants:
                self._walk(part, out, seen)

    def known_to(self, recipient: Node, include_outside: bool = False) -> float:
        """Money the source attributes to ``recipient`` alone (shared money is not in it)."""
        return sum(s.amount for s in self.shares(include_outside) if s.holders == frozenset({recipient}))

    def covered(self, node: Node) -> bool:
        """True when the grant's amount is unknown but a pot above it has a known amount (its money is
        counted there)."""
        seen: set[Node] = set()
        current = self.pot_of(node)
        while current is not None and current not in seen:
            seen.add(current)
            if self.grants[current].amount is not None:
                return True
            current = self.pot_of(current)
        return False


def by_holder(shares: list[Share]) -> dict[tuple[frozenset[Node], int], list[Share]]:
    """Shares by who holds them: the named holders and how many unnamed co-recipients share with them."""
    grouped: dict[tuple[frozenset[Node], int], list[Share]] = defaultdict(list)
    for share in shares:
        grouped[(share.holders, share.unnamed)].append(share)
    return grouped

