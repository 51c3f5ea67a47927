"""`plangraf check`: checks for a curator's Turtle files before they join the data.

Each file is parsed on its own and checked for pg: terms the ontology does not define, evidence quotes not
found at their line in the text of their own source document (with the lines where they are), and described
nodes without evidence. Source documents are those the files describe and those of the data files that name
``SourceDocument`` (the dataset's description, see data/CONVENTIONS.md): the data is not loaded as a whole,
so that a broken file is reported as a problem of that file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCAT, VOID
from rdflib.term import Node

from plangraf.errors import DataLoadError
from plangraf.evidence import SourceText, check_quotes, load_sources
from plangraf.namespaces import ID, PG
from plangraf.paths import DEFAULT_DATA, DEFAULT_ONTOLOGY, turtle_files

NO_EVIDENCE_NEEDED = {PG.County, PG.Country, PG.Municipality, PG.ActionArea, PG.ActionPlan, PG.SourceDocument,
                      VOID.Dataset, DCAT.Dataset}


@dataclass(frozen=True)
class Problem:
    file: str
    check: str  # parse, term, quote or evidence
    message: str
    node: str | None = None
    line: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"{self.node}{f' line {self.line}' if self.line else ''}: " if self.node else ""
        return f"{self.file}: {where}{self.message}"


def _parse(path: Path, graph: Graph) -> None:
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of errors for bad Turtle
        raise DataLoadError(f"broken Turtle in {path}: {' '.join(str(exc).split())}") from None


def ontology_terms(ontology: Path | None = None) -> set[URIRef]:
    """Every pg: term the ontology (a folder or file; default ``ontology/``) defines."""
    graph = Graph()
    for path in turtle_files([ontology or DEFAULT_ONTOLOGY]):
        _parse(path, graph)
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(PG))}


def source_descriptions(data: Sequence[Path], skip: Sequence[Path]) -> Graph:
    """The data files (except ``skip``) that name ``SourceDocument``, parsed into one graph."""
    graph = Graph()
    skipped = {p.resolve() for p in skip}
    for path in turtle_files(list(data)):
        if path.resolve() not in skipped and "SourceDocument" in path.read_text(encoding="utf-8"):
            _parse(path, graph)
    return graph


def _unknown_terms(name: str, graph: Graph, known: set[URIRef]) -> list[Problem]:
    """pg: terms the ontology does not define (the namespace itself, as in void:vocabulary, is no term)."""
    used = {t for t in set(graph.all_nodes()) | set(graph.predicates()) if isinstance(t, URIRef)}
    return [Problem(name, "term", f"unknown ontology term {t}") for t in sorted(used)
            if str(t).startswith(str(PG)) and str(t) != str(PG) and t not in known]


def _quotes(name: str, graph: Graph, sources: dict[Node, SourceText]) -> list[Problem]:
    return [Problem(name, "quote", f"{p.reason}: {p.quote[:80]!r}", p.node, p.line)
            for p in check_quotes(graph, sources)]


def _missing_evidence(name: str, graph: Graph) -> list[Problem]:
    problems = []
    for node in sorted(set(graph.subjects(RDF.type, None))):
        described = str(node).startswith(str(ID)) and not set(graph.objects(node, RDF.type)) & NO_EVIDENCE_NEEDED
        if described and (node, PG.hasEvidence, None) not in graph:
            problems.append(Problem(name, "evidence", "has no pg:hasEvidence", str(node)))
    return problems


def check_graph(name: str, graph: Graph, known: set[URIRef], sources: dict[Node, SourceText]) -> list[Problem]:
    return [*_unknown_terms(name, graph, known), *_quotes(name, graph, sources), *_missing_evidence(name, graph)]


def _parse_checked(path: Path) -> Graph | Problem:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of errors for bad Turtle
        return Problem(str(path), "parse", f"does not parse: {' '.join(str(exc).split())}")


def check_files(paths: Sequence[Path], data: Sequence[Path] | None = None, ontology: Path | None = None,
                explicit_sources: Sequence[Path] = ()) -> list[Problem]:
    """The problems of every file in ``paths``, file by file. ``data`` (default ``data/triples/``) holds the
    dataset the files belong to; ``explicit_sources`` are source text files or folders (as --source)."""
    data = list(data or [DEFAULT_DATA])
    parsed = {path: _parse_checked(path) for path in paths}
    documents = source_descriptions(data, paths)
    for graph in parsed.values():
        if isinstance(graph, Graph):
            documents += graph
    sources = load_sources(documents, explicit_sources, data)
    known = ontology_terms(ontology)
    problems: list[Problem] = []
    for path, graph in parsed.items():
        problems += check_graph(str(path), graph, known, sources) if isinstance(graph, Graph) else [graph]
    return problems
