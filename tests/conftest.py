"""Shared fixtures: the real dataset on both local stores, a CLI runner, the source text, and the synthetic
data of bench/synthetic.py."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
BENCH = Path(__file__).resolve().parents[1] / "bench"
# The files that take longest (seconds each, measured), run first so that the workers of `make test`
# (pytest-xdist, one file per worker at a time) finish together instead of one waiting for the other.
SLOWEST_FIRST = ("test_endpoint.py", "test_browser.py", "test_query_safety.py", "test_site.py", "test_reasoning.py",
                 "test_validation.py", "test_plans.py", "test_wheel.py", "test_exports.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the embedded store's cache of this test run out of the user's home."""
    os.environ["PLANGRAF_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


def _processes_using(folder: Path) -> list[int]:
    """Ids of processes whose command line names ``folder`` (servers left running on a store in it)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if entry.name.isdigit() and int(entry.name) != os.getpid() and str(folder) in command:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="session", autouse=True)
def _nothing_left_behind(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Temporary folders of this run (ours and those of the commands it starts) go to a private folder;
    at the end no process may still use this run's folders and no temporary store may remain. What is
    left is stopped and removed, and the run fails."""
    private = tmp_path_factory.mktemp("tmp")
    before = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = str(private)
    yield
    if before[0] is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = before[0]
    tempfile.tempdir = before[1]
    running = _processes_using(tmp_path_factory.getbasetemp())
    for pid in running:
        os.kill(pid, signal.SIGKILL)
    left = sorted(p for p in private.iterdir() if p.name.startswith("plangraf-"))
    for folder in left:
        shutil.rmtree(folder, ignore_errors=True)
    assert not running and not left, f"left behind: processes {running}, folders {[p.name for p in left]}"


@pytest.fixture(scope="session")
def embedded():
    from plangraf.loading import load

    return load(store="embedded")


@pytest.fixture(scope="session")
def memory():
    from plangraf.loading import load

    return load(store="memory")


@pytest.fixture(params=["embedded", "memory"], scope="session")
def backend(request: pytest.FixtureRequest):
    return request.getfixturevalue(request.param)


@pytest.fixture
def cli():
    """Invoke the CLI in-process; returns the click Result."""
    from plangraf.cli import main

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def sources(memory) -> dict:
    """The text of every source document the data describes, by document node. A missing source fails
    (never skips): evidence must be checked for real."""
    from plangraf.evidence import load_sources

    return load_sources(memory.to_rdflib())


@pytest.fixture(scope="session")
def source(sources):
    """The text of the bundled dataset's one source document."""
    assert len(sources) == 1
    return next(iter(sources.values()))


@pytest.fixture(scope="session")
def synthetic() -> ModuleType:
    """bench/synthetic.py, imported from its file (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("synthetic", BENCH / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
