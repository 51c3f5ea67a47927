"""Graph stores behind one small interface.

``embedded`` (default) is an in-memory Oxigraph store read from a cached N-Triples snapshot keyed by
the content of the ontology and data files, so repeated CLI calls do not re-parse Turtle. ``memory`` is a
pure rdflib graph queried by rdflib's own SPARQL engine. A SPARQL 1.1 endpoint URL selects :mod:`plangraf.endpoint`.
Every backend answers the same SPARQL with the same :class:`QueryResult`; parameters are bound by the
engine (Oxigraph substitutions, rdflib ``initBindings``), never pasted into the query text.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
import warnings
from abc import ABC, abstractmethod
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import Node

from plangraf.datatypes import TypeProblem, locate, message, oxigraph_problems, rdflib_problems, rewritten_problems
from plangraf.errors import DataLoadError, IllTypedValueError, PlangrafError, QueryError, StoreError
from plangraf.guard import read
from plangraf.limits import too_many_rows
from plangraf.namespaces import PREFIXES
from plangraf.ordering import sort_rows, split_order
from plangraf.results import QueryResult, from_ox, normalise_rdflib, to_ox

CACHE_FORMAT = "3"
KEEP_CACHES = 4
STALE_BUILD_SECONDS = 600  # a .building-* file this old belongs to a run that was killed
Bindings = Mapping[str, Node]

# rdflib logs a traceback for every ill-typed literal it reads, and warns of odd booleans; plangraf reports
# them itself, in one line.
logging.getLogger("rdflib.term").addHandler(logging.NullHandler())
warnings.filterwarnings("ignore", category=UserWarning, module="rdflib.term")


class Backend(ABC):
    """A loaded graph that answers SPARQL."""

    kind: str
    local = False  # True when objects() and literals() answer from the store's own indexes

    @abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE); more than ``max_rows`` rows (or triples)
        is a LimitError."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    @abstractmethod
    def to_rdflib(self) -> Graph:
        """The whole default graph as an rdflib Graph, for tools that need one (SHACL, OWL, exports)."""

    def triple_count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(result.rows[0][0])  # type: ignore[arg-type]

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        """Objects of ``subject predicate ?o`` by direct index lookup (local stores only: ``local``)."""
        raise NotImplementedError(f"{self.kind} store has no direct lookup; use query()")

    def literals(self, subject: Node) -> dict[str, list[tuple[str, str]]]:
        """The literal objects of ``subject``, as (lexical form, language tag or '') per predicate IRI, by
        one direct index lookup (local stores only). No rdflib terms are built: reports call this for
        every node whose label or quote they show."""
        raise NotImplementedError(f"{self.kind} store has no direct lookup; use query()")


def is_update(sparql: str) -> bool:
    """True if the text is a SPARQL update (and so would change data): its first keyword after the prologue
    is an update operation (see :mod:`plangraf.guard`)."""
    return read(sparql).is_update


def converted_rows(solutions: ox.QuerySolutions, width: int, max_rows: int | None = None) -> list[tuple[Node | None, ...]]:
    """Rows as rdflib terms; each distinct term is converted once (results repeat IRIs a lot)."""
    seen: dict[object, Node | None] = {None: None}
    rows = []
    for solution in solutions:
        if max_rows is not None and len(rows) == max_rows:
            raise too_many_rows(max_rows)
        row = []
        for index in range(width):
            term = solution[index]
            found = seen.get(term, seen)
            if found is seen:
                found = seen[term] = from_ox(term)
            row.append(found)
        rows.append(tuple(row))
    return rows


def syntax_error(exc: Exception, sparql: str) -> QueryError:
    if is_update(sparql):
        return QueryError("this is a SPARQL update, which changes data; pass --allow-update to run it")
    message = " ".join(str(exc).split())
    return QueryError(f"invalid SPARQL: {message}")


def _unprojected(bindings: Bindings) -> QueryError:
    names = ", ".join(f"?{name}" for name in bindings)
    return QueryError(
        f"a parameter must be a variable the query selects (SELECT * or list it): check {names}"
    )


# --------------------------------------------------------------------------------------------- embedded


@dataclass(frozen=True)
class Source:
    """A Turtle file and the exact bytes read from it, once: what is hashed for the cache is what is parsed."""

    path: Path
    data: bytes


def read_sources(files: list[Path]) -> list[Source]:
    sources = []
    for path in files:
        try:
            sources.append(Source(path, path.read_bytes()))
        except OSError as exc:
            raise DataLoadError(f"cannot read {path}: {exc.strerror or exc}") from None
    return sources


def content_key(sources: list[Source]) -> str:
    """A hash of the files' names and bytes: any change gives a new cache."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for source in sources:
        digest.update(str(source.path.resolve()).encode())
        digest.update(b"\0")
        digest.update(source.data)
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def cache_root() -> Path:
    return Path(os.environ.get("PLANGRAF_CACHE_DIR") or Path.home() / ".cache" / "plangraf")


def refuse_ill_typed(problems: list[TypeProblem], sources: list[Source]) -> None:
    """Raise :class:`IllTypedValueError` naming the first ill-typed value's file, line and node."""
    unique = sorted({(p.subject, p.predicate, p.value): p for p in problems}.values(),
                    key=lambda p: (p.subject, p.predicate, p.value))
    if unique:
        where = locate(unique[0], [(source.path, source.data) for source in sources])
        raise IllTypedValueError(message(unique[0], where, len(unique) - 1))


def parse_into_oxigraph(store: ox.Store, sources: list[Source]) -> None:
    """Parse every source into ``store`` and check its typed values."""
    problems = []
    for source in sources:
        try:
            store.bulk_load(input=source.data, format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise DataLoadError(f"broken Turtle in {source.path}: {_oxigraph_parse_message(exc)}") from None
        problems += rewritten_problems(source.data)
    refuse_ill_typed(problems + oxigraph_problems(store), sources)


def load_into_oxigraph(store: ox.Store, files: list[Path]) -> None:
    parse_into_oxigraph(store, read_sources(files))


def _oxigraph_parse_message(exc: SyntaxError) -> str:
    message = " ".join(str(exc).split())
    return message.replace("Parser error between", "error between")


class OxigraphBackend(Backend):
    """Oxigraph in memory: the default, fast embedded store.

    Oxigraph's in-memory storage answers this project's queries 5–8× faster than its RocksDB storage
    (measured at 187,000 triples), so the graph is queried in memory. The persistent cache is a snapshot
    of the merged, already validated graph in N-Triples, read back without re-checking every IRI; a
    change to any input file gives a new snapshot.
    """

    kind = "embedded"
    local = True

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._prefixes = {p: str(ns) for p, ns in PREFIXES.items()}

    @classmethod
    def from_sources(cls, sources: list[Source]) -> OxigraphBackend:
        """The graph from its snapshot if one holds exactly what it says it holds; else parsed (and
        checked) from the sources, and a new snapshot written where the cache folder allows it."""
        root = cache_root()
        snapshot = root / f"{content_key(sources)}.nt"
        try:
            return cls(_read_snapshot(snapshot))
        except StoreError:
            pass  # missing or damaged: built from the sources
        store = ox.Store()
        parse_into_oxigraph(store, sources)
        _write_snapshot(store, root, snapshot)
        return cls(store)

    def query(self, sparql: str, bindings: Bindings | None = None, max_rows: int | None = None) -> QueryResult:
        split = split_order(sparql)
        if split is None:
            return self._run(sparql, bindings, max_rows)
        result = self._run(split[0], bindings, max_rows)
        if result.kind != "select" or any(name not in result.variables for name, _ in split[1]):
            return self._run(sparql, bindings, max_rows)
        result.rows = sort_rows(result.rows, result.variables, split[1])
        return result

    def _run(self, sparql: str, bindings: Bindings | None, max_rows: int | None = None) -> QueryResult:
        """Oxigraph evaluates lazily, so its errors can come while the rows are read: both are guarded."""
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(sparql, prefixes=self._prefixes, substitutions=substitutions)
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return QueryResult("select", variables=names, rows=converted_rows(result, len(names), max_rows))
            graph = Graph()
            for triple in result:
                if max_rows is not None and len(graph) >= max_rows:
                    raise too_many_rows(max_rows)
                graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
            return QueryResult("graph", graph=graph)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None
        except (OSError, ValueError, RuntimeError) as exc:
            if "projection" in str(exc):
                raise _unprojected(bindings or {}) from None
            raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None

    def update(self, sparql: str) -> None:
        raise StoreError(
            "the embedded store is a read-only cache of data/triples; run updates with --store memory "
            "or against a SPARQL endpoint"
        )

    def to_rdflib(self) -> Graph:
        """Term by term, each distinct term converted once: twice as fast as parsing an N-Triples dump."""
        seen: dict[object, Node] = {}

        def term(value: object) -> Node:
            found = seen.get(value)
            if found is None:
                found = seen[value] = from_ox(value)  # type: ignore[assignment]
            return found

        graph = Graph()
        quads = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in quads)
        return graph

    def triple_count(self) -> int:
        return len(self._store)

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        quads = self._store.quads_for_pattern(to_ox(subject), to_ox(predicate), None, ox.DefaultGraph())
        return [from_ox(quad.object) for quad in quads]  # type: ignore[misc]

    def literals(self, subject: Node) -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {}
        for quad in self._store.quads_for_pattern(to_ox(subject), None, None, ox.DefaultGraph()):
            if isinstance(quad.object, ox.Literal):
                found.setdefault(quad.predicate.value, []).append((quad.object.value, quad.object.language or ""))
        return found


_HEADER = re.compile(rb"# plangraf snapshot sha256=([0-9a-f]{64}) triples=(\d+)\n")


def _read_snapshot(snapshot: Path) -> ox.Store:
    """A snapshot whose body has the checksum and the triple count its header line states."""
    if not snapshot.is_file():  # missing, or something else in its place (a FIFO would block the read)
        raise StoreError(f"no store cache {snapshot}")
    try:
        data = snapshot.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read the store cache {snapshot}: {exc.strerror or exc}") from None
    header = _HEADER.match(data)
    if header is None or hashlib.sha256(memoryview(data)[header.end() :]).hexdigest() != header[1].decode():
        raise StoreError(f"the store cache {snapshot} is damaged")
    store = ox.Store()
    try:
        store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES, lenient=True)  # the header is a comment
    except SyntaxError:
        raise StoreError(f"the store cache {snapshot} is damaged") from None
    if len(store) != int(header[2]):
        raise StoreError(f"the store cache {snapshot} is damaged")
    _touch(snapshot)
    return store


def _touch(snapshot: Path) -> None:
    """Mark a snapshot as recently used, for pruning; a read-only cache keeps its times."""
    with suppress(OSError):
        os.utime(snapshot)


def _snapshot_bytes(store: ox.Store) -> bytes:
    body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return f"# plangraf snapshot sha256={hashlib.sha256(body).hexdigest()} triples={len(store)}\n".encode() + body


def _write_snapshot(store: ox.Store, root: Path, snapshot: Path) -> None:
    """Write the checked, merged graph as an N-Triples snapshot, atomically. A cache folder that cannot be
    written (read-only, full) only costs the next run a parse: the graph is used without a snapshot."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".building-", suffix=".nt", dir=root)
    except OSError:
        return
    building = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_snapshot_bytes(store))
        building.chmod(0o644)  # mkstemp makes it private; the cache holds only the public data files
        building.replace(snapshot)
    except OSError:
        building.unlink(missing_ok=True)
        return
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    _prune(root, keep=snapshot)


def _prune(root: Path, keep: Path) -> None:
    """Keep the KEEP_CACHES most recently used snapshots; older ones, caches of older formats and the
    temporary files of killed runs go."""
    try:
        entries = sorted(((p, p.stat().st_mtime) for p in root.iterdir()), key=lambda e: e[1], reverse=True)
    except OSError:
        return
    shown = [p for p, _ in entries if not p.name.startswith(".") and p != keep]
    stale = [p for p in shown if p.suffix != ".nt"] + [p for p in shown if p.suffix == ".nt"][KEEP_CACHES - 1 :]
    stale += [p for p, mtime in entries
              if p.name.startswith(".building-") and time.time() - mtime > STALE_BUILD_SECONDS]
    for old in stale:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------------ memory


class RdflibBackend(Backend):
    """A pure rdflib in-memory graph, queried with rdflib's SPARQL engine."""

    kind = "memory"
    local = True

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._ns = {p: ns for p, ns in PREFIXES.items()}

    @classmethod
    def from_sources(cls, sources: list[Source]) -> RdflibBackend:
        graph = Graph()
        for source in sources:
            try:
                graph.parse(data=source.data, format="turtle", publicID=source.path.resolve().as_uri())
            except Exception as exc:  # rdflib raises many kinds of errors for bad Turtle
                reason = " ".join(str(exc).split())
                raise DataLoadError(f"broken Turtle in {source.path}: {reason}") from None
        refuse_ill_typed(rdflib_problems(graph, [(source.path, source.data) for source in sources]), sources)
        return cls(graph)

    def query(self, sparql: str, bindings: Bindings | None = None, max_rows: int | None = None) -> QueryResult:
        """rdflib evaluates lazily, so its errors (a bad regex, an ill-typed value in ORDER BY) can come while
        the rows are read: both are guarded."""
        try:
            result = self._graph.query(sparql, initNs=self._ns, initBindings=dict(bindings or {}))
            if result.type == "ASK":
                return QueryResult("ask", boolean=bool(result.askAnswer))
            if result.type == "SELECT":
                names = [str(v) for v in result.vars]
                if set(bindings or {}) - set(names):
                    raise _unprojected(bindings or {})
                rows = []
                for row in result:
                    if max_rows is not None and len(rows) == max_rows:
                        raise too_many_rows(max_rows)
                    rows.append(tuple(normalise_rdflib(row[i]) for i in range(len(names))))
                return QueryResult("select", variables=names, rows=rows)
            graph = Graph()
            for triple in result:
                if max_rows is not None and len(graph) >= max_rows:
                    raise too_many_rows(max_rows)
                graph.add(triple)
            return QueryResult("graph", graph=graph)
        except PlangrafError:
            raise
        except Exception as exc:  # rdflib raises many kinds of errors for a query it cannot run
            if type(exc).__name__ in {"ParseException", "ParseSyntaxException"}:
                raise syntax_error(exc, sparql) from None
            raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None

    def update(self, sparql: str) -> None:
        try:
            self._graph.update(sparql, initNs=self._ns)
        except Exception as exc:
            raise QueryError(f"invalid SPARQL update: {' '.join(str(exc).split())}") from None

    def to_rdflib(self) -> Graph:
        return self._graph

    def triple_count(self) -> int:
        return len(self._graph)

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        return [normalise_rdflib(o) for o in self._graph.objects(subject, predicate)]  # type: ignore[misc]

    def literals(self, subject: Node) -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {}
        for predicate, value in self._graph.predicate_objects(subject):
            if isinstance(value, Literal):
                found.setdefault(str(predicate), []).append((str(value), value.language or ""))
        return found
