"""Build the static site into a new folder beside the target, then swap it in: the target holds the old
site or the new one, never half of one."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from plangraf.dataset import source_names
from plangraf.errors import OutputError
from plangraf.evidence import load_sources
from plangraf.namespaces import ID
from plangraf.pages import render_page
from plangraf.paths import TEMPLATE_DIR
from plangraf.plans import Plans
from plangraf.reports import build_report, registry
from plangraf.site import listings, rdfdata, search
from plangraf.site.model import VOID, SiteGraph
from plangraf.site.nodes import cited_quotes, node_page
from plangraf.site.paths import NAMESPACES_FILE, PageRule, folder_for, source_page
from plangraf.site.reportrows import Rows, report_page
from plangraf.site.sourcetext import source_lines
from plangraf.site.svg import COLOURS
from plangraf.store import Backend

MARKER = ".plangraf-site"
VANN_PREFIX = URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")


@dataclass(frozen=True)
class Summary:
    out: Path
    pages: int
    files: int
    size: int
    seconds: float


@dataclass(frozen=True)
class NavItem:
    page: str
    title: str


class Writer:
    """Writes the site's files under ``root`` (a fresh folder) and counts them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.size = 0
        self.pages = 0

    def write(self, path: str, data: str | bytes) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        self.files += 1
        self.size += len(payload)
        self.pages += path.endswith(".html")

    def page(self, path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        self.write(path, render_page(f"site/{template}", root=root, path=path, **context))


def page_rule(graph: Graph) -> PageRule:
    """Pages for the shared ``id:`` namespace (folder ``id``) and each dataset's URI space (its prefix)."""
    folders: dict[str, str] = {"id": str(ID)}
    for dataset in sorted(set(graph.subjects(VOID.uriSpace, None)), key=str):
        prefix = graph.value(dataset, VANN_PREFIX)
        for space in sorted(str(s) for s in graph.objects(dataset, VOID.uriSpace)):
            if space not in folders.values():
                folders[folder_for(space, str(prefix) if prefix else None, set(folders))] = space
    return PageRule(folders)


def build_site(backend: Backend, out: Path, sources: Sequence[Path] = (), data: Sequence[Path] = ()) -> Summary:
    """Write the site for ``backend``'s graph into ``out``; source texts are found as ``validate`` finds them."""
    started = time.perf_counter()
    refuse_foreign(out)
    graph = backend.to_rdflib()
    texts = load_sources(graph, sources, data)
    citations = {node: str(graph.value(node, DCTERMS.bibliographicCitation) or graph.value(node, DCTERMS.title) or "")
                 for node in texts}
    site = SiteGraph(graph, page_rule(graph), texts, citations)
    sections = build_report(backend, registry.ALL)
    rows = Rows(sections, site)
    with staging(out) as folder:
        writer = Writer(folder)
        context = _context(backend, site)
        _write_assets(writer)
        _write_start(writer, backend, site, context)
        _write_listings(writer, context)
        _write_reports(writer, rows, context)
        _write_sources(writer, site, context)
        _write_nodes(writer, site, rows, context)
        _write_data(writer, site)
    return Summary(out, writer.pages, writer.files, writer.size, time.perf_counter() - started)


def _context(backend: Backend, site: SiteGraph) -> dict[str, Any]:
    names = source_names(backend)
    found = listings.listings(site)
    nav = [NavItem(item.page, item.menu) for item in found if item.menu]
    nav += [NavItem("reports/index.html", "Reports")]
    nav += [NavItem(source_page(text.path.name), site.citations[node] or text.path.name)
            for node, text in site.sources.items()]
    return {"site_name": "plangraf" + (f" — {'; '.join(names)}" if names else ""), "nav": nav, "listings": found}


def _write_assets(writer: Writer) -> None:
    writer.write("assets/site.css", render_page("site/site.css", kinds=COLOURS))
    writer.write("assets/site.js", (TEMPLATE_DIR / "site" / "site.js").read_text(encoding="utf-8"))


def _write_start(writer: Writer, backend: Backend, site: SiteGraph, context: dict[str, Any]) -> None:
    counts: dict[str, int] = {}
    for node in site.nodes:
        counts[site.kind(node)] = counts.get(site.kind(node), 0) + 1
    writer.page("index.html", "start.html", plans=listings.plans(site, Plans.of(backend)),
                datasets=listings.datasets(site), counts=counts, reports=registry.kinds(),
                sources=[(site.citations[node] or site.label(node), source_page(text.path.name))
                         for node, text in site.sources.items()],
                dump=rdfdata.DUMP, description=rdfdata.DESCRIPTION, **context)
    writer.page("search.html", "search.html", index=search.INDEX_FILE, **context)
    writer.write(search.INDEX_FILE, search.index_script(site))


def _write_listings(writer: Writer, context: dict[str, Any]) -> None:
    for listing in context["listings"]:
        writer.page(listing.page, "listing.html", listing=listing, **context)


def _write_reports(writer: Writer, rows: Rows, context: dict[str, Any]) -> None:
    kinds = registry.kinds()
    writer.page("reports/index.html", "reports.html", kinds=kinds, sections=rows.sections, **context)
    for name, kind in kinds.items():
        sections = [s for s in rows.sections if s.report == name]
        writer.page(report_page(name), "report.html", kind=kind, sections=sections, **context)


def _write_sources(writer: Writer, site: SiteGraph, context: dict[str, Any]) -> None:
    quotes = [(quote, site.link(node)) for node in site.nodes for quote in cited_quotes(site, node)]
    heads = {name for name in site.citations.values() if name}
    for node, text in site.sources.items():
        own = [(q, v) for q, v in quotes if q.href and q.href.startswith(source_page(text.path.name) + "#")]
        writer.page(source_page(text.path.name), "source.html", document=site.link(node), text=text,
                    citation=site.citations[node], lines=source_lines(text, own, heads), **context)


def _write_nodes(writer: Writer, site: SiteGraph, rows: Rows, context: dict[str, Any]) -> None:
    for node in site.nodes:
        own = rdfdata.under(site.out, node)
        page = node_page(site, rows, node)
        jsonld = rdfdata.json_ld(own)
        writer.write(f"{page.stem}.ttl", rdfdata.turtle(own))
        writer.write(f"{page.stem}.jsonld", json.dumps(jsonld, ensure_ascii=False, indent=2) + "\n")
        writer.page(page.path, "node.html", page=page, jsonld=jsonld, **context)


def _write_data(writer: Writer, site: SiteGraph) -> None:
    writer.write(rdfdata.DUMP, rdfdata.dump(site.graph))
    writer.write(rdfdata.DESCRIPTION, rdfdata.description(site.graph))
    writer.write(NAMESPACES_FILE, json.dumps(site.rule.folders, indent=2) + "\n")


def refuse_foreign(out: Path) -> None:
    """A non-empty ``out`` that is not a site plangraf built is never replaced."""
    if out.exists() and not (out / MARKER).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise OutputError(f"refusing to replace {out}: it is not a site plangraf built (no {MARKER}); "
                          "choose a new or empty folder")


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out`` to build in, swapped in for ``out`` when the block succeeds and removed
    when it fails."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        yield folder
        (folder / MARKER).write_text("built by plangraf site\n", encoding="utf-8")
        folder.chmod(0o755)
        _swap(folder, out)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _swap(folder: Path, out: Path) -> None:
    """Put ``folder`` in the place of ``out``; the old site is removed after the swap."""
    if not out.exists():
        folder.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    out.rename(old / "site")
    folder.rename(out)
    shutil.rmtree(old, ignore_errors=True)
