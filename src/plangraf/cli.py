"""The plangraf command line: each command parses its arguments, calls one library function and formats
the result. Library errors become one line on stderr and exit code 2 (validation findings exit 1)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from plangraf.errors import PlangrafError

EXAMPLES = """
\b
Examples:
  plangraf stats
  plangraf query actions --format md
  plangraf query 'SELECT ?n WHERE { ?a pg:number ?n }' --format csv
  plangraf --store memory --data my/triples stats
"""


class State:
    """Global options, and the graph loaded on first use."""

    def __init__(self, data: tuple[Path, ...], ontology: Path | None, store: str) -> None:
        self.data = list(data) or None
        self.ontology = ontology
        self.store = store
        self._backend = None

    @property
    def backend(self):  # noqa: ANN201 - plangraf.store.Backend, imported lazily for a fast --help
        if self._backend is None:
            from plangraf.loading import load

            self._backend = load(self.data, self.ontology, self.store)
        return self._backend


def fail_cleanly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one line on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlangrafError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)

    return wrapper


def emit(text: str, out: Path | None) -> None:
    """Print, or write atomically to ``out``."""
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from plangraf.output import write_atomic

    write_atomic(out, text)
    click.echo(f"wrote {out}", err=True)


def output_options(formats: tuple[str, ...], default: str = "table") -> Callable[[Callable[..., Any]], Any]:
    """The shared --format and --out options."""

    def decorate(func: Callable[..., Any]) -> Any:
        func = click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
                            help="Write to this file (atomically) instead of standard output.")(func)
        return click.option("--format", "-f", "fmt", type=click.Choice(formats), default=default,
                            show_default=True, help="Output format.")(func)

    return decorate


@click.group(epilog=EXAMPLES)
@click.version_option(package_name="plangraf")
@click.option("--data", "-d", multiple=True, type=click.Path(path_type=Path),
              help="Turtle file or folder with facts (repeatable). Default: the repository's data/triples/.")
@click.option("--ontology", type=click.Path(path_type=Path),
              help="Ontology folder or file. Default: the repository's ontology/.")
@click.option("--store", default="embedded", show_default=True, metavar="embedded|memory|URL",
              help="embedded: Oxigraph with a persistent cache; memory: pure rdflib; "
                   "URL: a SPARQL 1.1 endpoint holding the graph.")
@click.pass_context
def main(ctx: click.Context, data: tuple[Path, ...], ontology: Path | None, store: str) -> None:
    """plangraf: an evidence-backed knowledge graph of an action plan and its evaluation.

    First dataset: Brå rapport 2011:18, the final evaluation of Sweden's 2008 action plan against
    prostitution and human trafficking for sexual purposes. Every fact carries the source line and quote
    it rests on.
    """
    ctx.obj = State(data, ontology, store)


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable the query selects (repeatable). id:x and <iri> are IRIs, numbers are "
                   "numbers, \"text\"@sv is tagged, anything else a string. Never pasted into the query.")
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL update (refused otherwise).")
@output_options(("table", "csv", "json", "md", "sparql-json", "ttl", "nt", "jsonld"))
@click.pass_obj
@fail_cleanly
def query(state: State, query: str, params: tuple[str, ...], allow_update: bool, fmt: str,
          out: Path | None) -> None:
    """Run SPARQL: a bundled query's NAME, a .rq FILE, inline text, or - for standard input.

    The prefixes pg: id: org: prov: dct: skos: schema: cito: time: rdf: rdfs: owl: xsd: are predeclared.
    JSON is a list of row objects with full IRIs; sparql-json is the W3C SPARQL 1.1 results format.
    CONSTRUCT and DESCRIBE print Turtle (or nt / jsonld).

    \b
    Examples:
      plangraf query actions --param number=26
      plangraf query my.rq --format csv --out exports/my.csv
      plangraf query 'SELECT ?o ?t WHERE { ?o a pg:Film ; dct:title ?t }'
    """
    from plangraf import queries
    from plangraf.output import render_result
    from plangraf.sparql import run

    text = sys.stdin.read() if query == "-" else None
    sparql, named = (text, None) if text is not None else queries.resolve(query)
    bindings = queries.parse_params(params, named)
    result = run(state.backend, sparql, bindings, allow_update=allow_update)
    if result is None:
        click.echo("update applied", err=True)
        return
    emit(render_result(result, fmt), out)


@main.command(name="queries")
@output_options(("table", "json", "md", "csv"))
def list_queries(fmt: str, out: Path | None) -> None:
    """List the bundled named queries with their parameters.

    \b
    Example:
      plangraf queries --format md
    """
    from plangraf import queries
    from plangraf.output import render_rows

    rows = [{"name": q.name, "title": q.title, "description": q.description,
             "params": [f"{p.name}" + (f" ({p.type})" if p.type else "") + (f": {p.description}" if p.description else "")
                        for p in q.params]}
            for q in queries.bundled().values()]
    emit(render_rows(rows, ["name", "title", "params", "description"] if fmt != "table"
                     else ["name", "title", "params"], fmt), out)


@main.command()
@output_options(("table", "json", "md", "csv"))
@click.pass_obj
@fail_cleanly
def stats(state: State, fmt: str, out: Path | None) -> None:
    """Count nodes per kind and per class, and the triples in the graph.

    \b
    Example:
      plangraf --store memory stats --format json
    """
    import json

    from plangraf.output import render_rows
    from plangraf.stats import graph_stats

    result = graph_stats(state.backend)
    if fmt == "json":
        emit(json.dumps({"triples": result.triples, "kinds": result.kinds, "classes": result.classes},
                        indent=2, ensure_ascii=False) + "\n", out)
        return
    rows = result.kinds + [{"kind": "triples", "count": result.triples}]
    text = render_rows(rows, ["kind", "count"], fmt) + "\n" + render_rows(result.classes, ["class", "count"], fmt)
    emit(text, out)
