"""The evaluation's findings, optionally of one kind."""

from __future__ import annotations

from typing import Any

from plangraf import queries
from plangraf.cards import Directory, findings
from plangraf.store import Backend


def finding_list(backend: Backend, kind: str | None = None, lang: str = "en") -> list[dict[str, Any]]:
    """Every finding, or those of ``kind`` (its English or Swedish label, e.g. ``coverage gap``,
    ``coverage-gap``, ``täckningsbrist``, or its id ``pg:CoverageGap``); kinds labelled in ``lang``."""
    directory = Directory(backend, lang)
    bindings = {"kind": directory.words.resolve(kind, "finding kind")} if kind else None
    rows = backend.query(queries.get("findings").text, bindings).dicts()
    return findings(rows, directory)
