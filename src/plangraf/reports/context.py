"""Shared state of one report run: the backend, labels and evidence of every node, fetched once."""

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
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._labels: dict[Node, str] | None = None
        self._evidence: dict[Node, list[dict[str, Any]]] | None = None

    def rows(self, name: str, **bindings: Node) -> list[dict[str, Node | None]]:
        return self.backend.query(queries.get(name).text, bindings or None).dicts()

    @property
    def labels(self) -> dict[Node, str]:
        if self._labels is None:
            ranked: dict[Node, tuple[int, str]] = {}
            order = {"sv": 0, "": 1, "en": 2}
            for row in self.rows("labels"):
                rank = order.get(getattr(row["label"], "language", None) or "", 3)
                if row["node"] not in ranked or rank < ranked[row["node"]][0]:
                    ranked[row["node"]] = (rank, str(row["label"]))
            self._labels = {node: label for node, (_, label) in ranked.items()}
        return self._labels

    def label(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.labels.get(node) or compact(str(node))

    @property
    def evidence(self) -> dict[Node, list[dict[str, Any]]]:
        if self._evidence is None:
            found: dict[Node, list[dict[str, Any]]] = defaultdict(list)
            for row in self.rows("evidence"):
                found[row["node"]].append({"node": compact(str(row["node"])), "line": int(row["line"]),
                                           "quote": str(row["quote"])})
            self._evidence = dict(found)
        return self._evidence

    def cite(self, *nodes: Node | None, per_node: int = 1) -> list[dict[str, Any]]:
        """The first ``per_node`` pieces of evidence of each node, in order."""
        out: list[dict[str, Any]] = []
        for node in nodes:
            if node is not None:
                out.extend(self.evidence.get(node, [])[:per_node])
        return out

    @staticmethod
    def id(node: Node | None) -> str:
        return compact(str(node)) if node is not None else ""

    @staticmethod
    def value(node: Node | None) -> Any:
        return plain(node)
