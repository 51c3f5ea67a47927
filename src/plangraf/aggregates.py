"""Statements about counted or unnamed members of a set, and the three-valued answers they allow.

"20 länsstyrelser har genomfört grundutbildningar" names no board, so a board without a named training is
not known to lack one: it is *possibly* covered. An absence check answers ``yes`` (a named fact), ``unknown``
(an aggregate statement may cover the member) or ``no`` (no named fact, and no statement could cover it; or
the report names the member as not covered). OWL stays open-world; these answers come from queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.term import Node

from plangraf import queries
from plangraf.store import Backend

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass
class Aggregate:
    node: Node
    count: int | None = None
    out_of: int | None = None
    member_classes: set[Node] = field(default_factory=set)
    members_of: set[Node] = field(default_factory=set)
    fact_classes: set[Node] = field(default_factory=set)
    tops: set[Node] = field(default_factory=set)
    about_groups: set[Node] = field(default_factory=set)
    includes: set[Node] = field(default_factory=set)
    excludes: set[Node] = field(default_factory=set)
    negative: bool = False
    actions: set[Node] = field(default_factory=set)

    @property
    def covers_all(self) -> bool:
        """The statement says every member it does not exclude has the fact: "samtliga 21", or "20 av 21"
        with the one left out named."""
        return (not self.negative and self.count is not None and self.out_of is not None
                and self.count == self.out_of - len(self.excludes))

    @property
    def fully_named(self) -> bool:
        """Every counted member is named, so the statement covers nobody else."""
        return self.count is not None and len(self.includes) >= self.count

    def about(self, fact: Node) -> bool:
        """True when the statement's kind of fact is ``fact`` or one of its subclasses."""
        return fact in self.fact_classes or fact in self.tops


class Aggregates:
    def __init__(self, items: list[Aggregate]) -> None:
        self.items = items

    @classmethod
    def of(cls, backend: Backend) -> Aggregates:
        found: dict[Node, Aggregate] = {}
        for row in backend.query(queries.get("aggregates").text).dicts():
            item = found.setdefault(row["aggregate"], Aggregate(row["aggregate"]))
            for key in ("count", "out_of"):
                if row[key] is not None and getattr(item, key) is None:
                    setattr(item, key, int(row[key]))
            for key, column in (("member_classes", "member_class"), ("members_of", "members_of"),
                                ("fact_classes", "fact_class"), ("tops", "top"), ("about_groups", "about_group"),
                                ("includes", "includes"), ("excludes", "excludes"), ("actions", "action")):
                if row[column] is not None:
                    getattr(item, key).add(row[column])
            item.negative = item.negative or str(row["negative"]).lower() == "true"
        return cls(sorted(found.values(), key=lambda a: str(a.node)))

    def over_class(self, member_class: Node, fact: Node) -> list[Aggregate]:
        return [a for a in self.items if member_class in a.member_classes and a.about(fact)]

    def answer(self, named: bool, member: Node, member_class: Node, fact: Node) -> tuple[str, list[Aggregate]]:
        """Does ``member`` (of ``member_class``) have a fact of kind ``fact``? ``named``: the graph names one.
        Returns the answer and the aggregate statements it rests on (empty for a named fact, and for a no
        that nothing could cover)."""
        if named:
            return YES, []
        relevant = self.over_class(member_class, fact)
        stated_no = [a for a in relevant if (a.negative and (member in a.includes or a.count == a.out_of))
                     or (not a.negative and member in a.excludes)]
        if stated_no:
            return NO, stated_no
        stated_yes = [a for a in relevant if (not a.negative and (member in a.includes or a.covers_all))
                      or (a.negative and a.fully_named and a.out_of is not None)]
        if stated_yes:
            return YES, stated_yes
        possible = [a for a in relevant if not a.fully_named]
        return (UNKNOWN, possible) if possible else (NO, [])

    def about_group(self, group: Node) -> list[Aggregate]:
        """Statements about how many take part in ``group`` or about its members."""
        return [a for a in self.items if group in a.about_groups or group in a.members_of]

    def for_action(self, action: Node, fact: Node) -> list[Aggregate]:
        return [a for a in self.items if action in a.actions and a.about(fact)]

