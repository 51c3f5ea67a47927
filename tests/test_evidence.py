"""Every quote in the data is found at its line in the real source text (which must be present)."""

from pathlib import Path

import pytest

from plangraf.errors import SourceNotFoundError
from plangraf.evidence import MAX_QUOTE, SourceDocument, check_quotes, find_source, load_sources, normalise


def test_normalisation_joins_hyphenated_breaks_and_folds_space() -> None:
    assert normalise("kunska-\npen  om\n\n  barn") == "kunskapen om barn"
    assert normalise("barn-\noch ungdom", join_hyphens=False) == "barn- och ungdom"
    assert normalise("2008-\n2010") == "2008- 2010"
    assert normalise("\u201dSafe Trip\u201d") == '"Safe Trip"'


def test_source_is_the_one_the_data_records(memory, source) -> None:
    # The dataset description records the file name and checksum of the text its line numbers refer to.
    recorded = memory.query("SELECT ?f ?h WHERE { ?d a pg:SourceDocument ; pg:fileName ?f ; pg:sha256 ?h }").rows
    assert [(str(f), str(h)) for f, h in recorded] == [(source.path.name, source.sha256)]
    assert len(source.lines) >= 7451


def test_contains_accepts_quote_across_a_hyphenated_break(source) -> None:
    line = next(i for i, text in enumerate(source.lines, 1) if text.rstrip().endswith("kunska-"))
    following = source.lines[line].split()[0]
    assert source.contains(line, f"kunska{following}")
    assert not source.contains(line + 40, f"kunska{following}")


def test_every_quote_in_the_data_is_at_its_line(memory, sources) -> None:
    problems = check_quotes(memory.to_rdflib(), sources)
    assert problems == [], "\n".join(f"{p.node} line {p.line}: {p.reason}: {p.quote[:60]}" for p in problems[:20])


def test_quotes_are_short(memory) -> None:
    rows = memory.query("SELECT ?q WHERE { ?e pg:quote ?q }").rows
    assert rows and all(len(str(q)) <= MAX_QUOTE for (q,) in rows)


def test_check_catches_a_wrong_line_and_a_made_up_quote(source, tmp_path: Path) -> None:
    from rdflib import Graph

    graph = Graph()
    graph.parse(data="""
        @prefix pg: <https://w3id.org/plangraf/ontology#> . @prefix id: <https://w3id.org/plangraf/id/> .
        id:a pg:hasEvidence [ pg:inSource id:s ; pg:line 2 ; pg:quote "Den 10 juli 2008 presenterade regeringen" ] .
        id:b pg:hasEvidence [ pg:inSource id:s ; pg:line 900 ; pg:quote "Den 10 juli 2008 presenterade regeringen" ] .
        id:c pg:hasEvidence [ pg:inSource id:s ; pg:line 2 ; pg:quote "Regeringen avskaffade Brå år 2009" ] .
        id:d pg:hasEvidence [ pg:line 2 ; pg:quote "Den 10 juli 2008 presenterade regeringen" ] .
        id:e pg:hasEvidence [ pg:inSource id:other ; pg:line 2 ; pg:quote "Den 10 juli 2008 presenterade regeringen" ] .
    """, format="turtle")
    from plangraf.namespaces import ID

    problems = {p.node.rsplit("/", 1)[1]: p for p in check_quotes(graph, {ID.s: source})}
    assert set(problems) == {"b", "c", "d", "e"}
    assert problems["d"].reason == "evidence names no pg:inSource" and "unknown source" in problems["e"].reason
    assert 2 in problems["b"].suggested_lines
    assert problems["c"].reason == "quote not found in source"


def test_missing_source_is_an_error_not_a_skip(memory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANGRAF_SOURCE", str(tmp_path / "absent.txt"))
    with pytest.raises(SourceNotFoundError):
        load_sources(memory.to_rdflib())
    monkeypatch.delenv("PLANGRAF_SOURCE")
    with pytest.raises(SourceNotFoundError, match=r"nowhere\.txt"):
        find_source(SourceDocument(None, "nowhere.txt", None), data=[tmp_path])


def test_a_source_is_found_by_its_file_name_beside_the_data(tmp_path: Path, source) -> None:
    (tmp_path / "sources").mkdir()
    copy = tmp_path / "sources" / source.path.name
    copy.write_bytes(source.path.read_bytes())
    found = find_source(SourceDocument(None, source.path.name, source.sha256), data=[tmp_path / "triples"])
    assert found in (copy, source.path)
