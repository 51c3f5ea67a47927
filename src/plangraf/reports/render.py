"""Report sections as table, Markdown, JSON, CSV or one self-contained HTML page (``templates/report.html``)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from plangraf.output import render_rows
from plangraf.pages import render_page
from plangraf.reports.context import Section


def _evidence_text(row: dict[str, Any]) -> str:
    return " | ".join(f"{e['node']} line {e['line']}: {e['quote']}" for e in row.get("evidence", []))


def _caveat_codes(row: dict[str, Any]) -> list[str]:
    return sorted({c["code"] for c in row.get("caveats", [])})


def _caveat_text(row: dict[str, Any]) -> str:
    return " | ".join(f"{c['code']}: {c['text']}" for c in row.get("caveats", []))


def _extra(section: Section) -> list[str]:
    """The columns every derived row adds: what it cannot know, and what in the report states it."""
    return ["caveats"] if section.stated_in_report else ["caveats", "stated_by"]


def render(sections: list[Section], fmt: str, title: str, sources: list[str] | None = None) -> str:
    """Sections in ``fmt``; the HTML page names ``sources``, the documents the evidence comes from."""
    if fmt == "json":
        return json.dumps({"report": title, "sections": [s.as_dict() for s in sections]}, indent=2,
                          ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return _csv(sections)
    if fmt == "html":
        return _html(sections, title, sources or [])
    out = []
    for section in sections:
        extra = _extra(section)
        rows = [{**r, "evidence": _evidence_text(r), "caveats": _caveat_codes(r)} for r in section.rows]
        if fmt == "md":
            rows = [{**shown, "caveats": _caveat_text(row), "evidence": _evidence_text(row)}
                    for row, shown in zip(section.rows, rows, strict=True)]
            out.append(f"## {section.title} ({len(rows)})\n\n{section.description}\n")
            out.append(render_rows(rows, [*section.columns, *extra, "ids", "evidence"], "md") if rows
                       else "_nothing found_\n")
        else:
            out.append(f"== {section.title} ({len(rows)})\n{section.description}\n")
            out.append(render_rows(rows, [*section.columns, *extra], "table") if rows else "nothing found\n")
    return "\n".join(out)


def _csv(sections: list[Section]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "row", "field", "value"])
    for section in sections:
        for number, row in enumerate(section.rows, 1):
            for field in [*section.columns, "ids", *([] if section.stated_in_report else ["stated_by"])]:
                value = row.get(field)
                writer.writerow([section.id, number, field,
                                 "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else value)])
            writer.writerow([section.id, number, "caveats", _caveat_text(row)])
            writer.writerow([section.id, number, "evidence", _evidence_text(row)])
    return buffer.getvalue()


def _html(sections: list[Section], title: str, sources: list[str]) -> str:
    reports: dict[str, list[Section]] = {}
    for section in sections:
        reports.setdefault(section.report, []).append(section)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return render_page("report.html", title=title, sources=sources, sections=sections, reports=reports, stamp=stamp)
