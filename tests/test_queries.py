"""Every bundled query is documented, and every declared parameter really restricts the results."""

import pytest

from plangraf import queries

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
