"""What the dataset says about itself and its plans, for pages that name them: the sources the evidence
comes from and the plans' action areas (see data/CONVENTIONS.md, "The dataset describes itself")."""

from __future__ import annotations

from plangraf import queries
from plangraf.store import Backend


def source_names(backend: Backend) -> list[str]:
    """Each source document's ``dct:bibliographicCitation``, or its ``dct:title`` where it has none (a
    source with a citation has it on every row of the query)."""
    names: dict[str, str] = {}
    for row in backend.query(queries.get("sources").text).dicts():
        name = row["citation"] or row["title"]
        if name is not None:
            names.setdefault(str(row["source"]), str(name))
    return list(dict.fromkeys(names.values()))


def area_labels(backend: Backend) -> dict[int, str]:
    """``{1: "1 Increased protection and support for the exploited", …}`` from each area's number and
    English label."""
    labels: dict[int, str] = {}
    for row in backend.query(queries.get("areas").text).dicts():
        number = int(row["number"])
        labels.setdefault(number, f"{number} {row['label']}" if row["label"] is not None else str(number))
    return labels
