"""`plangraf check`: a curator's files are checked for parse errors, unknown terms, misplaced quotes and
missing evidence, one line per problem; exit 0 when clean, 1 with problems, 2 when the check cannot run."""

import json
import subprocess
import sys
from pathlib import Path

from plangraf.paths import DEFAULT_DATA

HEAD = """@prefix pg: <https://w3id.org/plangraf/ontology#> .
@prefix id: <https://w3id.org/plangraf/id/> .
"""
BAD = HEAD + """id:out-x a pg:Report ; pg:colour "red" ;
    pg:hasEvidence [ a pg:Evidence ; pg:inSource id:source-bra-2011-18 ; pg:line 5000 ; pg:quote "Förord" ] .
id:out-y a pg:Film .
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True)


def test_curated_files_are_clean() -> None:
    files = sorted(str(p) for p in (DEFAULT_DATA / "outputs").glob("*.ttl"))
    proc = run("check", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == "" and f"0 problem(s) in {len(files)} file(s)" in proc.stderr


def test_problems_are_one_line_each_and_exit_1(tmp_path: Path) -> None:
    bad, broken = tmp_path / "bad.ttl", tmp_path / "broken.ttl"
    bad.write_text(BAD, encoding="utf-8")
    broken.write_text(HEAD + "id:x a .", encoding="utf-8")
    proc = run("check", str(bad), str(broken))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 4 and all(line.startswith((f"{bad}: ", f"{broken}: ")) for line in lines)
    assert any("unknown ontology term https://w3id.org/plangraf/ontology#colour" in line for line in lines)
    assert any("out-x line 5000: quote found at line 1, not 5000" in line for line in lines)
    assert any("out-y: has no pg:hasEvidence" in line for line in lines)
    assert any(line.startswith(f"{broken}: does not parse") for line in lines)


def test_json_lists_the_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD, encoding="utf-8")
    proc = run("check", str(bad), "--format", "json")
    assert proc.returncode == 1
    problems = json.loads(proc.stdout)
    assert sorted(p["check"] for p in problems) == ["evidence", "quote", "term"]
    assert {p["file"] for p in problems} == {str(bad)}


def test_a_check_that_cannot_run_exits_2(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "missing.ttl"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "a.ttl").write_text(HEAD + "id:x a pg:Report .", encoding="utf-8")
    proc = run("--data", str(bare), "check", str(bare / "a.ttl"))
    assert proc.returncode == 2 and proc.stderr.startswith("Error:") and "SourceDocument" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
