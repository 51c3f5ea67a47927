"""Shared state of one report run: the backend, and the labels and evidence of the nodes rows cite."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import Node

from plangraf import queries
from plangraf.output import compact, plain
from plangraf.store import Backend


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

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "report": self.report, "title": self.title, "description": self.description,
                "stated_in_report": self.stated_in_report, "columns": self.columns, "count": len(self.rows),
                "rows": self.rows}


class Context:
    """On the embedded store, labels and evidence are looked up per node while few are needed (cheap on a
    large graph) and fetched for the whole graph in one query once a report needs many (cheap per node).
    Other stores parse each query (rdflib) or pay a round trip (endpoint), so they fetch in bulk at once."""

    PER_NODE_LIMIT = 200

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._labels: dict[Node, str] = {}
        self._evidence: dict[Node, list[dict[str, Any]]] = {}
        self._bulk: set[str] = set()
        self._lookups: dict[str, int] = defaultdict(int)

    def rows(self, name: str, **bindings: Node) -> list[dict[str, Node | None]]:
        return self.backend.query(queries.get(name).text, bindings or None).dicts()

    def _fetch(self, name: str, node: Node) -> list[dict[str, Node | None]] | None:
        """Rows of query ``name`` for ``node``, or None once the whole graph has been fetched."""
        limit = self.PER_NODE_LIMIT if self.backend.kind == "embedded" else 0
        if name not in self._bulk and self._lookups[name] < limit:
            self._lookups[name] += 1
            return self.rows(name, node=node)
        if name not in self._bulk:
            self._bulk.add(name)
            self._store(name, self.rows(name))
        return None

    def _store(self, name: str, rows: list[dict[str, Node | None]]) -> None:
        if name == "labels":
            self._labels.update(_best_labels(rows))
        else:
            found: dict[Node, list[dict[str, Any]]] = defaultdict(list)
            for row in rows:
                found[row["node"]].append({"node": compact(str(row["node"])), "line": int(row["line"]),
                                           "quote": str(row["quote"])})
            self._evidence.update(found)

    def label(self, node: Node | None) -> str:
        if node is None:
            return ""
        if node not in self._labels and "labels" not in self._bulk:
            rows = self._fetch("labels", node)
            if rows is not None:
                self._labels[node] = _best_labels(rows).get(node, "")
        return self._labels.get(node) or compact(str(node))

    def evidence_of(self, node: Node) -> list[dict[str, Any]]:
        if node not in self._evidence and "evidence" not in self._bulk:
            rows = self._fetch("evidence", node)
            if rows is not None:
                self._store("evidence", rows)
                self._evidence.setdefault(node, [])
        return self._evidence.get(node, [])

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


def _best_labels(rows: list[dict[str, Node | None]]) -> dict[Node, str]:
    """One label per node: Swedish first, then untagged, then English (the first in query order)."""
    ranked: dict[Node, tuple[int, str]] = {}
    order = {"sv": 0, "": 1, "en": 2}
    for row in rows:
        rank = order.get(getattr(row["label"], "language", None) or "", 3)
        if row["node"] not in ranked or rank < ranked[row["node"]][0]:
            ranked[row["node"]] = (rank, str(row["label"]))
    return {node: label for node, (_, label) in ranked.items()}
