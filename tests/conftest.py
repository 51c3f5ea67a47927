"""Shared fixtures: the real dataset on both local stores, a CLI runner, the source text, and the synthetic
data of bench/synthetic.py."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the embedded store's cache of this test run out of the user's home."""
    os.environ["PLANGRAF_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


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
