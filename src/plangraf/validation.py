"""`plangraf validate`: SHACL shapes, evidence quotes and OWL consistency, reported together.

Exit codes follow pySHACL: 0 everything conforms, 1 problems were found, 2 a check could not run.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from plangraf.errors import DataLoadError
from plangraf.namespaces import PG
from plangraf.paths import SHAPES_FILE
from plangraf.reasoning import ConsistencyCheck
from plangraf.store import Backend
from plangraf.terms import compact

CHECKS = ("shacl", "evidence", "owl")


@dataclass
class Problem:
    check: str
    node: str
    message: str
    line: int | None = None


@dataclass
class CheckResult:
    name: str
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ValidationReport:
    checks: list[CheckResult]
    shacl_report: Graph | None = None

    @property
    def conforms(self) -> bool:
        return all(c.ok for c in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {
            "conforms": self.conforms,
            "checks": [{"check": c.name, "conforms": c.ok, "seconds": round(c.seconds, 3), **c.details,
                        "problems": [p.__dict__ for p in c.problems]} for c in self.checks],
        }


def load_shapes(path: Path | None = None) -> Graph:
    shapes = Graph()
    target = path or SHAPES_FILE
    try:
        shapes.parse(target, format="turtle")
    except Exception as exc:
        raise DataLoadError(f"cannot read SHACL shapes {target}: {' '.join(str(exc).split())}") from None
    return shapes


def check_shacl(graph: Graph, shapes: Graph) -> tuple[CheckResult, Graph]:
    import pyshacl

    started = time.perf_counter()
    # In place: the graph is this validation's own (or the memory store's, which no shape here changes: the
    # shapes have no SHACL rules); pySHACL's defensive copy took longer than the validation itself.
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True, inplace=True)
    problems = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        where = f" (path {compact(str(path))})" if isinstance(path, URIRef) else ""
        problems.append(Problem("shacl", compact(str(focus)), f"{message}{where}"))
    problems.sort(key=lambda p: (p.node, p.message))
    return CheckResult("shacl", time.perf_counter() - started, problems), report


def check_evidence(graph: Graph, sources: Sequence[Path] = (), data: Sequence[Path] = ()) -> CheckResult:
    """Every quote against the text of its own source document, and each text against its recorded SHA-256."""
    from plangraf.evidence import check_quotes, checksum_problems, load_sources

    started = time.perf_counter()
    texts = load_sources(graph, sources, data)
    found = checksum_problems(graph, texts) + check_quotes(graph, texts)
    problems = [Problem("evidence", compact(p.node), f"{p.reason}: \u201c{p.quote[:80]}\u201d", p.line or None)
                for p in found]
    quotes = sum(1 for _ in graph.objects(None, PG.quote))
    return CheckResult("evidence", time.perf_counter() - started, problems,
                       {"sources": "; ".join(f"{compact(str(n))} {t.path}" for n, t in texts.items()),
                        "sha256": "; ".join(t.sha256 for t in texts.values()), "quotes": quotes})


def check_owl(check: ConsistencyCheck) -> CheckResult:
    """The result of a consistency check started earlier; its time is HermiT's, from start to answer."""
    result = check.result()
    problems = [Problem("owl", c.node, c.sentence()) for c in result.clashes]
    if not result.consistent and not problems:
        problems.append(Problem("owl", "-", "HermiT found the ontology and data inconsistent"))
    return CheckResult("owl", result.seconds, problems, {"reasoner": "HermiT", "reasoning_seconds": round(result.seconds, 3)})


def validate(backend: Backend, checks: tuple[str, ...] = CHECKS, sources: Sequence[Path] = (),
             shapes: Path | None = None, data: Sequence[Path] = ()) -> ValidationReport:
    """Run the chosen checks; library errors (missing source, Java) propagate as "could not run".

    HermiT runs in a process of its own while SHACL and the evidence checks run here, so a validation takes
    about as long as the slower of the two.
    """
    graph = backend.to_rdflib()
    with ExitStack() as stack:
        owl = stack.enter_context(ConsistencyCheck(graph)) if "owl" in checks else None
        results: list[CheckResult] = []
        report_graph = None
        if "shacl" in checks:
            shacl, report_graph = check_shacl(graph, load_shapes(shapes))
            results.append(shacl)
        if "evidence" in checks:
            results.append(check_evidence(graph, sources, data))
        if owl is not None:
            results.append(check_owl(owl))
    return ValidationReport(results, report_graph)


def type_report(files: Sequence[Path]) -> ValidationReport:
    """Every ill-typed value of ``files`` at once, as a failed ``types`` check. Loading refuses a graph at its
    first ill-typed value; ``validate`` comes here instead so that a curator sees all of them."""
    from plangraf.datatypes import locate, message, rdflib_problems
    from plangraf.store import read_sources

    started = time.perf_counter()
    sources = read_sources(list(files))
    graph = Graph()
    for source in sources:
        graph.parse(data=source.data, format="turtle", publicID=source.path.resolve().as_uri())
    written = [(source.path, source.data) for source in sources]
    unique = sorted({(p.subject, p.predicate, p.value): p for p in rdflib_problems(graph, written)}.values(),
                    key=lambda p: (p.subject, p.predicate, p.value))
    problems = [Problem("types", compact(p.subject) if not p.subject.startswith("_:") else "a blank node",
                        message(p, locate(p, written), 0)) for p in unique]
    return ValidationReport([CheckResult("types", time.perf_counter() - started, problems)])
