"""Exports in a real browser: Debian's headless Chromium opens each view from file:// with the network
cut off. Fails (never skips) when Chromium is missing."""

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


def open_page(browser, path: Path):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_offline(True)
    page = context.new_page()
    log = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("document.body.dataset.settledMs !== undefined", timeout=120_000)
    return context, page, log


NONBLANK = """() => { const c = document.querySelector('#network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let k = 0;
  for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) k++; }
  return k; }"""


@pytest.mark.parametrize("spec", VIEWS)
def test_view_in_browser(browser, embedded, tmp_path: Path, spec: str) -> None:
    graph = view(embedded, spec, depth=1)
    page_path = export_html(graph, tmp_path / "page.html", f"plangraf — {spec}")
    context, page, log = open_page(browser, page_path)
    try:
        assert log["errors"] == []
        assert [u for u in log["requests"] if not u.startswith(("file:", "data:", "blob:"))] == []
        assert int(page.evaluate("window.plangraf.nodes.length")) == graph.number_of_nodes()
        assert int(page.evaluate("document.body.dataset.nodes")) == graph.number_of_nodes()
        assert page.evaluate("window.plangraf.network.physics.physicsEnabled") is False
        assert page.evaluate(NONBLANK) > 500
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{spec.split(':')[0]}.png"))
    finally:
        context.close()


def test_search_and_filters_work(browser, embedded, tmp_path: Path) -> None:
    page_path = export_html(view(embedded, "full"), tmp_path / "page.html", "plangraf")
    context, page, log = open_page(browser, page_path)
    try:
        page.fill("#search", "socialstyrelsen")
        assert page.locator("#results li").count() >= 1
        page.locator("#results li").first.click()
        assert "Socialstyrelsen" in page.inner_text("#details")
        total = page.evaluate("window.plangraf.network.body.data.nodes.length")
        page.locator("#types input").first.uncheck()
        assert page.evaluate("window.plangraf.network.body.data.nodes.length") < total
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
    page_path = export_html(graph, tmp_path / "big.html", "synthetic")
    context, page, log = open_page(browser, page_path)
    try:
        assert int(page.evaluate("window.plangraf.nodes.length")) == 3000
        assert page.evaluate("window.plangraf.network.physics.physicsEnabled") is False
        assert log["errors"] == []
    finally:
        context.close()
