"""What the page of one node shows: its facts, the links to it, the findings about it, the report rows that
name it, its neighbourhood and its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, URIRef

from plangraf.namespaces import PG
from plangraf.site.model import Fact, Quote, SiteGraph, Value
from plangraf.site.paths import source_page
from plangraf.site.reportrows import Row, Rows, SectionView
from plangraf.site.svg import Drawing, draw
from plangraf.terms import compact


@dataclass(frozen=True)
class FindingView:
    finding: Value
    kind: tuple[str, str]  # English, Swedish
    raised_by: tuple[Value, ...]
    evidence: tuple[Quote, ...]


@dataclass(frozen=True)
class NodePage:
    iri: str
    id: str
    path: str
    stem: str
    kind: str
    class_label: tuple[str, str]
    label: str
    label_en: str
    facts: tuple[Fact, ...]
    incoming: tuple[Fact, ...]
    findings: tuple[FindingView, ...]
    rows: tuple[tuple[SectionView, Row], ...]
    drawing: Drawing
    evidence: tuple[Quote, ...]
    text_page: str | None  # a source document's text


def findings_about(site: SiteGraph, node: URIRef) -> tuple[FindingView, ...]:
    """The report's findings that concern ``node``, by kind and label."""
    found = []
    for finding in site.linked(node, PG.concerns, inverse=True):
        if site.kind(finding) != "finding":
            continue
        kinds = site.linked(finding, PG.findingKind)
        found.append(FindingView(site.link(finding), site.term_labels(kinds[0]) if kinds else ("", ""),
                                 tuple(site.link(a) for a in site.linked(finding, PG.raisedBy)),
                                 tuple(site.evidence(finding))))
    return tuple(sorted(found, key=lambda f: (f.kind[0], f.finding.text.casefold())))


def text_page(site: SiteGraph, node: URIRef) -> str | None:
    """The page of a source document's text, when the site has it."""
    text = site.sources.get(node)
    return source_page(text.path.name) if text is not None else None


def node_page(site: SiteGraph, rows: Rows, node: URIRef) -> NodePage:
    path = site.rule.page(str(node)) or ""
    center = site.link(node)
    return NodePage(
        iri=str(node), id=compact(str(node)), path=path, stem=path.removesuffix(".html"), kind=site.kind(node),
        class_label=site.class_label(node), label=site.label(node), label_en=site.label_en(node),
        facts=tuple(site.facts(node, skip=(PG.hasEvidence,))),
        incoming=tuple(site.incoming(node, skip={(PG.concerns, "finding")})),
        findings=findings_about(site, node), rows=tuple(rows.of(path)),
        drawing=draw(center, [(site.link(n), relation, out) for n, relation, out in site.neighbours(node)]),
        evidence=tuple(site.evidence(node)), text_page=text_page(site, node))


def cited_quotes(site: SiteGraph, node: URIRef) -> list[Quote]:
    """The node's evidence and that of its blank nodes (stated values), each citing a line of a source."""
    quotes = site.evidence(node)
    for _, value in site.statements(node):
        if isinstance(value, BNode):
            quotes += site.evidence(value)
    return quotes
