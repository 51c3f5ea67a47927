"""A remote SPARQL 1.1 endpoint as a store (SPARQL protocol over HTTP; no extra client library).

The plangraf graph lives in one named graph of the endpoint (``GRAPH_IRI`` unless ``--graph`` says
otherwise; ``--graph default`` uses the endpoint's default graph). Queries name it with the protocol's
``default-graph-uri``. Parameters travel as a ``VALUES`` block at the start of the query's WHERE group,
each value serialised as an RDF term with escaping, the way SPARQL clients bind values for a remote server.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Graph

from plangraf.errors import QueryError, StoreError
from plangraf.namespaces import PREFIXES
from plangraf.results import QueryResult, literal
from plangraf.store import Backend, Bindings, is_update, syntax_error

GRAPH_IRI = "https://w3id.org/plangraf/graph/main"
TIMEOUT = float(os.environ.get("PLANGRAF_TIMEOUT", "30"))
_TOKENS = re.compile(r'#[^\n]*|<[^<>"{}|^`\\\s]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                     r"|'(?:[^'\\\n]|\\.)*'|[A-Za-z_]+|\{|.", re.S)


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def with_values(sparql: str, bindings: Bindings) -> str:
    """Insert ``VALUES (?a …) { (term …) }`` right after the opening brace of the outer WHERE group."""
    names = sorted(bindings)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(bindings[n].n3() for n in names)}) }} "
    seen_where = False
    first_brace = None
    for match in _TOKENS.finditer(sparql):
        token = match.group(0)
        if token.upper() == "WHERE":
            seen_where = True
        elif token == "{":
            if seen_where:
                return sparql[: match.end()] + block + sparql[match.end():]
            first_brace = match.end() if first_brace is None else first_brace
    if first_brace is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return sparql[:first_brace] + block + sparql[first_brace:]


def update_url(query_url: str) -> str:
    """Oxigraph and Fuseki take updates at …/update beside …/query; others at the same URL."""
    return query_url[: -len("query")] + "update" if query_url.rstrip("/").endswith("/query") else query_url


class EndpointBackend(Backend):
    """A SPARQL 1.1 endpoint holding the plangraf graph."""

    kind = "endpoint"

    def __init__(self, url: str, graph: str | None = GRAPH_IRI, timeout: float = TIMEOUT) -> None:
        self.url = url
        self.graph = None if graph in (None, "default") else graph
        self.timeout = timeout

    def post(self, url: str, body: str, content_type: str, accept: str, params: dict[str, str]) -> bytes:
        target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params) if params else url
        request = urllib.request.Request(target, data=body.encode("utf-8"), method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(400).decode("utf-8", "replace").split())
            if exc.code == 400:
                raise QueryError(f"endpoint {url} rejected the request (HTTP 400): {detail}") from None
            raise StoreError(f"SPARQL endpoint {url} answered HTTP {exc.code} {exc.reason}: {detail}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {reason} (timeout {self.timeout:g} s)") from None

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        text = prologue() + (with_values(sparql, bindings) if bindings else sparql)
        params = {"default-graph-uri": self.graph} if self.graph else {}
        try:
            raw = self.post(self.url, text, "application/sparql-query",
                                "application/sparql-results+json, application/n-triples;q=0.9", params)
        except QueryError as exc:
            if is_update(sparql):
                raise syntax_error(exc, sparql) from None
            raise
        if raw.lstrip().startswith(b"{"):
            return _parse_json(json.loads(raw))
        graph = Graph()
        graph.parse(data=raw.decode("utf-8"), format="nt")
        return QueryResult("graph", graph=graph)

    def update(self, sparql: str) -> None:
        text = prologue() + sparql
        self.post(update_url(self.url), text, "application/sparql-update", "*/*", {})

    def to_rdflib(self) -> Graph:
        result = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert result.graph is not None
        return result.graph


def _parse_json(data: dict) -> QueryResult:
    if "boolean" in data:
        return QueryResult("ask", boolean=bool(data["boolean"]))
    names = data["head"].get("vars", [])
    rows = []
    for binding in data["results"]["bindings"]:
        row = []
        for name in names:
            term = binding.get(name)
            row.append(None if term is None else _term(term))
        rows.append(tuple(row))
    return QueryResult("select", variables=names, rows=rows)


def _term(term: dict):
    from rdflib import BNode, URIRef

    kind = term["type"]
    if kind == "uri":
        return URIRef(term["value"])
    if kind == "bnode":
        return BNode(term["value"])
    return literal(term["value"], term.get("xml:lang"), term.get("datatype"))
