"""Any plan without code changes: a small second plan (tests/fixtures/plan-demo: its own source text, numbering
that collides with the real plan's, another period, other groups) runs through every command alone, and loads
together with the real data as one graph in which each plan keeps its own actions and shared bodies are one
node."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "tests" / "fixtures" / "plan-demo" / "triples"
BOTH = ("--data", str(ROOT / "data" / "triples"), "--data", str(DEMO))


def plangraf(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def ok(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.parametrize("args", [
    ("stats",), ("action", "1"), ("action", "4", "--format", "json"), ("actor", "NSV"), ("group", "NSV"),
    ("findings",), ("query", "actions", "--format", "csv"), ("report", "all", "--format", "md"),
    ("validate",), ("reason",),
], ids=lambda a: " ".join(a))
def test_every_command_runs_on_the_second_plan_alone(args: tuple[str, ...]) -> None:
    ok(plangraf("--data", str(DEMO), *args))


def test_exports_run_on_the_second_plan_alone(tmp_path: Path) -> None:
    ok(plangraf("--data", str(DEMO), "export", "html", "--out", str(tmp_path / "demo.html")))
    ok(plangraf("--data", str(DEMO), "export", "graph", "--format", "gexf", "--out", str(tmp_path / "demo.gexf")))
    page = (tmp_path / "demo.html").read_text()
    assert "Testunderlag 2015:1" in page and "Brå" not in page  # the source is named from the data


def test_the_second_plan_keeps_its_own_period_areas_and_groups() -> None:
    report = json.loads(ok(plangraf("--data", str(DEMO), "report", "all", "--format", "json")))
    sections = {s["id"]: s for s in report["sections"]}
    assert "2012-03-01" in sections["timing.late-assignments"]["description"]
    assert len(sections["focus.by-area"]["rows"]) >= 3
    groups = {r["group"]: r for r in sections["network.groups"]["rows"]}
    assert groups["Nationella samrådsgruppen mot våld"]["counted_in_report"] == [12]
    card = json.loads(ok(plangraf("--data", str(DEMO), "action", "1", "--format", "json")))
    assert card["plan"]["id"] == "demo:plan-2012" and card["id"] == "demo:action-1"


def test_both_plans_in_one_graph_validate() -> None:
    ok(plangraf(*BOTH, "validate", "--only", "shacl", "--only", "evidence"))


def test_an_action_number_both_plans_use_needs_a_plan() -> None:
    ambiguous = plangraf(*BOTH, "action", "3")
    assert ambiguous.returncode == 2 and "--plan" in ambiguous.stderr and "Traceback" not in ambiguous.stderr
    demo = json.loads(ok(plangraf(*BOTH, "--plan", "demo:plan-2012", "action", "3", "--format", "json")))
    real = json.loads(ok(plangraf(*BOTH, "--plan", "id:plan-2008", "action", "3", "--format", "json")))
    assert demo["id"] == "demo:action-3" and real["id"] == "id:action-3" and demo["title"] != real["title"]


def test_a_body_both_plans_name_is_one_node() -> None:
    rows = json.loads(ok(plangraf(*BOTH, "query", "SELECT DISTINCT ?source WHERE { id:org-socialstyrelsen "
                                  "pg:hasEvidence/pg:inSource ?source }", "--format", "json")))
    assert len({r["source"] for r in rows}) == 2


def test_one_plans_view_of_both_is_the_plan_alone() -> None:
    def counts(*args: str) -> dict[str, int]:
        report = json.loads(ok(plangraf(*args, "report", "all", "--format", "json")))
        return {s["id"]: s["count"] for s in report["sections"]}

    alone, view = counts("--data", str(DEMO)), counts(*BOTH, "--plan", "demo:plan-2012")
    differing = {k for k in alone.keys() | view.keys() if alone.get(k) != view.get(k)}
    assert differing <= {"gaps.counties"}  # the real data brings all 21 counties; the fixture names two
    assert counts(*BOTH, "--plan", "id:plan-2008") == counts()
