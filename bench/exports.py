"""Measure the interactive HTML export: file size and time to a settled layout in headless Chromium,
for the full real graph and a synthetic graph of 3,000 nodes.

Usage: .venv/bin/python bench/exports.py [--runs 3] [--out bench/EXPORTS.md]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from synthetic import synthetic_network

from plangraf.export_html import export_html
from plangraf.graphview import view
from plangraf.loading import load

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def settle_ms(browser, path: Path) -> int:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_offline(True)
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("document.body.dataset.settledMs !== undefined", timeout=300_000)
    value = int(page.evaluate("document.body.dataset.settledMs"))
    context.close()
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "EXPORTS.md")
    args = parser.parse_args()
    graphs = {"full real graph": view(load(), "full"), "synthetic, 3,000 nodes": synthetic_network(3000)}
    lines = ["| graph | nodes | links | file size | time to settled layout (median of "
             f"{args.runs}) |", "|---|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for name, graph in graphs.items():
            path = export_html(graph, Path(tmp) / "page.html", name)
            times = [settle_ms(browser, path) for _ in range(args.runs)]
            lines.append(f"| {name} | {graph.number_of_nodes():,} | {graph.number_of_edges():,} | "
                         f"{path.stat().st_size / 1024:,.0f} KiB | {statistics.median(times):,.0f} ms |")
            print(lines[-1], flush=True)
        browser.close()
    args.out.write_text("# HTML export measurements\n\nHeadless Chromium (Debian), page opened from file:// "
                        "with the network off; the page records the time from script start to the finished view: "
                        "vis-network's layout settled (physics then off), large views clustered and laid out, "
                        "labels placed.\n\n" + "\n".join(lines) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
