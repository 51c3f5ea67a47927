"""Counts per kind and per class, and the total number of triples."""

from __future__ import annotations

from dataclasses import dataclass

from plangraf import queries
from plangraf.store import Backend
from plangraf.terms import compact


@dataclass(frozen=True)
class Stats:
    triples: int
    kinds: list[dict[str, object]]
    classes: list[dict[str, object]]


def graph_stats(backend: Backend) -> Stats:
    kinds = backend.query(queries.get("kind_counts").text)
    classes = backend.query(queries.get("class_counts").text)
    return Stats(
        triples=backend.triple_count(),
        kinds=[{"kind": str(label), "count": int(count)} for _, label, count in kinds.rows],
        classes=[{"class": compact(str(c)), "count": int(n)} for c, n in classes.rows],
    )
