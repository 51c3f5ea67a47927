"""Derived funding claims checked by hand against the source text (Brå rapport 2011:18, 1-based lines)."""

import pytest

from plangraf.reports import build_report


@pytest.fixture(scope="module")
def sections(embedded) -> dict:
    return {s.id: s for s in build_report(embedded, "funding")}


def by_recipient(sections, name: str) -> dict:
    rows = [r for r in sections["funding.concentration"].rows if r["recipient"] == name]
    assert len(rows) == 1, name
    return rows[0]


def pot(sections, grant_id: str) -> dict:
    return next(r for r in sections["funding.allocation"].rows if r["ids"][0] == grant_id)


def codes(row: dict) -> set[str]:
    return {c["code"] for c in row["caveats"]}


def test_police_authorities_own_money_from_the_30_million(sections) -> None:
    # Lines 4265-4269: "Störst summor fick Rikskriminalpolisen och Polismyndigheten i Stockholms län
    # (7,7 miljoner vardera). Polismyndigheterna i Skåne och Västra Götaland fick båda drygt 4 miljoner kronor."
    assert by_recipient(sections, "Rikskriminalpolisen")["total_sek"] == 7_700_000
    assert by_recipient(sections, "Polismyndigheten i Stockholms län")["total_sek"] == 7_700_000
    for name in ("Polismyndigheten i Skåne", "Polismyndigheten i Västra Götaland"):
        row = by_recipient(sections, name)
        assert row["total_sek"] == 4_000_000 and "amount-qualified" in codes(row)  # "drygt"


def test_forty_million_is_split_30_and_10_and_counted_once(sections) -> None:
    # Lines 4156-4159: "extra tilldelning av ekonomiska medel på 40 miljoner kronor under perioden 2008–2010
    # där 30 miljoner ska gå till förstärkta insatser och 10 miljoner till metod- och kompetensutveckling".
    row = pot(sections, "id:grant-a17-rps-am-40-miljoner")
    assert row["pot_sek"] == 40_000_000 and row["parts_known_sek"] == 40_000_000 and row["rest_sek"] == 0
    # Lines 4156-4159 and 537-538 ("Polisen har under de tre åren fått totalt 40 miljoner"): none of the money
    # is said to have gone to Åklagarmyndigheten, so no concentration row credits it with any.
    recipients = {r["recipient"] for r in sections["funding.concentration"].rows}
    assert not any("Åklagarmyndigheten" in name for name in recipients)


def test_brom_research_money_is_9_3_plus_5_7(sections) -> None:
    # Lines 6946-6949: "Brottsoffermyndigheten fick totalt 15 miljoner kronor att dela ut. Under år 2009 delades
    # 9,3 miljoner ut till sex projekt [...] I september 2010 fördelades 5,7 miljoner kronor till två projekt."
    row = pot(sections, "id:grant-a28-brom-forskningsmedel")
    assert row["pot_sek"] == 15_000_000 and row["parts_known_sek"] == 15_000_000 and row["rest_sek"] == 0


def test_brom_2009_research_projects_got_8_8_million(sections) -> None:
    # Lines 6986-6989: the six research projects got "cirka 14,5 miljoner medan de två övriga fick en halv
    # miljon"; lines 6960-6961: both 2010 projects were the University of Gothenburg's (5,7 miljoner, l. 6949),
    # so the two municipal projects were among the six of 2009: 9.3 - 0.5 = 8.8 = 14.5 - 5.7.
    row = pot(sections, "id:grant-a28-brom-2009")
    assert row["pot_sek"] == 9_300_000 and row["parts_known_sek"] == 500_000 and row["rest_sek"] == 8_800_000


def test_gothenburg_social_work_department_got_the_2010_money(sections) -> None:
    # Lines 6948-6949 "I september 2010 fördelades 5,7 miljoner kronor till två projekt" and 6960-6961
    # "De två projekt som fick medel år 2010 hade båda Institutionen för socialt arbete vid Göteborgs
    # Universitet som huvudman."
    row = by_recipient(sections, "Institutionen för socialt arbete vid Göteborgs universitet")
    assert row["total_sek"] == 5_700_000 and row["grants"] == 1


def test_half_million_held_jointly_by_the_two_municipal_projects(sections) -> None:
    # Lines 6988-6991: "de två övriga fick en halv miljon. De två övriga projekten har bedrivits av Göteborgs
    # stad (Social resursförvaltning) och Malmö stad (Kompetenscenter Prostitution)." No split is given.
    row = by_recipient(sections,
                       "jointly: Kompetenscenter Prostitution, Malmö stad; Social resursförvaltning, Göteborgs stad")
    assert row["total_sek"] == 500_000 and "shared-pot" in codes(row)


def test_2009_grants_to_seven_organisations_are_joint(sections) -> None:
    # Lines 3965-3980: "Hälften av de fyra miljonerna utlystes år 2009. [...] Följande sju organisationer
    # beviljades medel:" (NBV, BalticFem, ... UNIFEM Sverige); no amount per organisation is given.
    seven = ("BalticFem", "Kvinnojouren i Boden", "Kvinnojourerna i Karlskrona och Karlshamn",
             "Nykterhetsrörelsens bildningsverksamhet", "Nätverket mot trafficking",
             "Serbernas Riksförbund i Sverige/Kvinnoorganisationen", "UNIFEM Sverige")
    row = by_recipient(sections, "jointly: " + "; ".join(seven))
    assert row["total_sek"] == 2_000_000 and "shared-pot" in codes(row)
    recipients = {r["recipient"] for r in sections["funding.concentration"].rows}
    assert not recipients & set(seven)  # never credited whole to one of them


def test_return_project_money_held_jointly_by_four_organisations(sections) -> None:
    # Lines 2735-2743: "har länsstyrelsen fördelats cirka 2,6 miljoner kronor till fyra olika
    # frivilligorganisationer [...] Projekt Lilja, Unga Kvinnors Värn (UKV), Insamlingsstiftelsen Samverkan Mot
    # Trafficking (IMT), Ekumeniska Nätverket/Resursteamet"; no split is given.
    row = by_recipient(sections, "jointly: Insamlingsstiftelsen Samverkan Mot Trafficking; Projekt Lilja; "
                                 "Resursteamet; Unga Kvinnors Värn")
    assert row["total_sek"] == 2_600_000 and {"shared-pot", "amount-qualified"} <= codes(row)  # "cirka"
    parts = [r for r in sections["funding.unknown-amounts"].rows
             if r["part_of"] == "för projekt som kan bidra till ett tryggare återvändande för dem som utsatts "
                                "för människohandel"]
    assert len(parts) == 4 and all(r["counted_in_pot"] for r in parts)


def test_resursteamet_own_million_from_action_4(sections) -> None:
    # Line 2328: "Länsstyrelsen har under uppdragstiden gett drygt en miljon kronor till det så kallade
    # Resursteamet"; footnote 78 (lines 2799-2800): "bidrag under ett halvår med medel som avsåg Åtgärd 4".
    row = by_recipient(sections, "Resursteamet")
    assert row["total_sek"] == 1_000_000 and "amount-qualified" in codes(row)
    assert "id:grant-a01-resursteamet-skogsbo" in row["ids"]


def test_single_recipient_grants(sections) -> None:
    # Line 1760: "Den 2 oktober 2008 beviljades UNICEF Sverige 2,5 miljoner".
    assert by_recipient(sections, "UNICEF Sverige")["total_sek"] == 2_500_000
    # Lines 4034-4036: "Även 2010 delade länsstyrelsen ut drygt 2 miljoner. [...] Uppdraget gavs till Järfälla
    # Tjejjour".
    row = by_recipient(sections, "Järfälla Tjejjour")
    assert row["total_sek"] == 2_000_000 and "amount-qualified" in codes(row)
    # Lines 6794-6795: "SI fick sammanlagt närmare 15 miljoner kronor för att genomföra uppdraget under perioden
    # 2008–2010."
    row = by_recipient(sections, "Svenska institutet")
    assert row["total_sek"] == 15_000_000 and "amount-qualified" in codes(row)
    # Line 6371 "Aktionsgruppen har fått 7 miljoner kronor genom handlingsplanen" and footnote 186 (line 6497)
    # "Gruppen fick 300 000 kronor från Sida".
    assert by_recipient(sections, "Aktionsgruppen mot människohandel inom Östersjöstaternas råd")["total_sek"] \
        == 7_300_000


def test_police_money_of_2004_2006_is_left_out(sections) -> None:
    # Lines 570-572: "Åren 2004–2006 fick Polisen 30 miljoner kronor från regeringen och ytterligare 30 miljoner
    # kronor åren 2008–2010": the first 30 million predate the 2008 plan; the second are the 30 million of
    # Åtgärd 18 (line 4261), counted once inside the 40 million.
    section = sections["funding.concentration"]
    assert "30,000,000 SEK dated outside the plan period is left out" in section.description
    assert not any("id:grant-p1a-polisen-2004-2006" in r["ids"] for r in section.rows)
    assert pot(sections, "id:grant-a17-operativa-insatser")["pot_sek"] == 30_000_000


def test_return_assignment_money_mostly_paid_back(sections) -> None:
    # Lines 2647-2649: "beviljades totalt 10 miljoner kronor för år 2009 och 2010. Av dessa förbrukades
    # 4,2 miljoner, medan återstoden betalades tillbaka till regeringen" (the rest: 10 - 4.2 = 5.8 million).
    row = next(r for r in sections["funding.granted-vs-used"].rows
               if r["ids"] == ["id:grant-a01-lansstyrelsen-stockholm-atgard-7"])
    assert row["returned_or_unused_sek"] == 5_800_000


def test_unicef_participants_are_seminars_plus_conference(sections) -> None:
    # Line 1816 "Sammantaget deltog cirka 450 personer" (five regional seminars) and line 1819 "en nationell
    # konferens [...] där över 130 personer deltog": 580, without adding Part 1's overall "Närmare 600" (l. 222).
    row = next(r for r in sections["funding.per-participant"].rows if "id:grant-a01-unicef-sverige" in r["ids"])
    assert row["money_sek"] == 2_500_000 and row["participants"] == 580


def test_county_board_money_for_2011_2014_is_outside_the_plan(sections) -> None:
    # Lines 5967-5969: "Regeringen har avsatt ytterligare medel till länsstyrelserna för att de ska kunna
    # fortsätta att arbeta med dessa frågor under perioden 2011–2014."
    row = next(r for r in sections["funding.unknown-amounts"].rows
               if r["ids"] == ["id:grant-a26-lansstyrelserna-2011-2014"])
    assert "outside-plan" in codes(row) and not row["counted_in_pot"]
