"""Self-contained interactive HTML networks built with pyvis, drawn to be read.

pyvis assembles the node and edge records; the page around them is plangraf's own Jinja2 template
(``templates/network.html``), because pyvis 0.3.2 pages load scripts from CDNs. vis-network's JavaScript
and CSS (shipped inside the pyvis package) are inlined, the data travels as JSON with ``<``, ``>`` and ``&``
escaped, labels are drawn on the canvas and tooltips and lists are filled with ``textContent``: nothing from
the data can run as code. The page makes no request to any other host and works from ``file://``. Area
labels and source names come from the graph's attributes (see :mod:`plangraf.graphview`).

What makes the drawing readable: findings are attached to the nodes they concern as a count (shown as nodes
only in the findings view, or on request), each node carries its importance (degree or money) and its
community (Louvain), and the page shows labels only where they do not overlap, the important ones first;
large graphs open clustered.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
    "action": ("Action (Åtgärd)", "#d62728", "square"),
    "output": ("Output", "#ff7f0e", "triangle"),
    "event": ("Event", "#bcbd22", "triangleDown"),
    "grant": ("Grant", "#f2c12e", "diamond"),
    "finding": ("Finding", "#555555", "star"),
    "county": ("County", "#aec7e8", "dot"),
}
ORG_KINDS = {"Government agency": "agency", "County administrative board": "county board",
             "Ministry or government": "ministry", "Non-governmental organisation": "ngo",
             "International body": "international", "Police authority": "agency"}
ATTACHING = ("concerns", "proposed for")  # a finding is counted on the nodes it is about
CLUSTERED_ABOVE = 250  # views with more nodes open clustered by community
LABEL_LENGTH = 34  # characters of a label drawn on the canvas; the whole label is in the tooltip


def category(data: dict[str, Any]) -> str:
    if data["type"] == "organisation":
        return ORG_KINDS.get(data["kind"], "other body")
    return data["type"]


def tooltip(data: dict[str, Any], findings: int = 0) -> str:
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
    if findings:
        lines.append(f"{findings} finding{'s' if findings > 1 else ''} (click to list)")
    if data["evidence_line"]:
        lines.append(f"evidence, line {data['evidence_line']}: \u201c{data['evidence_quote']}\u201d")
    return "\n".join(lines)


def attach_findings(graph: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, dict[Any, list[str]], dict[str, dict[str, str]]]:
    """The graph without its finding nodes; for each remaining node the ids of the findings about it (those a
    finding concerns or proposes for; failing those, those that raised it); and each attached finding's kind
    and summary."""
    about: dict[Any, list[str]] = defaultdict(list)
    attached: dict[str, dict[str, str]] = {}
    findings = {n for n, d in graph.nodes(data=True) if d["type"] == "finding"}
    for finding in sorted(findings, key=str):
        data = graph.nodes[finding]
        edges = [(t, d["relation"]) for _, t, d in graph.out_edges(finding, data=True) if t not in findings]
        targets = [t for t, relation in edges if relation in ATTACHING] or [t for t, _ in edges]
        for target in dict.fromkeys(targets):
            about[target].append(data["id"])
            attached[data["id"]] = {"kind": data["kind"], "summary": data["label_en"] or data["label"]}
    return graph.subgraph([n for n in graph if n not in findings]).copy(), about, attached


def communities(graph: nx.MultiDiGraph) -> dict[Any, int]:
    """Louvain communities of the undirected graph (fixed seed), numbered largest first."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    found = sorted(nx.community.louvain_communities(simple, seed=7), key=lambda c: (-len(c), min(map(str, c))))
    return {node: index for index, members in enumerate(found) for node in members}


def importance(graph: nx.MultiDiGraph, size_by: str) -> dict[Any, float]:
    """What ranks a node for its size and its label: money received or granted, or the number of links."""
    if size_by == "money":
        money: Counter[Any] = Counter()
        for node, data in graph.nodes(data=True):
            if data["type"] == "grant" and data["amount"]:
                money[node] += data["amount"]
                for _, target, edge in graph.out_edges(node, data=True):
                    if edge["relation"] == "granted to":
                        money[target] += data["amount"]
        return {n: float(money[n]) for n in graph}
    return {n: float(d) for n, d in graph.degree()}


def _sizes(weights: dict[Any, float], size_by: str) -> dict[Any, float]:
    top = max(weights.values(), default=1) or 1
    base, span = (8, 40) if size_by == "money" else (8, 32)
    return {n: base + span * (w / top) ** 0.5 for n, w in weights.items()}


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1].rstrip() + "…"


def build_network(graph: nx.MultiDiGraph, size_by: str = "degree",
                  about: dict[Any, list[str]] | None = None) -> Network:
    """A pyvis Network with one record per node and edge, carrying the attributes the page filters,
    clusters and labels by; ``about`` lists the findings attached to each node."""
    about = about or {}
    net = Network(directed=True, cdn_resources="remote")
    weights = importance(graph, size_by)
    sizes = _sizes(weights, size_by)
    community = communities(graph)
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[1]["id"]):
        cat = category(data)
        _, colour, shape = CATEGORIES[cat]
        attached = about.get(node, [])
        net.add_node(data["id"], label=_short(data["label"]), title=tooltip(data, len(attached)), color=colour,
                     shape=shape, size=round(sizes[node], 1), category=cat, kind=data["kind"] or data["type"],
                     themes=data["themes"], areas=data["areas"], fullLabel=data["label"],
                     importance=weights[node], community=community.get(node, -1), findings=attached,
                     search=" ".join([data["label"], data["label_en"], data["id"]]).casefold())
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]), e[2]["relation"])):
        net.add_edge(graph.nodes[source]["id"], graph.nodes[target]["id"], title=data["relation"],
                     relation=data["relation"])
    return net


def options(node_count: int) -> dict[str, Any]:
    iterations = 300 if node_count < 300 else 150 if node_count < 1500 else 80
    spring = 220 if node_count < 300 else 120  # small views spread out: room for their labels
    return {
        "physics": {"solver": "barnesHut", "barnesHut": {"gravitationalConstant": -9000, "springLength": spring,
                                                         "avoidOverlap": 0.2},
                    "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50, "fit": True}},
        "layout": {"improvedLayout": node_count < 300, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": node_count > 800},
        "edges": {"font": {"size": 11, "align": "middle", "color": "#444", "strokeWidth": 3, "strokeColor": "#fff"},
                  "arrows": {"to": {"scaleFactor": 0.5}}, "smooth": False, "color": {"color": "#bbb", "highlight": "#333"}},
        "nodes": {"font": {"size": 13, "face": "arial", "strokeWidth": 3, "strokeColor": "#fff"}, "borderWidth": 1},
    }


def _vis_asset(name: str) -> str:
    return (files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def render_html(graph: nx.MultiDiGraph, title: str, size_by: str = "degree") -> str:
    """The page of ``graph``; outside the findings view, findings are counts on the nodes they concern."""
    drawn, about, findings = (graph, {}, {}) if graph.graph.get("view") == "findings" else attach_findings(graph)
    net = build_network(drawn, size_by, about)
    node_records, edge_records, *_ = net.get_network_data()
    counts = Counter(n["category"] for n in node_records)
    areas = graph.graph.get("areas", {})
    payload = {
        "nodes": node_records, "edges": edge_records, "options": options(len(node_records)),
        "legend": [{"category": c, "label": CATEGORIES[c][0], "color": CATEGORIES[c][1], "count": counts[c]}
                   for c in CATEGORIES if counts[c]],
        "themes": sorted({t for n in node_records for t in n["themes"]}),
        "areas": [{"value": a, "label": areas.get(a, str(a))} for a in sorted({a for n in node_records for a in n["areas"]})],
        "findings": findings,
        "focus": graph.graph.get("focus"), "cluster": "community" if len(node_records) > CLUSTERED_ABOVE else "none",
    }
    return render_page("network.html", title=title, size_by=size_by, sources=graph.graph.get("sources", []),
                       payload=payload, vis_css=_vis_asset("vis-network.css"), vis_js=_vis_asset("vis-network.min.js"))


def export_html(graph: nx.MultiDiGraph, out: Path, title: str, size_by: str = "degree") -> Path:
    write_atomic(out, render_html(graph, title, size_by))
    return out
