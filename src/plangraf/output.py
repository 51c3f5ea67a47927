"""Rendering rows as table, CSV, JSON or Markdown, and writing files atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf.errors import OutputError
from plangraf.namespaces import PREFIXES
from plangraf.results import QueryResult

TABLE_FORMATS = ("table", "csv", "json", "md")
_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.decimal, XSD.double}


@lru_cache(maxsize=1 << 16)
def compact(iri: str) -> str:
    """``https://w3id.org/plangraf/id/org-rfsl`` -> ``id:org-rfsl`` where a shared prefix fits."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(str(ns)) > len(best):
            best, name = str(ns), prefix
    return f"{name}:{iri[len(best):]}" if best else iri


def plain(term: Node | None, short: bool = False) -> Any:
    """A JSON-friendly value: IRIs as strings (compacted if ``short``), numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return compact(str(term)) if short else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.datatype in _NUMERIC:
            value = term.toPython()
            return value if isinstance(value, int | float) else float(value)
        if term.datatype == XSD.boolean:
            return bool(term.toPython())
        return str(term)
    return str(term)


def result_rows(result: QueryResult, short: bool) -> list[dict[str, Any]]:
    return [{k: plain(v, short) for k, v in zip(result.variables, row, strict=True)} for row in result.rows]


def sparql_json(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results JSON format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)

    def term(value: Node) -> dict[str, str]:
        if isinstance(value, URIRef):
            return {"type": "uri", "value": str(value)}
        if isinstance(value, BNode):
            return {"type": "bnode", "value": str(value)}
        out = {"type": "literal", "value": str(value)}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype:
            out["datatype"] = str(value.datatype)
        return out

    bindings = [{k: term(v) for k, v in zip(result.variables, row, strict=True) if v is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """Render rows (dicts) in one of TABLE_FORMATS."""
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return buffer.getvalue()
    cells = [[_cell(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    if fmt == "md":
        escape = lambda s: s.replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        lines += ["| " + " | ".join(escape(c) for c in r) + " |" for r in cells]
        return "\n".join(lines) + "\n"
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    widths = [min(w, 80) for w in widths]
    fit = lambda s, w: s if len(s) <= w else s[: w - 1] + "…"  # noqa: E731
    line = lambda values: "  ".join(fit(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out) + "\n"


def render_result(result: QueryResult, fmt: str) -> str:
    """Render any query result; graphs are serialised (ttl, nt, jsonld; table formats give Turtle)."""
    if result.kind == "graph":
        assert result.graph is not None
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns)
        rdf_format = {"nt": "nt", "jsonld": "json-ld", "json": "json-ld"}.get(fmt, "turtle")
        return result.graph.serialize(format=rdf_format)
    if fmt == "sparql-json":
        return sparql_json(result) + "\n"
    if result.kind == "ask":
        return json.dumps({"boolean": result.boolean}) + "\n" if fmt == "json" else f"{str(result.boolean).lower()}\n"
    short = fmt in {"table", "md"}
    return render_rows(result_rows(result, short), result.variables, fmt)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, so no half file is ever seen."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
