"""Output for people: tables and cards fit the width and cut nothing, money and missing values read alike
everywhere, one vocabulary in either language, complete sets collapse, and search finds things."""

import json

import pytest

from plangraf.display import sek
from plangraf.terminal import table
from plangraf.vocabulary import Vocabulary, plural_en, plural_sv

NBSP = "\u00a0"
COMMANDS = [("report", "overlaps"), ("report", "funding"), ("action", "26"), ("actor", "NMT"), ("group", "LAMP"),
            ("actor", "Socialstyrelsen"), ("findings", "--kind", "overlap"), ("search", "trafficking"), ("stats",),
            ("query", "actors")]


def flat(text: str) -> str:
    """Text with its wrapping undone (whitespace folded)."""
    return " ".join(text.split())


@pytest.fixture
def run(cli, monkeypatch):
    """Run a command in this process at a given width (None: not a terminal, so 110 columns)."""
    def invoke(*args: str, columns: int | None = None) -> str:
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", str(columns))
        result = cli(*args)
        assert result.exit_code == 0, result.output
        return result.stdout
    return invoke


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("columns", [None, 80])
def test_output_fits_the_width(run, args: tuple[str, ...], columns: int | None) -> None:
    text = run(*args, columns=columns)
    assert max(len(line) for line in text.splitlines()) <= (columns or 110)
    assert "\x1b[" not in text  # no colour when not writing to a terminal


def test_nothing_is_cut(run, embedded) -> None:
    from plangraf.reports import build_report

    text = flat(run("report", "overlaps"))
    rows = {s.id: s for s in build_report(embedded, "overlaps")}["overlaps.uncited-similar-outputs"].rows
    assert all(flat(title) in text for row in rows for title in row["outputs"] + row["producers"])


def test_money_reads_the_same_in_table_card_and_page(run, embedded) -> None:
    # Line 6001: "Länsstyrelsen i Stockholms län beviljades totalt 8 miljoner kronor för åren 2009 och 2010."
    assert f"8{NBSP}000{NBSP}000{NBSP}kr" in run("action", "27")
    funding = run("report", "funding")
    assert f"7{NBSP}700{NBSP}000{NBSP}kr" in funding and "7700000" not in funding and ".0 " not in funding
    assert json.loads(run("report", "funding", "--format", "json"))["sections"][3]["rows"][0]["total_sek"] > 0
    assert sek(None) == "not stated" and sek(2_500_000.0) == f"2{NBSP}500{NBSP}000{NBSP}kr"


def test_unknown_money_is_not_stated_never_zero(run) -> None:
    card = flat(run("action", "26"))
    assert "not stated under this action alone; 4 grants of unknown amount" in card and "0 SEK" not in card


def test_complete_sets_collapse_and_actions_have_titles(run) -> None:
    card = run("action", "26").splitlines()
    assert "Responsible: all 21 county administrative boards" in card  # the whole line: no board named
    assert sum("to all 21 county administrative boards;" in line for line in card) == 2  # both assignments
    assert "- 33 Undersökning om situationen för hbt-personer som säljer sex (lead)" in run("actor", "RFSL")
    parallel = flat(run("report", "overlaps"))
    assert "action: 26 Stärkt regional samverkan lead bodies: all 21 county administrative boards" in parallel


def test_one_vocabulary_in_either_language(run) -> None:
    english = run("action", "26")
    assert "status carried out" in english and "themes: human trafficking for sexual purposes" in english
    assert "pg:Theme" not in english and "[Campaign]" in english
    swedish = run("--lang", "sv", "action", "26")
    assert "status genomförd" in swedish and "människohandel för sexuella ändamål" in swedish
    assert "alla 21 länsstyrelser" in swedish and "[Kampanj]" in swedish
    assert "genomförd" not in run("report", "gaps") and "partly carried out" in run("report", "gaps")


@pytest.mark.parametrize("name", ["människohandel", "Trafficking", "pg:ThemeTrafficking", "ThemeTrafficking",
                                  "human trafficking for sexual purposes"])
def test_a_concept_by_any_of_its_names(embedded, name: str) -> None:
    assert Vocabulary(embedded).resolve(name, "theme").endswith("#ThemeTrafficking")


@pytest.mark.parametrize("kind", ["täckningsbrist", "coverage gap", "coverage-gap", "pg:CoverageGap"])
def test_findings_by_any_name_of_their_kind(run, kind: str) -> None:
    found = json.loads(run("findings", "--kind", kind, "--format", "json"))
    assert found and {f["kind"] for f in found} == {"coverage gap"}


def test_search_ranks_the_exact_name_first_and_names_its_command(run) -> None:
    hits = json.loads(run("search", "NMT", "--format", "json"))
    assert hits[0]["id"] == "id:group-nmt" and hits[0]["command"] == "plangraf actor id:group-nmt"
    assert hits[1]["id"] == "id:org-natverket-mot-trafficking"  # "NmT": the same letters, another case
    campaigns = json.loads(run("search", "bioreklam", "--format", "json"))
    assert [h["command"] for h in campaigns[:2]] == ["plangraf action 26"] * 2
    quoted = json.loads(run("search", "satt upp teaterpjäsen", "--format", "json"))
    assert quoted and quoted[0]["found_in"].startswith("line 5771:")
    assert "nothing found" in run("search", "zzzqqq")


def test_reason_prints_names(embedded) -> None:
    from rdflib import RDF, Graph

    from plangraf.inference import InferenceSummary
    from plangraf.namespaces import ID, PG

    triples = Graph()
    triples.add((ID["org-socialstyrelsen"], RDF.type, PG.LeadAgency))
    triples.add((ID["org-socialstyrelsen"], PG.responsibleFor, ID["action-2"]))
    text = InferenceSummary(1.0, triples).text(Vocabulary(embedded))
    assert "Lead agency (pg:LeadAgency): 1 new members" in text and "  Socialstyrelsen" in text
    assert "Socialstyrelsen → 2 " in text and "id:" not in text


def test_tables_become_blocks_when_too_rich_and_never_read_markup(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    narrow = table(["a", "b"], [["[bold]x[/bold]", "1"]], numeric={1})
    assert "[bold]x[/bold]" in narrow
    rich = table([f"column {i}" for i in range(9)], [[f"value number {i}" for i in range(9)]])
    assert rich.startswith("column 0: value number 0\n") and "\n  column 8:" in rich


def test_plurals() -> None:
    assert plural_en("County administrative board") == "county administrative boards"
    assert plural_en("Ministry or government") == "ministries or governments"
    assert plural_sv("Länsstyrelse") == "länsstyrelser" and plural_sv("Statlig myndighet") == "statliga myndigheter"
