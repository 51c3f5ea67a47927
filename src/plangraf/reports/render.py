"""Report sections as table, Markdown, JSON, CSV or one self-contained HTML page (``templates/report.html``).

JSON and CSV keep the plain values. For people (table, Markdown, HTML) values read the same everywhere: money
as "2 500 000 kr", shares as percentages, "not stated" for what the source does not give, actions with
their titles, what a finding concerns by name, and complete sets of bodies as "all 21 …" (see
:mod:`plangraf.display` and :mod:`plangraf.vocabulary`).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from plangraf import terminal
from plangraf.display import NOT_STATED, number, sek, share
from plangraf.output import markdown
from plangraf.pages import render_page
from plangraf.reports.caveats import CAVEATS
from plangraf.reports.context import Section
from plangraf.vocabulary import Vocabulary

NOT_STATED_COLUMNS = {"participants", "stated_size", "recipient", "funder", "purpose"}  # None: the source is silent
SHOWN_ITEMS = 6  # items of a list shown on the page before "and N more"
SHOWN_ROWS = 8  # rows of a section shown on the page before "show N more"
SHOWN_CHARACTERS = 200  # of a long text, shown before "more"
NODE_COLUMNS = {"concerns"}  # identifiers, shown by name


def header(column: str) -> str:
    """``known_own_sek`` -> ``known own``, ``sek_per_participant`` -> ``kr per participant``."""
    text = column.removesuffix("_sek").replace("_sek_", "_").replace("sek_", "kr_")
    return text.replace("_", " ")


class Display:
    """Cells of report rows as people read them."""

    def __init__(self, words: Vocabulary) -> None:
        self.words = words

    def items(self, column: str, value: Any) -> list[str] | None:
        """A list cell's items as shown (names collapsed into complete sets, actions with titles), else None."""
        if column == "actions" and isinstance(value, list):
            return [self.words.action(n) for n in value]
        if column in NODE_COLUMNS and isinstance(value, list):
            return [self.words.named(v) for v in value]
        if isinstance(value, list):
            return self.words.collapse([str(number(v)) for v in value])
        return None

    def text(self, column: str, value: Any) -> str:
        """One cell as text."""
        listed = self.items(column, value)
        if listed is not None:
            return "; ".join(listed)
        if column.endswith("_sek") or column.startswith("sek_"):
            return sek(value)
        if column.endswith("share") and isinstance(value, int | float | type(None)):
            return share(value)
        if column == "action" and isinstance(value, int):
            return self.words.action(value)
        if value is None:
            return NOT_STATED if column in NOT_STATED_COLUMNS else "—"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str) and "; " in value:
            return self._joined(value)
        return str(number(value))

    def _joined(self, value: str) -> str:
        """``jointly: A; B; …`` with complete sets of bodies collapsed."""
        lead, _, rest = value.partition(": ") if ": " in value.split("; ")[0] else ("", "", value)
        names = "; ".join(self.words.collapse(rest.split("; ")))
        return f"{lead}: {names}" if lead else names


def _evidence_text(row: dict[str, Any]) -> str:
    return " | ".join(f"{e['node']} line {e['line']}: {e['quote']}" for e in row.get("evidence", []))


def _caveat_codes(row: dict[str, Any]) -> str:
    return ", ".join(sorted({c["code"] for c in row.get("caveats", [])}))


def _caveat_text(row: dict[str, Any]) -> str:
    return " | ".join(f"{c['code']}: {c['text']}" for c in row.get("caveats", []))


def _extra(section: Section) -> list[str]:
    """The columns every derived row adds: what it cannot know, and what in the report states it."""
    return ["caveats"] if section.stated_in_report else ["caveats", "stated_by"]


def render(sections: list[Section], fmt: str, title: str, sources: list[str] | None = None,
           words: Vocabulary | None = None) -> str:
    """Sections in ``fmt``; the HTML page names ``sources``, the documents the evidence comes from. ``words``
    (needed for table, md and html) names concepts, actions and bodies."""
    if fmt == "json":
        return json.dumps({"report": title, "sections": [s.as_dict() for s in sections]}, indent=2,
                          ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return _csv(sections)
    if words is None:
        raise ValueError(f"the {fmt} format needs a vocabulary")
    shown = Display(words)
    if fmt == "html":
        return _html(sections, title, sources or [], shown)
    return "\n".join(_markdown(s, shown) if fmt == "md" else _table(s, shown) for s in sections)


def _markdown(section: Section, shown: Display) -> str:
    head = f"## {section.title} ({len(section.rows)})\n\n{section.description}\n"
    if not section.rows:
        return head + "\n_nothing found_\n"
    columns = [*section.columns, *_extra(section)]
    cells = [[shown.text(c, row.get(c)) for c in section.columns]
             + [_caveat_text(row)] + ([] if section.stated_in_report else ["; ".join(row["stated_by"])])
             + ["; ".join(row.get("ids", [])), _evidence_text(row)] for row in section.rows]
    return head + "\n" + markdown([*map(header, columns), "ids", "evidence"], cells)


def _table(section: Section, shown: Display) -> str:
    lines = [terminal.bold(f"== {section.title} ({len(section.rows)})"), *terminal.wrap(section.description)]
    if not section.rows:
        return "\n".join([*lines, "nothing found", ""])
    columns = _heading_first(section)
    cells = [[_cell(shown, row, c) for c in columns] for row in section.rows]
    numeric = {i for i, c in enumerate(columns) if _is_numeric(section, c)}
    return "\n".join(lines) + "\n\n" + terminal.table([header(c) for c in columns], cells, numeric)


def _cell(shown: Display, row: dict[str, Any], column: str) -> str:
    if column == "caveats":
        return _caveat_codes(row)
    if column == "stated_by":
        return "; ".join(row.get("stated_by", []))
    return shown.text(column, row.get(column))


def _heading_first(section: Section) -> list[str]:
    """The section's columns with the first one that names the row (not a number) first: blocks use it as
    their heading."""
    columns = [*section.columns, *_extra(section)]
    naming = next((c for c in section.columns if c in ("action", "actions") or not _is_numeric(section, c)), columns[0])
    return [naming, *(c for c in columns if c != naming)]


def _is_numeric(section: Section, column: str) -> bool:
    values = [row.get(column) for row in section.rows if row.get(column) is not None]
    return bool(values) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _csv(sections: list[Section]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "row", "field", "value"])
    for section in sections:
        for index, row in enumerate(section.rows, 1):
            for name in [*section.columns, "ids", *([] if section.stated_in_report else ["stated_by"])]:
                value = row.get(name)
                writer.writerow([section.id, index, name,
                                 "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else value)])
            writer.writerow([section.id, index, "caveats", _caveat_text(row)])
            writer.writerow([section.id, index, "evidence", _evidence_text(row)])
    return buffer.getvalue()


@dataclass
class PageCell:
    """A cell of the page: its text (a long one's rest folded) or items (the first SHOWN_ITEMS shown, the
    rest folded), its sort key, and whether it is a number (right-aligned)."""

    text: str = ""
    more: str = ""
    shown: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    sort: str = ""
    numeric: bool = False
    links: list[str] = field(default_factory=list)


def _page_cell(shown: Display, column: str, value: Any) -> PageCell:
    items = shown.items(column, value)
    number_value = isinstance(value, int | float) and not isinstance(value, bool)
    if items is not None:
        return PageCell(shown=items[:SHOWN_ITEMS], folded=items[SHOWN_ITEMS:], sort=str(len(items)))
    text = shown.text(column, value)
    cut = text.rfind(" ", 0, SHOWN_CHARACTERS) if len(text) > SHOWN_CHARACTERS + 60 else -1
    return PageCell(text=text[:cut] if cut > 0 else text, more=text[cut:] if cut > 0 else "",
                    sort=str(value) if number_value else text.casefold(), numeric=number_value and column != "action")


def _page_rows(section: Section, shown: Display) -> list[dict[str, Any]]:
    rows = []
    for row in section.rows:
        cells = [_page_cell(shown, c, row.get(c)) for c in section.columns]
        links = row.get("derived_sections", []) if "derived_sections" in section.columns else []
        if links:
            cells[section.columns.index("derived_sections")].links = links
        rows.append({"anchor": row["ids"][0] if section.stated_in_report and row.get("ids") else None,
                     "cells": cells, "caveats": [_page_caveat(c) for c in row.get("caveats", [])],
                     "stated_by": row.get("stated_by"), "evidence": row.get("evidence", []),
                     "ids": row.get("ids", [])})
    return rows


def _page_caveat(item: dict[str, str]) -> dict[str, str]:
    """A row's caveat: its code, what the row adds to the registry's text (shown), and the whole text."""
    general = CAVEATS.get(item["code"], "")
    detail = item["text"][len(general) + 2:-1] if item["text"].startswith(general + " (") else ""
    return {"code": item["code"], "detail": detail, "text": item["text"]}


NOTES_WEIGHT, EVIDENCE_WEIGHT = 16.0, 13.0  # the caveats column at least, the evidence column, in characters
PADDING = 2.0  # a cell's padding, in characters
NUMBER, HEADER = 1.8, 1.9  # a number's and a bold header's characters are wider than text's
WIDEST = 26.0  # a text column's weight at most, in characters


def _column_widths(headers: list[str], rows: list[dict[str, Any]], numeric: list[bool], notes: bool) -> list[float]:
    """Each column's share of the table's width in percent (the caveats column, if ``notes``, and the
    evidence column last): a text column about the average length of its cells (at most WIDEST characters),
    a number column its longest; never less than its header's longest word. A table of fixed widths never
    grows wider than the page."""
    weights = []
    for i, name in enumerate(headers):
        texts = [" ".join([c.text, *c.shown]) for c in (row["cells"][i] for row in rows)] or [""]
        typical = NUMBER * max(len(t) for t in texts) if numeric[i] else min(sum(len(t) for t in texts) / len(texts), WIDEST)
        weights.append(max(typical, HEADER * max(len(w) for w in name.split()), 3.0) + PADDING)
    if notes:
        shown = [sum(len(c["code"]) + len(c["detail"]) for c in row["caveats"]) for row in rows] or [0]
        weights.append(min(max(sum(shown) / len(shown), NOTES_WEIGHT), WIDEST) + PADDING)
    weights.append(EVIDENCE_WEIGHT)
    return [round(100 * w / sum(weights), 2) for w in weights]


def _html(sections: list[Section], title: str, sources: list[str], shown: Display) -> str:
    reports: dict[str, list[dict[str, Any]]] = {}
    for section in sections:
        headers, rows = [header(c) for c in section.columns], _page_rows(section, shown)
        numeric = [_is_numeric(section, c) for c in section.columns]
        notes = not section.stated_in_report or any(row.get("caveats") for row in section.rows)
        reports.setdefault(section.report, []).append({
            "section": section, "headers": headers, "widths": _column_widths(headers, rows, numeric, notes),
            "notes": notes,
            "numeric": numeric, "right": [n and c != "action" for n, c in zip(numeric, section.columns, strict=True)],
            "rows": rows,
            "caveats": sorted({c["code"] for row in section.rows for c in row.get("caveats", [])})})
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return render_page("report.html", title=title, sources=sources, reports=reports, stamp=stamp, caveats=CAVEATS,
                       shown_rows=SHOWN_ROWS, lang=shown.words.lang)
