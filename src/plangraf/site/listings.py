"""The ways into the site: the start page (datasets, plans, their areas and actions) and the index pages
(bodies by kind, groups, outputs and events by kind and year, grants, assignments, findings by kind,
statements, places, and every node by kind)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from plangraf.namespaces import PG
from plangraf.plans import Plans
from plangraf.site.model import KINDS, SiteGraph, Value

NO_DATE = "date not stated"


@dataclass(frozen=True)
class Group:
    heading: str
    level: int  # 2: a kind; 3: a year within it
    entries: tuple[Value, ...]


@dataclass(frozen=True)
class Listing:
    slug: str
    title: str
    description: str
    menu: str  # its name in the menu of every page; "" for none
    groups: tuple[Group, ...]

    @property
    def page(self) -> str:
        return f"{self.slug}.html"

    @property
    def count(self) -> int:
        return len({e.href for g in self.groups for e in g.entries})


Grouper = Callable[[SiteGraph, list[URIRef]], list[Group]]


def _entries(site: SiteGraph, nodes: list[URIRef]) -> tuple[Value, ...]:
    return tuple(sorted((site.link(n) for n in nodes), key=lambda v: (v.text.casefold(), v.href or "")))


def _by(site: SiteGraph, nodes: list[URIRef], key: Callable[[URIRef], list[str]], level: int = 2,
        order: Callable[[str], object] = str.casefold) -> list[Group]:
    buckets: dict[str, list[URIRef]] = defaultdict(list)
    for node in nodes:
        for heading in key(node):
            buckets[heading].append(node)
    return [Group(heading, level, _entries(site, buckets[heading])) for heading in sorted(buckets, key=order)]


def _class_heading(site: SiteGraph, node: URIRef) -> list[str]:
    en, sv = site.class_label(node)
    return [f"{en} ({sv})" if sv and sv != en else en]


def _year(site: SiteGraph, node: URIRef) -> str:
    dates = site.linked(node, PG.date)
    return str(dates[0])[:4] if dates and str(dates[0])[:4].isdigit() else NO_DATE


def by_class(site: SiteGraph, nodes: list[URIRef]) -> list[Group]:
    return _by(site, nodes, lambda n: _class_heading(site, n))


def by_class_and_year(site: SiteGraph, nodes: list[URIRef]) -> list[Group]:
    kinds: dict[str, list[URIRef]] = defaultdict(list)
    for node in nodes:
        kinds[_class_heading(site, node)[0]].append(node)
    groups = []
    for heading in sorted(kinds, key=str.casefold):
        groups.append(Group(heading, 2, ()))
        groups += _by(site, kinds[heading], lambda n: [_year(site, n)], 3, _year_order)
    return groups


def _year_order(year: str) -> tuple[bool, str]:
    return year == NO_DATE, year


def by_year(site: SiteGraph, nodes: list[URIRef]) -> list[Group]:
    return _by(site, nodes, lambda n: [_year(site, n)], order=_year_order)


def by_action(site: SiteGraph, nodes: list[URIRef]) -> list[Group]:
    def headings(node: URIRef) -> list[str]:
        actions = site.linked(node, PG.forAction)
        return [_action_heading(site, a) for a in actions] or ["no action"]

    return _by(site, nodes, headings, order=_numbered)


def _action_heading(site: SiteGraph, action: URIRef) -> str:
    numbers = site.linked(action, PG.number)
    return f"{numbers[0] if numbers else '?'}. {site.label(action)}"


def _numbered(heading: str) -> tuple[int, str]:
    number = heading.split(".", 1)[0]
    return (int(number) if number.isdigit() else 1 << 30, heading)


def by_finding_kind(site: SiteGraph, nodes: list[URIRef]) -> list[Group]:
    def headings(node: URIRef) -> list[str]:
        kinds = site.linked(node, PG.findingKind)
        labels = [site.term_labels(k) for k in kinds]
        return [f"{en} ({sv})" if sv else en for en, sv in labels] or ["no kind"]

    return _by(site, nodes, headings)


def by_kind(site: SiteGraph, nodes: list[URIRef]) -> list[Group]:
    order = {key: i for i, (key, _) in enumerate(KINDS)}
    buckets: dict[str, list[URIRef]] = defaultdict(list)
    for node in nodes:
        buckets[site.kind(node)].append(node)
    return [Group(kind, 2, _entries(site, buckets[kind])) for kind in sorted(buckets, key=lambda k: order.get(k, 99))]


@dataclass(frozen=True)
class Index:
    slug: str
    title: str
    description: str
    menu: str
    kinds: tuple[str, ...]
    grouper: Grouper


INDEXES: tuple[Index, ...] = (
    Index("bodies", "Bodies by kind", "Organisations and individuals, by their kind.", "Bodies",
          ("organisation", "person"), by_class),
    Index("groups", "Collaboration groups", "Collaboration groups, networks and forums; each page lists its members.",
          "Groups", ("group",), by_class),
    Index("outputs", "Outputs by kind and year", "Reports, studies, guidelines, films and other outputs.", "Outputs",
          ("output",), by_class_and_year),
    Index("events", "Events by kind and year", "Trainings, conferences, seminars and other events.", "Events",
          ("event",), by_class_and_year),
    Index("grants", "Grants by year", "Money granted, by the year the report gives.", "Grants", ("grant",), by_year),
    Index("assignments", "Assignments by action", "The government's assignments, under each action they cover.", "",
          ("assignment",), by_action),
    Index("findings", "Findings by kind", "What the report itself finds, by kind of finding.", "Findings",
          ("finding",), by_finding_kind),
    Index("statements", "Statements and cross-references",
          "Statements about counted or unnamed members of a set, and the report's links between its parts.", "",
          ("statement", "reference"), by_class),
    Index("places", "Places by kind", "Counties, municipalities and countries.", "", ("place",), by_class),
    Index("all", "Every node by kind", "Every node of the graph that has a page.", "All nodes", (), by_kind),
)


def listings(site: SiteGraph) -> list[Listing]:
    found = []
    for index in INDEXES:
        nodes = [n for n in site.nodes if not index.kinds or site.kind(n) in index.kinds]
        found.append(Listing(index.slug, index.title, index.description, index.menu,
                             tuple(index.grouper(site, nodes))))
    return found


@dataclass(frozen=True)
class Area:
    area: Value | None
    actions: tuple[tuple[int, Value], ...]


@dataclass(frozen=True)
class PlanView:
    plan: Value
    period: str
    areas: tuple[Area, ...]


def plans(site: SiteGraph, found: Plans) -> list[PlanView]:
    """Each plan with its actions under their areas, in the order of the areas' and actions' numbers."""
    views = []
    for plan in found.plans:
        by_area: dict[URIRef | None, list[tuple[int, Value]]] = defaultdict(list)
        for number, action in sorted(plan.actions.items()):
            areas = site.linked(action, PG.inArea)
            by_area[areas[0] if areas else None].append((number, site.link(action)))
        ordered = sorted(by_area, key=lambda a: (a is None, _number(site, a)))
        period = " – ".join(str(d) for d in (plan.start, plan.end) if d is not None)
        views.append(PlanView(site.link(plan.node), period,
                              tuple(Area(site.link(a) if a is not None else None, tuple(by_area[a])) for a in ordered)))
    return views


def _number(site: SiteGraph, node: URIRef | None) -> int:
    numbers = site.linked(node, PG.number) if node is not None else []
    return int(numbers[0]) if numbers else 0


def datasets(site: SiteGraph) -> list[tuple[Value, str]]:
    """Each dataset with its English description."""
    found = []
    for node in site.nodes:
        if site.kind(node) == "dataset":
            described = [d for d in site.linked(node, DCTERMS.description) if getattr(d, "language", None) in ("en", None)]
            found.append((site.link(node), str(described[0]) if described else ""))
    return found
