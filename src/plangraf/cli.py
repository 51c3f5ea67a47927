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
from plangraf.formats import EXPORT_FORMATS, describe, formats, render
from plangraf.reports import registry
from plangraf.views import VIEWS, specs

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

    def __init__(self, data: tuple[Path, ...], ontology: Path | None, store: str, graph: str | None = None,
                 plan: str | None = None) -> None:
        self.data = list(data) or None
        self.ontology = ontology
        self.store = store
        self.graph = graph
        self.plan = plan
        self._backend = None

    @property
    def backend(self):
        if self._backend is None:
            from plangraf.loading import load

            self._backend = load(self.data, self.ontology, self.store, self.graph)
            if self.plan is not None:
                from plangraf.plans import restrict

                self._backend = restrict(self._backend, self.plan)
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


class CleanGroup(click.Group):
    """The command group whose every command, nested ones included, runs through :func:`fail_cleanly`."""

    def invoke(self, ctx: click.Context) -> Any:
        return fail_cleanly(super().invoke)(ctx)


def emit(text: str, out: Path | None) -> None:
    """Print, or write atomically to ``out``."""
    if out is None:
        click.echo(text, nl=bool(text) and not text.endswith("\n"))
        return
    from plangraf.output import write_atomic

    write_atomic(out, text)
    click.echo(f"wrote {out}", err=True)


def format_option(kind: str) -> Callable[[Callable[..., Any]], Any]:
    """--format with the formats registered for output ``kind``; the first is the default."""
    choices = formats(kind)
    return click.option("--format", "-f", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
                        help=f"Output format: {describe(choices)}.")


def output_options(kind: str) -> Callable[[Callable[..., Any]], Any]:
    """The shared --format and --out options of commands printing output ``kind``."""

    def decorate(func: Callable[..., Any]) -> Any:
        func = click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
                            help="Write to this file (atomically) instead of standard output.")(func)
        return format_option(kind)(func)

    return decorate


@click.group(cls=CleanGroup, epilog=EXAMPLES)
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
@click.option("--plan", default=None, metavar="PLAN",
              help="With several plans loaded: work on one plan's view of the graph (its IRI, prefixed name such as "
                   "demo:plan-2012, or label); the other plans' actions and everything under them are left out, "
                   "shared bodies stay.")
@click.pass_context
def main(ctx: click.Context, data: tuple[Path, ...], ontology: Path | None, store: str, graph: str | None,
         plan: str | None) -> None:
    """plangraf: an evidence-backed knowledge graph of an action plan and its evaluation.

    Every fact carries the source line and quote it rests on. Without --data, the bundled dataset is used
    (see the README); each dataset describes its plan, its sources and itself in its own triples.
    """
    ctx.obj = State(data, ontology, store, graph, plan)


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable the query selects (repeatable). id:x and <iri> are IRIs, numbers are "
                   "numbers, \"text\"@sv is tagged, anything else a string. Never pasted into the query.")
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL update (refused otherwise).")
@output_options("result")
@click.pass_obj
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
    from plangraf.sparql import run

    text = sys.stdin.read() if query == "-" else None
    sparql, named = (text, None) if text is not None else queries.resolve(query)
    bindings = queries.parse_params(params, named)
    result = run(state.backend, sparql, bindings, allow_update=allow_update)
    if result is None:
        click.echo("update applied", err=True)
        return
    emit(render("result", fmt, result), out)


@main.command(name="queries")
@output_options("rows")
def list_queries(fmt: str, out: Path | None) -> None:
    """List the bundled named queries with their parameters.

    \b
    Example:
      plangraf queries --format md
    """
    from plangraf import queries

    def param(p: queries.Param) -> str:
        return p.name + (f" ({p.type})" if p.type else "") + (f": {p.description}" if p.description else "")

    rows = [{"name": q.name, "title": q.title, "description": q.description, "params": [param(p) for p in q.params]}
            for q in queries.bundled().values()]
    columns = ["name", "title", "params", "description"] if fmt != "table" else ["name", "title", "params"]
    emit(render("rows", fmt, rows, columns), out)


@main.command()
@output_options("stats")
@click.pass_obj
def stats(state: State, fmt: str, out: Path | None) -> None:
    """Count nodes per kind and per class, and the triples in the graph.

    \b
    Example:
      plangraf --store memory stats --format json
    """
    from plangraf.stats import graph_stats

    emit(render("stats", fmt, graph_stats(state.backend)), out)


@main.command()
@click.argument("number", type=int)
@output_options("card")
@click.pass_obj
def action(state: State, number: int, fmt: str, out: Path | None) -> None:
    """Show action NUMBER: assignments, money, outputs, events and findings, each with its evidence.

    \b
    Examples:
      plangraf action 26
      plangraf action 1 --format json
    """
    from plangraf.cards import action_card
    from plangraf.cardview import action_text

    emit(render("card", fmt, action_card(state.backend, number), text=action_text), out)


@main.command()
@click.argument("name")
@output_options("card")
@click.pass_obj
def actor(state: State, name: str, fmt: str, out: Path | None) -> None:
    """Show the body called NAME (Swedish name, English name, variant, abbreviation or id:…).

    Matching is case-insensitive; an ambiguous name lists the candidates and exits 2.

    \b
    Examples:
      plangraf actor "Name of a body"
      plangraf actor ABBREVIATION --format json
      plangraf actor id:org-example
    """
    from plangraf.cards import actor_card
    from plangraf.cardview import actor_text

    emit(render("card", fmt, actor_card(state.backend, name), text=actor_text), out)


@main.command()
@click.argument("name")
@output_options("card")
@click.pass_obj
def group(state: State, name: str, fmt: str, out: Path | None) -> None:
    """Show the collaboration group called NAME: members with roles, stated size, what the report says of
    members it does not name, findings.

    \b
    Examples:
      plangraf group ABBREVIATION
      plangraf group "Name of a group" --format json
    """
    from plangraf.cards import group_card
    from plangraf.cardview import group_text

    emit(render("card", fmt, group_card(state.backend, name), text=group_text), out)


@main.command(name="findings")
@click.option("--kind", "-k", help="Only this kind, e.g. overlap, timing, coverage-gap (see pg:FindingKinds).")
@output_options("findings")
@click.pass_obj
def list_findings(state: State, kind: str | None, fmt: str, out: Path | None) -> None:
    """List the evaluation's findings with kind, summary, who raised them and evidence.

    \b
    Examples:
      plangraf findings --kind overlap
      plangraf findings --format json --out exports/findings.json
    """
    from plangraf.findings import finding_list

    emit(render("findings", fmt, finding_list(state.backend, kind)), out)


@main.command()
@click.option("--only", "only", multiple=True, type=click.Choice(["shacl", "evidence", "owl"]),
              help="Run only this check (repeatable). Default: all three.")
@click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path),
              help="A source text file, or a folder of them (repeatable). Each pg:SourceDocument's text is found "
                   "by its pg:fileName here, in $PLANGRAF_SOURCE, in a sources/ folder beside the data, or in "
                   "../shared/sources/.")
@click.option("--shapes", type=click.Path(path_type=Path), help="SHACL shapes file. Default: ontology/shapes.ttl.")
@output_options("validation")
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
    from plangraf.validation import CHECKS
    from plangraf.validation import validate as run_validation

    report = run_validation(state.backend, only or CHECKS, sources, shapes, state.data or [])
    emit(render("validation", fmt, report), out)
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path),
              help="A source text file, or a folder of them (repeatable); as for validate.")
@output_options("check")
@click.pass_obj
def check(state: State, files: tuple[Path, ...], sources: tuple[Path, ...], fmt: str, out: Path | None) -> None:
    """Check curated Turtle FILES before they join the data: parse errors, pg: terms the ontology does not
    define, quotes not found at their line (with the lines where they are), described nodes without evidence.

    One line per problem. The files' source documents are those they describe and those of the dataset
    (--data). Exit code 0: no problems; 1: problems found; 2: the check could not run.

    \b
    Examples:
      plangraf check data/triples/outputs/*.ttl
      plangraf --data next/triples check next/triples/actors/*.ttl --format json
    """
    from plangraf.curation import check_files

    problems = check_files(files, state.data, state.ontology, sources)
    emit(render("check", fmt, problems), out)
    click.echo(f"{len(problems)} problem(s) in {len(files)} file(s)", err=True)
    sys.exit(1 if problems else 0)


@main.command()
@click.option("--save", is_flag=True, help="Write the inferred triples to exports/inferred.ttl (or --out).")
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Where --save writes. Never inside data/triples/.")
@format_option("inference")
@click.pass_obj
def reason(state: State, save: bool, out: Path | None, fmt: str) -> None:
    """Infer with OWL (owlready2 + HermiT): defined classes such as lead agency, joint assignment, funded
    action, international actor, and chained properties such as responsibleFor. Shows what is new.

    \b
    Examples:
      plangraf reason
      plangraf reason --save
    """
    from plangraf.inference import infer, save_inferred

    summary = infer(state.backend)
    if save:
        target = save_inferred(summary, out)
        click.echo(f"wrote {target}", err=True)
    emit(render("inference", fmt, summary), None)


def _report_help() -> str:
    """The report command's help, listing the registered report kinds."""
    kinds = [(name, k.description) for name, k in registry.kinds().items()]
    kinds.append((registry.ALL, "every report, each finding linked to the derived sections about the same nodes"))
    width = max(len(name) for name, _ in kinds)
    return "\n".join([
        "Coordination reports derived from the graph, and the report's own findings.", "",
        "Every row carries the identifiers and evidence (line + quote) it rests on.", "", "\b", "Kinds:",
        *(f"  {name:<{width}}  {description}" for name, description in kinds), "", "\b", "Examples:",
        "  plangraf report overlaps", "  plangraf report gaps --format json",
        "  plangraf report all --format html --out exports/report.html"])


@main.command(help=_report_help())
@click.argument("kind", type=click.Choice([*registry.names(), registry.ALL]), metavar="KIND")
@output_options("report")
@click.pass_obj
def report(state: State, kind: str, fmt: str, out: Path | None) -> None:
    from plangraf.dataset import source_names
    from plangraf.reports import build_report

    sections = build_report(state.backend, kind)
    title = "plangraf: coordination report" if kind == registry.ALL else f"plangraf: {kind}"
    emit(render("report", fmt, sections, title=title, sources=source_names(state.backend)), out)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=7878, show_default=True, help="Port (0 picks a free one).")
@click.pass_obj
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


@main.command(name="init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--source", "source", required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="The evaluation's plain text, which evidence line numbers will refer to.")
@click.option("--title", help="The source's title, also its citation in pages. Default: its file name without suffix.")
@click.option("--plan-label", help="The evaluated plan's name (in --language). Default: 'the plan evaluated in TITLE'.")
@click.option("--namespace", metavar="URI",
              help="Where the dataset's own nodes live (void:uriSpace). Default: https://w3id.org/plangraf/DIR/")
@click.option("--language", default="sv", show_default=True, help="Language of the source (a BCP 47 tag).")
def init_command(directory: Path, source: Path, title: str | None, plan_label: str | None, namespace: str | None,
                 language: str) -> None:
    """Start a new dataset in DIRECTORY (new or empty): triples/ with plan/dataset.ttl describing the dataset,
    its source document and its plan, an empty folder per kind of fact, sources/ with a copy of the source
    text, and CONVENTIONS.md.

    \b
    Examples:
      plangraf init next --source ~/reports/evaluation-2016.txt --title "Rapport 2016:4"
      plangraf --data next/triples validate --only shacl
    """
    from plangraf.scaffold import Skeleton, create

    create(directory, Skeleton(source, title, plan_label, namespace, language))
    click.echo(f"wrote {directory}: add facts under {directory / 'triples'}, following {directory / 'CONVENTIONS.md'}")


def _export_help() -> str:
    """The export group's help, listing the registered views."""
    width = max(len(spec) for spec in specs())
    return "\n".join(["Export the graph: an interactive HTML page, or data files for other tools.", "", "\b",
                      "Views (--view):", *(f"  {v.spec:<{width}}  {v.description}" for v in VIEWS.values())])


@main.group(help=_export_help())
def export() -> None:
    pass


def _default_out(view: str, suffix: str) -> Path:
    from plangraf.paths import DEFAULT_EXPORTS

    slug = "".join(c if c.isalnum() else "-" for c in view.casefold()).strip("-")
    return DEFAULT_EXPORTS / ("plangraf" + ("" if view == "full" else f"-{slug}") + suffix)


def view_options(func: Callable[..., Any]) -> Any:
    """The shared --view and --depth options of the exports."""
    func = click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
                        help="Radius of ego views.")(func)
    return click.option("--view", default="full", show_default=True,
                        help=f"One of: {', '.join(specs())} (see plangraf export --help).")(func)


@export.command(name="html")
@view_options
@click.option("--size", "size_by", type=click.Choice(["degree", "money"]), default="degree", show_default=True,
              help="What node size shows.")
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Target file. Default: exports/plangraf[-VIEW].html")
@click.pass_obj
def export_html_command(state: State, view: str, depth: int, size_by: str, out: Path | None) -> None:
    """Write one self-contained interactive HTML page (works offline, from file://).

    \b
    Examples:
      plangraf export html
      plangraf export html --view actor:ABBREVIATION --depth 2
      plangraf export html --view overlaps --out exports/overlaps.html
    """
    from plangraf.export_html import export_html
    from plangraf.graphview import view as build_view

    graph = build_view(state.backend, view, depth)
    target = out or _default_out(view, ".html")
    export_html(graph, target, f"plangraf — {view}", size_by)
    click.echo(f"wrote {target} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} links)")


def _export_formats_help() -> str:
    def listed(network: bool) -> str:
        return ", ".join(f"{f.name} ({f.description})" for f in EXPORT_FORMATS.values() if f.network == network)

    return f"RDF, the whole graph: {listed(False)}; network, the chosen view: {listed(True)}."


@export.command(name="graph")
@click.option("--format", "-f", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default=next(iter(EXPORT_FORMATS)),
              show_default=True, help=_export_formats_help())
@view_options
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Target file. Default: exports/plangraf[-VIEW].<format>")
@click.pass_obj
def export_graph_command(state: State, fmt: str, view: str, depth: int, out: Path | None) -> None:
    """Write the graph for other tools: Turtle, JSON-LD, N-Triples, GraphML/GEXF (Gephi, yEd), Cytoscape JSON.

    \b
    Examples:
      plangraf export graph --format gexf
      plangraf export graph --format jsonld --out exports/plangraf.jsonld
    """
    import networkx as nx

    from plangraf.export_graph import export_graph
    from plangraf.graphview import view as build_view

    spec = EXPORT_FORMATS[fmt]
    graph = build_view(state.backend, view, depth) if spec.network else nx.MultiDiGraph()
    target = out or _default_out(view if spec.network else "full", spec.suffix)
    export_graph(state.backend, graph, fmt, target)
    click.echo(f"wrote {target}")
