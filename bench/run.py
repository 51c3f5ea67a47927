"""Benchmarks: load time, every named report on the embedded (Oxigraph) and pure-rdflib stores, peak memory,
and cold-start CLI times, on the real data and on synthetic graphs up to ~200,000 triples.

Usage: .venv/bin/python bench/run.py [--scales 1,4,12,34] [--rdflib-timeout 300] [--repeat 3] [--out bench/RESULTS.md]
Each measurement of a store runs in its own process, so peak memory (max RSS) belongs to that store alone.
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

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ["overlaps", "timing", "gaps", "focus", "funding", "network", "findings", "all"]

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


def measure(store: str, data: str, timeout: float, cache: str, repeat: int = 1) -> dict:
    env = {**os.environ, "PLANGRAF_CACHE_DIR": cache}
    try:
        proc = subprocess.run([sys.executable, "-c", WORKER, store, data, ",".join(REPORTS), str(repeat)],
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
        cut = memory.get("timed_out_after_s")
        done = memory.get("load_s", 0) + sum(r["seconds"] for r in memory.get("reports", {}).values())
        running = cut and m is None and kind == next((k for k in REPORTS if k not in memory.get("reports", {})), None)
        if m is not None:
            shown, ratio = fmt(m), f"{m / e:.1f}×" if e else "—"
        elif running:
            shown, ratio = f"> {cut - done:.0f} (cut off)", f"> {(cut - done) / e:.0f}×" if e else "—"
        else:
            shown, ratio = "not run (cut off)" if cut else "—", "—"
        lines.append(f"| report {kind} | {fmt(e)} | {shown} | {ratio} |")
    rss = memory.get("peak_rss_mb")
    rss_shown = "—" if rss is None else f"{rss:.0f}" if memory.get("complete") else f"≥ {rss:.0f} (cut off)"
    lines.append(f"| peak memory (max RSS, MB) | {embedded.get('peak_rss_mb', 0):.0f} | {rss_shown} | |")
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,4,12,34")
    parser.add_argument("--rdflib-timeout", type=float, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each report on the embedded store (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from plangraf import synthetic

    out = ["# Benchmark results", "", f"Machine: {machine()}.", f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
           f"`{' '.join(sys.argv)}`.", "", "Each store is measured in a fresh process (load, then every named report "
           f"in order: the median of {args.repeat} runs on the embedded store, one run on rdflib); the embedded "
           "store's first load parses the Turtle and writes its cache, a second load reads the cache. "
           "rdflib runs are cut off after "
           f"{args.rdflib_timeout:.0f} s in all: the report running then shows the time it had had (a lower bound), "
           "later ones were not run. `all` builds every report and links the report's own findings to the derived "
           "sections about the same nodes, so its time is about the sum of the others.", ""]
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
            memory = measure("memory", data, args.rdflib_timeout, cache)
            out.extend(table(label, embedded, memory))
            print("\n".join(table(label, embedded, memory)), flush=True)
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
