"""OWL reasoning with owlready2 + HermiT on the real data: what the defined classes add."""

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from plangraf.inference import infer, save_inferred
from plangraf.namespaces import ID, PG


@pytest.fixture(scope="module")
def inferred(embedded) -> Graph:
    return infer(embedded).triples


@pytest.mark.parametrize("node, cls", [
    ("asg-10", "CombinedAssignment"),      # one decision for actions 10, 11, 12 and 34
    ("asg-26", "JointAssignment"),         # all 21 county boards lead action 26
    ("action-26", "FundedAction"),
    ("org-cbss", "InternationalActor"),
    ("org-lansstyrelsen-stockholm", "LeadAgency"),
])
def test_defined_classes_gain_the_expected_members(inferred: Graph, node: str, cls: str) -> None:
    assert (ID[node], RDF.type, PG[cls]) in inferred


def test_property_chains_are_materialised(inferred: Graph) -> None:
    assert (ID["org-lansstyrelsen-stockholm"], PG.responsibleFor, ID["action-27"]) in inferred
    assert (ID["org-migrationsverket"], PG.memberOf, ID["group-nmt"]) in inferred


def test_only_new_triples_are_reported(inferred: Graph, embedded) -> None:
    asserted = embedded.to_rdflib()
    assert not any(triple in asserted for triple in inferred)


def test_save_never_writes_into_the_data_folder(inferred: Graph, tmp_path: Path, embedded) -> None:
    from plangraf.errors import OutputError
    from plangraf.inference import InferenceSummary
    from plangraf.paths import DEFAULT_DATA

    summary = InferenceSummary(0.0, inferred)
    with pytest.raises(OutputError):
        save_inferred(summary, DEFAULT_DATA / "inferred.ttl")
    target = save_inferred(summary, tmp_path / "inferred.ttl")
    assert len(Graph().parse(target)) == len(inferred)


def test_cli_reason_prints_time_and_classes() -> None:
    proc = subprocess.run([sys.executable, "-m", "plangraf", "reason"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("HermiT reasoning:") and "a pg:LeadAgency" in proc.stdout
