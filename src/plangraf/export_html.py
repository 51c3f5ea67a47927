"""Self-contained interactive HTML networks built with pyvis.

pyvis assembles the node and edge records; the page around them is plangraf's own Jinja2 template
(``templates/network.html``), because pyvis 0.3.2 pages load scripts from CDNs. vis-network's JavaScript
and CSS (shipped inside the pyvis package) are inlined, the data travels as JSON with ``<``, ``>`` and ``&``
escaped, labels are drawn on the canvas and tooltips and lists are filled with ``textContent``: nothing from
the data can run as code. The page makes no request to any other host and works from ``file://``. Area
labels and source names come from the graph's attributes (see :mod:`plangraf.graphview`).
"""

from __future__ import annotations

from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from plangraf.output import write_atomic
from plangraf.pages import render_page

CATEGORIES: dict[str, tuple[str, str, str]] = {  # category: (legend label, colour, shape)
    "agency": ("Government agency", "#1f77b4", "dot"),
    "county board": ("County administrative board", "#17becf", "dot"),
    "ministry": ("Government / ministry", "#393b79", "dot"),
    "ngo": ("NGO", "#2ca02c", "dot"),
    "international": ("International body", "#9467bd", "dot"),
    "other body": ("University, municipal unit, company", "#8c564b", "dot"),
    "person": ("Person", "#7f7f7f", "dot"),
    "group": ("Collaboration group", "#e377c2", "hexagon"),
    "action": ("Action (Åtgärd)", "#d62728", "box"),
    "output": ("Output", "#ff7f0e", "square"),
    "event": ("Event", "#bcbd22", "triangle"),
    "grant": ("Grant", "#f2c12e", "diamond"),
    "finding": ("Finding", "#555555", "star"),
    "county": ("County", "#aec7e8", "ellipse"),
}
ORG_KINDS = {"Government agency": "agency", "County administrative board": "county board",
             "Ministry or government": "ministry", "Non-governmental organisation": "ngo",
             "International body": "international"}


def category(data: dict[str, Any]) -> str:
    if data["type"] == "organisation":
        return ORG_KINDS.get(data["kind"], "other body")
    return data["type"]


def tooltip(data: dict[str, Any]) -> str:
    """Plain-text tooltip: vis-network shows string titles as text, never as HTML."""
    lines = [data["label"]]
    if data["label_en"] and data["label_en"] != data["label"]:
        lines.append(data["label_en"])
    lines.append(f"{data['kind'] or data['type']} — {data['id']}")
    for key, name in (("date", "date"), ("participants", "participants"), ("amount", "amount SEK")):
        if data.get(key) is not None:
            value = data[key]
            lines.append(f"{name}: {int(value) if isinstance(value, float) and value.is_integer() else value}")
    if data["themes"]:
        lines.append("themes: " + ", ".join(data["themes"]))
    if data["evidence_line"]:
        lines.append(f"evidence, line {data['evidence_line']}: \u201c{data['evidence_quote']}\u201d")
    return "\n".join(lines)


def _sizes(graph: nx.MultiDiGraph, size_by: str) -> dict[Any, float]:
    if size_by == "money":
        money: Counter[Any] = Counter()
        for node, data in graph.nodes(data=True):
            if data["type"] == "grant" and data["amount"]:
                money[node] += data["amount"]
                for _, target, edge in graph.out_edges(node, data=True):
                    if edge["relation"] == "granted to":
                        money[target] += data["amount"]
        top = max(money.values(), default=1) or 1
        return {n: 8 + 40 * (money[n] / top) ** 0.5 for n in graph}
    degree = dict(graph.degree())
    top = max(degree.values(), default=1) or 1
    return {n: 8 + 32 * (degree[n] / top) ** 0.5 for n in graph}


def build_network(graph: nx.MultiDiGraph, size_by: str = "degree") -> Network:
    """A pyvis Network with one record per node and edge, carrying the attributes the page filters on."""
    net = Network(directed=True, cdn_resources="remote")
    sizes = _sizes(graph, size_by)
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[1]["id"]):
        cat = category(data)
        _, colour, shape = CATEGORIES[cat]
        label = data["label"] if len(data["label"]) <= 40 else data["label"][:39] + "…"
        net.add_node(data["id"], label=label, title=tooltip(data), color=colour, shape=shape,
                     size=round(sizes[node], 1), category=cat, kind=data["kind"] or data["type"],
                     themes=data["themes"], areas=data["areas"], fullLabel=data["label"],
                     search=" ".join([data["label"], data["label_en"], data["id"]]).casefold())
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]), e[2]["relation"])):
        net.add_edge(graph.nodes[source]["id"], graph.nodes[target]["id"], label=data["relation"], title=data["relation"])
    return net


def options(node_count: int) -> dict[str, Any]:
    iterations = 300 if node_count < 300 else 150 if node_count < 1500 else 80
    return {
        "physics": {"solver": "barnesHut", "barnesHut": {"gravitationalConstant": -6000, "springLength": 120,
                                                         "avoidOverlap": 0.1},
                    "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50, "fit": True}},
        "layout": {"improvedLayout": node_count < 300, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": node_count > 800},
        "edges": {"font": {"size": 9, "align": "middle", "color": "#555"}, "arrows": {"to": {"scaleFactor": 0.5}},
                  "smooth": False, "color": {"color": "#bbb", "highlight": "#333"}},
        "nodes": {"font": {"size": 12}, "borderWidth": 1},
    }


def _vis_asset(name: str) -> str:
    return (files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def render_html(graph: nx.MultiDiGraph, title: str, size_by: str = "degree") -> str:
    net = build_network(graph, size_by)
    node_records, edge_records, *_ = net.get_network_data()
    counts = Counter(n["category"] for n in node_records)
    areas = graph.graph.get("areas", {})
    payload = {
        "nodes": node_records, "edges": edge_records, "options": options(len(node_records)),
        "legend": [{"category": c, "label": CATEGORIES[c][0], "color": CATEGORIES[c][1], "count": counts[c]}
                   for c in CATEGORIES if counts[c]],
        "themes": sorted({t for n in node_records for t in n["themes"]}),
        "areas": [{"value": a, "label": areas.get(a, str(a))} for a in sorted({a for n in node_records for a in n["areas"]})],
    }
    return render_page("network.html", title=title, size_by=size_by, sources=graph.graph.get("sources", []),
                       payload=payload, vis_css=_vis_asset("vis-network.css"), vis_js=_vis_asset("vis-network.min.js"))


def export_html(graph: nx.MultiDiGraph, out: Path, title: str, size_by: str = "degree") -> Path:
    write_atomic(out, render_html(graph, title, size_by))
    return out
