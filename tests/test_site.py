"""The static evidence site (`plangraf site`, `plangraf serve --site`) on the real data: a page for every node,
every internal link and anchor resolving, every quote marked at its line, nothing loaded from another host,
hostile labels staying text in real Chromium (which must be installed: the browser tests fail, never skip),
screenshots under exports/screenshots/, search, and content negotiation of entity IRIs."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from plangraf.errors import OutputError
from plangraf.namespaces import ID, PG
from plangraf.paths import DEFAULT_DATA, DEFAULT_EXPORTS, turtle_files

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "tests" / "fixtures" / "plan-demo" / "triples"
SCREENSHOTS = DEFAULT_EXPORTS / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--virtual-time-budget=3000", "--window-size=1280,1600"]
HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>",
           "<img src=x onerror=\"document.body.setAttribute('data-pwned', 1)\">",
           "</script><script>document.body.setAttribute('data-pwned', 2)</script>"]
LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
           "audio": "src", "embed": "src", "object": "data"}


def turtle_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Turtle string for these texts


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, run_cli) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_cli("site", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert re.search(r"wrote .*: \d+ pages, \d+ files, [\d.]+ MB in [\d.]+ s", result.output)
    return out


@pytest.fixture(scope="module")
def run_cli():
    from click.testing import CliRunner

    from plangraf.cli import main

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, run_cli) -> Path:
    """The second plan of the fixtures (small, so the build is quick) plus an extra file: a body and a finding
    whose names, summary and quotes are markup and script."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.ttl").write_text(f"""
@prefix pg: <https://w3id.org/plangraf/ontology#> . @prefix id: <https://w3id.org/plangraf/id/> .
@prefix demo: <https://w3id.org/plangraf/demo/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
id:org-hostile a pg:NGO ; skos:prefLabel {turtle_string(HOSTILE[0])}@sv , {turtle_string(HOSTILE[1])}@en ;
    skos:altLabel {turtle_string(HOSTILE[2])} ; pg:abbreviation {turtle_string(HOSTILE[3])} ;
    pg:hasEvidence [ a pg:Evidence ; pg:inSource demo:source-demo-plan-2012 ; pg:line 3 ;
                     pg:quote {turtle_string(HOSTILE[2])} ] .
demo:finding-hostile a pg:Finding ; pg:findingKind pg:Overlap ; pg:summary {turtle_string(HOSTILE[3])}@en ;
    pg:raisedBy id:org-hostile ; pg:concerns demo:action-1 ;
    pg:hasEvidence [ a pg:Evidence ; pg:inSource demo:source-demo-plan-2012 ; pg:line 5 ;
                     pg:quote {turtle_string(HOSTILE[1])} ] .
""", encoding="utf-8")
    out = folder / "site"
    result = run_cli("--data", str(DEMO), "--data", str(folder / "hostile.ttl"), "site", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


# ---------------------------------------------------------------------------------------------- parsing


TAG = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*/?>')
ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')


@dataclass
class Page:
    """The ids, the links, the loading references and the quote marks of one HTML page (the site's templates
    quote every attribute value with double quotes, which the autoescaping escapes inside values)."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)


@cache
def parse(path: Path) -> Page:
    page = Page()
    for match in TAG.finditer(path.read_text(encoding="utf-8")):
        tag = match.group(1).lower()
        found = {name: unescape(value) for name, value in ATTRIBUTE.findall(match.group(2))}
        if "id" in found:
            page.ids.add(found["id"])
        if tag == "a" and "href" in found:
            page.links.append(found["href"])
        if tag in LOADING and LOADING[tag] in found:
            page.loads.append(found[LOADING[tag]])
            page.links.append(found[LOADING[tag]])
        if tag == "mark":
            page.marks.append(found.get("data-s", ""))
    return page


def pages(root: Path) -> Iterator[Path]:
    return iter(sorted(root.rglob("*.html")))


def data_triples() -> int:
    """The number of distinct triples in the data files (not the ontology)."""
    store = ox.Store()
    for path in turtle_files([DEFAULT_DATA]):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return len(store)


# ---------------------------------------------------------------------------------------------- the site


def test_every_node_has_a_page_with_its_data_beside_it(site: Path, embedded) -> None:
    nodes = {str(s) for (s,) in embedded.query(
        "SELECT DISTINCT ?s WHERE { ?s a [] FILTER (isIRI(?s) && STRSTARTS(STR(?s), STR(id:))) }").rows}
    assert len(nodes) > 1300
    for iri in nodes:
        stem = site / "id" / iri[len(str(ID)):]
        for suffix in (".html", ".ttl", ".jsonld"):
            assert stem.with_suffix(suffix).is_file(), f"{iri}: no {suffix}"
    assert {p.stem for p in (site / "id").glob("*.html")} == {iri[len(str(ID)):] for iri in nodes}


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    checked = anchors = 0
    for page in pages(site):
        here = page.relative_to(site).as_posix()
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(parts.path))) if parts.path else here
            assert target in files, f"{here}: {href}"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in parse(site / target).ids, f"{here}: {href}"
                anchors += 1
            checked += 1
    assert checked > 50_000 and anchors > 5_000


def test_nothing_loads_from_another_host(site: Path) -> None:
    for page in pages(site):
        remote = [u for u in parse(page).loads if urlsplit(u).scheme or u.startswith("//")]
        assert remote == [], f"{page.relative_to(site)} loads {remote}"
    for asset in (site / "assets").iterdir():
        text = asset.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "@import" not in text


def test_every_quote_links_to_its_line_and_is_marked_there(site: Path, embedded) -> None:
    source = site / "source" / "bra-2011-18.html"
    lines = {int(line) for (line,) in embedded.query("SELECT ?l WHERE { ?e pg:line ?l }").rows}
    marked = {int(n) for starts in parse(source).marks for n in starts.split()}
    assert lines <= marked  # every quote the evidence check accepts is found and marked
    assert {f"L{n}" for n in range(1, 7452)} <= parse(source).ids
    cited = {f"../source/bra-2011-18.html#L{int(n)}" for (n,) in embedded.query(
        "SELECT ?l WHERE { id:action-7 pg:hasEvidence/pg:line ?l }").rows}
    assert cited and cited <= set(parse(site / "id" / "action-7.html").links)
    text = source.read_text(encoding="utf-8")
    assert 'class="l note-number"' in text and 'class="l page-number"' in text and '<sup class="fn">72</sup>' in text


def test_node_page_shows_facts_neighbours_rows_findings_and_evidence(site: Path) -> None:
    action = (site / "id" / "action-26.html").read_text(encoding="utf-8")
    for expected in ("Stärkt regional samverkan", "Stronger regional cooperation", "inom åtgärdsområde", "in area",
                     "<svg", "Findings about it", "In the coordination reports", "Linked from other nodes",
                     "../source/bra-2011-18.html#L5619", "../reports/overlaps.html#overlaps.parallel-efforts"):
        assert expected in action, expected
    body = (site / "id" / "org-lansstyrelsen-stockholm.html").read_text(encoding="utf-8")
    assert "Länsstyrelsen i Stockholms län" in body and 'class="caveat"' in body and 'class="stated-by"' in body
    late = (site / "id" / "asg-4.html").read_text(encoding="utf-8")
    assert "Stated by the report" in late and 'href="../id/finding-p1b-stockholm-assignments-late.html"' in late
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', action, re.S)
    assert jsonld and json.loads(jsonld.group(1))["@context"]["pg"] == str(PG)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser uses ConjunctiveGraph
def test_node_data_is_its_triples_and_evidence(site: Path, embedded) -> None:
    turtle = Graph().parse(site / "id" / "action-26.ttl", format="turtle")
    jsonld = Graph().parse(site / "id" / "action-26.jsonld", format="json-ld")
    action = ID["action-26"]
    assert (action, PG.number, Literal(26)) in turtle
    quotes = {str(q) for q in turtle.objects(None, PG.quote)}
    assert quotes == {str(q) for (q,) in embedded.query(
        "SELECT ?q WHERE { id:action-26 pg:hasEvidence/pg:quote ?q }").rows}
    assert len(turtle) == len(jsonld) and set(turtle.subjects()) - {action} == set(turtle.objects(action, PG.hasEvidence))


def test_root_has_the_whole_graph_and_a_void_description(site: Path, embedded) -> None:
    dump = ox.Store()
    dump.bulk_load(path=str(site / "plangraf.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(dump) == embedded.triple_count()
    void = Graph().parse(site / "void.ttl", format="turtle", publicID="https://example.org/site/void.ttl")
    triples = void.value(ID["dataset-bra-2011-18"], URIRef("http://rdfs.org/ns/void#triples"))
    assert int(triples) == data_triples()
    assert (ID["dataset-bra-2011-18"], URIRef("http://rdfs.org/ns/void#dataDump"),
            URIRef("https://example.org/site/plangraf.ttl")) in void


def test_start_page_and_indexes_reach_every_node(site: Path) -> None:
    start = parse(site / "index.html").links
    assert sum(link.startswith("id/action-") for link in start) == 36
    reached = set()
    for index in [site / link for link in start if link.endswith(".html") and "/" not in link]:
        reached |= {link for link in parse(index).links if link.startswith("id/")}
    assert {f"id/{p.name}" for p in (site / "id").glob("*.html")} <= reached  # two clicks from the start page
    reports = {p.name for p in (site / "reports").glob("*.html")}
    assert {"overlaps.html", "timing.html", "gaps.html", "funding.html", "network.html", "findings.html"} <= reports


def test_search_index_holds_names_titles_and_quotes(site: Path, embedded) -> None:
    text = (site / "search-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.plangrafSearch = ") and "<" not in text
    index = json.loads(text.removeprefix("window.plangrafSearch = ").rstrip().rstrip(";"))
    names = {row[1] for row in index["nodes"]}
    assert {"Socialstyrelsen", "Stärkt regional samverkan"} <= names
    assert len(index["quotes"]) == embedded.query("SELECT (COUNT(*) AS ?n) WHERE { ?e pg:quote ?q }").rows[0][0].toPython()


def test_a_foreign_folder_is_never_replaced(tmp_path: Path, run_cli) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="refusing to replace"):
        from plangraf.site.build import refuse_foreign

        refuse_foreign(tmp_path)
    result = run_cli("site", "--out", str(tmp_path))
    assert result.exit_code == 2 and "refusing to replace" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# ---------------------------------------------------------------------------------------------- browser


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Chromium is required for the site's browser tests (apt-get install chromium)")
    return found


def run_browsers(tmp_path: Path, jobs: list[list[str]]) -> list[str]:
    """Run headless Chromium once per job (extra arguments, the last a URL), in parallel; their stdout."""
    running = [subprocess.Popen([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / f'profile-{i}'}", *job],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
               for i, job in enumerate(jobs)]
    try:
        return [process.communicate(timeout=120)[0] for process in running]
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
                process.wait()


def test_screenshots_of_the_start_action_body_and_source_pages(site: Path, tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = {"site-start": "index.html", "site-action": "id/action-26.html",
             "site-body": "id/org-lansstyrelsen-stockholm.html", "site-source": "source/bra-2011-18.html#L2641"}
    for name in shots:
        (SCREENSHOTS / f"{name}.png").unlink(missing_ok=True)
    run_browsers(tmp_path, [[f"--screenshot={SCREENSHOTS / name}.png", (site / page.split("#")[0]).as_uri() +
                             ("#" + page.split("#")[1] if "#" in page else "")] for name, page in shots.items()])
    for name in shots:
        shot = SCREENSHOTS / f"{name}.png"
        assert shot.is_file() and shot.stat().st_size > 50_000, f"{shot} is missing or blank"


def test_search_runs_in_the_browser(site: Path, tmp_path: Path) -> None:
    (dom,) = run_browsers(tmp_path, [["--dump-dom", (site / "search.html").as_uri() + "?q=socialstyrelsen"]])
    results = dom.split('id="node-results"', 1)[1].split("</ol>", 1)[0]
    assert 'href="id/org-socialstyrelsen.html"' in results
    assert 'id="quote-results"' in dom and "source/bra-2011-18.html#L" in dom.split('id="quote-results"', 1)[1]


def test_hostile_labels_stay_text_in_chromium(hostile_site: Path, tmp_path: Path) -> None:
    for page in pages(hostile_site):
        raw = page.read_text(encoding="utf-8")
        assert "<img src=x" not in raw and "<script>alert" not in raw and "<script>document" not in raw, page
    targets = ["id/org-hostile.html", "demo/finding-hostile.html", "demo/action-1.html", "findings.html",
               "source/demo-plan-2012.html"]
    urls = [(hostile_site / t).as_uri() for t in targets] + [(hostile_site / "search.html").as_uri() + "?q=onerror"]
    doms = run_browsers(tmp_path, [["--dump-dom", url] for url in urls])
    for url, dom in zip(urls, doms, strict=True):
        assert "<body" in dom, url
        assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0], f"script ran in {url}"
        assert "<img" not in dom, url
        assert dom.count("<script") <= 3, url  # the page's own: JSON-LD, search index, site.js
    assert "&lt;img src=x onerror=alert(1)&gt;" in doms[0] and "&lt;/script&gt;&lt;script&gt;alert(2)" in doms[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in doms[5]  # the search result, set as text


# ---------------------------------------------------------------------------------------------- serving


def test_serve_site_negotiates_pages_and_turtle(site: Path) -> None:
    command = [sys.executable, "-m", "plangraf", "serve", "--port", "0", "--site", str(site), "--site-port", "0"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = _site_url(process)
        turtle = _get(url + "id/action-26", "text/turtle")
        assert turtle[0] == "text/turtle; charset=utf-8"
        assert (ID["action-26"], PG.number, Literal(26)) in Graph().parse(data=turtle[1], format="turtle")
        page = _get(url + "id/action-26", "text/html,application/xhtml+xml,*/*;q=0.8")
        assert page[0].startswith("text/html") and "Stärkt regional samverkan" in page[1]
        redirected = _get(url + "plangraf/id/org-bra", "text/html")  # the IRI's own path: 303 to the page
        assert redirected[0].startswith("text/html") and redirected[2].endswith("/id/org-bra.html")
        assert _get(url + "plangraf/id/org-bra", "application/ld+json")[0] == "application/ld+json"
        connection = HTTPConnection(*urlsplit(url).netloc.split(":"))
        connection.request("GET", str(ID["org-bra"]), headers={"Accept": "text/turtle;q=0.9, text/html;q=0.5"})
        response = connection.getresponse()
        assert response.status == 200 and response.getheader("Content-Location") == "/id/org-bra.ttl"
        connection.close()
        assert "Brå rapport 2011:18" in _get(url, "text/html")[1]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    assert "stopped" in process.stderr.read()


def _site_url(process: subprocess.Popen) -> str:
    for line in process.stdout:
        if line.startswith("Site: "):
            return line.split()[1]
    raise AssertionError(f"serve --site printed no site address: {process.stderr.read()}")


def _get(url: str, accept: str) -> tuple[str, str, str]:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=10) as response:
        return response.headers["Content-Type"], response.read().decode("utf-8"), response.url
