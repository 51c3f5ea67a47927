"""`plangraf init`: a new dataset's skeleton loads, conforms to the shapes and checks its one quote; a folder
that is not empty is refused and nothing is half written."""

import hashlib
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from plangraf.namespaces import PG
from plangraf.scaffold import KINDS

TEXT = "\n  Utvärdering av handlingsplanen 2014–2016\n\nKapitel 1. Bakgrund\n"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "rapport-2016-4.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_init_writes_a_dataset_that_loads_and_validates(cli, tmp_path: Path, report: Path) -> None:
    target = tmp_path / "next"
    result = cli("init", str(target), "--source", str(report), "--title", "Rapport 2016:4",
                 "--plan-label", "Handlingsplan 2014", "--namespace", "https://w3id.org/plangraf/next/")
    assert result.exit_code == 0, result.output
    triples = target / "triples"
    assert sorted(p.name for p in triples.iterdir()) == sorted([*KINDS, "plan"])
    assert all((triples / kind / ".gitkeep").is_file() for kind in KINDS)
    assert (target / "sources" / report.name).read_text(encoding="utf-8") == TEXT
    assert "The dataset describes itself" in (target / "CONVENTIONS.md").read_text(encoding="utf-8")

    graph = Graph().parse(triples / "plan" / "dataset.ttl")
    dataset = graph.value(predicate=RDF.type, object=VOID.Dataset)
    source = graph.value(dataset, DCTERMS.source)
    assert str(graph.value(dataset, VOID.uriSpace)) == "https://w3id.org/plangraf/next/"
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(dataset, PG.aboutPlan) == URIRef("https://w3id.org/plangraf/next/plan")
    assert graph.value(source, DCTERMS.bibliographicCitation) == Literal("Rapport 2016:4")
    assert graph.value(source, PG.fileName) == Literal(report.name)
    assert str(graph.value(source, PG.sha256)) == hashlib.sha256(report.read_bytes()).hexdigest()

    stats = cli("--data", str(triples), "stats")
    assert stats.exit_code == 0 and "triples" in stats.output
    for check in ("shacl", "evidence"):
        validated = cli("--data", str(triples), "validate", "--only", check)
        assert validated.exit_code == 0, validated.output


def test_init_refuses_a_folder_that_is_not_empty(cli, tmp_path: Path, report: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = cli("init", str(target), "--source", str(report))
    assert result.exit_code == 2 and "not an empty folder" in result.output
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_a_failed_init_leaves_nothing_behind(cli, tmp_path: Path, report: Path) -> None:
    result = cli("init", str(tmp_path / "next"), "--source", str(report), "--namespace", "https://example.org/x")
    assert result.exit_code == 2 and "must end with / or #" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [report.name]


def test_init_fills_an_empty_folder(cli, tmp_path: Path, report: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert cli("init", str(target), "--source", str(report)).exit_code == 0
    graph = Graph().parse(target / "triples" / "plan" / "dataset.ttl")
    assert [str(o) for o in graph.objects(None, VOID.uriSpace)] == ["https://w3id.org/plangraf/empty/"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", report.name]
