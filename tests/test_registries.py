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


def test_a_new_report_kind_is_one_module(tmp_path, monkeypatch) -> None:
    # Adding a report kind touches its module (here written to a folder added to the package), its queries and
    # its test: the CLI's choices, `report all` and the help text pick it up without any other change.
    import plangraf.reports

    (tmp_path / "plan_sizes.py").write_text(
        'from plangraf.reports.context import Context, Section\n'
        'REPORT = {"kind": "plan-sizes", "order": 99, "derived": True, "description": "Actions per plan."}\n'
        'def build(ctx: Context) -> list[Section]:\n'
        '    rows = [{"plan": ctx.id(r["plan"]), "actions": int(r["n"]), "ids": [ctx.id(r["plan"])], "evidence": []}\n'
        '            for r in ctx.backend.query("SELECT ?plan (COUNT(?a) AS ?n) WHERE { ?a dct:isPartOf ?plan ; '
        'a pg:Action } GROUP BY ?plan").dicts()]\n'
        '    return [Section("plan-sizes.actions", "plan-sizes", "Actions per plan", "", ["plan", "actions"], rows)]\n')
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        boot = (f"import plangraf.reports as r; r.__path__.append({str(tmp_path)!r}); "
                "from plangraf.cli import main; main()")
        return subprocess.run([sys.executable, "-c", boot, *args], capture_output=True, text=True)

    monkeypatch.setattr(plangraf.reports, "__path__", [*plangraf.reports.__path__, str(tmp_path)])
    kinds.cache_clear()
    try:
        assert "plan-sizes" in names()
    finally:
        monkeypatch.undo()
        kinds.cache_clear()
    result = run("report", "plan-sizes", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"actions": 36' in result.stdout
    assert "plan-sizes" in run("report", "--help").stdout
