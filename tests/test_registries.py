"""The registries are the one place report kinds, output formats, export formats and views are listed: the
CLI's choices and help are derived from them, and every registered report kind builds on the real data."""

import re
from importlib import import_module
from pkgutil import resolve_name

import click
import pytest

from plangraf.cli import main
from plangraf.formats import EXPORT_FORMATS, FORMATS, OUTPUTS, formats
from plangraf.output import ROW_RENDERERS
from plangraf.reports import build_report
from plangraf.reports.registry import ALL, derived, kinds, names
from plangraf.views import VIEWS, specs


def format_choices(help_text: str) -> list[str]:
    match = re.search(r"--format \[([^\]]+)\]", help_text)
    assert match, help_text
    return match.group(1).split("|")


def listed(help_text: str, heading: str) -> list[str]:
    """The first word of each line of the \\b block under ``heading``."""
    block = help_text.split(heading, 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.strip("\n").splitlines()]


def test_report_help_lists_exactly_the_registered_kinds(cli) -> None:
    text = cli("report", "--help").output
    assert listed(text, "Kinds:") == [*names(), ALL]
    assert format_choices(text) == list(formats("report"))
    assert main.commands["report"].params[0].type.choices == (*names(), ALL)


def test_query_help_lists_exactly_the_result_formats(cli) -> None:
    assert format_choices(cli("query", "--help").output) == list(formats("result"))


def test_export_graph_help_lists_exactly_the_export_formats_and_views(cli) -> None:
    text = cli("export", "graph", "--help").output
    assert format_choices(text) == list(EXPORT_FORMATS)
    views = re.search(r"One of: (.*?) \(see", " ".join(text.split()))
    assert views and views.group(1).split(", ") == specs()
    assert listed(cli("export", "--help").output, "Views (--view):") == specs()


def test_every_format_option_offers_a_registered_output() -> None:
    def commands(group: click.Group):
        for command in group.commands.values():
            yield from commands(command) if isinstance(command, click.Group) else [command]

    offered = [tuple(p.type.choices) for c in commands(main) for p in c.params if p.name == "fmt"]
    registered = {o.formats for o in OUTPUTS.values()} | {tuple(EXPORT_FORMATS)}
    assert offered and set(offered) <= registered


def test_every_registered_renderer_and_view_builder_resolves() -> None:
    assert {f for o in OUTPUTS.values() for f in o.formats} <= set(FORMATS)
    assert set(formats("rows")) == set(ROW_RENDERERS)
    for target in [o.renderer for o in OUTPUTS.values()] + [v.builder for v in VIEWS.values()] + [
            f.writer for f in EXPORT_FORMATS.values() if f.network]:
        assert callable(resolve_name(target)), target


def test_report_declarations_are_what_the_modules_hold() -> None:
    assert names()[-1] == "findings" and set(derived()) == set(names()) - {"findings"}
    for kind in kinds().values():
        module = import_module(kind.module)
        assert module.REPORT["kind"] == kind.kind and callable(module.build)


@pytest.mark.parametrize("kind", names())
def test_every_registered_report_kind_builds(embedded, kind: str) -> None:
    sections = build_report(embedded, kind)
    assert sections and {s.report for s in sections} == {kind}
    assert any(s.rows for s in sections)
