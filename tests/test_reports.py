"""Coordination reports on the real data: every report runs on both stores with identical, stable results,
every row's evidence is in the source, and nothing is found where there is nothing."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plangraf.loading import load
from plangraf.reports import build_report
from plangraf.reports.registry import names
from plangraf.reports.render import render

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = names()


@pytest.fixture(scope="module")
def sections(embedded):
    return {s.id: s for s in build_report(embedded, "all")}


def test_every_report_kind_has_sections(sections) -> None:
    assert {s.report for s in sections.values()} == set(REPORTS)


@pytest.mark.parametrize("kind", REPORTS)
def test_reports_are_identical_on_both_stores_and_stable(kind: str, embedded, memory) -> None:
    first = render(build_report(embedded, kind), "json", kind)
    assert render(build_report(memory, kind), "json", kind) == first
    assert render(build_report(embedded, kind), "json", kind) == first


def test_every_row_has_ids_and_its_evidence_is_in_the_source(sections, source) -> None:
    checked = 0
    for section in sections.values():
        for row in section.rows:
            assert "ids" in row and "evidence" in row, section.id
            for evidence in row["evidence"]:
                assert source.contains(evidence["line"], evidence["quote"]), (section.id, evidence)
                checked += 1
    assert checked > 200


def test_counties_section_lists_all_21(sections) -> None:
    counties = sections["gaps.counties"].rows
    assert len(counties) == 21 and len({r["county"] for r in counties}) == 21


def test_nothing_found_where_there_is_nothing() -> None:
    backend = load([FIXTURES / "no_overlap"], store="memory")
    result = {s.id: s for s in build_report(backend, "overlaps")}
    assert result["overlaps.uncited-similar-outputs"].rows == []
    assert result["overlaps.reported-under-two-actions"].rows == []
    assert result["overlaps.recipient-funded-under-several-actions"].rows == []


def test_overlap_found_when_one_citation_is_removed(tmp_path: Path) -> None:
    data = (FIXTURES / "no_overlap" / "data.ttl").read_text().replace("cito:cites id:out-1 , id:out-3 .", ".")
    (tmp_path / "d.ttl").write_text(data)
    rows = {s.id: s for s in build_report(load([tmp_path], store="memory"), "overlaps")}[
        "overlaps.uncited-similar-outputs"].rows
    assert [sorted(r["ids"]) for r in rows] == [["id:out-1", "id:out-3", "id:out-4"]]


@pytest.mark.parametrize("fmt", ["table", "md", "json", "csv", "html"])
def test_cli_report_formats(cli, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"gaps.{fmt}"
    result = cli("report", "gaps", "--format", fmt, "--out", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert {s["id"] for s in json.loads(text)["sections"]} >= {"gaps.counties", "gaps.actions-without-output"}
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "Every county" in text and "<script src" not in text
    else:
        assert "county" in text.lower() and "\x1b[" not in text  # no colour in files


def test_all_as_one_html_page(cli, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = cli("report", "all", "--format", "html", "--out", str(target))
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    for report in REPORTS:
        assert f'<h2 id="report-{report}">{report.capitalize()}</h2>' in page
        assert f'<a href="#report-{report}">' in page  # the table of contents
    assert "http://" not in page.replace("https://w3id.org", "") and "<link" not in page and "<script src" not in page
    assert "Source: Brå rapport 2011:18." in page  # the source's dct:bibliographicCitation
    assert "40\u00a0000\u00a0000\u00a0kr" in page and "24000000.0" not in page  # money as people write it


def test_unknown_report_kind_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "plangraf", "report", "nonsense"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_outputs_of_different_families_are_not_called_similar(tmp_path: Path) -> None:
    # A film and a guideline on the same theme and audience are not the same kind of work.
    data = (FIXTURES / "no_overlap" / "data.ttl").read_text().replace("cito:cites id:out-1 , id:out-3 .", ".")
    data = data.replace("id:out-1 a pg:Guideline ;", "id:out-1 a pg:Film ;").replace(
        "id:out-3 a pg:TrainingMaterial ;", "id:out-3 a pg:Film ;")
    (tmp_path / "d.ttl").write_text(data)
    rows = {s.id: s for s in build_report(load([tmp_path], store="memory"), "overlaps")}[
        "overlaps.uncited-similar-outputs"].rows
    assert all({"id:out-1", "id:out-4"} - set(r["ids"]) for r in rows)
