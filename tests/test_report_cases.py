"""Each coordination report finds the specific cases the Brå report describes (asserted by identifier)."""

import pytest

from plangraf.reports import build_report


@pytest.fixture(scope="module")
def sections(embedded) -> dict:
    return {s.id: s for s in build_report(embedded, "all")}


def ids(section) -> list[set[str]]:
    return [set(row["ids"]) for row in section.rows]


def test_overlap_socialstyrelsen_material_with_unicef_and_stockholm(sections) -> None:
    # Line 299: Socialstyrelsen's material "tar upp samma saker som Länsstyrelsen i Stockholm, Unicef och RFSU".
    clusters = ids(sections["overlaps.uncited-similar-outputs"])
    assert any({"id:out-a01-sex-mot-ersattning-vuxna", "id:out-a01-kan-det-vara-manniskohandel"} <= c for c in clusters)


def test_overlap_same_item_under_two_actions(sections) -> None:
    # The "Men fråga mig bara" conference is reported under Åtgärd 12 and again under Åtgärd 35.
    assert {"id:event-a08-konferens-men-fraga-mig-bara"} in ids(sections["overlaps.reported-under-two-actions"])


def test_overlap_stockholm_board_funded_under_several_actions(sections) -> None:
    rows = sections["overlaps.recipient-funded-under-several-actions"].rows
    stockholm = next(r for r in rows if "id:org-lansstyrelsen-stockholm" in r["ids"])
    assert {4, 7, 26} <= set(stockholm["actions"])


def test_timing_socialstyrelsen_material_came_after_the_trainings(sections) -> None:
    # Lines 292-294: the material came in January 2011 and was not available at any of the trainings.
    rows = sections["timing.knowledge-base-after-training"].rows
    row = next(r for r in rows if r["ids"][0] == "id:out-a01-sex-mot-ersattning-barn")
    assert row["gap_months_min"] >= 12 and row["gap_months_min"] <= row["gap_months_max"] and row["events_before"] >= 1


def test_timing_late_assignment_to_krus(sections) -> None:
    late = {i for row in sections["timing.late-assignments"].rows for i in row["ids"]}
    assert "id:asg-15-c" in late


def test_gaps_counties_without_forum_and_without_training(sections) -> None:
    # Line 914 (footnote 28): Östergötland and Kalmar have no forum; line 5736: Södermanland held no training.
    counties = {r["county"]: r for r in sections["gaps.counties"].rows}
    assert [c for c, r in counties.items() if r["forum"] == "no"] == ["Kalmar län", "Östergötlands län"]
    assert counties["Södermanlands län"]["any_event"] != "yes"
    assert counties["Stockholms län"]["missing"] == [] and counties["Stockholms län"]["possibly_missing"] == []


def test_gaps_action_without_assignee(sections) -> None:
    assert {"id:action-36"} in ids(sections["gaps.actions-without-assignee"])


def test_funding_return_money_mostly_unused(sections) -> None:
    # Line 2647: 10 million granted for safe return, 4.2 million used.
    row = next(r for r in sections["funding.granted-vs-used"].rows
               if "id:grant-a01-lansstyrelsen-stockholm-atgard-7" in r["ids"])
    assert row["granted_sek"] == 10_000_000 and row["used_sek"] == 4_200_000 and row["used_share"] == 0.42


def test_network_stockholm_board_is_the_broker_and_nmt_central(sections) -> None:
    brokers = sections["network.brokers"].rows
    assert brokers[0]["ids"] == ["id:org-lansstyrelsen-stockholm"]
    nmt = next(r for r in sections["network.groups"].rows if r["ids"][0] == "id:group-nmt")
    assert nmt["named_members"] >= 10 and nmt["rank_by_betweenness"] <= 5


def test_findings_link_to_derived_sections(sections) -> None:
    stated = [s for s in sections.values() if s.stated_in_report]
    assert {s.id for s in stated} >= {"findings.overlap", "findings.timing", "findings.coverage-gap"}
    overfinanced = next(r for s in stated for r in s.rows if r["ids"][0] == "id:finding-a01-return-overfinanced")
    assert "funding.granted-vs-used" in overfinanced["derived_sections"]


def test_findings_alone_are_the_same_findings_without_the_links(embedded, sections) -> None:
    alone = {s.id: s for s in build_report(embedded, "findings")}
    linked = {s.id: s for s in sections.values() if s.stated_in_report}
    assert alone.keys() == linked.keys()
    for key, section in alone.items():
        assert "derived_sections" not in section.columns
        expected = [{k: v for k, v in row.items() if k != "derived_sections"} for row in linked[key].rows]
        assert section.rows == expected


def test_rows_name_what_they_show(sections) -> None:
    # Every node a row shows by name has a label (a grant is named by its purpose), so no shown column
    # falls back to an identifier; identifiers live in `ids` (and a finding's `concerns`).
    shown = [(s.id, column, value) for s in sections.values() for row in s.rows for column in s.columns
             if column != "concerns"
             for value in (row[column] if isinstance(row[column], list) else [row[column]])]
    assert len(shown) > 1000
    assert [item for item in shown if isinstance(item[2], str) and item[2].startswith(("id:", "pg:"))] == []
