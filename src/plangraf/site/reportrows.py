"""The coordination reports' rows as the site shows them: cells as text, the identifiers, the report's own
statements (``stated_by``) and the evidence as links into node and source pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from plangraf.namespaces import PREFIXES
from plangraf.reports.context import Section
from plangraf.site.model import Quote, SiteGraph, Value


@dataclass(frozen=True)
class Row:
    cells: tuple[tuple[str, str], ...]  # (column, text)
    ids: tuple[Value, ...]
    caveats: tuple[dict[str, str], ...]
    stated_by: tuple[Value, ...] | None  # None on sections the report itself states
    derived: tuple[tuple[str, str], ...]  # (section id, report page anchor) of the findings report's links
    evidence: tuple[Quote, ...]


@dataclass(frozen=True)
class SectionView:
    id: str
    report: str
    title: str
    description: str
    stated_in_report: bool
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def cell_text(value: Any) -> str:
    """A cell as text: nothing for None, yes/no for booleans, lists joined, numbers without a useless .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple | set):
        return ", ".join(cell_text(v) for v in value)
    return str(value)


def report_page(report: str) -> str:
    return f"reports/{report}.html"


class Rows:
    """Every section of the reports, converted once, and the rows that name each node."""

    def __init__(self, sections: list[Section], site: SiteGraph) -> None:
        self.site = site
        self._quotes = {(q.node, q.line, q.text): q for node in site.nodes for q in site.evidence(node)}
        self._reports = {s.id: s.report for s in sections}
        self.sections = [self._section(s) for s in sections]
        self.about: dict[str, list[tuple[SectionView, Row]]] = defaultdict(list)
        for section in self.sections:
            if not section.stated_in_report:
                for row in section.rows:
                    for value in row.ids:
                        self.about[value.href or value.text].append((section, row))

    def _section(self, section: Section) -> SectionView:
        rows = tuple(self._row(section, row) for row in section.rows)
        return SectionView(section.id, section.report, section.title, section.description, section.stated_in_report,
                           tuple(section.columns), rows)

    def _row(self, section: Section, row: dict[str, Any]) -> Row:
        stated = None if section.stated_in_report else tuple(self.node(i) for i in row.get("stated_by", []))
        derived = tuple((s, f"{report_page(self._reports[s])}#{s}") for s in row.get("derived_sections", [])
                        if s in self._reports)
        return Row(tuple((c, cell_text(row.get(c))) for c in section.columns if c != "derived_sections"),
                   tuple(self.node(i) for i in row.get("ids", [])), tuple(row.get("caveats", [])), stated, derived,
                   tuple(self._quote(e) for e in row.get("evidence", [])))

    def node(self, compact_id: str) -> Value:
        """A compact identifier (``id:action-26``, ``pg:ThemeX``) as a link where the node has a page."""
        prefix, _, local = compact_id.partition(":")
        namespace = PREFIXES.get(prefix)
        if namespace is None:
            return Value(compact_id)
        return self.site.link(URIRef(str(namespace) + local))

    def _quote(self, evidence: dict[str, Any]) -> Quote:
        key = (evidence["node"], int(evidence["line"]), evidence["quote"])
        return self._quotes.get(key) or Quote(*key, href=None, source="")

    def of(self, page: str) -> list[tuple[SectionView, Row]]:
        """The derived rows that name the node whose page is ``page``."""
        return self.about.get(page, [])
