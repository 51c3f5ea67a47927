"""Graph stores behind one small interface.

``embedded`` (default) is an in-memory Oxigraph store read from a cached N-Triples snapshot keyed by
the content of the ontology and data files, so repeated CLI calls do not re-parse Turtle. ``memory`` is a
pure rdflib graph queried by rdflib's own SPARQL engine. A SPARQL 1.1 endpoint URL selects :mod:`plangraf.endpoint`.
Every backend answers the same SPARQL with the same :class:`QueryResult`; parameters are bound by the
engine (Oxigraph substitutions, rdflib ``initBindings``), never pasted into the query text.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import Node

from plangraf.errors import DataLoadError, QueryError, StoreError
from plangraf.namespaces import PREFIXES
from plangraf.ordering import sort_rows, split_order
from plangraf.results import QueryResult, from_ox, normalise_rdflib, to_ox

CACHE_FORMAT = "2"
KEEP_CACHES = 4
Bindings = Mapping[str, Node]


class Backend(ABC):
    """A loaded graph that answers SPARQL."""

    kind: str
    local = False  # True when objects() and literals() answer from the store's own indexes

    @abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)."""

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
    """True if the text parses as a SPARQL update (and so would change data)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(_prologue() + sparql)
    except Exception:
        return False
    return True


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def converted_rows(solutions: ox.QuerySolutions, width: int) -> list[tuple[Node | None, ...]]:
    """Rows as rdflib terms; each distinct term is converted once (results repeat IRIs a lot)."""
    seen: dict[object, Node | None] = {None: None}
    rows = []
    for solution in solutions:
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


def content_key(files: list[Path]) -> str:
    """A hash of the files' names and bytes: any change gives a new cache."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for path in files:
        digest.update(str(path.resolve()).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def cache_root() -> Path:
    return Path(os.environ.get("PLANGRAF_CACHE_DIR") or Path.home() / ".cache" / "plangraf")


def load_into_oxigraph(store: ox.Store, files: list[Path]) -> None:
    for path in files:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise DataLoadError(f"broken Turtle in {path}: {_oxigraph_parse_message(exc)}") from None
        except OSError as exc:
            raise DataLoadError(f"cannot read {path}: {exc}") from None


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
    def from_files(cls, files: list[Path]) -> OxigraphBackend:
        root = cache_root()
        snapshot = root / f"{content_key(files)}.nt"
        if not snapshot.exists():
            return cls(_write_snapshot(files, root, snapshot))
        try:
            return cls(_read_snapshot(snapshot))
        except StoreError:
            return cls(_write_snapshot(files, root, snapshot))  # a damaged cache is rebuilt from the sources

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        split = split_order(sparql)
        if split is None:
            return self._run(sparql, bindings)
        result = self._run(split[0], bindings)
        if result.kind != "select" or any(name not in result.variables for name, _ in split[1]):
            return self._run(sparql, bindings)
        result.rows = sort_rows(result.rows, result.variables, split[1])
        return result

    def _run(self, sparql: str, bindings: Bindings | None) -> QueryResult:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(sparql, prefixes=self._prefixes, substitutions=substitutions)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None
        except (OSError, ValueError, RuntimeError) as exc:
            if "projection" in str(exc):
                raise _unprojected(bindings or {}) from None
            raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return QueryResult("select", variables=names, rows=converted_rows(result, len(names)))
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return QueryResult("graph", graph=graph)

    def update(self, sparql: str) -> None:
        raise StoreError(
            "the embedded store is a read-only cache of data/triples; run updates with --store memory "
            "or against a SPARQL endpoint"
        )

    def to_rdflib(self) -> Graph:
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        graph = Graph()
        graph.parse(data=data, format="nt")
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


def _read_snapshot(snapshot: Path) -> ox.Store:
    store = ox.Store()
    try:
        store.bulk_load(path=str(snapshot), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        os.utime(snapshot)
    except (OSError, SyntaxError) as exc:
        raise StoreError(f"cannot read the store cache {snapshot}: {' '.join(str(exc).split())}") from None
    return store


def _write_snapshot(files: list[Path], root: Path, snapshot: Path) -> ox.Store:
    """Parse the files (checking them), write the merged graph as N-Triples, atomically, and return it."""
    store = ox.Store()
    load_into_oxigraph(store, files)
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".building-", suffix=".nt", dir=root)
    except OSError as exc:
        raise StoreError(f"cannot create the store cache in {root}: {exc}") from None
    building = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        building.chmod(0o644)  # mkstemp makes it private; the cache holds only the public data files
        building.replace(snapshot)
    except OSError as exc:
        building.unlink(missing_ok=True)
        raise StoreError(f"cannot write the store cache {snapshot}: {exc}") from None
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    _prune(root, keep=snapshot)
    return store


def _prune(root: Path, keep: Path) -> None:
    """Keep the KEEP_CACHES most recently used snapshots; older ones (and caches of older formats) go."""
    entries = sorted((p for p in root.iterdir() if not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    stale = [p for p in entries if p != keep and p.suffix != ".nt"]
    stale += [p for p in entries if p != keep and p.suffix == ".nt"][KEEP_CACHES - 1 :]
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
    def from_files(cls, files: list[Path]) -> RdflibBackend:
        graph = Graph()
        for path in files:
            try:
                graph.parse(path, format="turtle")
            except OSError as exc:
                raise DataLoadError(f"cannot read {path}: {exc}") from None
            except Exception as exc:
                message = " ".join(str(exc).split())
                raise DataLoadError(f"broken Turtle in {path}: {message}") from None
        return cls(graph)

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        try:
            result = self._graph.query(sparql, initNs=self._ns, initBindings=dict(bindings or {}))
        except Exception as exc:
            if type(exc).__name__ in {"ParseException", "ParseSyntaxException"}:
                raise syntax_error(exc, sparql) from None
            raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            names = [str(v) for v in result.vars]
            if set(bindings or {}) - set(names):
                raise _unprojected(bindings or {})
            rows = [tuple(normalise_rdflib(row[i]) for i in range(len(names))) for row in result]
            return QueryResult("select", variables=names, rows=rows)
        graph = Graph()
        for triple in result:
            graph.add(triple)
        return QueryResult("graph", graph=graph)

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
