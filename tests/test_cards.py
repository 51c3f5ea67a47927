"""Action and actor cards on the real data, in JSON as documented in the README."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from plangraf.cli import main

ACTOR_KEYS = {"id", "name", "abbrev", "kind"}


def card(*args: str) -> dict:
    """The command's JSON, run in this process (the command line's own run is tested in test_cli_errors)."""
    result = CliRunner().invoke(main, [*args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def action26() -> dict:
    return card("action", "26")


def test_action_card_has_the_documented_keys(action26: dict) -> None:
    for key in ["number", "area", "title", "intent_sv", "status", "responsible", "partners", "assignments", "grants",
                "outputs", "events", "findings", "related_actions"]:
        assert key in action26
    assert set(action26["area"]) >= {"sv", "en"} and set(action26["title"]) == {"sv", "en"}
    assert all(set(a) == ACTOR_KEYS for a in action26["responsible"])
    for assignment in action26["assignments"]:
        assert set(assignment) >= {"to", "partners", "date", "refs", "deadline", "final_report", "evidence"}
        assert assignment["evidence"] and all(set(e) == {"line", "quote"} for e in assignment["evidence"])
    for grant in action26["grants"]:
        assert set(grant) >= {"amount_sek", "qualifier", "funder", "recipients", "shared", "part_of", "parts", "date",
                              "purpose", "used_sek", "evidence"}
        assert "recipient" not in grant
    for output in action26["outputs"]:
        assert set(output) >= {"title", "kind", "by", "year", "themes", "evidence"}
    for event in action26["events"]:
        assert set(event) >= {"label", "kind", "by", "participants", "date", "place", "evidence"}
    for finding in action26["findings"]:
        assert set(finding) >= {"kind", "summary_en", "raised_by", "evidence"}


def test_action_26_went_to_all_21_county_boards(action26: dict) -> None:
    boards = {a["id"] for a in action26["responsible"] if a["kind"] == "County administrative board"}
    assert len(boards) == 21
    assert action26["area"]["number"] == 4
    assert any(a["date"] == "2008-10-02" for a in action26["assignments"])
    assert action26["outputs"] and action26["events"] and action26["findings"]


def test_actions_handled_together_are_related() -> None:
    assert {11, 12, 34} <= set(card("action", "10")["related_actions"])


def test_grant_amounts_are_numbers_in_sek() -> None:
    # Line 6001: "Länsstyrelsen i Stockholms län beviljades totalt 8 miljoner kronor för åren 2009 och 2010."
    grants = card("action", "27")["grants"]
    stockholm = [g for g in grants if [r["id"] for r in g["recipients"]] == ["id:org-lansstyrelsen-stockholm"]
                 and g["amount_sek"] is not None]
    assert any(g["amount_sek"] == 8_000_000 for g in stockholm)


@pytest.mark.parametrize("name", ["RFSL", "rfsl", "Riksförbundet för sexuellt likaberättigande", "id:org-rfsl"])
def test_actor_lookup_by_any_name(name: str) -> None:
    data = card("actor", name)
    assert data["id"] == "id:org-rfsl" and data["abbrev"] == "RFSL" and data["kind"] == "Non-governmental organisation"
    for key in ["alt_names", "actions", "outputs", "events", "grants_received", "grants_given", "groups", "findings"]:
        assert key in data
    assert {"number": 33, "role": "lead"} in data["actions"]


def test_county_board_card_shows_its_group() -> None:
    data = card("actor", "Länsstyrelsen i Stockholms län")
    groups = {g["id"] for g in data["groups"]}
    assert "id:group-nmt" in groups
    assert any(a["number"] == 26 for a in data["actions"])


@pytest.mark.parametrize("args, message", [
    (["actor", "Länsstyrelsen"], "ambiguous"),
    (["actor", "Ingen sådan myndighet"], "no actor named"),
    (["action", "99"], "no action 99"),
    (["findings", "--kind", "nonsense"], "unknown finding kind"),
])
def test_card_errors(args: list[str], message: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_findings_by_kind() -> None:
    rows = card("findings", "--kind", "data-inconsistency")
    assert rows and all(r["kind"] == "data inconsistency" and r["evidence"] for r in rows)
    assert len(card("findings")) > len(rows)


def test_group_card_shows_named_members_and_stated_size() -> None:
    # Line 6031: "19 av 21 länsstyrelser har deltagit i gruppen" -- LAMP's members are mostly unnamed.
    lamp = card("group", "LAMP")
    assert lamp["id"] == "id:group-lamp"
    assert lamp["named_members"] == len(lamp["members"]) < lamp["stated_size"] == 19
    assert any(s["count"] == 19 and s["out_of"] == 21 for s in lamp["statements_about_members"])
    nmt = card("group", "NMT")
    stockholm = next(m for m in nmt["members"] if m["id"] == "id:org-lansstyrelsen-stockholm")
    assert "coordinator" in stockholm["roles"] and len({m["id"] for m in nmt["members"]}) == nmt["named_members"]
    # Line 897: "NMT, som samordnas av Länsstyrelsen i Stockholm"; line 899: "träffas vanligtvis en gång i kvartalet".
    assert [c["id"] for c in nmt["coordinators"]] == ["id:org-lansstyrelsen-stockholm"]
    assert nmt["meetings"] == "vanligtvis en gång i kvartalet" and 27 in nmt["actions"]
    assert nmt["outputs"] and nmt["findings"]


def test_actor_finds_groups_and_shows_their_card() -> None:
    assert card("actor", "NMT") == card("group", "NMT")


def test_two_bodies_of_one_name_are_told_apart_and_either_picked() -> None:
    # "Nätverket mot trafficking" is both the Västra Götaland board's network (a group) and an NGO (NmT).
    proc = subprocess.run([sys.executable, "-m", "plangraf", "actor", "Nätverket mot trafficking"],
                          capture_output=True, text=True)
    listed = ["Nätverket mot trafficking (collaboration group)", "Nätverket mot trafficking (non-governmental organisation, NmT)"]
    assert proc.returncode == 2 and all(name in proc.stderr for name in listed)
    group, body = (card("actor", name)["id"] for name in listed)
    assert (group, body) == ("id:group-natverket-mot-trafficking", "id:org-natverket-mot-trafficking")
    assert card("actor", "Nätverket mot trafficking (organisation)")["id"] == body


def test_exact_abbreviation_wins_over_a_case_variant() -> None:
    # "NMT" is the group; "Nätverket mot trafficking" is abbreviated "NmT" in the report.
    assert card("actor", "NMT")["id"] == "id:group-nmt"


def test_shared_grant_shows_on_every_recipient_card() -> None:
    # Line 2735: "cirka 2,6 miljoner kronor till fyra olika frivilligorganisationer" -- no split stated.
    for name in ("Projekt Lilja", "UKV"):
        received = card("actor", name)["grants_received"]
        shared = [g for g in received if g["id"] == "id:grant-a01-atervandande-projektmedel"]
        assert shared and shared[0]["shared"] and len(shared[0]["recipients"]) == 4


def test_action_money_counts_each_krona_once() -> None:
    # Lines 2647/2735: 10 million for Åtgärd 7, of which about 2.6 million passed on to four organisations;
    # the pot and its part are one sum, not 12.6 million.
    assert card("action", "7")["money"]["known_total_sek"] == 10_000_000
