"""What a derived row cannot know: one registry of caveat codes, shown with every row they apply to."""

from __future__ import annotations

from typing import Any

CAVEATS: dict[str, str] = {
    "shared-pot": "money several recipients received together with no stated split; not credited to any one of them",
    "rest-of-pot": "the part of a pot its known parts leave; who of the pot's recipients got it is not stated",
    "unnamed-recipients": "the source counts more recipients than it names",
    "rest-approximate": "some parts' amounts are qualified (drygt, cirka …), so the rest of the pot is approximate "
                        "and may be nothing",
    "partly-returned": "part of this money was paid back or left unused, as the source states",
    "after-plan": "money decided within the plan period for work that runs past its end",
    "participants-qualified": "participant counts are qualified in the source (cirka, över …)",
    "recipient-not-stated": "the report does not name who received this money",
    "parts-exceed-pot": "the known parts of this pot add up to more than the pot (a contradiction in the source)",
    "amount-qualified": "the amount is qualified in the source (cirka, drygt, närmare …)",
    "several-actions": "the money is recorded under several actions without a split",
    "participants-partly-unknown": "some items the grant paid for have no stated number of participants, so the "
                                   "amount per participant is an upper bound",
    "paid-for-more": "the grant also paid for outputs or other items, so the amount per participant is an upper bound",
    "outside-plan": "money dated outside the plan period (left out of sums unless asked for)",
    "year-precision": "a date known only to the year: compared as the whole year",
    "season-precision": "a date known only to the season: compared as the whole season",
    "month-precision": "a date known only to the month: compared as the whole month",
    "interval-precision": "a date known only as a stated part of a year: compared as that whole span",
    "order-uncertain": "the dates overlap, so which came first is not known",
    "aggregate-only": "the report makes a statement about unnamed members of this set that may cover this one",
    "unrecorded-audience": "the graph records no audience for some events, any of which may have reached this one",
    "intended-partner-only": "a body named only in the plan's intent, not shown to have taken part",
    "sequenced": "the report says one piece of work was built on the other: sequence, not parallel effort",
    "cross-referenced": "the report itself links these parts (a cross-reference)",
    "several-buckets": "a node with several themes or kinds counts in each, so the shares add up to more than 1; "
                       "money is each krona once (parts and the rest of pots), outside the plan period left out",
    "stated-size": "the report states a size for the group that differs from the members it names",
}


def caveat(code: str, detail: str = "") -> dict[str, str]:
    """A caveat for a row: its code, and the registry's text with ``detail`` appended."""
    text = CAVEATS[code]
    return {"code": code, "text": f"{text} ({detail})" if detail else text}


def unique(caveats: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Caveats in first-seen order, each (code, text) once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for item in caveats:
        key = (item["code"], item["text"])
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
