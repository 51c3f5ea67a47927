"""Namespaces used across plangraf; the prefixes every bundled query and Turtle file shares."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

PG = Namespace("https://w3id.org/plangraf/ontology#")
ID = Namespace("https://w3id.org/plangraf/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
CITO = Namespace("http://purl.org/spar/cito/")
TIME = Namespace("http://www.w3.org/2006/time#")
CV = Namespace("http://data.europa.eu/m8g/")

PREFIXES: dict[str, Namespace] = {
    "pg": PG,
    "id": ID,
    "org": ORG,
    "prov": Namespace(str(PROV)),
    "dct": Namespace(str(DCTERMS)),
    "skos": Namespace(str(SKOS)),
    "schema": SCHEMA,
    "cito": CITO,
    "time": TIME,
    "cv": CV,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}


def sparql_prologue() -> str:
    """PREFIX lines for every shared prefix, prepended to bundled and user queries that lack them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def register(prefix: str, namespace: str) -> bool:
    """Add a dataset's own prefix (``vann:preferredNamespacePrefix`` of its ``void:uriSpace``) to the shared
    ones, so that its nodes print and parse as ``prefix:name``; an existing prefix is never redefined.
    Returns True when added."""
    if prefix in PREFIXES or not prefix.isidentifier():
        return False
    PREFIXES[prefix] = Namespace(namespace)
    from plangraf.terms import compact

    compact.cache_clear()
    return True
