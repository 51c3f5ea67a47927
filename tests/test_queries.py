"""Every bundled query is documented, and every declared parameter really restricts the results."""

import pytest

from plangraf import queries
from plangraf.ordering import split_order

PARAMETERISED = [(q.name, p.name) for q in queries.bundled().values() for p in q.params]


def test_every_query_has_a_header() -> None:
    for query in queries.bundled().values():
        assert query.title and query.description, query.name
        assert "ORDER BY" in query.text, f"{query.name} must have a stable order"


@pytest.mark.parametrize("name, param", PARAMETERISED)
def test_binding_a_parameter_restricts_to_that_value(embedded, memory, name: str, param: str) -> None:
    text = queries.get(name).text
    unbound = embedded.query(text)
    values = [row[unbound.variables.index(param)] for row in unbound.rows if row[unbound.variables.index(param)]]
    assert values, f"{name}: no value of ?{param} in the data to test with"
    value = sorted(set(values), key=lambda v: (-values.count(v), str(v)))[0]
    for backend in (embedded, memory):
        bound = backend.query(text, {param: value})
        column = bound.variables.index(param)
        assert bound.rows, name
        assert all(row[column] == value for row in bound.rows), f"{name}: ?{param} not restricted"
    assert len(bound.rows) <= len(unbound.rows)


@pytest.mark.parametrize("name", sorted(queries.bundled()))
def test_python_order_by_matches_the_engine(embedded, name: str) -> None:
    """The embedded store sorts a trailing ORDER BY in Python; the order must be the engine's."""
    text = queries.get(name).text
    split = split_order(text)
    assert split is not None, f"{name}: ORDER BY left to the engine"
    ours, engine = embedded.query(text), embedded._run(text, None)
    position = {v: i for i, v in enumerate(engine.variables)}
    keys = [position[var] for var, _ in split[1]]
    assert [tuple(r[k] for k in keys) for r in ours.rows] == [tuple(r[k] for k in keys) for r in engine.rows]
    assert sorted(ours.rows, key=repr) == sorted(engine.rows, key=repr)


def test_split_order_leaves_other_orderings_to_the_engine() -> None:
    assert split_order("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3") is None
    assert split_order("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s } }") is None
    assert split_order("SELECT ?s WHERE { ?s ?p ?o } ORDER BY STR(?s)") is None
    head, keys = split_order("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?n) ?s\n# end")
    assert keys == [("n", True), ("s", False)] and head.rstrip().endswith("GROUP BY ?s")


def test_numbers_sort_by_value_and_unbound_first(embedded) -> None:
    rows = embedded.query("SELECT ?x WHERE { VALUES ?x { 10 UNDEF 9.5 2 } } ORDER BY DESC(?x)").rows
    assert [None if r[0] is None else float(r[0]) for r in rows] == [10.0, 9.5, 2.0, None]
