"""Shared state of one report run: the backend, the vocabulary rows are labelled with, and the evidence of the
nodes rows cite."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rdflib.term import Node

from plangraf import queries
from plangraf.namespaces import PG
from plangraf.store import Backend
from plangraf.terms import compact, plain
from plangraf.vocabulary import Vocabulary

T = TypeVar("T")


@dataclass
class Section:
    """One table of a report. ``rows`` are dicts over ``columns`` plus ``ids`` and ``evidence``."""

    id: str
    report: str
    title: str
    description: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    stated_in_report: bool = False

    def __post_init__(self) -> None:
        for row in self.rows:
            row.setdefault("caveats", [])
            if not self.stated_in_report:
                row.setdefault("stated_by", [])

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "report": self.report, "title": self.title, "description": self.description,
                "stated_in_report": self.stated_in_report, "columns": self.columns, "count": len(self.rows),
                "rows": self.rows}


class Context:
    """Labels and evidence of the nodes that rows cite. Concepts are labelled in ``lang``, everything else as
    the source prints it (see :mod:`plangraf.vocabulary`). Local stores look each node up in their indexes
    (microseconds, whatever the size of the graph); an endpoint fetches them for the whole graph in one
    query each, since a round trip per node would cost more."""

    def __init__(self, backend: Backend, lang: str = "en") -> None:
        self.backend = backend
        self.words = Vocabulary(backend, lang)
        self._evidence: dict[Node, list[dict[str, Any]]] = {}
        self._bulk = not backend.local
        self._shared: dict[str, Any] = {}

    def rows(self, name: str, **bindings: Node) -> list[dict[str, Node | None]]:
        return self.backend.query(queries.get(name).text, bindings or None).dicts()

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """A value several sections derive from the same query rows, built once per report run."""
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]

    def _statements(self) -> dict[Node, dict[Node, Node]]:
        def build() -> dict[Node, dict[Node, Node]]:
            index: dict[Node, dict[Node, Node]] = defaultdict(dict)
            for row in self.rows("statements"):
                index[row["node"]][row["statement"]] = row["kind"]
            return index
        return self.shared("statements", build)

    def concerns(self, statement_id: str, node: Node) -> bool:
        """True when the statement (by its compact id) concerns or links ``node``."""
        return any(self.id(s) == statement_id for s in self._statements().get(node, {}))

    def cross_references(self) -> dict[Node, tuple[set[Node], set[Node]]]:
        """Each cross-reference of the report: the nodes it stands at, and the nodes it points to."""
        def build() -> dict[Node, tuple[set[Node], set[Node]]]:
            found: dict[Node, tuple[set[Node], set[Node]]] = defaultdict(lambda: (set(), set()))
            for row in self.rows("cross_references"):
                found[row["xref"]][0].add(row["from"])
                found[row["xref"]][1].add(row["to"])
            return dict(found)
        return self.shared("cross_references", build)

    def number(self, action: Node) -> int:
        """The action's number within its plan (pg:number)."""
        from plangraf.plans import Plans

        found = self.shared("plans", lambda: Plans.of(self.backend)).number(action)
        if found is None:
            from plangraf.errors import DatasetError

            raise DatasetError(f"{self.id(action)} is used as an action but has no pg:number (run plangraf validate)")
        return found

    def stated_by(self, *nodes: Node | None, kinds: set[Node] | None = None, need: int | None = None,
                  must: Node | None = None, references: bool = True) -> list[str]:
        """The report's findings and cross-references that cover the row's ``nodes``: those that concern
        (or link) at least two of them, or the only one. Findings of kinds that judge nothing missing
        (results, positive assessments) never state a derived problem; ``kinds`` narrows further, ``need``
        asks for more of the nodes."""
        counts: dict[Node, int] = defaultdict(int)
        wanted = [n for n in dict.fromkeys(nodes) if n is not None]
        index = self._statements()
        for node in wanted:
            for statement, kind in index.get(node, {}).items():
                if kind == PG.CrossReference and not references:
                    continue
                if kind not in NOT_STATING and (kinds is None or kind in kinds or kind == PG.CrossReference):
                    counts[statement] += 1
        need = min(need or 2, len(wanted))
        touching = set(index.get(must, {})) if must is not None else None
        return sorted(self.id(s) for s, n in counts.items() if n >= need and (touching is None or s in touching))

    def _fetch_all(self) -> None:
        found: dict[Node, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows("evidence"):
            found[row["node"]].append({"node": compact(str(row["node"])), "line": int(row["line"]),
                                       "quote": str(row["quote"])})
        self._evidence = dict(found)
        self._bulk = False

    def label(self, node: Node | None) -> str:
        """A concept's label in the report's language; any other node's as the source prints it."""
        return self.words.label(node)

    def evidence_of(self, node: Node) -> list[dict[str, Any]]:
        """The node's evidence in the ``evidence`` query's order (by line, then quote)."""
        if self._bulk:
            self._fetch_all()
        if node not in self._evidence:
            found = []
            if self.backend.local:
                for evidence in self.backend.objects(node, HAS_EVIDENCE):
                    literals = self.backend.literals(evidence)
                    for line, _ in literals.get(LINE, ()):
                        for quote, _ in literals.get(QUOTE, ()):
                            found.append({"node": compact(str(node)), "line": int(line), "quote": quote})
                found.sort(key=lambda e: (e["line"], e["quote"]))
            self._evidence[node] = found
        return self._evidence[node]

    def cite(self, *nodes: Node | None, per_node: int = 1) -> list[dict[str, Any]]:
        """The first ``per_node`` pieces of evidence of each node, in order."""
        out: list[dict[str, Any]] = []
        for node in nodes:
            if node is not None:
                out.extend(self.evidence_of(node)[:per_node])
        return out

    @staticmethod
    def id(node: Node | None) -> str:
        return compact(str(node)) if node is not None else ""

    @staticmethod
    def value(node: Node | None) -> Any:
        return plain(node)


NOT_STATING = {PG.Result, PG.PositiveAssessment}
HAS_EVIDENCE, LINE, QUOTE = PG.hasEvidence, str(PG.line), str(PG.quote)
