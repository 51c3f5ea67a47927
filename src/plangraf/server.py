"""`plangraf serve` (a local read-only Oxigraph SPARQL server) and `plangraf push` (load into an endpoint)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from plangraf.endpoint import GRAPH_IRI, EndpointBackend, update_url
from plangraf.errors import StoreError
from plangraf.store import Backend, load_into_oxigraph


def oxigraph_executable() -> str:
    """The ``oxigraph`` CLI from the PyPI package, next to this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    location: Path


def build_location(files: list[Path], folder: Path, graph: str = GRAPH_IRI) -> None:
    """An Oxigraph database folder with the ontology and data in the named graph ``graph``."""
    store = ox.Store(str(folder))
    staging = ox.Store()
    load_into_oxigraph(staging, files)
    target = ox.NamedNode(graph)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, target) for q in staging)
    store.flush()
    del store


def wait_until_ready(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    probe = url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"oxigraph server exited with code {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(probe, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise StoreError(f"oxigraph server at {url} did not answer within {seconds:g} s")


@contextmanager
def serving(files: list[Path], host: str = "127.0.0.1", port: int | None = None) -> Iterator[Server]:
    """Run a read-only Oxigraph server over the graph for the duration of the block."""
    with tempfile.TemporaryDirectory(prefix="plangraf-serve-") as tmp:
        location = Path(tmp) / "db"
        build_location(files, location)
        port = port or free_port(host)
        command = [oxigraph_executable(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://{host}:{port}/query"
        try:
            wait_until_ready(url, process)
            yield Server(process, url, location)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def push(backend: Backend, url: str, graph: str = GRAPH_IRI) -> int:
    """Replace named graph ``graph`` at the update endpoint ``url`` with the whole graph, in one request.

    One SPARQL update (DROP then INSERT DATA) runs as one transaction on the server, so readers see the old
    graph or the new one, never a half-loaded one. Returns the number of triples sent.
    """
    data = backend.to_rdflib().serialize(format="nt", encoding="utf-8").decode("utf-8")
    count = sum(1 for line in data.splitlines() if line.strip())
    update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{data}\n}} }}"
    endpoint = EndpointBackend(url, graph=graph)
    endpoint.post(update_url(url), update, "application/sparql-update", "*/*", {})
    return count
