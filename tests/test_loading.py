"""Loading the ontology and data on each store, and the errors a user can cause."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from plangraf.errors import DataLoadError, StoreError
from plangraf.loading import load
from plangraf.namespaces import ID, PG

FIXTURES = Path(__file__).parent / "fixtures"


def types_of(backend, node: URIRef) -> set[str]:
    result = backend.query("SELECT ?node ?t WHERE { ?node a ?t }", {"node": node})
    return {str(row[1]) for row in result.rows}


def test_real_facts_have_their_classes(backend) -> None:
    assert str(PG.GovernmentAgency) in types_of(backend, ID["org-socialstyrelsen"])
    assert str(PG.CountyAdministrativeBoard) in types_of(backend, ID["org-lansstyrelsen-skane"])
    assert str(PG.ActionPlan) in types_of(backend, ID["plan-2008"])
    assert str(PG.Action) in types_of(backend, ID["action-26"])


def test_all_36_actions_in_five_areas(backend) -> None:
    result = backend.query("SELECT ?n ?area WHERE { ?a a pg:Action ; pg:number ?n ; pg:inArea/pg:number ?area }")
    numbers = sorted(int(n) for n, _ in result.rows)
    assert numbers == list(range(1, 37))
    assert {int(a) for _, a in result.rows} == {1, 2, 3, 4, 5}


def test_both_local_stores_hold_the_same_number_of_triples(embedded, memory) -> None:
    assert embedded.triple_count() == memory.triple_count() > 1000


@pytest.mark.parametrize("store", ["embedded", "memory"])
def test_broken_turtle_names_file_and_line(store: str) -> None:
    with pytest.raises(DataLoadError) as info:
        load([FIXTURES / "broken.ttl"], store=store)
    message = str(info.value)
    assert "broken.ttl" in message
    assert "line 8" in message or "line: 8" in message or "line 7" in message


def test_missing_data_path() -> None:
    with pytest.raises(DataLoadError, match="no such file or folder"):
        load([FIXTURES / "nope"], store="memory")


def test_unknown_store_kind() -> None:
    with pytest.raises(StoreError, match="unknown store"):
        load(store="postgres")


def test_custom_data_replaces_default(backend) -> None:
    mini = load([FIXTURES / "mini"], store="memory")
    result = mini.query("SELECT ?l WHERE { ?a a pg:Action ; skos:prefLabel ?l }")
    assert Literal("Teståtgärd", lang="sv") in {row[0] for row in result.rows}
    assert mini.triple_count() < backend.triple_count()


def test_embedded_cache_is_reused_and_invalidated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANGRAF_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data.ttl"
    data.write_text((FIXTURES / "mini" / "mini.ttl").read_text())
    first = load([data]).triple_count()
    caches = list((tmp_path / "cache").iterdir())
    assert len(caches) == 1
    load([data])
    assert list((tmp_path / "cache").iterdir()) == caches
    extra = "\n<https://w3id.org/plangraf/id/x> a <https://w3id.org/plangraf/ontology#Action> .\n"
    data.write_text(data.read_text() + extra)
    assert load([data]).triple_count() == first + 1
    assert len([p for p in (tmp_path / "cache").iterdir() if not p.name.startswith(".")]) == 2


def test_damaged_cache_is_rebuilt_and_old_caches_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANGRAF_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data.ttl"
    data.write_text((FIXTURES / "mini" / "mini.ttl").read_text())
    expected = load([data]).triple_count()
    (snapshot,) = (tmp_path / "cache").iterdir()
    snapshot.write_text("<not a triple\n")
    assert load([data]).triple_count() == expected
    old_format = tmp_path / "cache" / "0123456789abcdef01234567"
    old_format.mkdir()
    data.write_text(data.read_text() + "\n")
    load([data])
    assert not old_format.exists()
    assert len(list((tmp_path / "cache").iterdir())) == 2
