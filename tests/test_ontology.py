"""The ontology parses, is OWL 2 with a version IRI, and documents every term it declares."""

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from plangraf.namespaces import PG

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"


@pytest.fixture(scope="module")
def onto() -> Graph:
    graph = Graph()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        graph.parse(path)
    return graph


def declared(onto: Graph, *types: URIRef) -> list[URIRef]:
    return sorted({s for t in types for s in onto.subjects(RDF.type, t)
                   if isinstance(s, URIRef) and str(s).startswith(str(PG))})


def test_ontology_has_version_iri(onto: Graph) -> None:
    ontology = URIRef("https://w3id.org/plangraf/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert onto.value(ontology, OWL.versionIRI) is not None


def test_every_class_and_property_has_sv_en_labels_and_definition(onto: Graph) -> None:
    terms = declared(onto, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    assert len(terms) > 60
    for term in terms:
        langs = {label.language for label in onto.objects(term, RDFS.label)}
        assert {"sv", "en"} <= langs, f"{term} lacks sv/en labels"
        definitions = [d for d in onto.objects(term, SKOS.definition) if d.language == "en"]
        assert definitions, f"{term} lacks an English definition"


def test_every_concept_has_sv_en_pref_labels(onto: Graph) -> None:
    concepts = {s for s in onto.subjects(SKOS.inScheme, None)}
    assert len(concepts) > 50
    for concept in concepts:
        langs = {label.language for label in onto.objects(concept, SKOS.prefLabel)}
        assert {"sv", "en"} <= langs, f"{concept} lacks sv/en prefLabels"


@pytest.mark.parametrize("cls, standard", [
    ("Organisation", "http://www.w3.org/ns/org#Organization"),
    ("CollaborationGroup", "http://www.w3.org/ns/org#OrganizationalCollaboration"),
    ("Membership", "http://www.w3.org/ns/org#Membership"),
    ("Assignment", "http://www.w3.org/ns/prov#Activity"),
    ("Action", "http://www.w3.org/ns/prov#Plan"),
    ("Grant", "https://schema.org/MonetaryGrant"),
    ("Output", "http://www.w3.org/ns/prov#Entity"),
    ("Theme", "http://www.w3.org/2004/02/skos/core#Concept"),
])
def test_classes_specialise_standard_vocabularies(onto: Graph, cls: str, standard: str) -> None:
    assert URIRef(standard) in set(onto.transitive_objects(PG[cls], RDFS.subClassOf))


def test_output_kinds_cover_the_required_list(onto: Graph) -> None:
    subclasses = {s for s in onto.subjects(RDFS.subClassOf, PG.Output)}
    required = ["Report", "Guideline", "Handbook", "TrainingMaterial", "Film", "Website", "Campaign", "Study",
                "Course"]
    assert {PG[name] for name in required} <= subclasses


def test_finding_kinds_cover_the_required_list(onto: Graph) -> None:
    kinds = {s for s in onto.subjects(RDF.type, PG.FindingKind)}
    required = ["Overlap", "Timing", "MissingActor", "CoverageGap", "FocusImbalance", "Resources",
                "KnowledgeGap", "MethodIssue", "NoMeasuredEffect", "DataInconsistency"]
    assert {PG[name] for name in required} <= kinds
