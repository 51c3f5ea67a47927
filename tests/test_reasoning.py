"""OWL reasoning with owlready2 + HermiT on the real data: what the defined classes add. HermiT runs once
for the module (it takes seconds); the command line's test prints that same result."""

from pathlib import Path

import pytest
from rdflib import RDF, Graph

from plangraf.inference import InferenceSummary, infer, save_inferred
from plangraf.namespaces import ID, PG


@pytest.fixture(scope="module")
def summary(embedded) -> InferenceSummary:
    return infer(embedded)


@pytest.fixture(scope="module")
def inferred(summary: InferenceSummary) -> Graph:
    return summary.triples


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


def test_cli_reason_prints_labels_by_class(summary: InferenceSummary, cli, monkeypatch) -> None:
    monkeypatch.setattr("plangraf.inference.infer", lambda backend: summary)
    monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal: 110 columns
    result = cli("reason")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("HermiT reasoning:") and "Lead agency (pg:LeadAgency):" in result.output
    assert "all 21 county administrative boards" in result.output  # each board leads action 26
    assert "Socialstyrelsen" in result.output and "org-socialstyrelsen" not in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 110
