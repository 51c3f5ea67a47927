"""Curation helper: parse Turtle files with the ontology and report quote and vocabulary problems.

Usage: .venv/bin/python tools/check_data.py data/triples/some/file.ttl [...]
Prints parse errors, pg: terms the ontology does not define, quotes not found at their line (with the line
where they are), and described nodes without evidence. Exit code 1 if anything is reported.
"""

import sys
from pathlib import Path

from rdflib import RDF, Graph, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from plangraf.evidence import check_quotes, load_source
from plangraf.namespaces import ID, PG

ROOT = Path(__file__).resolve().parents[1]
NO_EVIDENCE_NEEDED = {PG.County, PG.Country, PG.Municipality, PG.ActionArea, PG.ActionPlan, PG.SourceDocument}


def ontology_terms() -> set[URIRef]:
    onto = Graph()
    for path in (ROOT / "ontology").glob("*.ttl"):
        onto.parse(path)
    return {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(PG))}


def problems_in(name: str, known: set[URIRef], source) -> list[str]:
    graph = Graph()
    try:
        graph.parse(name, format="turtle")
    except Exception as exc:
        return [f"PARSE ERROR {exc}"]
    found = []
    used = {t for t in set(graph.all_nodes()) | set(graph.predicates()) if isinstance(t, URIRef)}
    found += [f"unknown ontology term {t}" for t in sorted(used) if str(t).startswith(str(PG)) and t not in known]
    found += [f"{p.node} line {p.line}: {p.reason}: {p.quote[:80]!r}" for p in check_quotes(graph, source)]
    for node in sorted(set(graph.subjects(RDF.type, None))):
        types = set(graph.objects(node, RDF.type))
        described = str(node).startswith(str(ID)) and not types & NO_EVIDENCE_NEEDED
        if described and (node, PG.hasEvidence, None) not in graph:
            found.append(f"{node} has no pg:hasEvidence")
    return found


def main() -> int:
    known, source, total = ontology_terms(), load_source(), 0
    for name in sys.argv[1:]:
        found = problems_in(name, known, source)
        for problem in found:
            print(f"{name}: {problem}")
        total += len(found)
        print(f"{name}: {len(found)} problems")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
