"""plangraf validate: a valid dataset passes; each kind of broken fact is caught with the right message."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "triples" / "plan" / "plan.ttl"
DATASET = ROOT / "data" / "triples" / "plan" / "dataset.ttl"
BASE = ("--data", str(ROOT / "data" / "triples" / "plan" / "plan.ttl"), "--data", str(DATASET), "--data",
        str(Path(__file__).parent / "fixtures" / "valid"))
EV = "a pg:Evidence ; pg:inSource id:source-bra-2011-18 ;"
VALID = Path(__file__).parent / "fixtures" / "valid"
HEAD = """@prefix pg: <https://w3id.org/plangraf/ontology#> . @prefix id: <https://w3id.org/plangraf/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True, env=env)


def validate(tmp_path: Path, extra: str, *options: str) -> subprocess.CompletedProcess:
    broken = tmp_path / "broken.ttl"
    broken.write_text(HEAD + extra)
    return run(*BASE, "--data", str(broken), "validate", "--format", "json", *options)


def test_valid_dataset_passes() -> None:
    proc = run(*BASE, "validate", "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["conforms"] and [c["check"] for c in report["checks"]] == ["shacl", "evidence", "owl"]
    evidence = report["checks"][1]
    assert evidence["sha256"] == "07d0d04dce9e753d51c0d212f3a348ad8a1c3b8b95f9b2f463635b4f3eb719ae"


def problems(proc: subprocess.CompletedProcess, check: str) -> list[dict]:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    return next(c for c in report["checks"] if c["check"] == check)["problems"]


CASES = [
    ("missing evidence", 'id:out-x a pg:Report ; dct:title "Rapport"@sv .', "shacl", "id:out-x", "without evidence"),
    ("quote not in source",
     'id:action-7 pg:hasEvidence [ {EV} pg:line 2641 ; pg:quote "Regeringen lade ned Brå" ] .',
     "evidence", "id:action-7", "not found in source"),
    ("quote at wrong line",
     'id:action-7 pg:hasEvidence [ {EV} pg:line 10 ; '
     'pg:quote "Länsstyrelsen i Stockholms län fick den 8 april 2009" ] .',
     "evidence", "id:action-7", "found at line 2641"),
    ("negative count",
     'id:ev-x a pg:Training ; skos:prefLabel "Utbildning"@sv ; pg:participants -5 ; '
     'pg:hasEvidence [ {EV} pg:line 2 ; pg:quote "Den 10 juli 2008" ] .',
     "shacl", "id:ev-x", "non-negative"),
    ("assignment without date",
     'id:asg-x a pg:Assignment ; pg:forAction id:action-7 ; '
     'pg:hasEvidence [ {EV} pg:line 2 ; pg:quote "Den 10 juli 2008" ] .',
     "shacl", "id:asg-x", "pg:decisionDate or an explicit pg:dateUnknown"),
    ("grant without amount or currency",
     'id:grant-x a pg:Grant ; pg:hasEvidence [ {EV} pg:line 2 ; pg:quote "Den 10 juli 2008" ] .',
     "shacl", "id:grant-x", "pg:currency"),
    ("action number out of range", 'id:action-7 pg:number 0 .', "shacl", "id:action-7", "≥ 1"),
    ("two actions with one number", 'id:action-8 a pg:Action ; pg:number 7 ; dct:isPartOf id:plan-2008 .', "shacl",
     "id:action-8", "share the number"),
    ("dangling link", 'id:asg-7 pg:partner id:org-nowhere .', "shacl", "id:asg-7", "must point to an actor"),
    ("disjointness: output typed as organisation", 'id:org-lansstyrelsen-stockholm a pg:Report .',
     "owl", "id:org-lansstyrelsen-stockholm", "cannot be both pg:Actor"),
    ("disjointness through a property range", 'id:action-7 pg:producedBy id:asg-7 .',
     "owl", "id:asg-7", "value of pg:producedBy"),
]
CASES = [(name, extra.replace("{EV}", EV), *rest) for name, extra, *rest in CASES]


@pytest.mark.parametrize("name, extra, check, node, message", CASES, ids=[c[0] for c in CASES])
def test_each_broken_rule_is_caught(tmp_path: Path, name: str, extra: str, check: str, node: str, message: str) -> None:
    found = problems(validate(tmp_path, extra), check)
    assert any(p["node"] == node and message in p["message"] for p in found), found


def test_missing_source_cannot_run(tmp_path: Path) -> None:
    proc = run(*BASE, "validate", "--only", "evidence",
               "--source", str(tmp_path / "nowhere.txt"))
    assert proc.returncode == 2 and "source text not found" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_java_is_said_plainly(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path), "PLANGRAF_CACHE_DIR": str(tmp_path / "c")}
    proc = subprocess.run([sys.executable, "-c", "import owlready2; owlready2.JAVA_EXE = 'no-such-java'; "
                           "from plangraf.cli import main; main()", *BASE,
                           "validate", "--only", "owl"], capture_output=True, text=True, env=env)
    assert proc.returncode == 2 and "Java is needed" in proc.stderr, proc.stderr


def test_turtle_report_of_shacl(tmp_path: Path) -> None:
    broken = tmp_path / "b.ttl"
    broken.write_text(HEAD + 'id:out-x a pg:Report ; dct:title "R"@sv .')
    proc = run(*BASE, "--data", str(broken), "validate", "--only", "shacl",
               "--format", "ttl")
    assert proc.returncode == 1 and "sh:ValidationReport" in proc.stdout and "sh:conforms false" in proc.stdout


def test_shipped_data_validates(embedded) -> None:
    """The real dataset is green on every check: no data change can land broken."""
    from plangraf.validation import validate as run_validation

    report = run_validation(embedded)
    assert report.conforms, json.dumps(report.as_dict(), ensure_ascii=False, indent=1)[:4000]


def test_validate_lists_every_ill_typed_value_at_once(tmp_path: Path) -> None:
    # Loading refuses at the first ill-typed value; validate lists them all, with file and line.
    (tmp_path / "bad.ttl").write_text(HEAD + 'id:grant-x pg:amount "abc"^^xsd:integer .\n'
                                      'id:event-y pg:participants "many" .\n'
                                      'id:asg-z pg:decisionDate "2008-13-45"^^xsd:date .\n')
    proc = run(*BASE, "--data", str(tmp_path / "bad.ttl"), "validate", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["checks"][0]
    assert found["check"] == "types" and {p["node"] for p in found["problems"]} == {"id:grant-x", "id:event-y", "id:asg-z"}
    assert all("bad.ttl line" in p["message"] for p in found["problems"])
