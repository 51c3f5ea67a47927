"""plangraf query / queries / stats: every format, safe parameters and every error path."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
AGENCIES = ("SELECT ?org ?name WHERE { ?org a pg:GovernmentAgency ; skos:prefLabel ?name FILTER(lang(?name)='sv') } "
            "ORDER BY ?name")


def test_table_format_compacts_iris(cli) -> None:
    result = cli("query", AGENCIES)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["org", "name"]
    assert any(line.startswith("id:org-socialstyrelsen") and "Socialstyrelsen" in line for line in lines)


def test_json_is_a_list_of_rows_with_full_iris(cli) -> None:
    rows = json.loads(cli("query", AGENCIES, "--format", "json").output)
    assert {"org": "https://w3id.org/plangraf/id/org-socialstyrelsen", "name": "Socialstyrelsen"} in rows


def test_sparql_json_follows_the_w3c_shape(cli) -> None:
    data = json.loads(cli("query", AGENCIES, "--format", "sparql-json").output)
    assert data["head"]["vars"] == ["org", "name"]
    first = data["results"]["bindings"][0]
    assert first["org"]["type"] == "uri" and first["name"]["xml:lang"] == "sv"


def test_csv_and_markdown(cli) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("query", AGENCIES, "--format", "csv").output)))
    assert rows and set(rows[0]) == {"org", "name"}
    assert any(r["name"] == "Rikspolisstyrelsen" for r in rows)
    md = cli("query", AGENCIES, "--format", "md").output.splitlines()
    assert md[0] == "| org | name |" and md[1] == "|---|---|"
    assert len(md) == len(rows) + 2


def test_ask_and_construct(cli) -> None:
    assert cli("query", "ASK { id:org-rfsl a pg:NGO }").output.strip() == "true"
    construct = "CONSTRUCT { ?o skos:prefLabel ?l } WHERE { id:org-rfsl skos:prefLabel ?l BIND(id:org-rfsl AS ?o) }"
    turtle = cli("query", construct).output
    assert "RFSL" in turtle or "sexuellt likaberättigande" in turtle


def test_named_query_with_typed_parameter(cli) -> None:
    rows = json.loads(cli("query", "actions", "--param", "number=26", "--format", "json").output)
    assert [r["number"] for r in rows] == [26]


def test_query_from_file_and_stdin(cli, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(AGENCIES)
    from_file = cli("query", str(path), "--format", "csv").output
    from_stdin = cli("query", "-", "--format", "csv", input=AGENCIES).output
    assert from_file == from_stdin and "Socialstyrelsen" in from_file


@pytest.mark.parametrize("value", ['} ; DROP ALL ; SELECT * WHERE {', '"} ; DROP ALL', "x' } DROP ALL #"])
@pytest.mark.parametrize("store", ["embedded", "memory"])
def test_parameters_cannot_inject(cli, value: str, store: str) -> None:
    data = ("--data", str(FIXTURES / "mini"), "--store", store)
    before = json.loads(cli(*data, "stats", "--format", "json").output)["triples"]
    result = cli(*data, "query", "SELECT ?s ?name WHERE { ?s skos:prefLabel ?name }",
                 "--param", f"name={value}", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == []
    assert json.loads(cli(*data, "stats", "--format", "json").output)["triples"] == before


def test_parameter_binds_iri_and_language_literal(cli) -> None:
    rows = json.loads(cli("query", "SELECT ?s ?name WHERE { ?s skos:prefLabel ?name FILTER(lang(?name)='sv') }",
                          "--param", "s=id:org-socialstyrelsen", "--format", "json").output)
    assert [r["name"] for r in rows] == ["Socialstyrelsen"]
    rows = json.loads(cli("query", "SELECT ?s ?name WHERE { ?s skos:prefLabel ?name }",
                          "--param", 'name="Socialstyrelsen"@sv', "--format", "json").output)
    assert [r["s"] for r in rows] == ["https://w3id.org/plangraf/id/org-socialstyrelsen"]


def test_queries_lists_bundled_queries(cli) -> None:
    rows = json.loads(cli("queries", "--format", "json").output)
    names = {r["name"] for r in rows}
    assert {"actions", "actors", "class_counts", "kind_counts"} <= names
    assert all(r["title"] and r["description"] for r in rows)


def test_stats_counts_kinds_and_triples(cli, embedded) -> None:
    data = json.loads(cli("stats", "--format", "json").output)
    assert data["triples"] == embedded.triple_count()
    kinds = {k["kind"]: k["count"] for k in data["kinds"]}
    assert kinds["Action"] == 36 and kinds["Organisation"] > 40


def test_global_options_select_data_and_store(cli) -> None:
    data = json.loads(cli("--data", str(FIXTURES / "mini"), "--store", "memory", "stats", "--format", "json").output)
    kinds = {k["kind"]: k["count"] for k in data["kinds"]}
    assert kinds["Action"] == 1 and kinds["Assignment"] == 1


def test_out_writes_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "sub" / "agencies.csv"
    result = cli("query", AGENCIES, "--format", "csv", "--out", str(target))
    assert result.exit_code == 0 and target.read_text().startswith("org,name")


def test_update_is_refused_unless_allowed(cli) -> None:
    update = "INSERT DATA { id:x a pg:Action }"
    refused = cli("query", update)
    assert refused.exit_code == 2 and "--allow-update" in refused.output
    allowed = cli("--store", "memory", "query", update, "--allow-update")
    assert allowed.exit_code == 0


ERRORS = [
    (["query", "SELECT * WHERE { ?s ?p }"], "invalid SPARQL"),
    (["query", "no_such_query"], "unknown query name"),
    (["query", "missing.rq"], "query file not found"),
    (["query", "actions", "--param", "nosuch=1"], "has no parameter"),
    (["query", "actions", "--param", "number=five"], "not a valid integer"),
    (["query", "SELECT ?s WHERE { ?s ?p ?o }", "--param", "o=1"], "variable the query selects"),
    (["--data", str(FIXTURES / "broken.ttl"), "stats"], "broken Turtle in"),
    (["--data", str(FIXTURES / "nowhere"), "stats"], "no such file or folder"),
    (["--store", "nosuch", "stats"], "unknown store"),
]


@pytest.mark.parametrize("args, message", ERRORS)
def test_errors_are_one_line_exit_2_no_traceback(args: list[str], message: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stdout == ""


def test_unwritable_out_path_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = subprocess.run([sys.executable, "-m", "plangraf", "query", AGENCIES, "--out", str(blocker / "x.csv")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "cannot write" in proc.stderr and "Traceback" not in proc.stderr


def test_help_has_examples(cli) -> None:
    for command in ["query", "queries", "stats"]:
        assert "Example" in cli(command, "--help").output
    assert "Examples" in cli("--help").output
