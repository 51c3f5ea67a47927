"""Rendering command output in the formats registered in :mod:`plangraf.formats`, and writing files
atomically. Tables fit the terminal (:mod:`plangraf.terminal`); JSON and CSV keep the plain values."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, URIRef
from rdflib.term import Node

from plangraf import terminal
from plangraf.display import number
from plangraf.errors import OutputError
from plangraf.namespaces import PREFIXES
from plangraf.results import QueryResult
from plangraf.terms import plain

if TYPE_CHECKING:
    from plangraf.vocabulary import Vocabulary


def result_rows(result: QueryResult, short: bool) -> list[dict[str, Any]]:
    return [{k: plain(v, short) for k, v in zip(result.variables, row, strict=True)} for row in result.rows]


def sparql_json(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results JSON format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)

    def term(value: Node) -> dict[str, str]:
        if isinstance(value, URIRef):
            return {"type": "uri", "value": str(value)}
        if isinstance(value, BNode):
            return {"type": "bnode", "value": str(value)}
        out = {"type": "literal", "value": str(value)}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype:
            out["datatype"] = str(value.datatype)
        return out

    bindings = [{k: term(v) for k, v in zip(result.variables, row, strict=True) if v is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str)


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def human(value: Any) -> str:
    """A cell for people: nothing for None, yes/no, whole floats without a decimal point, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(human(v) for v in value)
    return _cell(number(value)).replace("\n", " ")


def _human_cells(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> list[list[str]]:
    return [[human(row.get(c)) for c in columns] for row in rows]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numeric(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> set[int]:
    """Columns holding only numbers (right-aligned, never wrapped)."""
    return {i for i, c in enumerate(columns) if any(_is_number(row.get(c)) for row in rows)
            and all(row.get(c) is None or _is_number(row.get(c)) for row in rows)}


def markdown(columns: Sequence[str], cells: list[list[str]]) -> str:
    escape = lambda s: s.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(escape(c) for c in r) + " |" for r in cells]
    return "\n".join(lines) + "\n"


def _markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    return markdown(columns, _human_cells(rows, columns))


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    return terminal.table(columns, _human_cells(rows, columns), _numeric(rows, columns))


ROW_RENDERERS: dict[str, Callable[[Sequence[dict[str, Any]], Sequence[str]], str]] = {
    "table": _table, "csv": _csv, "json": _json, "md": _markdown}


def render_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """Render rows (dicts) in one of ROW_RENDERERS' formats."""
    return ROW_RENDERERS[fmt](rows, columns)


def render_result(result: QueryResult, fmt: str) -> str:
    """Render any query result; graphs are serialised (ttl, nt, jsonld; table formats give Turtle)."""
    if result.kind == "graph":
        assert result.graph is not None
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns)
        rdf_format = {"nt": "nt", "jsonld": "json-ld", "json": "json-ld"}.get(fmt, "turtle")
        return result.graph.serialize(format=rdf_format)
    if fmt == "sparql-json":
        return sparql_json(result) + "\n"
    if result.kind == "ask":
        return json.dumps({"boolean": result.boolean}) + "\n" if fmt == "json" else f"{str(result.boolean).lower()}\n"
    short = fmt in {"table", "md"}
    return render_rows(result_rows(result, short), result.variables, fmt if fmt in ROW_RENDERERS else "table")


def _json_text(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def render_stats(stats: Any, fmt: str) -> str:
    """Counts per kind and class (a :class:`plangraf.stats.Stats`): two tables, or one JSON object."""
    if fmt == "json":
        return _json_text({"triples": stats.triples, "kinds": stats.kinds, "classes": stats.classes})
    kinds = [*stats.kinds, {"kind": "triples", "count": stats.triples}]
    return render_rows(kinds, ["kind", "count"], fmt) + "\n" + render_rows(stats.classes, ["class", "count"], fmt)


def render_findings(findings: list[dict[str, Any]], fmt: str, words: Vocabulary | None = None) -> str:
    """Finding objects as JSON, or one flat row per finding; for people (table, md) what a finding concerns
    is named with ``words`` (a :class:`plangraf.vocabulary.Vocabulary`) and complete sets of bodies collapse."""
    if fmt == "json":
        return _json_text(findings)
    if fmt == "csv":
        flat = [{**f, "raised_by": [a["name"] for a in f["raised_by"]],
                 "evidence": [f"line {e['line']}: {e['quote']}" for e in f["evidence"]]} for f in findings]
        return render_rows(flat, ["id", "kind", "summary_en", "raised_by", "concerns", "evidence"], fmt)
    rows = [{"kind": f["kind"], "summary": f["summary_en"],
             "raised by": words.collapse([a["name"] for a in f["raised_by"]]) if words else
             [a["name"] for a in f["raised_by"]],
             "concerns": [words.named(c) for c in f["concerns"]] if words else f["concerns"],
             "evidence": " | ".join(f"line {e['line']}: {e['quote']}" for e in f["evidence"]), "id": f["id"]}
            for f in findings]
    return render_rows(rows, ["kind", "summary", "raised by", "concerns", "evidence", "id"], fmt)


def render_card(card: dict[str, Any], fmt: str, text: Callable[[dict[str, Any]], str]) -> str:
    """A card as JSON, or as the text ``text`` writes of it."""
    return _json_text(card) if fmt == "json" else text(card)


def render_validation(report: Any, fmt: str) -> str:
    """A :class:`plangraf.validation.ValidationReport` as text, JSON or the SHACL report graph (Turtle)."""
    if fmt == "json":
        return _json_text(report.as_dict())
    if fmt == "ttl":
        graph = report.shacl_report
        return graph.serialize(format="turtle") if graph is not None else ""
    lines = []
    for check in report.checks:
        extra = ", ".join(f"{k} {v}" for k, v in check.details.items())
        status = "ok" if check.ok else f"{len(check.problems)} problem(s)"
        lines.append(f"{check.name:<9} {status:<16} {check.seconds:6.2f} s" + (f"  ({extra})" if extra else ""))
        for problem in check.problems[:200]:
            where = f" line {problem.line}" if problem.line else ""
            lines.append(f"  - {problem.node}{where}: {problem.message}")
        if len(check.problems) > 200:
            lines.append(f"  … and {len(check.problems) - 200} more (use --format json)")
    lines.append("conforms" if report.conforms else "does not conform")
    return "\n".join(lines) + "\n"


def render_inference(summary: Any, fmt: str, words: Vocabulary) -> str:
    """What reasoning added (a :class:`plangraf.inference.InferenceSummary`), named with ``words`` for people."""
    return _json_text(summary.as_dict()) if fmt == "json" else summary.text(words) + "\n"


def render_check(problems: Sequence[Any], fmt: str) -> str:
    """Curation problems (:class:`plangraf.curation.Problem`): one line each, or a JSON list."""
    if fmt == "json":
        return _json_text([p.as_dict() for p in problems])
    return "".join(f"{p}\n" for p in problems)


# In pieces: one large write into a pipe whose reader has gone can end without an error, the rest lost.
WRITE_CHUNK = 1 << 16


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, so no half file is ever seen.

    An existing special file (a device such as /dev/null, a FIFO) is written into directly, never replaced;
    a symbolic link is followed, so the file it names is replaced and the link stays. The temporary file is
    removed on every way out, an interrupt included.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _is_special(path):
        _write_into(path, payload)
        return
    target = path.resolve() if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_special(path: Path) -> bool:
    """True for an existing file that is neither a regular file nor a folder (a device, a FIFO, a socket)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, payload: bytes) -> None:
    """Write into a device or FIFO; a FIFO whose reader has gone is a closed pipe, as on standard output."""
    try:
        with open(path, "wb") as handle:
            for start in range(0, len(payload), WRITE_CHUNK):
                handle.write(payload[start : start + WRITE_CHUNK])
                handle.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_stdout(text: str, newline: bool = False) -> None:
    """Print ``text`` (click strips colours where they cannot show) and flush it now, so a failed write is
    raised here and not when Python exits. A full disk or any other failure is an :class:`OutputError`; a
    closed pipe is :class:`BrokenPipeError`, which the CLI ends quietly. Either way standard output is then
    pointed at /dev/null, so the flush at exit cannot fail again."""
    import click

    text += "\n" if newline else ""
    try:
        for start in range(0, len(text), WRITE_CHUNK):
            click.echo(text[start : start + WRITE_CHUNK], nl=False)  # echo flushes each chunk
    except OSError as exc:
        silence_stdout()
        if isinstance(exc, BrokenPipeError):
            raise
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def silence_stdout() -> None:
    """Point standard output at /dev/null after a failed write, so that Python's flush at exit succeeds."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor behind sys.stdout (tests capture it)
        pass
