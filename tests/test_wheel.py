"""A built wheel works outside the checkout: the ontology, shapes, queries and the bundled dataset ship inside
the package. The wheel is installed into a fresh virtual environment whose only other packages are the
dependencies (made visible with a .pth file, so the test needs no network); commands run from a folder
outside the checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    built = _run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", base / "dist")
    assert built.returncode == 0, built.stderr
    wheel = next((base / "dist").glob("plangraf-*.whl"))
    venv = base / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv).returncode == 0
    python = venv / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel)
    assert done.returncode == 0, done.stderr
    return python


def test_wheel_carries_the_ontology_and_the_dataset(installed: Path, tmp_path: Path) -> None:
    where = _run(installed, "-c", "import plangraf.paths as p; print(p.ROOT, p.IN_CHECKOUT)", cwd=tmp_path)
    root, in_checkout = where.stdout.split()
    assert in_checkout == "False" and ROOT not in Path(root).parents
    assert (Path(root) / "ontology" / "shapes.ttl").is_file()


def test_wheel_runs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    def plangraf(*args: str) -> subprocess.CompletedProcess:
        return _run(installed, "-m", "plangraf", *args, cwd=tmp_path)

    stats = plangraf("--store", "memory", "stats", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["triples"] > 20_000
    action = plangraf("action", "26", "--format", "json")
    assert action.returncode == 0 and json.loads(action.stdout)["number"] == 26
    gaps = plangraf("report", "gaps", "--format", "json")
    assert gaps.returncode == 0 and json.loads(gaps.stdout)["sections"]
    shacl = plangraf("validate", "--only", "shacl")
    assert shacl.returncode == 0, shacl.stdout + shacl.stderr
    exported = plangraf("report", "all", "--format", "html", "--out", "report.html")
    assert exported.returncode == 0 and (tmp_path / "report.html").stat().st_size > 10_000
