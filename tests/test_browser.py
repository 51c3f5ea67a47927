"""Exports in a real browser: Debian's headless Chromium opens each page from file:// with the network cut
off. The graph views draw labels that do not overlap at fit zoom; the report page fits a laptop's width and
is not too tall. Screenshots are kept in exports/screenshots/. Fails (never skips) when Chromium is missing."""

import json
import shutil
from pathlib import Path

import pytest

from plangraf.export_html import export_html
from plangraf.graphview import view
from plangraf.paths import DEFAULT_EXPORTS

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
VIEWS = ["full", "action:26", "actor:Socialstyrelsen", "theme:human trafficking for sexual purposes", "group:NMT",
         "overlaps", "findings"]
SCREENSHOTS = DEFAULT_EXPORTS / "screenshots"
MEASURED = SCREENSHOTS / "measured.json"
LAPTOP = {"width": 1280, "height": 800}
MAX_REPORT_HEIGHT = 60_000


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is required for the browser tests (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


IDLE = "document.body.dataset.busy === undefined"  # filters, clusters and search re-laid out


def open_page(browser, path: Path, viewport: dict | None = None, ready: str = "document.body.dataset.settledMs"):
    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 900})
    context.set_offline(True)
    page = context.new_page()
    log = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function(f"{ready} !== undefined", timeout=120_000)
    return context, page, log


def record(name: str, values: dict) -> None:
    """Keep what the browser measured beside the screenshots."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    measured = json.loads(MEASURED.read_text()) if MEASURED.exists() else {}
    measured[name] = values
    MEASURED.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n")


NONBLANK = """() => { const c = document.querySelector('#network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let k = 0;
  for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) k++; }
  return k; }"""

# The label boxes vis-network drew (its own measure of each drawn label), in screen pixels, and how many
# pairs of them overlap by more than a pixel each way.
LABEL_OVERLAPS = """() => { const net = window.plangraf.network, boxes = [];
  for (const id of net.body.nodeIndices) {
    const label = net.body.nodes[id].labelModule;
    if (!label.visible() || !label.size.width) continue;
    const s = label.size, a = net.canvasToDOM({x: s.left, y: s.top});
    const b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    boxes.push([a.x, a.y, b.x, b.y]); }
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const p = boxes[i], q = boxes[j];
    if (Math.min(p[2], q[2]) - Math.max(p[0], q[0]) > 1 && Math.min(p[3], q[3]) - Math.max(p[1], q[1]) > 1) overlaps++; }
  return {labels: boxes.length, overlaps: overlaps, shown_nodes: net.body.nodeIndices.length}; }"""


@pytest.mark.parametrize("spec", VIEWS)
def test_view_in_browser(browser, embedded, tmp_path: Path, spec: str) -> None:
    graph = view(embedded, spec, depth=1)
    findings = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "finding")
    drawn = graph.number_of_nodes() - (0 if spec == "findings" else findings)  # elsewhere findings are counts
    page_path = export_html(graph, tmp_path / "page.html", f"plangraf — {spec}")
    context, page, log = open_page(browser, page_path)
    try:
        assert log["errors"] == []
        assert [u for u in log["requests"] if not u.startswith(("file:", "data:", "blob:"))] == []
        assert int(page.evaluate("window.plangraf.nodes.length")) == drawn
        assert int(page.evaluate("document.body.dataset.nodes")) == drawn
        assert page.evaluate("window.plangraf.network.physics.physicsEnabled") is False
        assert page.evaluate(NONBLANK) > 500
        labels = page.evaluate(LABEL_OVERLAPS)
        assert labels["overlaps"] == 0 and labels["labels"] >= min(3, labels["shown_nodes"]), labels
        if spec != "findings":
            attached = sum(len(n["findings"]) for n in page.evaluate("window.plangraf.nodes.get()"))
            assert attached >= findings > 0 or findings == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{spec.split(':')[0]}.png"))
        record(spec, {**labels, "nodes": drawn, "findings_as_counts": 0 if spec == "findings" else findings})
    finally:
        context.close()


def test_the_full_view_opens_clustered_and_search_and_filters_refit_and_count(browser, embedded, tmp_path: Path) -> None:
    page_path = export_html(view(embedded, "full"), tmp_path / "page.html", "plangraf")
    context, page, log = open_page(browser, page_path)
    try:
        net = "window.plangraf.network"
        clusters = page.evaluate(f"{net}.body.nodeIndices.filter(id => {net}.isCluster(id))")
        shown = page.evaluate(f"{net}.body.nodeIndices.length")
        assert 5 <= len(clusters) <= 40 and shown < 60
        position = page.evaluate(f"{net}.canvasToDOM({net}.getPositions(['{clusters[0]}'])['{clusters[0]}'])")
        page.mouse.click(position["x"] + 320, position["y"])  # the side panel is 320 px wide
        assert page.evaluate(f"{net}.body.nodeIndices.length") > shown and "Opened" in page.inner_text("#details")
        assert page.evaluate(LABEL_OVERLAPS)["overlaps"] == 0

        page.fill("#search", "socialstyrelsen")
        assert page.locator("#results li").count() >= 1 and "match" in page.inner_text("#matches")
        assert page.evaluate(f"{net}.getSelectedNodes().length") >= 1
        page.locator("#results li").first.click()
        assert "Socialstyrelsen" in page.inner_text("#details")
        page.fill("#search", "")
        page.wait_for_function(IDLE)
        total = page.evaluate(f"{net}.body.data.nodes.length")
        page.locator("#types input").first.uncheck()
        page.wait_for_function(IDLE)
        assert page.evaluate(f"{net}.body.data.nodes.length") < total
        visible = int(page.evaluate("document.body.dataset.visible"))
        assert visible < total and page.inner_text("#status").startswith(f"{visible} of ")
        page.select_option("#cluster", "none")
        page.wait_for_function(IDLE)
        assert page.evaluate(f"{net}.body.nodeIndices.length") == visible
        assert page.evaluate(LABEL_OVERLAPS)["overlaps"] == 0
        assert log["errors"] == []
    finally:
        context.close()


def test_findings_about_a_node_open_as_nodes(browser, embedded, tmp_path: Path) -> None:
    page_path = export_html(view(embedded, "action:26"), tmp_path / "page.html", "plangraf")
    context, page, log = open_page(browser, page_path)
    try:
        before = page.evaluate("window.plangraf.nodes.length")
        page.fill("#search", "id:action-26")
        page.locator("#results li").first.click()
        assert "findings about it" in page.inner_text("#details")
        page.locator("#details button").click()
        assert page.evaluate("window.plangraf.nodes.length") > before
        assert page.evaluate("window.plangraf.edges.get().filter(e => e.label && e.label.trim()).length") > 0
        assert log["errors"] == []
    finally:
        context.close()


def test_injection_labels_stay_inert(browser, tmp_path: Path) -> None:
    from test_exports import INJECTIONS, injected_graph

    page_path = export_html(injected_graph(), tmp_path / "xss.html", "<img src=x onerror=alert(1)>")
    context, page, log = open_page(browser, page_path)
    try:
        page.fill("#search", "img")
        page.locator("#results li").first.click()
        assert log["dialogs"] == [] and log["errors"] == []
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        assert INJECTIONS[0] in page.inner_text("#details")
    finally:
        context.close()


def test_synthetic_3000_node_graph_settles_and_stops(browser, synthetic, tmp_path: Path) -> None:
    graph = synthetic.synthetic_network(3000)
    drawn = sum(1 for _, d in graph.nodes(data=True) if d["type"] != "finding")
    page_path = export_html(graph, tmp_path / "big.html", "synthetic")
    context, page, log = open_page(browser, page_path)
    try:
        assert int(page.evaluate("window.plangraf.nodes.length")) == drawn
        assert page.evaluate("window.plangraf.network.physics.physicsEnabled") is False
        assert page.evaluate(LABEL_OVERLAPS)["overlaps"] == 0
        assert log["errors"] == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def report_page(embedded, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from plangraf.reports import build_report
    from plangraf.reports.render import render
    from plangraf.vocabulary import Vocabulary

    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(render(build_report(embedded, "all"), "html", "plangraf: coordination report",
                           words=Vocabulary(embedded)), encoding="utf-8")
    return page


def test_report_page_fits_a_laptop(browser, report_page: Path) -> None:
    context, page, log = open_page(browser, report_page, LAPTOP, ready="document.body.dataset.ready")
    try:
        size = page.evaluate("({height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,"
                             " client: document.documentElement.clientWidth})")
        assert size["width"] <= size["client"], size  # no horizontal scrolling
        assert size["height"] < MAX_REPORT_HEIGHT, size
        assert page.evaluate("getComputedStyle(document.querySelector('nav.toc')).position") == "sticky"
        assert page.evaluate("document.querySelectorAll('details.quotes[open]').length") == 0
        assert page.evaluate("document.querySelectorAll('details.quotes').length") > 300
        assert "kr" in page.inner_text("#funding\\.allocation") and ".0" not in page.inner_text("#funding\\.allocation tbody")
        assert log["errors"] == [] and [u for u in log["requests"] if not u.startswith("file:")] == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report.png"))
        page.evaluate("document.getElementById('funding.allocation').scrollIntoView()")
        page.screenshot(path=str(SCREENSHOTS / "report-funding.png"))
        record("report", {"height": size["height"], "width": size["width"], "viewport_width": LAPTOP["width"]})
    finally:
        context.close()


def test_report_rows_filter_sort_and_unfold(browser, report_page: Path) -> None:
    context, page, log = open_page(browser, report_page, LAPTOP, ready="document.body.dataset.ready")
    try:
        section = page.locator("section[id='network.co-production']")
        rows = section.locator("tbody tr")
        assert section.locator("tbody tr:visible").count() < rows.count()  # the rest behind "show more"
        more = section.locator("button.more-rows")
        assert more.inner_text().startswith(f"Show {rows.count() - section.locator('tbody tr:visible').count()} more")
        section.locator("input.filter").fill("Socialstyrelsen")
        visible = section.locator("tbody tr:visible")
        assert 1 <= visible.count() < rows.count() and all("Socialstyrelsen" in t for t in visible.all_inner_texts())
        section.locator("input.filter").fill("")
        more.click()
        assert section.locator("tbody tr:visible").count() == rows.count()
        section.locator("th", has_text="degree").click()
        section.locator("th", has_text="degree").click()
        degrees = [int(t) for t in section.locator("tbody tr td:nth-child(2)").all_inner_texts()]
        assert degrees == sorted(degrees, reverse=True)
        quotes = section.locator("details.quotes").first
        quotes.locator("summary").click()
        assert quotes.locator(".q").first.is_visible()
        assert log["errors"] == []
    finally:
        context.close()
