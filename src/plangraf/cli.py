"""The plangraf command line: each command parses its arguments, calls one library function and formats
the result. Library errors become one line on stderr and exit code 2 (validation findings exit 1)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn

import click

from plangraf.errors import PlangrafError, Terminated
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
                 plan: str | None = None, lang: str = "en") -> None:
        self.data = list(data) or None
        self.ontology = ontology
        self.store = store
        self.graph = graph
        self.plan = plan
        self.lang = lang
        self._backend = None
        self._words = None

    @property
    def backend(self):
        if self._backend is None:
            from plangraf.loading import load

            self._backend = load(self.data, self.ontology, self.store, self.graph)
            if self.plan is not None:
                from plangraf.plans import restrict

                self._backend = restrict(self._backend, self.plan)
        return self._backend

    @property
    def words(self):
        """The vocabulary people read, in the chosen language (see :mod:`plangraf.vocabulary`)."""
        if self._words is None:
            from plangraf.vocabulary import Vocabulary

            self._words = Vocabulary(self.backend, self.lang)
        return self._words


def fail_cleanly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library and system errors into one line on stderr and exit code 2. A closed pipe ends quietly
    with the status of a process killed by SIGPIPE (141); SIGTERM is raised as an interrupt, so temporary
    files are removed, and exits 143; Ctrl-C exits 130."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from plangraf.output import silence_stdout

        try:
            with _sigterm_as_interrupt():
                return func(*args, **kwargs)
        except PlangrafError as exc:
            _fail("Error: " + " ".join(str(exc).splitlines()), 2)  # one line, whatever input a message quotes
        except BrokenPipeError:
            silence_stdout()
            sys.exit(128 + signal.SIGPIPE)
        except Terminated:
            _fail("Error: terminated", 128 + signal.SIGTERM)
        except KeyboardInterrupt:
            _fail("Error: interrupted", 130)
        except OSError as exc:
            _fail(f"Error: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""), 2)

    return wrapper


def _fail(message: str, code: int) -> NoReturn:
    with suppress(OSError):  # standard error is closed or full too: the exit code has to say it
        click.echo(message, err=True)
    sys.exit(code)


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises :class:`Terminated` (signals reach the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class CleanGroup(click.Group):
    """The command group whose every command, nested ones included, runs through :func:`fail_cleanly`."""

    def invoke(self, ctx: click.Context) -> Any:
        return fail_cleanly(super().invoke)(ctx)


def emit(text: str, out: Path | None) -> None:
    """Print (a failed write is an error, a closed pipe ends quietly), or write atomically to ``out``."""
    from plangraf.output import write_atomic, write_stdout

    if out is None:
        write_stdout(text, newline=bool(text) and not text.endswith("\n"))
        return
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
        @wraps(func)
        def plain_to_files(*args: Any, **kwargs: Any) -> Any:
            from plangraf import terminal

            if kwargs.get("out") is None:
                return func(*args, **kwargs)
            with terminal.plain():
                return func(*args, **kwargs)

        wrapped = click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
                               help="Write to this file (atomically) instead of standard output.")(plain_to_files)
        return format_option(kind)(wrapped)

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
@click.option("--lang", type=click.Choice(["en", "sv"]), default="en", show_default=True,
              help="Language of the vocabulary's labels (themes, audiences, statuses, kinds of body, finding kinds, "
                   "action areas); names of bodies and titles stay as the report prints them.")
@click.option("--timeout", metavar="SECONDS",
              help="Time limit of each ad-hoc query (query, on every store) and of each request to a SPARQL endpoint "
                   "or to serve's engine. Default: $PLANGRAF_TIMEOUT, else 60.")
@click.pass_context
def main(ctx: click.Context, data: tuple[Path, ...], ontology: Path | None, store: str, graph: str | None,
         plan: str | None, lang: str, timeout: str | None) -> None:
    """plangraf: an evidence-backed knowledge graph of an action plan and its evaluation.

    Every fact carries the source line and quote it rests on. Without --data, the bundled dataset is used
    (see the README); each dataset describes its plan, its sources and itself in its own triples.
    """
    from plangraf import limits

    limits.configure(None if timeout is None else limits.parse_timeout(timeout, "--timeout"))
    ctx.call_on_close(lambda: limits.configure(None))  # for this invocation only (tests run many in one process)
    limits.timeout()  # a bad PLANGRAF_TIMEOUT is an error before anything runs
    ctx.obj = State(data, ontology, store, graph, plan, lang)


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable the query selects (repeatable). id:x and <iri> are IRIs, numbers are "
                   "numbers, \"text\"@sv is tagged, anything else a string. Never pasted into the query.")
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL update (refused otherwise).")
@click.option("--allow-service", is_flag=True,
              help="Allow federated SERVICE calls, which make plangraf send requests to the hosts they name "
                   "(refused otherwise).")
@click.option("--limit-rows", type=click.IntRange(1), default=1_000_000, show_default=True,
              help="Refuse a result of more rows (or triples) than this.")
@output_options("result")
@click.pass_obj
def query(state: State, query: str, params: tuple[str, ...], allow_update: bool, allow_service: bool,
          limit_rows: int, fmt: str, out: Path | None) -> None:
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
    from plangraf import limits, queries
    from plangraf.sparql import run

    sparql, named = queries.resolve(query, getattr(sys.stdin, "buffer", None) if query == "-" else None)
    bindings = queries.parse_params(params, named)
    result = run(state.backend, sparql, bindings, allow_update=allow_update, allow_service=allow_service,
                 timeout=limits.timeout(), max_rows=limit_rows)
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

    found = action_card(state.backend, number, lang=state.lang)
    emit(render("card", fmt, found, text=lambda card: action_text(card, state.words)), out)


@main.command()
@click.argument("name")
@output_options("card")
@click.pass_obj
def actor(state: State, name: str, fmt: str, out: Path | None) -> None:
    """Show the body called NAME (Swedish name, English name, variant, abbreviation or id:…); a collaboration
    group's name shows the group's card (as plangraf group does).

    Matching is case-insensitive; an exact name or abbreviation wins over part of a name. An ambiguous name
    lists the candidates, told apart by kind and abbreviation, and exits 2; give a candidate as listed, e.g.
    "NAME (collaboration group)", or its id to pick it.

    \b
    Examples:
      plangraf actor "Name of a body"
      plangraf actor ABBREVIATION --format json
      plangraf actor "Name shared by two bodies (non-governmental organisation)"
      plangraf actor id:org-example
    """
    from plangraf.cards import card
    from plangraf.cardview import actor_text, group_text

    kind, found = card(state.backend, name, state.lang)
    text = group_text if kind == "group" else actor_text
    emit(render("card", fmt, found, text=lambda shown: text(shown, state.words)), out)


@main.command()
@click.argument("name")
@output_options("card")
@click.pass_obj
def group(state: State, name: str, fmt: str, out: Path | None) -> None:
    """Show the collaboration group called NAME: members with roles, who coordinates it, stated size, what
    the report says of members it does not name, purpose and meetings, what it produced, findings.

    \b
    Examples:
      plangraf group ABBREVIATION
      plangraf group "Name of a group" --format json
    """
    from plangraf.cards import group_card
    from plangraf.cardview import group_text

    found = group_card(state.backend, name, state.lang)
    emit(render("card", fmt, found, text=lambda card: group_text(card, state.words)), out)


@main.command(name="findings")
@click.option("--kind", "-k", help="Only this kind: its English or Swedish label or its id, e.g. overlap, "
                                   "coverage-gap, täckningsbrist, pg:CoverageGap.")
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

    emit(render("findings", fmt, finding_list(state.backend, kind, state.lang), words=state.words), out)


@main.command()
@click.argument("text")
@click.option("--limit", "-n", type=click.IntRange(1), default=20, show_default=True, help="Show at most this many hits.")
@output_options("search")
@click.pass_obj
def search(state: State, text: str, limit: int, fmt: str, out: Path | None) -> None:
    """Find TEXT in names, titles, summaries and quotes; hits are ranked (whole name first, then a name
    starting with it, a word of a name, part of a name, then quotes) and each names the command that opens it.

    \b
    Examples:
      plangraf search ABBREVIATION
      plangraf search "bioreklam"
      plangraf search trafficking --limit 50 --format json
    """
    from plangraf.search import search as find

    emit(render("search", fmt, find(state.backend, text, state.words, limit), text=text), out)


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
    validation report graph. Data that cannot load because values do not fit their datatypes is reported as
    a "types" check listing every such value.

    \b
    Examples:
      plangraf validate
      plangraf validate --only evidence --source ~/reports/ --format json
    """
    from plangraf.errors import IllTypedValueError
    from plangraf.validation import CHECKS, type_report
    from plangraf.validation import validate as run_validation

    try:
        report = run_validation(state.backend, only or CHECKS, sources, shapes, state.data or [])
    except IllTypedValueError:  # the graph cannot load: list every ill-typed value at once instead
        from plangraf.loading import source_files

        report = type_report(source_files(state.data, state.ontology))
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
    action, international actor, and chained properties such as responsibleFor. Shows what is new, by name
    (--format json: by identifier).

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
    emit(render("inference", fmt, summary, words=state.words), None)


def _report_help() -> str:
    """The report command's help, listing the registered report kinds."""
    kinds = [(name, k.description) for name, k in registry.kinds().items()]
    kinds.append((registry.ALL, "every report, each finding linked to the derived sections about the same nodes"))
    width = max(len(name) for name, _ in kinds)
    return "\n".join([
        "Coordination reports derived from the graph, and the report's own findings.", "",
        "Every row carries the identifiers and evidence (line + quote) it rests on. Tables fit the terminal (long "
        "cells wrap, rich rows become blocks); --format html is one page with a table of contents, sortable and "
        "filterable tables and each row's quotes folded.", "", "\b", "Kinds:",
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

    sections = build_report(state.backend, kind, state.lang)
    title = "plangraf: coordination report" if kind == registry.ALL else f"plangraf: {kind}"
    emit(render("report", fmt, sections, title=title, sources=source_names(state.backend), words=state.words), out)


@main.command(name="site")
@click.option("--out", "-o", type=click.Path(path_type=Path, file_okay=False),
              help="Target folder (replaced as a whole). Default: exports/site/")
@click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path),
              help="A source text file, or a folder of them (repeatable); as for validate.")
@click.pass_obj
def site_command(state: State, out: Path | None, sources: tuple[Path, ...]) -> None:
    """Write a static evidence site that works offline, from file:// or any static host: a page per node
    (id:action-26 -> id/action-26.html) with its facts, links, findings, report rows, neighbourhood and
    evidence; the source texts with an anchor per line; indexes, reports and a search box; each node as
    Turtle and JSON-LD beside its page, the whole graph and a VoID/DCAT description at the root.

    \b
    Examples:
      plangraf site
      plangraf site --out public/ && plangraf serve --site public/
    """
    from plangraf.paths import DEFAULT_EXPORTS
    from plangraf.site.build import build_site

    summary = build_site(state.backend, out or DEFAULT_EXPORTS / "site", sources, state.data or [])
    click.echo(f"wrote {summary.out}: {summary.pages} pages, {summary.files} files, {summary.size / 1e6:.1f} MB "
               f"in {summary.seconds:.1f} s; open {summary.out / 'index.html'}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=7878, show_default=True, help="Port (0 picks a free one).")
@click.option("--site", "site", is_flag=False, flag_value="", default=None, metavar="[DIR]",
              help="Also serve the site built by `plangraf site` (default exports/site/), answering entity IRIs "
                   "(/id/action-26) with the page or, for Accept: text/turtle, the node's Turtle.")
@click.option("--site-port", type=int, default=7879, show_default=True, help="Port of the site (0 picks a free one).")
@click.pass_obj
def serve(state: State, host: str, port: int, site: str | None, site_port: int) -> None:
    """Serve the graph read-only over SPARQL 1.1 (Oxigraph's server) until interrupted (Ctrl-C, SIGTERM).

    Queries are read before Oxigraph sees them: updates, SERVICE calls and queries past the engine's limits
    are refused; each query has the --timeout. See the README's threat model before using --host.

    The graph is in the named graph https://w3id.org/plangraf/graph/main, so other plangraf commands can
    use it with --store URL.

    \b
    Example:
      plangraf serve --port 7878 &
      plangraf --store http://127.0.0.1:7878/query report gaps
      plangraf site && plangraf serve --site
    """
    from contextlib import nullcontext

    from plangraf.loading import source_files
    from plangraf.paths import DEFAULT_EXPORTS
    from plangraf.server import serving
    from plangraf.site_server import serving_site

    pages = (serving_site(Path(site) if site else DEFAULT_EXPORTS / "site", host, site_port or None)
             if site is not None else nullcontext())
    from plangraf import limits

    files = source_files(state.data, state.ontology)
    with pages as site_server, serving(files, host, port or None, limits.timeout()) as server:
        try:
            click.echo(f"SPARQL endpoint: {server.url}  (graph https://w3id.org/plangraf/graph/main; Ctrl-C stops)")
            click.echo(f"Oxigraph pid {server.process.pid}, temporary store {server.location}", err=True)
            if site_server is not None:
                click.echo(f"Site: {site_server.url}  (entity IRIs such as {site_server.url}id/…; Accept: "
                           "text/turtle for data)")
            server.wait()
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (Terminated): the normal way to stop a server
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

    Labels are drawn only where they overlap nothing, the important nodes first (zoom in for more, hover for
    any); findings are counts on the nodes they concern (click to list, or to add them as nodes); grants are
    labelled by amount and recipients; views of more than 250 nodes open clustered by community (click a
    cluster to open it). Filters and search re-fit the view and update the counts.

    \b
    Examples:
      plangraf export html
      plangraf export html --view actor:ABBREVIATION --depth 2
      plangraf export html --view overlaps --out exports/overlaps.html
    """
    from plangraf.export_html import export_html
    from plangraf.graphview import view as build_view

    graph = build_view(state.backend, view, depth, state.lang)
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
    graph = build_view(state.backend, view, depth, state.lang) if spec.network else nx.MultiDiGraph()
    target = out or _default_out(view if spec.network else "full", spec.suffix)
    export_graph(state.backend, graph, fmt, target)
    click.echo(f"wrote {target}")
