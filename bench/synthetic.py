"""Synthetic data with the real graph's shape, for benchmarks, load tests and browser tests.

:func:`turtle` and :func:`write` make plan graphs: ``scale`` 1 gives roughly the size of the Brå 2011:18
dataset; each unit adds one more plan of 36 actions with its own assignments, outputs, events, grants and
findings, drawn from a shared pool of actors, so that overlaps, co-assignment and funding questions have
work to do. :func:`synthetic_network` makes a projected network as the HTML export draws it. Both are
deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import networkx as nx

THEMES = ["ThemeProstitution", "ThemeTrafficking", "ThemeYoungPeople", "ThemeInternet", "ThemeSexPurchase",
          "ThemeVictimSupport", "ThemeLGBT", "ThemeLawEnforcement", "ThemeKnowledge", "ThemeCoordination"]
AUDIENCES = ["AudSocialServices", "AudPolice", "AudProsecutors", "AudHealthCare", "AudSchool", "AudYoungPeople",
             "AudPublic", "AudNGOs", "AudCountyBoards", "AudProfessionals"]
OUTPUTS = ["Report", "Guideline", "Handbook", "TrainingMaterial", "Film", "Website", "Study", "Brochure"]
EVENTS = ["Training", "Conference", "Seminar"]
ORGS = ["GovernmentAgency", "CountyAdministrativeBoard", "NGO", "InternationalBody", "University", "MunicipalUnit"]
KINDS = ["Overlap", "CoordinationGap", "Timing", "Delay", "CoverageGap", "KnowledgeGap", "Proposal", "PositiveAssessment"]
PREFIXES = """@prefix pg: <https://w3id.org/plangraf/ontology#> .
@prefix id: <https://w3id.org/plangraf/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _evidence(rng: random.Random) -> str:
    line, text = rng.randint(1, 7451), rng.randint(0, 10**6)
    return f'pg:hasEvidence [ a pg:Evidence ; pg:line {line} ; pg:quote "synthetisk text {text}" ]'


def _date(rng: random.Random) -> str:
    return f'"{rng.randint(2008, 2011)}-{rng.randint(1, 12):02d}"^^xsd:gYearMonth'


def turtle(scale: int = 1, seed: int = 7, actors: int = 150) -> Iterator[str]:
    """Turtle statements, one node at a time (join them or write them to a file)."""
    rng = random.Random(seed)
    yield PREFIXES
    for area in range(1, 6):
        yield f'id:area-{area} a pg:ActionArea ; pg:number {area} ; skos:prefLabel "Område {area}"@sv ; {_evidence(rng)} .'
    pool = [f"id:org-s{i}" for i in range(actors * max(1, scale // 4 + 1))]
    for i, actor in enumerate(pool):
        yield (f'{actor} a pg:{ORGS[i % len(ORGS)]} ; skos:prefLabel "Organisation {i}"@sv , "Organisation {i}"@en ; '
               f'{_evidence(rng)} .')
    for group in range(3 * scale):
        yield f'id:group-s{group} a pg:CollaborationGroup ; skos:prefLabel "Grupp {group}"@sv ; {_evidence(rng)} .'
        for member in rng.sample(pool, 8):
            yield (f'id:mem-s{group}-{member[7:]} a pg:Membership ; org:organization id:group-s{group} ; '
                   f'org:member {member} ; org:role pg:RoleMember ; {_evidence(rng)} .')
    outputs: list[str] = []
    for plan in range(scale):
        yield (f'id:plan-p{plan} a pg:ActionPlan ; skos:prefLabel "Plan {plan}"@sv , "Plan {plan}"@en ; '
               f'pg:periodStart "2008-07-10"^^xsd:date ; pg:periodEnd "2010"^^xsd:gYear ; {_evidence(rng)} .')
        for number in range(1, 37):
            action = f"id:action-p{plan}-{number}"
            yield (f'{action} a pg:Action ; pg:number {number} ; pg:inArea id:area-{1 + (number - 1) // 8} ; '
                   f'dct:isPartOf id:plan-p{plan} ; '
                   f'skos:prefLabel "Åtgärd {number}"@sv , "Action {number}"@en ; {_evidence(rng)} .')
            leads = rng.sample(pool, rng.choice([1, 1, 1, 2]))
            partners = rng.sample(pool, rng.randint(0, 3))
            yield (f'id:asg-p{plan}-{number} a pg:Assignment ; pg:forAction {action} ; '
                   + "".join(f"pg:assignedTo {a} ; " for a in leads) + "".join(f"pg:partner {a} ; " for a in partners)
                   + f'pg:decisionDate {_date(rng)} ; pg:finalReportDate {_date(rng)} ; pg:status pg:CarriedOut ; '
                   f'{_evidence(rng)} .')
            for k in range(rng.randint(1, 6)):
                node = f"id:out-p{plan}-{number}-{k}"
                cites = f"cito:cites {rng.choice(outputs)} ; " if outputs and rng.random() < 0.15 else ""
                outputs.append(node)
                yield (f'{node} a pg:{rng.choice(OUTPUTS)} ; dct:title "Titel {plan}-{number}-{k}"@sv ; '
                       f'pg:producedBy {rng.choice(leads + partners)} ; pg:forAction {action} ; pg:date {_date(rng)} ; '
                       f'pg:theme pg:{rng.choice(THEMES)} ; pg:audience pg:{rng.choice(AUDIENCES)} ; {cites}{_evidence(rng)} .')
            for k in range(rng.randint(0, 5)):
                yield (f'id:event-p{plan}-{number}-{k} a pg:{rng.choice(EVENTS)} ; skos:prefLabel "Utbildning {k}"@sv ; '
                       f'pg:organisedBy {rng.choice(leads)} ; pg:forAction {action} ; pg:date {_date(rng)} ; '
                       f'pg:participants {rng.randint(5, 700)} ; pg:theme pg:{rng.choice(THEMES)} ; '
                       f'pg:audience pg:{rng.choice(AUDIENCES)} ; {_evidence(rng)} .')
            for k in range(rng.choice([0, 1, 1, 2])):
                used = f"pg:amountUsed {rng.randint(0, 10) * 100000} ; " if rng.random() < 0.3 else ""
                yield (f'id:grant-p{plan}-{number}-{k} a pg:Grant ; pg:funder id:org-s0 ; pg:recipient {rng.choice(pool)} ; '
                       f'pg:amount {rng.randint(1, 50) * 100000} ; pg:currency "SEK" ; {used}pg:forAction {action} ; '
                       f'pg:date {_date(rng)} ; {_evidence(rng)} .')
            for k in range(rng.randint(2, 6)):
                yield (f'id:finding-p{plan}-{number}-{k} a pg:Finding ; pg:findingKind pg:{rng.choice(KINDS)} ; '
                       f'pg:summary "Synthetic finding {k}"@en ; pg:raisedBy id:org-s1 ; pg:concerns {action} ; '
                       f'{_evidence(rng)} .')


def write(path: str, scale: int = 1, seed: int = 7, actors: int = 150) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for statement in turtle(scale, seed, actors):
            handle.write(statement + "\n")


NETWORK_TYPES = [("organisation", "Government agency"), ("organisation", "Non-governmental organisation"),
                 ("action", "Action"), ("output", "Report"), ("event", "Training"), ("grant", "Grant"),
                 ("finding", "Finding")]


def synthetic_network(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """A connected network of ``nodes`` typed nodes with the attributes of :func:`plangraf.graphview.project`."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        kind, kind_en = NETWORK_TYPES[i % len(NETWORK_TYPES)]
        graph.add_node(i, id=f"id:n{i}", type=kind, kind=kind_en, label=f"Nod {i}", label_en=f"Node {i}",
                       themes=[f"theme {i % 6}"], areas=[1 + i % 5], amount=None, participants=None, date=None,
                       evidence_line=1 + i % 7000, evidence_quote="synthetic")
    for i in range(1, nodes):
        graph.add_edge(i, rng.randrange(0, i), key="link", relation="link")
    for _ in range(nodes // 2):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        graph.add_edge(a, b, key="cross", relation="cross")
    return graph
