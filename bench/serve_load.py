"""Load benchmark of `plangraf serve`: concurrent readers sending the bundled named queries over loopback.

Starts `plangraf serve` on the real data (127.0.0.1, a free port), then CLIENTS threads send REQUESTS
queries between them: every bundled named query, unbound and (where it has parameters) bound to a value
taken from the graph, as `--store URL` would send it, in a shuffled mix with a fixed seed. Each request
must answer HTTP 200 with SPARQL results; anything else is an error. The run is bounded (--deadline
seconds in all, --timeout seconds a request). Prints throughput, p50/p95/max latency and errors, and
appends them to bench/RESULTS.md. With --direct, the same mix is also sent to Oxigraph's own server on the
same store, without serve's checking proxy, to show what the proxy costs.

Usage: .venv/bin/python bench/serve_load.py [--clients 16] [--requests 2000] [--deadline 600] [--direct] [--no-append]
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from plangraf import queries
from plangraf.endpoint import GRAPH_IRI, prologue, with_values
from plangraf.loading import load, source_files
from plangraf.server import build_location, free_port, oxigraph_executable, wait_until_ready

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"


def request_mix(count: int) -> list[tuple[str, str]]:
    """``count`` (name, query text) pairs: each named query unbound, and bound to a value from the graph."""
    local = load()
    kinds: list[tuple[str, str]] = []
    for name, named in queries.bundled().items():
        kinds.append((name, prologue() + named.text))
        bindings = {}
        for param in named.params:
            result = local.query(named.text)
            if param.name in result.variables:
                index = result.variables.index(param.name)
                found = next((row[index] for row in result.rows if row[index] is not None), None)
                if found is not None:
                    bindings[param.name] = found
        if bindings:
            kinds.append((f"{name} (bound)", prologue() + with_values(named.text, bindings)))
    chosen = [kinds[i % len(kinds)] for i in range(count)]
    random.Random(14).shuffle(chosen)
    return chosen


def start_direct(folder: Path) -> tuple[subprocess.Popen, str]:
    """Oxigraph's read-only server alone, on a store built as serve builds it."""
    location = folder / "db"
    build_location(source_files(), location)
    url = f"http://127.0.0.1:{free_port()}/query"
    process = subprocess.Popen([oxigraph_executable(), "serve-read-only", "--location", str(location), "--bind",
                                urlsplit(url).netloc], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_ready(url, process)
    return process, url


def start_serve() -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "plangraf", "serve", "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        raise SystemExit(f"plangraf serve did not start (exit code {process.wait()})")
    return process, line.split()[2]


def send(url: str, text: str, timeout: float) -> tuple[float, int, str]:
    """Latency (s), bytes and '' for a good answer, or the error."""
    parts = urlsplit(url)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("POST", f"{parts.path}?{urlencode({'default-graph-uri': GRAPH_IRI})}",
                           body=text.encode("utf-8"), headers={"Content-Type": "application/sparql-query",
                                                               "Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        body = response.read()
        error = "" if response.status == 200 and body.startswith(b"{") else f"HTTP {response.status}: {body[:80]!r}"
        return time.perf_counter() - started, len(body), error
    except OSError as exc:
        return time.perf_counter() - started, 0, f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    by_query: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    size: int = 0
    skipped: int = 0
    wall: float = 0.0

    def rows(self) -> list[tuple[str, str]]:
        ordered = sorted(self.latencies)
        p95 = statistics.quantiles(ordered, n=20)[-1] if len(ordered) > 1 else ordered[0]
        slowest = sorted(((statistics.median(v), k) for k, v in self.by_query.items()), reverse=True)[:5]
        return [("requests sent", f"{len(ordered):,} ({self.skipped:,} past the deadline)"),
                ("errors", f"{len(self.errors):,}"),
                ("wall time", f"{self.wall:.2f} s"),
                ("throughput", f"{len(ordered) / self.wall:.1f} requests/s"),
                ("latency p50", f"{statistics.median(ordered) * 1000:.1f} ms"),
                ("latency p95", f"{p95 * 1000:.1f} ms"),
                ("latency max", f"{ordered[-1] * 1000:.1f} ms"),
                ("answers", f"{self.size / 1e6:.1f} MB"),
                ("slowest queries (median)", "; ".join(f"{n} {sec * 1000:.0f} ms" for sec, n in slowest))]


def measure(url: str, mix: list[tuple[str, str]], clients: int, deadline: float, timeout: float) -> Run:
    run = Run()
    lock = threading.Lock()
    end = time.monotonic() + deadline

    def one(item: tuple[str, str]) -> None:
        if time.monotonic() > end:
            with lock:
                run.skipped += 1
            return
        seconds, size, error = send(url, item[1], timeout)
        with lock:
            run.latencies.append(seconds)
            run.by_query[item[0]].append(seconds)
            run.size += size
            if error:
                run.errors.append(f"{item[0]}: {error}")

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, mix))
    run.wall = time.perf_counter() - started
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--deadline", type=float, default=600.0, help="Seconds for each run.")
    parser.add_argument("--timeout", type=float, default=60.0, help="Seconds for one request.")
    parser.add_argument("--direct", action="store_true", help="Also measure Oxigraph's server alone.")
    parser.add_argument("--no-append", action="store_true", help="Do not append the results to bench/RESULTS.md.")
    args = parser.parse_args()

    mix = request_mix(args.requests)
    runs: dict[str, Run] = {}
    process, url = start_serve()
    try:
        runs["plangraf serve"] = measure(url, mix, args.clients, args.deadline, args.timeout)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    if args.direct:
        with tempfile.TemporaryDirectory() as tmp:
            process, url = start_direct(Path(tmp))
            try:
                runs["Oxigraph alone"] = measure(url, mix, args.clients, args.deadline, args.timeout)
            finally:
                process.terminate()
                process.wait(timeout=30)

    columns = {name: dict(run.rows()) for name, run in runs.items()}
    measures = [m for m, _ in next(iter(runs.values())).rows()]
    table = "\n".join([f"| measure | {' | '.join(columns)} |", "|---|" + "---|" * len(columns),
                       *(f"| {m} | {' | '.join(c[m] for c in columns.values())} |" for m in measures)])
    kinds = len({name for name, _ in mix})
    flags = " --direct" if args.direct else ""
    section = (f"\n## `plangraf serve` under load\n\nMachine: {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, {platform.system()}. Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
               f"`bench/serve_load.py --clients {args.clients} --requests {args.requests}{flags}`: the real data, "
               f"{kinds} kinds of request (every bundled named query unbound, and bound to a value from the graph "
               "where it has parameters) in a shuffled mix with a fixed seed, over loopback, a new connection per "
               "request; `plangraf serve` reads each query in its proxy before Oxigraph runs it.\n\n"
               f"{table}\n")
    print(section)
    errors = [error for run in runs.values() for error in run.errors]
    for error in errors[:10]:
        print("error:", error)
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(section)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
