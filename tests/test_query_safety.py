"""Hostile input and failing servers (issue 14, query side): parameters that cannot inject on any store,
bad queries that end in one line and exit 2, bounded time and size, no request to a host nobody named,
a `serve` that fails, reports and stops cleanly, and endpoints that misbehave in every way we know."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from fake_endpoint import MODES, fake_endpoint
from plangraf import queries
from plangraf.cli import main
from plangraf.endpoint import EndpointBackend
from plangraf.errors import QueryError, StoreError
from plangraf.guard import expand_escapes, read, tokens
from plangraf.limits import MAX_DEPTH, MAX_OPERATORS, MAX_QUERY_BYTES
from plangraf.server import free_port, oxigraph_executable, push, wait_until_ready
from plangraf.sparql import run
from plangraf.sparqlterms import check_iri, check_lexical, serialise
from plangraf.terms import plain

FIXTURES = Path(__file__).parent / "fixtures"
MINI = ("--data", str(FIXTURES / "mini"), "--ontology", str(FIXTURES / "mini"))  # 10 triples, no ontology
XSD = "http://www.w3.org/2001/XMLSchema#"
PROBE = ("SELECT ?a ?b ?l WHERE { ?s skos:prefLabel ?l }", ("a=x\n\\\"", "b=) } ?s ?p ?l } #"))
QUICK = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def invoke(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def one_line_error(result: Result) -> str:
    """The error line of a failed command, checked: exit 2, one line, no traceback, nothing on stdout."""
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.stdout)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def comparable(result) -> list:
    if result.kind == "ask":
        return [result.boolean]
    rows = [tuple("_:b" if isinstance(v, BNode) else plain(v) for v in row) for row in result.rows]
    return sorted(rows, key=repr)


# ------------------------------------------------------------------------------------ the term serialiser

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NASTY = st.sampled_from(["\\", '"', "'", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "\x85", "\u2028",
                         "{", "}", "(", ")", "#", "<", ">", ".", ";", "?l", "\\u0022", "\\u005C", "\\U0000007D",
                         '"""', "'''", "\\\\u0022", "é", "\U0001f600", "SERVICE <http://127.0.0.1:9/> {}"])
VALUES = st.lists(NASTY | TEXT, max_size=8).map("".join)


@QUICK
@given(VALUES, st.sampled_from([None, "sv", "en-GB"]))
def test_every_string_reads_back_as_itself_in_oxigraph(text: str, language: str | None) -> None:
    term = serialise(Literal(text, lang=language))
    found = list(ox.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {term} }} }}"))
    assert len(found) == 1 and found[0][0] == ox.Literal(text, language=language)


@QUICK
@given(VALUES)
def test_a_server_expanding_unicode_escapes_first_still_reads_one_string(text: str) -> None:
    """SPARQL 1.1 §19.2 lets \\u escapes be expanded before parsing (rdflib does): still one string token."""
    expanded = expand_escapes(serialise(Literal(text)))
    assert [t.kind for t in tokens(expanded)] == ["string"]


@pytest.mark.parametrize("char", [*'<>"{}|^`\\', " ", "\n", "\x00"])
def test_an_iri_with_a_forbidden_character_is_refused_naming_it(char: str) -> None:
    with pytest.raises(QueryError, match=r"is not a valid IRI: .* is not allowed in an IRI"):
        serialise(URIRef(f"http://example.org/a{char}b"))


@pytest.mark.parametrize("iri, problem", [("relative/path", "needs a scheme"), ("http://[::1", "not a valid IRI")])
def test_an_iri_that_is_not_absolute_or_well_formed_is_refused(iri: str, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        check_iri(iri)


@pytest.mark.parametrize("lexical, datatype, valid", [
    ("26", "integer", True), ("-0", "integer", True), ("2.5", "integer", False), ("5\n", "integer", False),
    ("127", "byte", True), ("128", "byte", False), ("0", "positiveInteger", False), ("1.", "decimal", True),
    ("1e3", "double", True), ("NaN", "double", True), ("-INF", "float", True), ("inf", "double", False),
    ("true", "boolean", True), ("yes", "boolean", False), ("2008-02-29", "date", True),
    ("2009-02-29", "date", False), ("2008-13-45", "date", False), ("2008-04-31", "date", False),
    ("2008-06-01Z", "date", True), ("2008-06-01T10:00:00", "dateTime", True), ("2008-06-01", "dateTime", False),
    ("24:00:00", "time", True), ("2009", "gYear", True), ("09", "gYear", False), ("2009-13", "gYearMonth", False),
    ("anything at all", "string", True),
])
def test_typed_literals_are_checked_against_their_datatype(lexical: str, datatype: str, valid: bool) -> None:
    if valid:
        assert check_lexical(lexical, XSD + datatype) == lexical
    else:
        with pytest.raises(QueryError, match=f"not a valid xsd:{datatype}"):
            check_lexical(lexical, XSD + datatype)


# ------------------------------------------------------------------------- the same answers on every store


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory, embedded) -> Iterator[EndpointBackend]:
    """A real `oxigraph serve` holding the graph, started and stopped by this module (by process id)."""
    port = free_port()
    process = subprocess.Popen([oxigraph_executable(), "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_ready(url, process)
        push(embedded, url)
        yield EndpointBackend(url, timeout=30)
    finally:
        process.terminate()
        process.wait(timeout=10)


def answers(stores: list, sparql: str, params: tuple[str, ...]) -> list:
    """Each store's rows for ``sparql`` with ``params`` (parsed once, as the CLI does)."""
    bindings = queries.parse_params(params)
    return [comparable(run(store, sparql, bindings)) for store in stores]


def test_the_probe_of_issue_14_binds_on_every_store(embedded, memory, endpoint) -> None:
    """A newline and an escaped quote in one value, SPARQL in the next: every label once, nothing more."""
    labels = len(embedded.query("SELECT ?l WHERE { ?s skos:prefLabel ?l }").rows)
    mine, theirs, remote = answers([embedded, memory, endpoint], *PROBE)
    assert len(mine) == labels and mine == theirs == remote
    assert {row[:2] for row in remote} == {("x\n\\\"", ") } ?s ?p ?l } #")}


LABELS = ['"Socialstyrelsen"@sv', '"RFSL"@sv', '"Rikspolisstyrelsen"@sv']
FORMS = VALUES | VALUES.map(lambda v: f'"{v}"@sv') | st.sampled_from(LABELS) | st.integers().map(str) | \
    st.sampled_from(["id:org-rfsl", "<https://w3id.org/plangraf/id/org-rfsl>", '"2009"^^xsd:gYear', "<a b>", "x=y"])


@settings(QUICK, max_examples=60)
@given(FORMS, FORMS)
def test_random_parameters_give_the_same_answers_on_every_store(embedded, memory, endpoint, label: str,
                                                                  other: str) -> None:
    stores = [embedded, memory, endpoint]
    for sparql, params in [("SELECT ?s ?l WHERE { ?s skos:prefLabel ?l }", (f"l={label}",)),
                           ("SELECT ?a ?b ?l WHERE { id:org-rfsl skos:prefLabel ?l }", (f"a={label}", f"b={other}"))]:
        try:
            found = answers(stores, sparql, params)
        except QueryError as exc:  # a value refused before any store saw it
            assert str(exc).startswith("--param ")
            continue
        assert found[0] == found[1] == found[2], (params, found)


# ---------------------------------------------------------------------------------- bad input, one line


def nested(depth: int) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o " + "} " * depth


BAD_QUERIES = [
    ((*MINI, "query", "SELECT ?s WHERE { ?s ?p ?o }", "--param", "s=<http://x/a>b>"), "--param s: <http://x/a>b> is not"),
    ((*MINI, "query", "SELECT ?s WHERE { ?s ?p ?o }", "--param", "s=<http://x/{a}>"), "'{' is not allowed in an IRI"),
    ((*MINI, "query", "SELECT ?s WHERE { ?s ?p ?o }", "--param", "s=<relative>"), "needs a scheme"),
    ((*MINI, "query", "SELECT ?d WHERE { ?s ?p ?d }", "--param", 'd="2008-13-45"^^xsd:date'),
     "--param d: '2008-13-45' is not a valid xsd:date"),
    ((*MINI, "query", "SELECT ?d WHERE { ?s ?p ?d }", "--param", 'd="300"^^xsd:byte'), "not a valid xsd:byte"),
    ((*MINI, "query", "SELECT ?d WHERE { ?s ?p ?d }", "--param", "d=\udcff"), "--param d: the value is not valid UTF-8"),
    ((*MINI, "--store", "memory", "query", 'SELECT ?s WHERE { ?s ?p ?o FILTER regex(?o, "(") }'), "query failed"),
    ((*MINI, "query", nested(MAX_DEPTH + 1)), f"nests brackets {MAX_DEPTH + 1} deep"),
    ((*MINI, "query", "SELECT * WHERE { ?s ?p ?o " + "FILTER(true) " * MAX_OPERATORS + "}"), "operators"),
    ((*MINI, "query", f"SELECT * WHERE {{ ?s ?p \"{'x' * MAX_QUERY_BYTES}\" }}"), "bytes long"),
    ((*MINI, "query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"), "--allow-service"),
    ((*MINI, "query", "select * { service silent ?where { ?s ?p ?o } }"), "SERVICE ?where"),
    ((*MINI, "query", "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"), "--allow-service"),
    ((*MINI, "query", "INSERT DATA { id:x a pg:Action }"), "--allow-update"),
    ((*MINI, "query", "SELECT * WHERE { ?s ?p ?o }", "--limit-rows", "3"), "more than 3 rows (--limit-rows 3)"),
    ((*MINI, "query", "CONSTRUCT WHERE { ?s ?p ?o }", "--limit-rows", "3"), "more than 3 rows"),
    (("--store", "http://[::1", "stats"), "malformed endpoint URL 'http://[::1'"),
    (("--store", "http://host:abc/query", "stats"), "malformed endpoint URL"),
    (("--store", "http://host:99999/query", "stats"), "malformed endpoint URL"),
    (("--store", "http:///query", "stats"), "malformed endpoint URL"),
    (("--store", "http://a b/query", "stats"), "malformed endpoint URL"),
    (("--timeout", "abc", "stats"), "--timeout must be a positive number of seconds, got 'abc'"),
    (("--timeout", "0", "stats"), "--timeout must be a positive"),
    (("--timeout", "nan", "stats"), "--timeout must be a positive"),
]


@pytest.mark.parametrize("args, message", BAD_QUERIES, ids=lambda v: str(v)[-40:] if isinstance(v, str) else None)
def test_bad_queries_end_in_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    assert message in one_line_error(invoke(*args))


@pytest.mark.parametrize("value", ["abc", "-1", "0", "inf", ""])
def test_a_bad_timeout_variable_is_named(value: str) -> None:
    line = one_line_error(invoke(*MINI, "stats", env={"PLANGRAF_TIMEOUT": value}))
    assert f"PLANGRAF_TIMEOUT must be a positive number of seconds, got '{value}'" in line


def test_query_files_and_input_that_are_not_utf8_are_named(tmp_path: Path) -> None:
    binary = tmp_path / "binary.rq"
    binary.write_bytes(b"\xff\xfe\x00SELECT")
    assert f"query file {binary} is not UTF-8 text (byte 0xff at offset 0)" in \
        one_line_error(invoke(*MINI, "query", str(binary)))
    assert "standard input is not UTF-8" in one_line_error(invoke(*MINI, "query", "-", input=b"SELECT \xc3("))
    bom = tmp_path / "bom.rq"
    bom.write_bytes(b"\xef\xbb\xbfASK { ?s ?p ?o }")
    assert invoke(*MINI, "query", str(bom)).stdout.strip() == "true"


@pytest.mark.parametrize("store", ["embedded", "memory"])
def test_order_by_over_nan_and_ill_typed_numbers_is_answered(store: str) -> None:
    result = invoke(*MINI, "--store", store, "query", "SELECT ?x WHERE { VALUES ?x { \"NaN\"^^xsd:double 2 1 "
                    "\"abc\"^^xsd:integer } } ORDER BY ?x", "--format", "json")
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert [row["x"] for row in json.loads(result.stdout)][:2] == [1, 2]


@pytest.mark.parametrize("text", ['SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> {}" }',
                                  "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
                                  "SELECT * WHERE { ?s <http://x/SERVICE> ?service }",
                                  "PREFIX service: <http://x/> SELECT * WHERE { ?s service:SERVICE ?o }"])
def test_the_word_service_outside_a_service_clause_is_no_call(text: str) -> None:
    assert read(text).services == ()
    assert invoke(*MINI, "query", text).exit_code == 0


def test_an_update_never_reaches_an_endpoint_without_allow_update() -> None:
    with fake_endpoint("empty") as fake:
        refused = invoke("--store", fake.url, "query", "INSERT DATA { <http://x/a> <http://x/b> 1 }")
        assert "--allow-update" in one_line_error(refused)
        assert fake.requests and not any(b"INSERT" in request for request in fake.requests)


# ------------------------------------------------------------------------------------ bounded in time


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(9)) + " }"  # 10⁹ rows


@pytest.mark.parametrize("store", ["embedded", "memory"])
def test_a_query_past_its_time_ends_with_exit_2(store: str) -> None:
    """In a process of its own: the abandoned query thread ends with it."""
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "plangraf", *MINI, "--timeout", "1", "--store", store, "query",
                           CROSS_JOIN],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.strip() == (
        "Error: query took longer than 1 s (--timeout): raise the limit with --timeout SECONDS or PLANGRAF_TIMEOUT, "
        "or narrow the query")
    assert time.monotonic() - started < 20


def test_a_query_at_the_limits_runs_on_the_engine() -> None:
    """At both refusal limits (198 nested FILTER NOT EXISTS around 600 BINDs) Oxigraph neither crashes nor
    is refused; in a process of its own in case it would crash."""
    text = ("SELECT * WHERE { ?s ?p ?o " + "FILTER NOT EXISTS { ?s ?p ?o " * 198
            + "".join(f"BIND(1 AS ?b{i}) " for i in range(600)) + "} " * 198 + "}")
    assert read(text).depth == MAX_DEPTH and MAX_OPERATORS - 10 <= read(text).operators <= MAX_OPERATORS
    proc = subprocess.run([sys.executable, "-m", "plangraf", *MINI, "query", text, "--format", "csv"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


# ------------------------------------------------------------------------------- misbehaving endpoints

ENDPOINT_COMMANDS = {"query": ["query", "SELECT * WHERE { ?s ?p ?o }"], "stats": ["stats"],
                     "report": ["report", "gaps"], "push": ["push"]}


@pytest.mark.parametrize("command", list(ENDPOINT_COMMANDS))
@pytest.mark.parametrize("mode", [m for m in MODES if m != "empty"])
def test_a_misbehaving_endpoint_is_one_line_naming_it_and_what_came_back(mode: str, command: str) -> None:
    with fake_endpoint(mode) as fake:
        args = [*MINI, "--timeout", "0.5"]
        args += [*ENDPOINT_COMMANDS[command], fake.url] if command == "push" else \
            ["--store", fake.url, *ENDPOINT_COMMANDS[command]]
        started = time.monotonic()
        line = one_line_error(invoke(*args))
        assert time.monotonic() - started < 3
    assert fake.url.rsplit("/", 1)[0] in line and MODES[mode][1] in line


# --------------------------------------------------------------------------------------------------- serve


def start_serve(*args: str) -> tuple[subprocess.Popen, str, int, Path]:
    """`plangraf serve` on the tiny graph: the process, its URL, its Oxigraph child's pid and store folder."""
    process = subprocess.Popen([sys.executable, "-m", "plangraf", *MINI, "serve", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    url = process.stdout.readline().split()[2]
    words = process.stderr.readline().split()  # Oxigraph pid N, temporary store DIR
    return process, url, int(words[2].rstrip(",")), Path(words[-1])


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    process, url, _, _ = start_serve("--port", "0")
    yield url
    process.send_signal(signal.SIGINT)
    process.wait(timeout=20)


def post(url: str, body: bytes, content_type: str = "application/sparql-query") -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type,
                                                              "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_serve_refuses_service_updates_and_queries_past_the_engine_limits(served: str) -> None:
    status, body = post(served, b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert status == 403 and b"never runs federated queries" in body
    assert post(served, b"INSERT DATA { <http://x/a> <http://x/b> 1 }")[0] == 403
    assert post(served.replace("/query", "/update"), b"update=DROP+ALL", "application/x-www-form-urlencoded")[0] == 403
    status, body = post(served, nested(3000).encode())
    assert status == 413 and b"nests brackets 3000 deep" in body
    status, body = post(served, b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # still alive
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_serve_on_a_busy_port_fails_at_once() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "plangraf", *MINI, "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == (f"Error: port {port} on 127.0.0.1 is in use by another program: stop it, or "
                                   "choose another --port (0 picks a free one)")


def test_serve_stops_its_child_and_removes_its_store_on_sigterm() -> None:
    process, _, child, store = start_serve("--port", "0")
    assert store.exists() and not gone(child)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert gone(child) and not store.parent.exists()


def test_serve_reports_a_crash_of_its_oxigraph_child() -> None:
    process, url, child, store = start_serve("--port", "0")
    os.kill(child, signal.SIGKILL)
    assert process.wait(timeout=20) == 2
    assert process.stderr is not None
    error = process.stderr.read().strip()
    assert len(error.splitlines()) == 1 and error.startswith(
        f"Error: the Oxigraph server (pid {child}) behind {url} stopped unexpectedly (killed by signal 9, SIGKILL)")
    assert not store.parent.exists()


def test_serve_reports_an_oxigraph_that_dies_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Oxigraph cannot bind its private port (taken here on purpose): serve says so instead of waiting."""
    from plangraf import server
    from plangraf.loading import source_files

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        monkeypatch.setattr(server, "free_port", lambda host="127.0.0.1": holder.getsockname()[1])
        files = source_files([FIXTURES / "mini"], FIXTURES / "mini")
        expected = r"oxigraph server ended before it was ready \(exit code 1\); it said: "
        with pytest.raises(StoreError, match=expected), server.serving(files, port=0):
            pass


# ------------------------------------------------------------------------------------- no traceback, ever

FRAGMENTS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "INSERT DATA", "DELETE WHERE", "WHERE", "*", "{", "}", "(",
             ")", ".", ";", ",", "?s", "?p", "?o", "$x", "pg:number", "skos:prefLabel", "a", "FILTER", "OPTIONAL",
             "UNION", "MINUS", "BIND", "AS", "VALUES", "GRAPH", "SERVICE", "SILENT", "ORDER BY", "GROUP BY",
             "LIMIT", "OFFSET", "1", "-1", "1e999", '"NaN"^^xsd:double', '"abc"^^xsd:integer', '"x"@sv', "<http://x/>",
             "<bad iri>", 'regex(?o, "(")', "xsd:integer(?o)", "COUNT(*)", "STRDT(", "?o / 0", "#", "\n", '"""',
             "'", "\\u0053", "\\", "\x00", "\udcff", "PREFIX ex: <http://x/>", "BASE <rel>"]
CLAUSES = ["?s skos:prefLabel ?l .", "OPTIONAL { ?s pg:number ?n }", "FILTER(?o != 1)", 'FILTER(regex(str(?o), "("))',
           'FILTER(regex(str(?o), "a", "zq"))', "BIND(?o / 0 AS ?z)", "BIND(xsd:integer(?o) AS ?i)",
           'VALUES ?o { 1 "a" "NaN"^^xsd:double "abc"^^xsd:integer }', "FILTER(xsd:date(?o) > \"2008-13-45\"^^xsd:date)",
           "{ ?s a ?t } UNION { ?t a ?s }", "MINUS { ?s a pg:Action }", "FILTER NOT EXISTS { ?o ?q ?s }",
           "BIND(STRDT(str(?o), xsd:double) AS ?d)", "FILTER(lang(?o) = 'sv')", "BIND(IRI(str(?o)) AS ?iri)",
           "BIND(SUBSTR(str(?o), -5, 1e9) AS ?cut)", "BIND(<http://x/{bad}> AS ?bad)", "?s ?p2 ?o2 ."]
HEADS = ["SELECT *", "SELECT ?s ?o", "SELECT DISTINCT ?o", "SELECT (COUNT(*) AS ?n)", "ASK", "CONSTRUCT { ?s ?p ?o }",
         "DESCRIBE ?s", "SELECT (SUM(?o) AS ?sum) (AVG(?o) AS ?avg)", "SELECT (MAX(?o) AS ?m) (GROUP_CONCAT(?o) AS ?g)"]
TAILS = ["", "ORDER BY ?o", "ORDER BY DESC(?o) ?s", "ORDER BY (?o + 1)", "LIMIT 3", "LIMIT 0 OFFSET 99999999999",
         "GROUP BY ?s", "ORDER BY ?n"]
VALID = st.builds(lambda head, clauses, tail: f"{head} WHERE {{ ?s ?p ?o {' '.join(clauses)} }} {tail}",
                  st.sampled_from(HEADS), st.lists(st.sampled_from(CLAUSES), max_size=3), st.sampled_from(TAILS))
MUTATED = st.tuples(VALID, st.integers(0, 300), st.sampled_from(FRAGMENTS) | st.text(max_size=2)).map(
    lambda t: t[0][: t[1]] + t[2] + t[0][t[1]:])
RANDOM = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=14).map(" ".join)
PARAMS = st.lists(st.tuples(st.sampled_from(["s", "o", "x", "?n", "bad name", ""]), FORMS | RANDOM)
                  .map(lambda t: f"{t[0]}={t[1]}"), max_size=2)


@settings(QUICK, max_examples=800)
@given(VALID | MUTATED | RANDOM, st.just([]) | PARAMS, st.sampled_from(["embedded", "memory"]))
def test_any_query_and_parameters_exit_0_1_or_2_without_a_traceback(text: str, params: list[str], store: str) -> None:
    """Exit 0, 1 or 2; no exception escapes main(); a plangraf error is one line (click's usage errors are
    click's own three)."""
    args = [*MINI, "--store", store, "--timeout", "5", "query", text, "--limit-rows", "100"]
    for param in params:
        args += ["--param", param]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.stderr
    if result.stderr.startswith("Error:"):
        assert len(result.stderr.splitlines()) == 1, result.stderr
