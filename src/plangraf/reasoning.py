"""OWL reasoning with owlready2 and HermiT: consistency, and what the defined classes add.

owlready2 cannot read Turtle, so the graph is written as N-Triples first. Only what reasoning needs is
kept: literals of datatypes outside the OWL 2 datatype map (xsd:gYear, xsd:date, …) would make HermiT fail,
and labels and quotes add nothing to the logic. OWL makes no unique-name assumption, so "two lead bodies" needs the
bodies declared different: the values of pg:assignedTo and of pg:forAction on each node are declared
pairwise distinct (``owl:AllDifferent``). Declaring every named node distinct would be simpler but makes
HermiT several times slower.

Validation needs only consistency: :class:`ConsistencyCheck` runs HermiT's ``--consistency`` on the same
triples, without owlready2, classification, realisation or property values (on the real data these took
7 of HermiT's 8 seconds; consistency alone about 1), in a process that runs while the other checks do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf.errors import ReasonerUnavailableError
from plangraf.namespaces import ID, PG

KEPT_DATATYPES = {XSD.integer, XSD.decimal, XSD.boolean, XSD.nonNegativeInteger, XSD.positiveInteger}
DISTINCT_VALUES_OF = (PG.assignedTo, PG.forAction)
INFERRED_PROPERTIES = (PG.responsibleFor, PG.partnerIn, PG.memberOf, PG.hasMember, PG.reportedWith)


@dataclass
class Clash:
    """An individual that ends up in two disjoint classes, with why it is in each."""

    node: str
    first: str
    first_because: str
    second: str
    second_because: str

    def sentence(self) -> str:
        return (f"{self.node} cannot be both {self.first} ({self.first_because}) and {self.second} "
                f"({self.second_because}): the ontology declares them disjoint")


@dataclass
class ReasoningResult:
    consistent: bool
    seconds: float
    clashes: list[Clash] = field(default_factory=list)
    inferred: Graph = field(default_factory=Graph)


Triple = tuple[Node, Node, Node]


def reasoning_triples(graph: Graph) -> Iterator[Triple]:
    """The part of ``graph`` HermiT needs, plus the distinctness the defined classes rely on."""
    for s, p, o in graph:
        if not (isinstance(o, Literal) and (o.language or o.datatype not in KEPT_DATATYPES)):
            yield s, p, o
    for prop in DISTINCT_VALUES_OF:
        for subject in sorted(set(graph.subjects(prop, None))):
            values = sorted({o for o in graph.objects(subject, prop) if isinstance(o, URIRef)})
            if len(values) > 1:
                yield from _all_different(values)


def _all_different(values: list[URIRef]) -> Iterator[Triple]:
    """``[] a owl:AllDifferent ; owl:distinctMembers ( values )`` as triples."""
    cells = [BNode() for _ in values]
    for cell, value, rest in zip(cells, values, [*cells[1:], RDF.nil], strict=True):
        yield cell, RDF.first, value
        yield cell, RDF.rest, rest
    different = BNode()
    yield different, RDF.type, OWL.AllDifferent
    yield different, OWL.distinctMembers, cells[0]


def _nt(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3()


def write_ntriples(triples: Iterable[Triple], path: Path) -> None:
    """N-Triples, written directly (rdflib's serializer takes several times longer)."""
    path.write_text("".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples), encoding="utf-8")


def _java() -> str:
    import owlready2

    java = shutil.which(owlready2.JAVA_EXE) or shutil.which("java")
    if not java:
        raise ReasonerUnavailableError(
            "Java is needed for the HermiT reasoner but was not found; install a Java runtime "
            "(e.g. apt-get install default-jre-headless)")
    owlready2.JAVA_EXE = java
    return java


def reason(graph: Graph) -> ReasoningResult:
    """Run HermiT over ``graph``; return consistency, clashes explained, and the new triples."""
    import owlready2

    _java()
    with tempfile.TemporaryDirectory(prefix="plangraf-owl-") as folder:
        path = Path(folder) / "graph.nt"
        write_ntriples(reasoning_triples(graph), path)
        world = owlready2.World()
        ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
        started = time.perf_counter()
        try:
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return ReasoningResult(False, time.perf_counter() - started, explain_clashes(graph))
        except owlready2.OwlReadyJavaError as exc:
            raise ReasonerUnavailableError(f"HermiT failed: {' '.join(str(exc).split())[:300]}") from None
        seconds = time.perf_counter() - started
        inferred = _new_triples(world, graph)
    return ReasoningResult(True, seconds, inferred=inferred)


# A consistency check is a short run: the JIT compiler's quick tier and a single-threaded collector start
# faster than the server defaults (1.2 s instead of 2.1 s on the real data).
SHORT_RUN_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


class ConsistencyCheck:
    """HermiT deciding consistency (and nothing else: no classification, no property values) in a process of
    its own, so the caller can do other work meanwhile. Use as a context manager: leaving the block stops
    the process and removes its input, however the block is left."""

    def __init__(self, graph: Graph) -> None:
        import owlready2

        self.graph = graph
        java = _java()
        self._folder = tempfile.TemporaryDirectory(prefix="plangraf-owl-")
        path = Path(self._folder.name) / "graph.nt"
        hermit = Path(owlready2.__file__).parent / "hermit"
        command = [java, f"-Xmx{owlready2.JAVA_MEMORY}M", *SHORT_RUN_JVM,
                   "-cp", f"{hermit}{os.pathsep}{hermit / 'HermiT.jar'}",
                   "org.semanticweb.HermiT.cli.CommandLine", "--consistency", path.as_uri()]
        try:
            write_ntriples(reasoning_triples(graph), path)
            self._started = time.perf_counter()
            self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except BaseException:
            self._folder.cleanup()
            raise

    def __enter__(self) -> ConsistencyCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._folder.cleanup()

    def result(self) -> ReasoningResult:
        """Wait for HermiT; an inconsistent graph comes with its clashes explained."""
        _, errors = self._process.communicate()
        seconds = time.perf_counter() - self._started
        if self._process.returncode == 0:
            return ReasoningResult(True, seconds)
        if b"InconsistentOntologyException" in errors:
            return ReasoningResult(False, seconds, explain_clashes(self.graph))
        message = " ".join(errors.decode("utf-8", errors="replace").split())
        raise ReasonerUnavailableError(f"HermiT failed: {message[:300]}")


def _new_triples(world: object, before: Graph) -> Graph:
    """Memberships of pg: classes and values of the inferred pg: properties that were not asserted.

    owlready2 keeps only the most specific types of an individual and moves what HermiT finds about classes
    into the class hierarchy, so memberships are read through ``instances()``, which follows it.
    """
    closure = _type_closure(before)
    new = Graph()
    new.bind("pg", PG)
    new.bind("id", ID)
    for cls in world.classes():  # type: ignore[attr-defined]
        if not cls.iri.startswith(str(PG)):
            continue
        for individual in cls.instances(world=world):
            node = URIRef(individual.iri)
            if str(node).startswith(str(ID)) and URIRef(cls.iri) not in closure.get(node, set()):
                new.add((node, RDF.type, URIRef(cls.iri)))
    for prop in INFERRED_PROPERTIES:
        entity = world[str(prop)]  # type: ignore[index]
        if entity is None:
            continue
        for subject, value in entity.get_relations():
            if not hasattr(value, "iri"):
                continue
            triple = (URIRef(subject.iri), prop, URIRef(value.iri))
            if triple not in before:
                new.add(triple)
    return new


def _superclasses(graph: Graph) -> dict[URIRef, set[URIRef]]:
    supers: dict[URIRef, set[URIRef]] = {}
    for cls in set(graph.subjects(RDFS.subClassOf, None)) | set(graph.objects(None, RDFS.subClassOf)):
        if isinstance(cls, URIRef):
            supers[cls] = {c for c in graph.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}
    return supers


def _type_closure(graph: Graph) -> dict[URIRef, set[URIRef]]:
    supers = _superclasses(graph)
    closure: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, cls in graph.subject_objects(RDF.type):
        if isinstance(cls, URIRef):
            closure[s] |= supers.get(cls, {cls})
    return closure


def explain_clashes(graph: Graph) -> list[Clash]:
    """Find individuals typed, directly or through a property's domain or range, into disjoint classes."""
    supers = _superclasses(graph)
    reasons: dict[object, dict[URIRef, str]] = defaultdict(dict)

    def note(node: object, cls: URIRef, why: str) -> None:
        for sup in supers.get(cls, {cls}):
            reasons[node].setdefault(sup, why)

    for s, cls in graph.subject_objects(RDF.type):
        if isinstance(cls, URIRef) and isinstance(s, URIRef):
            note(s, cls, f"typed {_short(cls)}")
    for prop, domain in graph.subject_objects(RDFS.domain):
        for s, o in graph.subject_objects(prop):
            if isinstance(s, URIRef):
                note(s, domain, f"subject of {_short(prop)} {_short(o)}")
    for prop, range_ in graph.subject_objects(RDFS.range):
        for s, o in graph.subject_objects(prop):
            if isinstance(o, URIRef):
                note(o, range_, f"value of {_short(prop)} on {_short(s)}")
    clashes = []
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = [m for m in Collection(graph, graph.value(group, OWL.members))]
        for node, why in reasons.items():
            present = [m for m in members if m in why]
            for i, first in enumerate(present):
                for second in present[i + 1 :]:
                    clashes.append(Clash(_short(node), _short(first), why[first], _short(second), why[second]))
    return sorted(clashes, key=lambda c: (c.node, c.first, c.second))


def _short(term: object) -> str:
    from plangraf.terms import compact

    return compact(str(term))
