"""A remote SPARQL 1.1 endpoint as a store (SPARQL protocol over HTTP; no extra client library).

The plangraf graph lives in one named graph of the endpoint (``GRAPH_IRI`` unless ``--graph`` says
otherwise; ``--graph default`` uses the endpoint's default graph). Queries name it with the protocol's
``default-graph-uri``. Parameters travel as a ``VALUES`` block at the start of the query's WHERE group,
each value checked and written by :mod:`plangraf.sparqlterms`. Each request has one deadline for its whole
answer (:mod:`plangraf.transport`), and an answer that is not what SPARQL promises is an error that names
the endpoint and shows the first bytes that came back.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from rdflib import BNode, Graph, URIRef
from rdflib.exceptions import ParserError

from plangraf import limits, transport
from plangraf.errors import QueryError, StoreError
from plangraf.guard import tokens
from plangraf.namespaces import PREFIXES
from plangraf.results import QueryResult, literal
from plangraf.sparqlterms import serialise
from plangraf.store import Backend, Bindings, is_update, syntax_error

GRAPH_IRI = "https://w3id.org/plangraf/graph/main"
_JSON = ("application/sparql-results+json", "application/json")
_TRIPLES = ("application/n-triples", "text/plain")
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def with_values(sparql: str, bindings: Bindings) -> str:
    """Insert ``VALUES (?a …) { (term …) }`` right after the opening brace of the outer WHERE group."""
    names = sorted(bindings)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(serialise(bindings[n]) for n in names)}) }} "
    seen_where = False
    first_brace = None
    for token in tokens(sparql):
        if token.word == "WHERE":
            seen_where = True
        elif token.kind == "other" and token.text == "{":
            if seen_where:
                return sparql[: token.end] + block + sparql[token.end:]
            first_brace = token.end if first_brace is None else first_brace
    if first_brace is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return sparql[:first_brace] + block + sparql[first_brace:]


def update_url(query_url: str) -> str:
    """Oxigraph and Fuseki take updates at …/update beside …/query; others at the same URL."""
    return query_url[: -len("query")] + "update" if query_url.rstrip("/").endswith("/query") else query_url


def query_url(update_endpoint: str) -> str:
    """The query endpoint beside an update endpoint ``…/update`` (Oxigraph, Fuseki); else the same URL."""
    stripped = update_endpoint.rstrip("/")
    return stripped[: -len("update")] + "query" if stripped.endswith("/update") else update_endpoint


class EndpointBackend(Backend):
    """A SPARQL 1.1 endpoint holding the plangraf graph."""

    kind = "endpoint"

    def __init__(self, url: str, graph: str | None = GRAPH_IRI, timeout: float | None = None) -> None:
        self.url = transport.check_url(url)
        self.graph = None if graph in (None, "default") else graph
        self.timeout = limits.timeout() if timeout is None else timeout

    def post(self, url: str, body: str, content_type: str, accept: str, params: dict[str, str]) -> transport.Answer:
        """Send one request; a successful answer, or an error naming the endpoint and what it said."""
        answer = transport.post(url, body.encode("utf-8"), {"Content-Type": content_type, "Accept": accept},
                                self.timeout, urlencode(params))
        if 200 <= answer.status < 300:
            return answer
        detail = " ".join(answer.body[:300].decode("utf-8", "replace").split()) or "(no message)"
        if 300 <= answer.status < 400:
            raise StoreError(f"SPARQL endpoint {url} answered HTTP {answer.status} {answer.reason}, a redirect to "
                             f"{answer.location or '(nowhere)'}, which plangraf does not follow: use that URL")
        if answer.status == 400:
            raise QueryError(f"endpoint {url} rejected the request (HTTP 400): {detail}")
        raise StoreError(f"SPARQL endpoint {url} answered HTTP {answer.status} {answer.reason}: {detail}")

    def query(self, sparql: str, bindings: Bindings | None = None, max_rows: int | None = None) -> QueryResult:
        text = prologue() + (with_values(sparql, bindings) if bindings else sparql)
        params = {"default-graph-uri": self.graph} if self.graph else {}
        try:
            answer = self.post(self.url, text, "application/sparql-query", _ACCEPT, params)
        except QueryError as exc:
            if is_update(sparql):
                raise syntax_error(exc, sparql) from None
            raise
        return read_answer(self.url, answer, max_rows)

    def update(self, sparql: str) -> None:
        text = prologue() + sparql
        self.post(update_url(self.url), text, "application/sparql-update", "*/*", {})

    def to_rdflib(self) -> Graph:
        result = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        if result.graph is None:
            raise StoreError(f"SPARQL endpoint {self.url} answered a CONSTRUCT query with solutions, not triples")
        return result.graph


def read_answer(url: str, answer: transport.Answer, max_rows: int | None = None) -> QueryResult:
    """The query result an endpoint sent: SPARQL results JSON or N-Triples, checked, or a StoreError."""
    media = answer.content_type.split(";")[0].strip().lower()
    if media not in _JSON + _TRIPLES:
        shown = f"content type {media}" if media else "no content type"
        raise StoreError(f"SPARQL endpoint {url} answered with {shown}, not SPARQL results; {answer.preview()}")
    try:
        text = answer.body.decode("utf-8")
        if media in _JSON:
            return _parse_json(json.loads(text), max_rows)
        graph = Graph()
        graph.parse(data=text, format="nt")
    except (ValueError, ParserError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        kind = "SPARQL results JSON" if media in _JSON else "N-Triples"
        reason = " ".join(str(exc).split())[:120]
        raise StoreError(f"SPARQL endpoint {url} sent an answer that is not valid {kind} ({reason}); "
                         f"{answer.preview()}") from None
    if max_rows is not None and len(graph) > max_rows:
        raise limits.too_many_rows(max_rows)
    return QueryResult("graph", graph=graph)


def _parse_json(data: Any, max_rows: int | None) -> QueryResult:
    if not isinstance(data, dict):
        raise ValueError("the answer is not a JSON object")
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise ValueError("'boolean' is neither true nor false")
        return QueryResult("ask", boolean=data["boolean"])
    head, results = data.get("head"), data.get("results")
    names = head.get("vars", []) if isinstance(head, dict) else None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ValueError("'head' has no list of variable names")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list) or not all(isinstance(binding, dict) for binding in bindings):
        raise ValueError("'results' has no list of bindings")
    if max_rows is not None and len(bindings) > max_rows:
        raise limits.too_many_rows(max_rows)
    rows = [tuple(_term(binding.get(name)) for name in names) for binding in bindings]
    return QueryResult("select", variables=names, rows=rows)


def _term(term: Any):
    if term is None:
        return None
    if not isinstance(term, dict) or not isinstance(term.get("value"), str):
        raise ValueError(f"a binding is not a term with a value: {str(term)[:40]}")
    kind, value = term.get("type"), term["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        language, datatype = term.get("xml:lang"), term.get("datatype")
        if not isinstance(language, str | None) or not isinstance(datatype, str | None):
            raise ValueError("a literal's language or datatype is not a string")
        return literal(value, language, datatype)
    raise ValueError(f"unknown term type {kind!r}")
