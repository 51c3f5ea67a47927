"""Formats: what commands print (OUTPUTS) and what ``plangraf export graph`` writes (EXPORT_FORMATS).

Each registry is the one list the CLI's ``--format`` choices and help are derived from. Renderers are named
as ``module:function`` and imported when used, as rdflib's ``plugin.register`` does, so that building the
command line imports neither rdflib nor networkx.
"""

from __future__ import annotations

from dataclasses import dataclass
from pkgutil import resolve_name
from typing import Any

FORMATS: dict[str, str] = {
    "table": "aligned columns",
    "text": "plain text",
    "csv": "comma-separated values",
    "json": "JSON",
    "md": "Markdown",
    "sparql-json": "W3C SPARQL 1.1 Query Results JSON",
    "ttl": "Turtle",
    "nt": "N-Triples",
    "jsonld": "JSON-LD",
    "html": "one self-contained HTML page",
}


@dataclass(frozen=True)
class Output:
    """A kind of command output: the formats it offers (the first is the default) and the function that
    renders it, called as ``function(*args, fmt=FORMAT, **kwargs)``."""

    formats: tuple[str, ...]
    renderer: str


OUTPUTS: dict[str, Output] = {
    "rows": Output(("table", "csv", "json", "md"), "plangraf.output:render_rows"),
    "result": Output(("table", "csv", "json", "md", "sparql-json", "ttl", "nt", "jsonld"),
                     "plangraf.output:render_result"),
    "stats": Output(("table", "csv", "json", "md"), "plangraf.output:render_stats"),
    "findings": Output(("table", "csv", "json", "md"), "plangraf.output:render_findings"),
    "card": Output(("text", "json"), "plangraf.output:render_card"),
    "report": Output(("table", "md", "json", "csv", "html"), "plangraf.reports.render:render"),
    "validation": Output(("table", "json", "ttl"), "plangraf.output:render_validation"),
    "inference": Output(("table", "json"), "plangraf.output:render_inference"),
    "check": Output(("text", "json"), "plangraf.output:render_check"),
    "search": Output(("table", "json", "csv", "md"), "plangraf.search:render"),
}


def formats(kind: str) -> tuple[str, ...]:
    return OUTPUTS[kind].formats


def describe(names: tuple[str, ...]) -> str:
    """``table (aligned columns), csv (comma-separated values)…`` for help texts."""
    return ", ".join(name if FORMATS[name].casefold() == name else f"{name} ({FORMATS[name]})" for name in names)


def render(kind: str, fmt: str, *args: Any, **kwargs: Any) -> str:
    """Render command output of ``kind`` in ``fmt`` with the registered renderer."""
    return resolve_name(OUTPUTS[kind].renderer)(*args, fmt=fmt, **kwargs)


@dataclass(frozen=True)
class ExportFormat:
    """A file format of ``plangraf export graph``. RDF formats hold the whole graph and name rdflib's
    serialiser; network formats hold the chosen view, written by ``writer``."""

    name: str
    suffix: str
    description: str
    rdflib: str | None = None
    writer: str | None = None

    @property
    def network(self) -> bool:
        return self.writer is not None


EXPORT_FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("ttl", ".ttl", "Turtle", rdflib="turtle"),
    ExportFormat("jsonld", ".jsonld", "JSON-LD", rdflib="json-ld"),
    ExportFormat("nt", ".nt", "N-Triples", rdflib="nt"),
    ExportFormat("graphml", ".graphml", "GraphML (Gephi, yEd)", writer="plangraf.export_graph:graphml"),
    ExportFormat("gexf", ".gexf", "GEXF (Gephi)", writer="plangraf.export_graph:gexf"),
    ExportFormat("cytoscape", ".cyjs", "Cytoscape JSON", writer="plangraf.export_graph:cytoscape"),
)}
