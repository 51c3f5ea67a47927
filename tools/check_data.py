"""Curation helper: parse Turtle files with the ontology and report quote and vocabulary problems.

Usage: .venv/bin/python tools/check_data.py data/triples/some/file.ttl [...]
"""

import sys
from pathlib import Path

from rdflib import RDF, Graph, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from plangraf.evidence import check_quotes, load_source  # noqa: E402
from plangraf.namespaces import PG  # noqa: E402

root = Path(__file__).resolve().parents[1]
onto = Graph()
for f in (root / "ontology").glob("*.ttl"):
    onto.parse(f)
known = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(PG))}
source = load_source()
bad = 0
for name in sys.argv[1:]:
    g = Graph()
    try:
        g.parse(name, format="turtle")
    except Exception as exc:  # noqa: BLE001
        print(f"{name}: PARSE ERROR {exc}")
        bad += 1
        continue
    for term in sorted({t for t in g.all_nodes() | set(g.predicates()) if isinstance(t, URIRef) and str(t).startswith(str(PG)) and t not in known}):
        print(f"{name}: unknown ontology term {term}")
        bad += 1
    for p in check_quotes(g, source):
        print(f"{name}: {p.node} line {p.line}: {p.reason}: {p.quote[:80]!r}")
        bad += 1
    facts = set(g.subjects(RDF.type, None))
    for s in sorted(facts):
        types = set(g.objects(s, RDF.type))
        if str(s).startswith("https://w3id.org/plangraf/id/") and not any(str(t).startswith(str(PG) + "Audience") for t in types):
            if (s, PG.hasEvidence, None) not in g and not (types & {PG.County, PG.Country, PG.Municipality, PG.ActionArea, PG.ActionPlan, PG.SourceDocument}):
                print(f"{name}: {s} has no pg:hasEvidence")
                bad += 1
    print(f"{name}: {len(g)} triples, {bad} problems so far")
sys.exit(1 if bad else 0)
