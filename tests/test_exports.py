"""Exports without a browser: self-contained HTML, safe data, atomic writes, graph formats for other tools."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from plangraf.errors import AmbiguousNameError
from plangraf.export_html import render_html
from plangraf.graphview import project, view

INJECTIONS = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"]


def injected_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i, label in enumerate(INJECTIONS):
        graph.add_node(i, id=f"id:x{i}", type="output", kind="Report", label=label, label_en=label, themes=[label],
                       areas=[1], amount=None, participants=None, date=None, evidence_line=3, evidence_quote=label)
    graph.add_edge(0, 1, key="cites", relation="cites")
    return graph


def test_page_is_self_contained(embedded) -> None:
    page = render_html(view(embedded, "full"), "plangraf — full")
    assert page.count("</script>") == 3  # data, vis-network, the page's own code
    for tag in ("<script src", "<link", "<img", "@import", "url(http"):
        assert tag not in page
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page


def test_injection_labels_never_appear_as_markup() -> None:
    page = render_html(injected_graph(), "<b>title</b>")
    assert "<img src=x" not in page and "</script><script>alert" not in page
    assert "<b>title</b>" not in page and "&lt;b&gt;title&lt;/b&gt;" in page
    data = page.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    labels = {n["fullLabel"] for n in json.loads(data)["nodes"]}
    assert labels == set(INJECTIONS)


def test_labels_like_template_placeholders_are_data() -> None:
    graph = injected_graph()
    label = "__VIS_JS__ __DATA__ {{ title }} {% raw %}"
    for node in graph:
        graph.nodes[node]["label"] = label
    page = render_html(graph, "__VIS_JS__ {{ title }}")
    assert page.count("</script>") == 3 and "&lt;title&gt;" not in page
    data = page.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert {n["fullLabel"] for n in json.loads(data)["nodes"]} == {label}
    assert "<title>__VIS_JS__ {{ title }}</title>" in page


def test_area_labels_and_sources_come_from_the_graph(embedded) -> None:
    page = render_html(view(embedded, "action:26"), "plangraf")
    data = json.loads(page.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0])
    assert data["areas"] == [{"value": 4, "label": "4 More national and international cooperation"}]
    assert "Source: Brå rapport 2011:18." in page


def test_synthetic_network_renders(synthetic) -> None:
    page = render_html(synthetic.synthetic_network(50), "synthetic")
    assert page.count("</script>") == 3 and "Source:" not in page


def test_views_select_the_expected_nodes(embedded) -> None:
    full = project(embedded)
    ego = view(embedded, "action:26")
    assert "https://w3id.org/plangraf/id/action-26" in {str(n) for n in ego}
    assert 1 < ego.number_of_nodes() < full.number_of_nodes()
    actor = view(embedded, "actor:RFSL", depth=2)
    assert "https://w3id.org/plangraf/id/org-rfsl" in {str(n) for n in actor}
    group = view(embedded, "group:NMT")  # the abbreviation; the NGO "NmT" is not a group, so no ambiguity
    assert "https://w3id.org/plangraf/id/group-nmt" in {str(n) for n in group}
    assert "https://w3id.org/plangraf/id/group-nmt" in {str(n) for n in view(embedded, "actor:NMT")}  # exact case wins
    with pytest.raises(AmbiguousNameError):
        view(embedded, "actor:Länsstyrelsen")
    findings = view(embedded, "findings")
    assert {d["type"] for _, d in findings.nodes(data=True)} >= {"finding", "action"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("spec", ["nope", "action:99", "actor:Ingen sådan myndighet", "theme:zzz", "group:zzz"])
def test_bad_view_writes_nothing(tmp_path: Path, spec: str) -> None:
    target = tmp_path / "out.html"
    proc = run("export", "html", "--view", spec, "--out", str(target))
    assert proc.returncode == 2 and proc.stderr.startswith("Error:") and "Traceback" not in proc.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_export_writes_no_lib_folder_and_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old")
    proc = run("export", "html", "--out", str(target), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not (Path(os.getcwd()) / "lib").exists()


def test_unwritable_target_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run("export", "html", "--out", str(blocker / "page.html"))
    assert proc.returncode == 2 and "cannot write" in proc.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "ttl", "jsonld", "nt"])
def test_graph_formats_carry_labels_and_types(cli, tmp_path: Path, fmt: str, embedded) -> None:
    target = tmp_path / f"g.{fmt}"
    result = cli("export", "graph", "--format", fmt, "--out", str(target))
    assert result.exit_code == 0, result.output
    if fmt in ("graphml", "gexf"):
        graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
        node = graph.nodes["id:org-socialstyrelsen"]
        assert node["label"] == "Socialstyrelsen" and node["type"] == "organisation"
        assert graph.number_of_nodes() == project(embedded).number_of_nodes()
    elif fmt == "cytoscape":
        data = json.loads(target.read_text())
        nodes = {n["data"]["id"]: n["data"] for n in data["elements"]["nodes"]}
        assert nodes["id:org-socialstyrelsen"]["type"] == "organisation"
    else:
        rdf = Graph().parse(target, format={"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[fmt])
        assert len(rdf) == embedded.triple_count()


def test_graphml_is_valid_xml(cli, tmp_path: Path) -> None:
    target = tmp_path / "g.graphml"
    cli("export", "graph", "--format", "graphml", "--out", str(target))
    assert ET.parse(target).getroot().tag.endswith("graphml")
