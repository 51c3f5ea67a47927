"""Benchmarks: load time, every named report on the embedded (Oxigraph) and pure-rdflib stores, peak memory,
and cold-start CLI times, on the real data and on synthetic graphs up to ~200,000 triples.

Usage: .venv/bin/python bench/run.py [--scales 1,4,12,34] [--rdflib-timeout 150] [--repeat 3] [--out bench/RESULTS.md]
Each measurement runs in its own process, so peak memory (max RSS) belongs to that store alone; rdflib gets
one process per report, each cut off after --rdflib-timeout seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synthetic

from plangraf.reports.registry import ALL, names

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [*names(), ALL]

WORKER = r"""
import json, resource, sys, time
from pathlib import Path
from plangraf.loading import load
from plangraf.reports import build_report
store, data, reports, repeat = sys.argv[1], sys.argv[2], sys.argv[3].split(","), int(sys.argv[4])
started = time.perf_counter()
files = [Path(data)] if data != "-" else None
backend = load(files, store=store)
triples = backend.triple_count()
result = {"store": store, "triples": triples, "load_s": time.perf_counter() - started, "reports": {}}
if store == "embedded":  # the first load parsed the Turtle and wrote the cache; now read the cache
    del backend
    started = time.perf_counter()
    backend = load(files, store=store)
    result["load_cached_s"] = time.perf_counter() - started
result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result), flush=True)
for kind in reports:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        sections = build_report(backend, kind)
        times.append(time.perf_counter() - started)
    result["reports"][kind] = {"seconds": sorted(times)[len(times) // 2], "runs": times,
                               "rows": sum(len(s.rows) for s in sections)}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result), flush=True)
result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result["complete"] = True
print(json.dumps(result), flush=True)
"""


def measure(store: str, data: str, timeout: float, cache: str, repeat: int = 1, kinds: list[str] = REPORTS) -> dict:
    env = {**os.environ, "PLANGRAF_CACHE_DIR": cache}
    try:
        proc = subprocess.run([sys.executable, "-c", WORKER, store, data, ",".join(kinds), str(repeat)],
                              capture_output=True, text=True, timeout=timeout, env=env)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            return {"store": store, "error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
        return json.loads(lines[-1])
    except subprocess.TimeoutExpired as exc:
        partial = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        lines = partial.strip().splitlines()
        result = json.loads(lines[-1]) if lines else {"store": store, "reports": {}}
        result["timed_out_after_s"] = timeout
        return result


def measure_rdflib(data: str, timeout: float, cache: str) -> dict:
    """The pure-rdflib store, one fresh process per report (each loads the graph first), so a slow report
    is cut off after ``timeout`` seconds of its own without hiding the others. ``all`` is not run: it
    is the sum of the others."""
    merged: dict = {"store": "memory", "reports": {}, "cut_off": {}, "complete": True}
    for kind in names():
        result = measure("memory", data, timeout, cache, kinds=[kind])
        merged.setdefault("load_s", result.get("load_s"))
        merged["peak_rss_mb"] = max(merged.get("peak_rss_mb", 0), result.get("peak_rss_mb", 0))
        if kind in result.get("reports", {}):
            merged["reports"][kind] = result["reports"][kind]
        else:
            merged["complete"] = False
            merged["cut_off"][kind] = timeout - result.get("load_s", 0)
    return merged


def cold_start(args: list[str], runs: int = 7) -> float:
    command = [str(ROOT / ".venv" / "bin" / "plangraf"), *args]
    subprocess.run(command, capture_output=True, check=True)  # warm the store cache once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "?")
    gib = int(mem) // 1024 // 1024
    return f"{os.cpu_count()} cores ({cpu}), {gib} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.3f}"


def table(label: str, embedded: dict, memory: dict) -> list[str]:
    lines = [f"### {label}: {embedded.get('triples', '?'):,} triples" if isinstance(embedded.get("triples"), int)
             else f"### {label}", "",
             "| measure | embedded (Oxigraph) s | memory (rdflib) s | rdflib / Oxigraph |", "|---|---:|---:|---:|"]
    lines.append(f"| load (parse Turtle; embedded: and write the cache) | {fmt(embedded.get('load_s'))} | "
                 f"{fmt(memory.get('load_s'))} | |")
    lines.append(f"| load from the cache | {fmt(embedded.get('load_cached_s'))} | | |")
    for kind in REPORTS:
        e = embedded.get("reports", {}).get(kind, {}).get("seconds")
        m = memory.get("reports", {}).get(kind, {}).get("seconds")
        cut = memory.get("cut_off", {}).get(kind)
        if m is not None:
            shown, ratio = fmt(m), f"{m / e:.1f}×" if e else "—"
        elif cut is not None:
            shown, ratio = f"> {cut:.0f} (cut off)", f"> {cut / e:.0f}×" if e else "—"
        else:
            shown, ratio = "not run", "—"
        lines.append(f"| report {kind} | {fmt(e)} | {shown} | {ratio} |")
    rss = memory.get("peak_rss_mb")
    rss_shown = "—" if not rss else f"{rss:.0f}" if memory.get("complete") else f"≥ {rss:.0f} (some cut off)"
    lines.append(f"| peak memory (max RSS, MB) | {embedded.get('peak_rss_mb', 0):.0f} | {rss_shown} | |")
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,4,12,34")
    parser.add_argument("--rdflib-timeout", type=float, default=150, help="seconds per rdflib report process")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each report on the embedded store (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    out = ["# Benchmark results", "", f"Machine: {machine()}.", f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
           f"`{' '.join(sys.argv)}`.", "", "The embedded store is measured in a fresh process (load, then every named report "
           f"in order, the median of {args.repeat} runs each); the embedded store's first load parses the Turtle and "
           "writes its cache, a second load reads the cache. rdflib runs each report once in a process of its own "
           f"(load, then the report), cut off after {args.rdflib_timeout:.0f} s: a cut-off report shows the time it "
           "had had (a lower bound), and peak memory is the largest of those processes. `all` builds every report "
           "and links the report's own findings to the derived sections about the same nodes, so its time is about "
           "the sum of the others; rdflib does not run it.", ""]
    with tempfile.TemporaryDirectory(prefix="plangraf-bench-") as tmp:
        cache = str(Path(tmp) / "cache")
        out.append("## Cold start on the real data (warm cache, median of 7 fresh processes)")
        out.append("")
        os.environ["PLANGRAF_CACHE_DIR"] = cache
        for command in (["stats"], ["report", "overlaps"]):
            seconds = cold_start(command)
            out.append(f"- `plangraf {' '.join(command)}`: {seconds:.3f} s")
            print(out[-1], flush=True)
        out.append("")
        out.append("## Reports per store")
        out.append("")
        runs = [("real data (data/triples)", "-")]
        for scale in [int(s) for s in args.scales.split(",") if s]:
            path = Path(tmp) / f"synthetic-{scale}.ttl"
            synthetic.write(str(path), scale)
            runs.append((f"synthetic, scale {scale}", str(path)))
        for label, data in runs:
            embedded = measure("embedded", data, 3600, cache, args.repeat)
            memory = measure_rdflib(data, args.rdflib_timeout, cache)
            out.extend(table(label, embedded, memory))
            print("\n".join(table(label, embedded, memory)), flush=True)
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
