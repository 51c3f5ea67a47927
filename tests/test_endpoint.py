"""A real Oxigraph server on 127.0.0.1: push, query through --store URL, differential results across the three
stores, and clear errors for unreachable or failing endpoints."""

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import BNode

from plangraf import queries
from plangraf.endpoint import EndpointBackend, with_values
from plangraf.server import free_port, oxigraph_executable, wait_until_ready
from plangraf.terms import plain

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """`oxigraph serve` (read-write) started by the test, stopped by its process id."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([oxigraph_executable(), "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    wait_until_ready(url, process)
    yield url
    process.terminate()
    process.wait(timeout=10)


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def pushed(server: str, embedded) -> EndpointBackend:
    proc = run("push", server)
    assert proc.returncode == 0, proc.stderr
    assert f"pushed {embedded.triple_count()} triples" in proc.stdout
    return EndpointBackend(server)


def comparable(result) -> list:
    if result.kind == "ask":
        return [result.boolean]
    rows = [tuple("_:b" if isinstance(v, BNode) else plain(v) for v in row) for row in result.rows]
    return sorted(rows, key=repr)


@pytest.mark.parametrize("name", sorted(queries.bundled()))
def test_every_named_query_gives_identical_results_on_all_stores(name: str, embedded, memory, pushed) -> None:
    text = queries.get(name).text
    expected = comparable(embedded.query(text))
    assert comparable(memory.query(text)) == expected
    assert comparable(pushed.query(text)) == expected


def test_bound_parameters_on_the_endpoint(pushed, embedded) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    text = queries.get("actions").text
    binding = {"number": Literal(26, datatype=XSD.integer)}
    assert comparable(pushed.query(text, binding)) == comparable(embedded.query(text, binding))
    sneaky = {"s": URIRef("https://w3id.org/plangraf/id/x"), "name": Literal('"} ; DROP ALL')}
    assert pushed.query("SELECT ?s ?name WHERE { ?s skos:prefLabel ?name }", sneaky).rows == []
    assert pushed.triple_count() == embedded.triple_count()


def test_values_block_goes_into_the_outer_where_group() -> None:
    from rdflib import Literal

    text = with_values('CONSTRUCT { ?s ?p "WHERE {" } WHERE { ?s ?p ?o } # WHERE {', {"o": Literal("x")})
    assert text == 'CONSTRUCT { ?s ?p "WHERE {" } WHERE { VALUES (?o) { ("x") }  ?s ?p ?o } # WHERE {'


def test_cli_runs_on_the_endpoint(server: str, pushed) -> None:
    local = json.loads(run("stats", "--format", "json").stdout)
    remote = json.loads(run("--store", server, "stats", "--format", "json").stdout)
    assert remote == local
    card = json.loads(run("--store", server, "action", "26", "--format", "json").stdout)
    assert card["number"] == 26 and card["assignments"]


def test_push_replaces_the_named_graph(server: str, pushed, embedded) -> None:
    mini = run("--data", str(FIXTURES / "mini"), "push", server)
    assert mini.returncode == 0, mini.stderr
    assert EndpointBackend(server).triple_count() < embedded.triple_count()
    again = run("push", server)
    assert again.returncode == 0
    assert EndpointBackend(server).triple_count() == embedded.triple_count()


def test_unreachable_endpoint_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    proc = run("--store", url, "stats")
    assert proc.returncode == 2 and url in proc.stderr and "cannot reach" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_http_error_names_url_and_status(server: str) -> None:
    url = server.replace("/query", "/nowhere")
    proc = run("--store", url, "stats")
    assert proc.returncode == 2 and url in proc.stderr and "HTTP 404" in proc.stderr


def test_silent_endpoint_times_out(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
    started = time.monotonic()
    proc = run("--store", f"http://127.0.0.1:{port}/query", "stats", env_extra={"PLANGRAF_TIMEOUT": "1"})
    assert proc.returncode == 2 and "timed out" in proc.stderr.lower() and "timeout 1 s" in proc.stderr
    assert time.monotonic() - started < 30
    listener.close()


def test_serve_starts_a_read_only_endpoint() -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "plangraf", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/query"
        line = process.stdout.readline()
        assert url in line
        remote = json.loads(run("--store", url, "query", "actions", "--param", "number=7", "--format", "json").stdout)
        assert [r["number"] for r in remote] == [7]
        refused = run("--store", url, "query", "INSERT DATA { id:x a pg:Action }", "--allow-update")
        assert refused.returncode == 2
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_reports_are_identical_on_the_endpoint(pushed, embedded) -> None:
    """The endpoint fetches labels and evidence in bulk, the embedded store per node: same report."""
    from plangraf.reports import build_report

    ours = [s.as_dict() for s in build_report(embedded, "all")]
    theirs = [s.as_dict() for s in build_report(pushed, "all")]
    assert [s["id"] for s in theirs] == [s["id"] for s in ours]
    for mine, other in zip(ours, theirs, strict=True):
        assert other == mine, mine["id"]
