"""`plangraf serve` (a local read-only SPARQL endpoint) and `plangraf push` (load into an endpoint).

``serve`` runs Oxigraph's server (``oxigraph serve-read-only``) on a private loopback port and answers
the public address itself, through a small proxy that reads every query before Oxigraph sees it
(:mod:`plangraf.guard`): updates and ``SERVICE`` calls are refused (Oxigraph's server has no switch to
turn federation off), and so are queries too large or too deep for the engine, which would crash it.
Only ``/query`` is served (GET with ``query=``, or POST as ``application/sparql-query`` or a form).
Each query has the time limit (``--timeout``) in the proxy and in Oxigraph.
"""

from __future__ import annotations

import errno
import math
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox

from plangraf import limits, transport
from plangraf.endpoint import GRAPH_IRI, EndpointBackend, query_url, update_url
from plangraf.errors import LimitError, PlangrafError, StoreError
from plangraf.guard import check
from plangraf.store import Backend, load_into_oxigraph

_GRAPH_PARAMS = ("default-graph-uri", "named-graph-uri")
MAX_REQUEST_BYTES = 3 * limits.MAX_QUERY_BYTES + 4096  # a form-encoded query of the largest size allowed


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


def build_location(files: list[Path], folder: Path, graph: str = GRAPH_IRI) -> None:
    """An Oxigraph database folder with the ontology and data in the named graph ``graph``."""
    store = ox.Store(str(folder))
    staging = ox.Store()
    load_into_oxigraph(staging, files)
    target = ox.NamedNode(graph)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, target) for q in staging)
    store.flush()
    del store


def last_line(log: Path | None) -> str:
    """The last thing a child process wrote to its log, as '; it said: …', or ''."""
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines() if log and log.exists() else []
    return f"; it said: {' '.join(lines[-1].split())[:200]}" if lines else ""


def wait_until_ready(url: str, process: subprocess.Popen, seconds: float = 20.0, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    probe = url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"oxigraph server ended before it was ready ({how_it_ended(process.returncode)})"
                             f"{last_line(log)}")
        try:
            with urllib.request.urlopen(probe, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise StoreError(f"oxigraph server at {url} did not answer within {seconds:g} s")


def how_it_ended(code: int) -> str:
    """A child process's return code in words."""
    if code >= 0:
        return f"exit code {code}"
    try:
        return f"killed by signal {-code}, {signal.Signals(-code).name}"
    except ValueError:
        return f"killed by signal {-code}"


@dataclass
class Server:
    process: subprocess.Popen  # the Oxigraph child, on a private loopback port
    url: str  # the public query endpoint (the proxy)
    location: Path  # the temporary store, removed when serving ends
    log: Path  # what the Oxigraph child wrote

    def wait(self) -> None:
        """Block while the Oxigraph child runs; its end (it never ends on its own) is a StoreError."""
        code = self.process.wait()
        raise StoreError(f"the Oxigraph server (pid {self.process.pid}) behind {self.url} stopped unexpectedly "
                         f"({how_it_ended(code)}){last_line(self.log)}")


class _Proxy(ThreadingHTTPServer):
    daemon_threads = True
    upstream = ""
    timeout_seconds = limits.DEFAULT_TIMEOUT


class _Handler(BaseHTTPRequestHandler):
    """``/query`` only; each query is read (guard) before it is passed on to Oxigraph."""

    server: _Proxy
    timeout = 30  # seconds a client may take to send each part of its request
    server_version = "plangraf"

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged (a supervisor's log would fill with them)."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/query":
            return self._reply(404, "not found: plangraf serve answers SPARQL queries at /query only")
        params = parse_qs(parts.query)
        if "query" not in params:
            return self._reply(400, "no query: send ?query=… or POST one")
        return self._forward(params["query"][0], params)

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/update":
            return self._reply(403, "plangraf serve is read-only: updates are refused")
        if parts.path != "/query":
            return self._reply(404, "not found: plangraf serve answers SPARQL queries at /query only")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._reply(411, "a POST needs a Content-Length")
        if not 0 <= length <= MAX_REQUEST_BYTES:
            return self._reply(413, f"the request is {length:,} bytes; queries of up to "
                                    f"{limits.MAX_QUERY_BYTES:,} bytes are run")
        body = self.rfile.read(length)
        params = parse_qs(parts.query)
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            if media == "application/sparql-query":
                return self._forward(body.decode("utf-8"), params)
            if media == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("ascii"), errors="strict")
                if "query" in form:
                    return self._forward(form["query"][0], {**params, **form})
                if "update" in form:
                    return self._reply(403, "plangraf serve is read-only: updates are refused")
                return self._reply(400, "no query in the form")
        except UnicodeDecodeError:
            return self._reply(400, "the query is not UTF-8 text")
        if media == "application/sparql-update":
            return self._reply(403, "plangraf serve is read-only: updates are refused")
        return self._reply(415, "send a query as application/sparql-query or an HTML form")

    def _forward(self, text: str, params: dict[str, list[str]]) -> None:
        try:
            shape = check(text, allow_service=True)
        except LimitError as exc:
            return self._reply(413, str(exc))
        except PlangrafError as exc:
            return self._reply(400, str(exc))
        if shape.is_update:
            return self._reply(403, "plangraf serve is read-only: updates are refused")
        if shape.services:
            return self._reply(403, f"plangraf serve never runs federated queries: SERVICE {shape.services[0]} "
                                    "is refused")
        graphs = urlencode([(name, value) for name in _GRAPH_PARAMS for value in params.get(name, [])])
        headers = {"Content-Type": "application/sparql-query", "Accept": self.headers.get("Accept") or "*/*"}
        try:
            answer = transport.post(self.server.upstream, text.encode("utf-8"), headers, self.server.timeout_seconds,
                                    graphs)
        except PlangrafError as exc:
            return self._reply(502, f"the SPARQL engine failed: {exc}")
        return self._reply(answer.status, answer.body, answer.content_type or "application/octet-stream")

    def _reply(self, status: int, body: str | bytes, content_type: str = "text/plain; charset=utf-8") -> None:
        data = body.encode("utf-8") + b"\n" if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client went away; nothing to tell it


def _listen(host: str, port: int) -> _Proxy:
    """The public socket, bound before anything else starts: a busy port is an error at once."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (socket.gaierror, UnicodeError) as exc:
        raise StoreError(f"cannot listen on {host}: {exc}") from None
    proxy_class = type("Proxy", (_Proxy,), {"address_family": family})
    try:
        return proxy_class((host, port), _Handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise StoreError(f"port {port} on {host} is in use by another program: stop it, or choose another "
                             "--port (0 picks a free one)") from None
        if exc.errno == errno.EACCES:
            raise StoreError(f"not allowed to listen on {host} port {port} (ports below 1024 need root)") from None
        raise StoreError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None


@contextmanager
def serving(files: list[Path], host: str = "127.0.0.1", port: int | None = None,
            timeout: float = limits.DEFAULT_TIMEOUT) -> Iterator[Server]:
    """Serve the graph read-only for the duration of the block; the Oxigraph child is stopped and the
    temporary store removed however the block ends (an error, Ctrl-C, SIGTERM)."""
    proxy = _listen(host, port or 0)
    proxy.timeout_seconds = timeout
    try:
        with tempfile.TemporaryDirectory(prefix="plangraf-serve-") as tmp:
            location, log = Path(tmp) / "db", Path(tmp) / "oxigraph.log"
            build_location(files, location)
            inner = free_port()
            command = [oxigraph_executable(), "serve-read-only", "--location", str(location),
                       "--bind", f"127.0.0.1:{inner}", "--timeout-s", str(math.ceil(timeout))]
            with log.open("wb") as sink:
                process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink)
            answering = threading.Thread(target=proxy.serve_forever, name="plangraf-serve", daemon=True)
            try:
                proxy.upstream = f"http://127.0.0.1:{inner}/query"
                wait_until_ready(proxy.upstream, process, log=log)
                answering.start()
                bound_host, bound_port = proxy.server_address[:2]
                shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
                yield Server(process, f"http://{shown}:{bound_port}/query", location, log)
            finally:
                if answering.is_alive():
                    proxy.shutdown()
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    finally:
        proxy.server_close()


def push(backend: Backend, url: str, graph: str = GRAPH_IRI) -> int:
    """Replace named graph ``graph`` at the update endpoint ``url`` with the whole graph, in one request.

    One SPARQL update (DROP then INSERT DATA) runs as one transaction on the server, so readers see the old
    graph or the new one, never a half-loaded one. The graph is then counted through the query endpoint
    beside it: an answer that only looked like success (a login page, a proxy's error page) is an error.
    Returns the number of triples sent.
    """
    data = backend.to_rdflib().serialize(format="nt", encoding="utf-8").decode("utf-8")
    count = sum(1 for line in data.splitlines() if line.strip())
    update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{data}\n}} }}"
    target = update_url(url)
    answer = EndpointBackend(target, graph=graph).post(target, update, "application/sparql-update", "*/*", {})
    reader = EndpointBackend(query_url(target), graph=None)
    result = reader.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    try:
        found = int(str(result.rows[0][0]))
    except (IndexError, ValueError):
        raise StoreError(f"SPARQL endpoint {reader.url} did not count the triples of <{graph}> after the push "
                         f"(it answered {result.rows[:1]!r})") from None
    if found != count:
        raise StoreError(f"SPARQL endpoint {target} answered the update with HTTP {answer.status}, but <{graph}> "
                         f"at {reader.url} holds {found:,} triples, not the {count:,} sent; {answer.preview()}")
    return count
