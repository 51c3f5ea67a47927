"""The evaluation's findings, optionally of one kind."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from plangraf import queries
from plangraf.cards import Directory, findings
from plangraf.errors import NotFoundError
from plangraf.namespaces import PG
from plangraf.store import Backend


def finding_kind(backend: Backend, name: str) -> URIRef:
    """Resolve ``overlap``, ``coverage gap``, ``coverage-gap`` or ``pg:CoverageGap`` to the kind's IRI."""
    wanted = name.replace("-", " ").replace("_", " ").strip().casefold()
    rows = backend.query("SELECT ?kind ?label WHERE { ?kind a pg:FindingKind ; skos:prefLabel ?label }").rows
    for kind, label in rows:
        local = str(kind).removeprefix(str(PG))
        if wanted in (str(label).casefold(), local.casefold(), f"pg:{local}".casefold()):
            return URIRef(str(kind))
    known = sorted({str(label) for _, label in rows if label.language == "en"})
    raise NotFoundError(f"unknown finding kind '{name}'; kinds: {', '.join(known)}")


def finding_list(backend: Backend, kind: str | None = None) -> list[dict[str, Any]]:
    bindings = {"kind": finding_kind(backend, kind)} if kind else None
    rows = backend.query(queries.get("findings").text, bindings).dicts()
    return findings(rows, Directory(backend))


