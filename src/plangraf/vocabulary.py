"""The words people read, one vocabulary for cards, reports, pages and lookups.

Concepts (themes, audiences, statuses, finding kinds, membership roles, kinds of body, output and event,
action areas) are labelled in the chosen language and found by any of their names: the Swedish label, the
English label or the identifier. Every other node keeps its label as the source prints it (names of bodies,
titles). Actions read as their number and title, and a list of bodies that holds every member of a kind the
graph has several of reads as "all 21 county administrative boards".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from plangraf import queries
from plangraf.errors import AmbiguousNameError, NotFoundError
from plangraf.namespaces import PG
from plangraf.store import Backend
from plangraf.terms import compact

LANGUAGES = ("en", "sv")
GROUPS: dict[str, URIRef] = {
    "theme": PG.Themes, "audience": PG.Audiences, "status": PG.AssignmentStatuses, "finding kind": PG.FindingKinds,
    "role": PG.MembershipRoles, "kind of body": PG.Actor, "kind of output": PG.Output, "kind of event": PG.Event,
    "area": PG.ActionArea,
}
SMALLEST_SET = 4  # fewer members than this are named one by one
LABELS = tuple(str(p) for p in (SKOS.prefLabel, DCTERMS.title, PG.summary, RDFS.label))
PURPOSE = str(PG.purpose)  # the label of a node without any of LABELS (a grant)
LANGUAGE_RANK = {"sv": 0, "": 1, "en": 2}  # names and titles as the source prints them


@dataclass
class Concept:
    node: URIRef
    groups: set[URIRef] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)  # language -> label

    def label(self, lang: str) -> str:
        other = next((self.labels[code] for code in LANGUAGES if code in self.labels), None)
        return self.labels.get(lang) or other or compact(str(self.node))

    def names(self) -> set[str]:
        local = str(self.node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return {n.casefold() for n in (*self.labels.values(), compact(str(self.node)), str(self.node), local)}


def best_label(labels: Iterable[tuple[str, str]]) -> str:
    """Swedish first, then untagged, then English; alphabetically first within a language. ``labels`` holds
    (text, language) pairs. Empty if there is none."""
    found = list(labels)
    if not found:
        return ""
    return min(found, key=lambda label: (LANGUAGE_RANK.get(label[1], 3), label[0]))[0]


class Vocabulary:
    """Labels in ``lang`` and lookups by name over one backend; what is not needed is never fetched."""

    def __init__(self, backend: Backend, lang: str = "en") -> None:
        if lang not in LANGUAGES:
            raise NotFoundError(f"unknown language '{lang}'; languages: {', '.join(LANGUAGES)}")
        self.backend = backend
        self.lang = lang
        self._printed: dict[Node, str] = {}
        self._all: dict[Node, list[tuple[str, str]]] = defaultdict(list)
        self._bulk = not backend.local

    @cached_property
    def concepts(self) -> dict[URIRef, Concept]:
        found: dict[URIRef, Concept] = {}
        for row in self.backend.query(queries.get("concepts").text).dicts():
            concept = found.setdefault(URIRef(str(row["node"])), Concept(URIRef(str(row["node"]))))
            concept.groups.add(URIRef(str(row["group"])))
            language = getattr(row["label"], "language", None) or ""
            concept.labels.setdefault(language, str(row["label"]))
        return found

    @cached_property
    def _by_name(self) -> dict[str, set[URIRef]]:
        index: dict[str, set[URIRef]] = defaultdict(set)
        for concept in self.concepts.values():
            for name in concept.names():
                index[name].add(concept.node)
        return index

    def label(self, node: Node | str | None) -> str:
        """A concept or an ontology term in the chosen language; any other node as the source prints it
        (its id if unlabelled)."""
        if node is None:
            return ""
        iri = URIRef(_expand(str(node)))
        concept = self.concepts.get(iri)
        if concept is not None:
            return concept.label(self.lang)
        if iri.startswith(str(PG)):
            found = dict((language, text) for text, language in reversed(self._labels(iri)))
            return found.get(self.lang) or best_label(self._labels(iri)) or compact(iri)
        return self.printed(iri)

    def named(self, node: Node | str) -> str:
        """Like :meth:`label`, but an action reads as its number and title (``26 Stärkt regional samverkan``)."""
        number = self.numbers.get(URIRef(_expand(str(node))))
        return self.action(number) if number is not None else self.label(node)

    def word(self, value: str | None) -> str:
        """``value`` (a concept's id or one of its labels) in the chosen language; other text as it is."""
        if value is None:
            return ""
        matches = self._by_name.get(value.casefold(), set())
        return self.concepts[next(iter(matches))].label(self.lang) if len(matches) == 1 else value

    def resolve(self, text: str, group: str) -> URIRef:
        """The concept of ``group`` (a key of GROUPS) named ``text``: its Swedish or English label, its id
        (``pg:ThemeTrafficking``, ``ThemeTrafficking``) or, failing those, the one whose label contains it."""
        scheme = GROUPS[group]
        members = [c for c in self.concepts.values() if scheme in c.groups]
        wanted = " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()
        exact = [c for c in members if wanted in {n.replace("-", " ") for n in c.names()} | c.names()]
        found = exact or [c for c in members if any(wanted in label.casefold() for label in c.labels.values())]
        if len(found) == 1:
            return found[0].node
        known = sorted(c.label(self.lang) for c in (found or members))
        if found:
            raise AmbiguousNameError(text, known)
        raise NotFoundError(f"unknown {group} '{text}'; {group}s: {', '.join(known)}")

    def printed(self, node: Node) -> str:
        """The node's label as the source prints it: Swedish, untagged, then English (its id if unlabelled)."""
        if node not in self._printed:
            self._printed[node] = best_label(self._labels(node))
        return self._printed[node] or compact(str(node))

    def _labels(self, node: Node) -> list[tuple[str, str]]:
        """The node's labels as (text, language) pairs; a node with none is labelled by its purpose."""
        if self._bulk:
            self._fetch_labels()
        if not self.backend.local:
            return self._all.get(node, [])
        literals = self.backend.literals(node)
        return [label for p in LABELS for label in literals.get(p, ())] or literals.get(PURPOSE, [])

    def _fetch_labels(self) -> None:
        """Every label of the graph in one query (an endpoint: a round trip per node would cost more)."""
        for row in self.backend.query(queries.get("labels").text).dicts():
            self._all[row["node"]].append((str(row["label"]), getattr(row["label"], "language", None) or ""))
        self._bulk = False

    @cached_property
    def _actions(self) -> list[dict[str, Node | None]]:
        return self.backend.query(queries.get("actions").text).dicts()

    @cached_property
    def titles(self) -> dict[int, str]:
        """Action number -> Swedish title (the first plan's, where several plans share a number)."""
        titles: dict[int, str] = {}
        for row in self._actions:
            title = row["title_sv"] or row["title_en"]
            if title is not None:
                titles.setdefault(int(row["number"]), str(title))
        return titles

    @cached_property
    def numbers(self) -> dict[URIRef, int]:
        """Action -> its number."""
        return {URIRef(str(row["action"])): int(row["number"]) for row in self._actions}

    def action(self, number: int) -> str:
        """``26 Stärkt regional samverkan``."""
        title = self.titles.get(number)
        return f"{number} {title}" if title else str(number)

    @cached_property
    def _sets(self) -> list[tuple[URIRef, frozenset[str]]]:
        """Kinds of body with at least SMALLEST_SET members, and their members' names, largest first."""
        names = {row["actor"]: str(row["name"]) for row in self.backend.query(queries.get("actors").text).dicts()}
        members: dict[URIRef, set[str]] = defaultdict(set)
        for row in self.backend.query(queries.get("actor_kinds").text).dicts():
            if row["actor"] in names:
                members[URIRef(str(row["kind"]))].add(names[row["actor"]])
        sets = [(kind, frozenset(found)) for kind, found in members.items() if len(found) >= SMALLEST_SET]
        return sorted(sets, key=lambda item: (-len(item[1]), str(item[0])))

    def collapse(self, names: list[str]) -> list[str]:
        """``names`` with every complete kind of body replaced by "all N <kind>" (first), the rest in order."""
        left = list(dict.fromkeys(names))
        phrases = []
        for kind, members in self._sets:
            if members <= set(left):
                phrases.append(self.all_of(kind, len(members)))
                left = [name for name in left if name not in members]
        return phrases + left

    def all_of(self, kind: URIRef, count: int) -> str:
        label = self.label(kind)
        return f"all {count} {plural_en(label)}" if self.lang == "en" else f"alla {count} {plural_sv(label)}"


def _expand(value: str) -> str:
    """A compact id (``pg:Theme…``, ``id:org-x``) as a full IRI; anything else unchanged."""
    from plangraf.namespaces import PREFIXES

    prefix, _, rest = value.partition(":")
    return str(PREFIXES[prefix]) + rest if prefix in PREFIXES and not rest.startswith("//") else value


def plural_en(label: str) -> str:
    """``County administrative board`` -> ``county administrative boards`` (each part of "X or Y")."""
    def one(part: str) -> str:
        words = part.split()
        last = words[-1]
        if last.endswith("y") and last[-2:-1] not in "aeiou":
            last = last[:-1] + "ies"
        elif last.endswith(("s", "sh", "ch", "x")):
            last += "es"
        else:
            last += "s"
        return " ".join([*words[:-1], last])
    text = " or ".join(one(part) for part in label.split(" or "))
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def plural_sv(label: str) -> str:
    """``Länsstyrelse`` -> ``länsstyrelser``, ``Statlig myndighet`` -> ``statliga myndigheter`` (each part of
    "X eller Y"); adjectives take -a, nouns -r after -e and -er otherwise (-or after -a)."""
    def noun(word: str) -> str:
        if word.endswith("e"):
            return word + "r"
        if word.endswith("a"):
            return word[:-1] + "or"
        return word if word.endswith(("organ", "ag", "ment", "institut", "land")) else word + "er"

    def adjective(word: str) -> str:
        return (word[:-1] if word.endswith("t") else word) + ("a" if not word.endswith("a") else "")

    def one(part: str) -> str:
        words = part.split()
        return " ".join([*(adjective(w) for w in words[:-1]), noun(words[-1])])
    text = " eller ".join(one(part) for part in label.split(" eller "))
    return text[:1].lower() + text[1:]
