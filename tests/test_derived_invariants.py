"""Invariants every derived report must keep on the real data, whatever rows it finds: each krona once,
time as intervals, no absence where a statement about unnamed members may cover it, every row with its
caveats and what in the report states it."""

from __future__ import annotations

import pytest

from plangraf import queries
from plangraf.aggregates import NO, Aggregates
from plangraf.dates import span
from plangraf.money import Money
from plangraf.namespaces import ID, PG
from plangraf.reports import build_report
from plangraf.reports.caveats import CAVEATS


@pytest.fixture(scope="module")
def sections(embedded) -> dict:
    return {s.id: s for s in build_report(embedded, "all")}


@pytest.fixture(scope="module")
def money(embedded) -> Money:
    return Money.of(embedded)


def test_every_derived_row_carries_caveats_and_stated_by(sections) -> None:
    for section in sections.values():
        for row in section.rows:
            assert all(c["code"] in CAVEATS and c["text"] for c in row["caveats"]), section.id
            if not section.stated_in_report:
                assert isinstance(row["stated_by"], list), section.id
                assert all(s.startswith(("id:finding-", "id:xref-")) for s in row["stated_by"]), section.id


def test_no_share_counts_a_pot_and_its_known_parts(money: Money) -> None:
    # A pot contributes only what its known parts leave: its share plus its parts' never exceed the pot.
    for share in money.shares(include_outside=True):
        grant = money.grants[share.grant]
        assert share.amount <= grant.amount
        assert share.amount + money.parts_total(share.grant) <= grant.amount + 0.5


def test_sums_equal_the_tree_each_krona_once(money: Money, embedded) -> None:
    # Independently of the share walk: per top-level pot, the money is the larger of the pot and its parts.
    def tree(node) -> float:
        grant = money.grants[node]
        parts = sum(tree(p) for p in grant.parts if p in money.grants)
        return max(grant.amount or 0.0, parts)
    expected = sum(tree(root) for root in money.roots())
    assert sum(s.amount for s in money.shares(include_outside=True)) == pytest.approx(expected)


def test_concentration_never_credits_shared_money_to_one_recipient(sections, money: Money) -> None:
    rows = sections["funding.concentration"].rows
    shared = {n for n, g in money.grants.items() if g.shared}
    for row in rows:
        grants = {i for i in row["ids"] if i.startswith("id:grant-")}
        if grants & {f"id:{str(n).rsplit('/', 1)[1]}" for n in shared}:
            assert row["recipient"].startswith(("jointly: ", "(recipients not stated"))
            assert "shared-pot" in {c["code"] for c in row["caveats"]}


def test_parts_never_exceed_their_pot_without_an_inconsistency_finding(money: Money, embedded) -> None:
    findings = {row["node"] for row in embedded.query(queries.get("statements").text).dicts()
                if row["kind"] == PG.DataInconsistency}
    for pot, _, _ in money.overdrawn():
        assert pot in findings or any(p in findings for p in money.grants[pot].parts)


def test_money_outside_the_plan_is_left_out(money: Money) -> None:
    # Line 570: the 30 million for 2004-2006 came before the plan; the plan ran 2008-2010 (line 1714).
    police = ID["grant-p1a-polisen-2004-2006"]
    assert money.outside_plan(police)
    assert police not in {s.grant for s in money.shares()}
    assert police in {s.grant for s in money.shares(include_outside=True)}


def test_every_gap_is_an_interval_and_after_means_surely_after(sections, embedded) -> None:
    rows = sections["timing.knowledge-base-after-training"].rows
    assert rows
    for row in rows:
        assert row["gap_months_min"] <= row["gap_months_max"]
        assert span(row["finished"]).earliest > span(row["event_started"]).latest


def test_year_only_dates_are_never_read_as_january(sections) -> None:
    rows = sections["timing.knowledge-base-after-training"].rows
    for row in rows:
        finished, started = span(row["finished"]), span(row["event_started"])
        if not (finished.exact and started.exact):
            assert row["gap_months_min"] < row["gap_months_max"]
            assert {c["code"] for c in row["caveats"]} & {"year-precision", "season-precision", "month-precision",
                                                          "interval-precision"}


def test_no_absence_where_an_aggregate_may_cover_it(sections, embedded) -> None:
    # "no" only where the report says so of this board (it names it among those without, or says none has
    # it), or where no statement about unnamed county boards concerns the fact at all.
    facts = Aggregates.of(embedded)
    boards = {str(r["name"]): r["board"] for r in embedded.query(queries.get("county_coverage").text).dicts()}
    checks = {"forum": PG.CollaborationGroup, "own_event": PG.Event, "any_event": PG.Event, "mapping": PG.Study}
    answered = 0
    for row in sections["gaps.counties"].rows:
        board = boards[row["county"]]
        for check, fact in checks.items():
            if row[check] != NO:
                continue
            answered += 1
            relevant = facts.over_class(PG.CountyAdministrativeBoard, fact)
            says_no = [a for a in relevant if (a.negative and (board in a.includes or a.count == a.out_of))
                       or (not a.negative and board in a.excludes)]
            assert says_no or relevant == [], (row["county"], check)
            if says_no:
                shown = set(row["ids"])
                assert {f"id:{str(a.node).rsplit('/', 1)[1]}" for a in says_no} <= shown
    assert answered


def test_sequenced_assignments_are_not_parallel(sections, embedded) -> None:
    links = {frozenset((str(r["later"]), str(r["earlier"]))) for r in embedded.query(
        queries.get("sequence_links").text).dicts()}
    for row in sections["overlaps.parallel-efforts"].rows:
        assignments = [f"{ID}{i[3:]}" for i in row["ids"][1:]]
        sequenced = sum(1 for i, a in enumerate(assignments) for b in assignments[i + 1:] if frozenset((a, b)) in links)
        assert row["sequenced_pairs"] == sequenced
        assert row["separate"] == (len(assignments) - sequenced > 1)


def test_intended_partners_are_not_co_assigned(embedded) -> None:
    from plangraf.network import Projections
    nets = Projections.of(embedded)
    for row in embedded.query(queries.get("intended_partners").text).dicts():
        partner = str(row["partner"])
        assert partner not in nets.members["assignment"].get(str(row["assignment"]), set())


def test_grant_parts_link_both_ways(money: Money) -> None:
    for node, grant in money.grants.items():
        for part in grant.parts:
            assert node in money.grants[part].pots
