"""Every quote in the data is found at its line in the real source text (which must be present)."""

from pathlib import Path

import pytest

from plangraf.errors import SourceNotFoundError
from plangraf.evidence import MAX_QUOTE, check_quotes, load_source, normalise


def test_normalisation_joins_hyphenated_breaks_and_folds_space() -> None:
    assert normalise("kunska-\npen  om\n\n  barn") == "kunskapen om barn"
    assert normalise("barn-\noch ungdom", join_hyphens=False) == "barn- och ungdom"
    assert normalise("2008-\n2010") == "2008- 2010"
    assert normalise("\u201dSafe Trip\u201d") == '"Safe Trip"'


def test_source_is_the_known_report(source) -> None:
    assert len(source.lines) >= 7451
    assert source.sha256 == "07d0d04dce9e753d51c0d212f3a348ad8a1c3b8b95f9b2f463635b4f3eb719ae"


def test_contains_accepts_quote_across_a_hyphenated_break(source) -> None:
    line = next(i for i, text in enumerate(source.lines, 1) if text.rstrip().endswith("kunska-"))
    following = source.lines[line].split()[0]
    assert source.contains(line, f"kunska{following}")
    assert not source.contains(line + 40, f"kunska{following}")


def test_every_quote_in_the_data_is_at_its_line(memory, source) -> None:
    problems = check_quotes(memory.to_rdflib(), source)
    assert problems == [], "\n".join(f"{p.node} line {p.line}: {p.reason}: {p.quote[:60]}" for p in problems[:20])


def test_quotes_are_short(memory) -> None:
    rows = memory.query("SELECT ?q WHERE { ?e pg:quote ?q }").rows
    assert rows and all(len(str(q)) <= MAX_QUOTE for (q,) in rows)


def test_check_catches_a_wrong_line_and_a_made_up_quote(source, tmp_path: Path) -> None:
    from rdflib import Graph

    graph = Graph()
    graph.parse(data="""
        @prefix pg: <https://w3id.org/plangraf/ontology#> . @prefix id: <https://w3id.org/plangraf/id/> .
        id:a pg:hasEvidence [ pg:line 2 ; pg:quote "Den 10 juli 2008 presenterade regeringen" ] .
        id:b pg:hasEvidence [ pg:line 900 ; pg:quote "Den 10 juli 2008 presenterade regeringen" ] .
        id:c pg:hasEvidence [ pg:line 2 ; pg:quote "Regeringen avskaffade Brå år 2009" ] .
    """, format="turtle")
    problems = {p.node.rsplit("/", 1)[1]: p for p in check_quotes(graph, source)}
    assert set(problems) == {"b", "c"}
    assert 2 in problems["b"].suggested_lines
    assert problems["c"].reason == "quote not found in source"


def test_missing_source_is_an_error_not_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANGRAF_SOURCE", str(tmp_path / "absent.txt"))
    with pytest.raises(SourceNotFoundError):
        load_source()
