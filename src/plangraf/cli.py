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

    def __init__(self, data: tuple[Path, ...], ontology: Path | None, store: str, graph: str | None = None) -> None:
        self.data = list(data) or None
        self.ontology = ontology
        self.store = store
        self.graph = graph
        self._backend = None

    @property
    def backend(self):
        if self._backend is None:
            from plangraf.loading import load

            self._backend = load(self.data, self.ontology, self.store, self.graph)
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
                   "URL: a SPARQL 1.1 query endpoint holding the graph (see push).")
@click.option("--graph", default=None, metavar="IRI|default",
              help="With a URL store: the named graph holding plangraf's data "
                   "(default https://w3id.org/plangraf/graph/main; 'default' for the endpoint's default graph).")
@click.pass_context
def main(ctx: click.Context, data: tuple[Path, ...], ontology: Path | None, store: str, graph: str | None) -> None:
    """plangraf: an evidence-backed knowledge graph of an action plan and its evaluation.

    First dataset: Brå rapport 2011:18, the final evaluation of Sweden's 2008 action plan against
    prostitution and human trafficking for sexual purposes. Every fact carries the source line and quote
    it rests on.
    """
    ctx.obj = State(data, ontology, store, graph)


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

    def describe(p: queries.Param) -> str:
        return p.name + (f" ({p.type})" if p.type else "") + (f": {p.description}" if p.description else "")

    rows = [{"name": q.name, "title": q.title, "description": q.description, "params": [describe(p) for p in q.params]}
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
    rows = [*result.kinds, {"kind": "triples", "count": result.triples}]
    text = render_rows(rows, ["kind", "count"], fmt) + "\n" + render_rows(result.classes, ["class", "count"], fmt)
    emit(text, out)


def _card_command(text: Any, card: Any, value: Any, fmt: str, out: Path | None) -> None:
    import json

    data = card(value)
    emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n" if fmt == "json" else text(data), out)


@main.command()
@click.argument("number", type=int)
@output_options(("text", "json"), default="text")
@click.pass_obj
@fail_cleanly
def action(state: State, number: int, fmt: str, out: Path | None) -> None:
    """Show action NUMBER: assignments, money, outputs, events and findings, each with its evidence.

    \b
    Examples:
      plangraf action 26
      plangraf action 1 --format json
    """
    from plangraf.cards import action_card
    from plangraf.cardview import action_text

    _card_command(action_text, lambda n: action_card(state.backend, n), number, fmt, out)


@main.command()
@click.argument("name")
@output_options(("text", "json"), default="text")
@click.pass_obj
@fail_cleanly
def actor(state: State, name: str, fmt: str, out: Path | None) -> None:
    """Show the body called NAME (Swedish name, English name, variant, abbreviation or id:…).

    Matching is case-insensitive; an ambiguous name lists the candidates and exits 2.

    \b
    Examples:
      plangraf actor Socialstyrelsen
      plangraf actor RFSL --format json
    """
    from plangraf.cards import actor_card
    from plangraf.cardview import actor_text

    _card_command(actor_text, lambda n: actor_card(state.backend, n), name, fmt, out)


@main.command()
@click.argument("name")
@output_options(("text", "json"), default="text")
@click.pass_obj
@fail_cleanly
def group(state: State, name: str, fmt: str, out: Path | None) -> None:
    """Show the collaboration group called NAME: members with roles, stated size, what the report says of
    members it does not name, findings.

    \b
    Examples:
      plangraf group NMT
      plangraf group LAMP --format json
    """
    from plangraf.cards import group_card
    from plangraf.cardview import group_text

    _card_command(group_text, lambda n: group_card(state.backend, n), name, fmt, out)


@main.command(name="findings")
@click.option("--kind", "-k", help="Only this kind, e.g. overlap, timing, coverage-gap (see pg:FindingKinds).")
@output_options(("table", "json", "md", "csv"))
@click.pass_obj
@fail_cleanly
def list_findings(state: State, kind: str | None, fmt: str, out: Path | None) -> None:
    """List the evaluation's findings with kind, summary, who raised them and evidence.

    \b
    Examples:
      plangraf findings --kind overlap
      plangraf findings --format json --out exports/findings.json
    """
    import json

    from plangraf.findings import finding_list
    from plangraf.output import render_rows

    rows = finding_list(state.backend, kind)
    if fmt == "json":
        emit(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", out)
        return
    flat = [{**r, "raised_by": [a["name"] for a in r["raised_by"]],
             "evidence": [f"line {e['line']}: {e['quote']}" for e in r["evidence"]]} for r in rows]
    emit(render_rows(flat, ["id", "kind", "summary_en", "raised_by", "concerns", "evidence"], fmt), out)


@main.command()
@click.option("--only", "only", multiple=True, type=click.Choice(["shacl", "evidence", "owl"]),
              help="Run only this check (repeatable). Default: all three.")
@click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path),
              help="A source text file, or a folder of them (repeatable). Each pg:SourceDocument's text is found "
                   "by its pg:fileName here, in $PLANGRAF_SOURCE, in a sources/ folder beside the data, or in "
                   "../shared/sources/.")
@click.option("--shapes", type=click.Path(path_type=Path), help="SHACL shapes file. Default: ontology/shapes.ttl.")
@output_options(("table", "json", "ttl"))
@click.pass_obj
def validate(state: State, only: tuple[str, ...], sources: tuple[Path, ...], shapes: Path | None, fmt: str,
             out: Path | None) -> None:
    """Check the graph: SHACL shapes, every evidence quote against the source, OWL consistency (HermiT).

    Exit code 0: all good; 1: problems found; 2: a check could not run. --format ttl prints the SHACL
    validation report graph.

    \b
    Examples:
      plangraf validate
      plangraf validate --only evidence --source ~/reports/ --format json
    """
    import json

    from plangraf.validation import CHECKS
    from plangraf.validation import validate as run_validation

    try:
        report = run_validation(state.backend, only or CHECKS, sources, shapes, state.data or [])
        if fmt == "json":
            emit(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n", out)
        elif fmt == "ttl":
            graph = report.shacl_report
            emit(graph.serialize(format="turtle") if graph is not None else "", out)
        else:
            emit(_validation_text(report), out)
    except PlangrafError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    sys.exit(0 if report.conforms else 1)


def _validation_text(report: Any) -> str:
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


@main.command()
@click.option("--save", is_flag=True, help="Write the inferred triples to exports/inferred.ttl (or --out).")
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Where --save writes. Never inside data/triples/.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
@fail_cleanly
def reason(state: State, save: bool, out: Path | None, fmt: str) -> None:
    """Infer with OWL (owlready2 + HermiT): defined classes such as lead agency, joint assignment, funded
    action, international actor, and chained properties such as responsibleFor. Shows what is new.

    \b
    Examples:
      plangraf reason
      plangraf reason --save
    """
    import json

    from plangraf.inference import infer, save_inferred

    summary = infer(state.backend)
    if save:
        target = save_inferred(summary, out)
        click.echo(f"wrote {target}", err=True)
    if fmt == "json":
        click.echo(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(summary.text())


@main.command()
@click.argument("kind", type=click.Choice(["overlaps", "timing", "gaps", "focus", "funding", "network", "findings",
                                           "all"]))
@output_options(("table", "md", "json", "csv", "html"))
@click.pass_obj
@fail_cleanly
def report(state: State, kind: str, fmt: str, out: Path | None) -> None:
    """Coordination reports derived from the graph: overlaps, timing, gaps, focus, funding, network,
    findings (the report's own, by kind), or all of them (with each finding linked to the derived
    sections about the same actions, bodies or items).

    Every row carries the identifiers and evidence (line + quote) it rests on.

    \b
    Examples:
      plangraf report overlaps
      plangraf report gaps --format json
      plangraf report all --format html --out exports/report.html
    """
    from plangraf.reports import build_report
    from plangraf.reports.render import render

    sections = build_report(state.backend, kind)
    title = "plangraf: coordination report" if kind == "all" else f"plangraf: {kind}"
    emit(render(sections, fmt, title), out)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=7878, show_default=True, help="Port (0 picks a free one).")
@click.pass_obj
@fail_cleanly
def serve(state: State, host: str, port: int) -> None:
    """Serve the graph read-only over SPARQL 1.1 (Oxigraph's server) until interrupted.

    The graph is in the named graph https://w3id.org/plangraf/graph/main, so other plangraf commands can
    use it with --store URL.

    \b
    Example:
      plangraf serve --port 7878 &
      plangraf --store http://127.0.0.1:7878/query report gaps
    """
    from plangraf.loading import source_files
    from plangraf.server import serving

    with serving(source_files(state.data, state.ontology), host, port or None) as server:
        click.echo(f"SPARQL endpoint: {server.url}  (graph https://w3id.org/plangraf/graph/main; Ctrl-C stops)")
        try:
            server.process.wait()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


@main.command()
@click.argument("url")
@click.option("--graph", "graph_iri", default="https://w3id.org/plangraf/graph/main", show_default=True,
              help="Named graph to replace.")
@click.pass_obj
@fail_cleanly
def push(state: State, url: str, graph_iri: str) -> None:
    """Load the graph into the SPARQL endpoint at URL, replacing one named graph in a single update.

    URL is the update endpoint, or a query endpoint ending in /query (then /update beside it is used).

    \b
    Example:
      plangraf push http://127.0.0.1:7878/update
    """
    from plangraf.server import push as push_graph

    count = push_graph(state.backend, url, graph_iri)
    click.echo(f"pushed {count} triples into <{graph_iri}> at {url}")


@main.group()
def export() -> None:
    """Export the graph: an interactive HTML page, or data files for other tools."""


def _default_out(view: str, suffix: str) -> Path:
    from plangraf.paths import DEFAULT_EXPORTS

    slug = "".join(c if c.isalnum() else "-" for c in view.casefold()).strip("-")
    return DEFAULT_EXPORTS / ("plangraf" + ("" if view == "full" else f"-{slug}") + suffix)


def view_options(func: Callable[..., Any]) -> Any:
    """The shared --view and --depth options of the exports."""
    func = click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
                        help="Radius of ego views.")(func)
    return click.option("--view", default="full", show_default=True,
                        help="full, action:N, actor:NAME, theme:THEME, group:NAME, overlaps or findings.")(func)


@export.command(name="html")
@view_options
@click.option("--size", "size_by", type=click.Choice(["degree", "money"]), default="degree", show_default=True,
              help="What node size shows.")
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Target file. Default: exports/plangraf[-VIEW].html")
@click.pass_obj
@fail_cleanly
def export_html_command(state: State, view: str, depth: int, size_by: str, out: Path | None) -> None:
    """Write one self-contained interactive HTML page (works offline, from file://).

    \b
    Examples:
      plangraf export html
      plangraf export html --view actor:Socialstyrelsen --depth 2
      plangraf export html --view overlaps --out exports/overlaps.html
    """
    from plangraf.export_html import export_html
    from plangraf.graphview import view as build_view

    graph = build_view(state.backend, view, depth)
    target = out or _default_out(view, ".html")
    export_html(graph, target, f"plangraf — {view}", size_by)
    click.echo(f"wrote {target} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} links)")


@export.command(name="graph")
@click.option("--format", "-f", "fmt", type=click.Choice(["ttl", "jsonld", "nt", "graphml", "gexf", "cytoscape"]),
              default="ttl", show_default=True,
              help="RDF (ttl, jsonld, nt: the whole graph) or network (graphml, gexf, cytoscape: the chosen view).")
@view_options
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Target file. Default: exports/plangraf[-VIEW].<format>")
@click.pass_obj
@fail_cleanly
def export_graph_command(state: State, fmt: str, view: str, depth: int, out: Path | None) -> None:
    """Write the graph for other tools: Turtle, JSON-LD, N-Triples, GraphML/GEXF (Gephi, yEd), Cytoscape JSON.

    \b
    Examples:
      plangraf export graph --format gexf
      plangraf export graph --format jsonld --out exports/plangraf.jsonld
    """
    import networkx as nx

    from plangraf.export_graph import NETWORK_FORMATS, export_graph
    from plangraf.graphview import view as build_view

    graph = build_view(state.backend, view, depth) if fmt in NETWORK_FORMATS else nx.MultiDiGraph()
    suffix = {"cytoscape": ".cyjs", "jsonld": ".jsonld"}.get(fmt, f".{fmt}")
    target = out or _default_out(view if fmt in NETWORK_FORMATS else "full", suffix)
    export_graph(state.backend, graph, fmt, target)
    click.echo(f"wrote {target}")
