"""Report sections as table, Markdown, JSON, CSV or one self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import UTC, datetime
from typing import Any

from plangraf.output import render_rows
from plangraf.reports.context import Section

FORMATS = ("table", "md", "json", "csv", "html")


def _evidence_text(row: dict[str, Any]) -> str:
    return " | ".join(f"{e['node']} line {e['line']}: {e['quote']}" for e in row.get("evidence", []))


def _caveat_codes(row: dict[str, Any]) -> list[str]:
    return sorted({c["code"] for c in row.get("caveats", [])})


def _caveat_text(row: dict[str, Any]) -> str:
    return " | ".join(f"{c['code']}: {c['text']}" for c in row.get("caveats", []))


def _extra(section: Section) -> list[str]:
    """The columns every derived row adds: what it cannot know, and what in the report states it."""
    return ["caveats"] if section.stated_in_report else ["caveats", "stated_by"]


def render(sections: list[Section], fmt: str, title: str) -> str:
    if fmt == "json":
        return json.dumps({"report": title, "sections": [s.as_dict() for s in sections]}, indent=2,
                          ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return _csv(sections)
    if fmt == "html":
        return _html(sections, title)
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


STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;color:#222;
line-height:1.4;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd;padding-bottom:.3rem}h3{margin-top:1.8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f4f4f4}tr:nth-child(even) td{background:#fbfbfb}
.ev{color:#555;font-size:.8rem}.ev q{font-style:italic}.ids{font-family:monospace;font-size:.75rem;color:#666}
.tag{display:inline-block;background:#eef;border-radius:3px;padding:0 .3rem;margin:0 .2rem .2rem 0;font-size:.75rem}
.caveat{font-size:.8rem;color:#7a4b00}.stated-by{font-size:.75rem;color:#555}
nav ul{columns:2}.stated{background:#fff6e0;border-left:4px solid #e0a000;padding:.2rem .6rem}
"""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "".join(f'<span class="tag">{html.escape(str(v))}</span>' for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return html.escape(str(value))


def _html(sections: list[Section], title: str) -> str:
    reports: dict[str, list[Section]] = {}
    for section in sections:
        reports.setdefault(section.report, []).append(section)
    toc = "".join(f'<li><a href="#{html.escape(s.id)}">{html.escape(s.title)}</a> ({len(s.rows)})</li>' for s in sections)
    body = []
    for report, items in reports.items():
        body.append(f"<h2>{html.escape(report.capitalize())}</h2>")
        for s in items:
            note = ('<p class="stated">Stated by the report itself.</p>' if s.stated_in_report else
                    "<p><em>Derived from the graph's structure.</em></p>")
            body.append(f'<h3 id="{html.escape(s.id)}">{html.escape(s.title)} ({len(s.rows)})</h3>'
                        f"<p>{html.escape(s.description)}</p>{note}")
            if not s.rows:
                body.append("<p>Nothing found.</p>")
                continue
            head = "".join(f"<th>{html.escape(c)}</th>" for c in s.columns) + "<th>caveats</th><th>evidence</th>"
            rows = []
            for row in s.rows:
                cells = "".join(f"<td>{_cell(row.get(c))}</td>" for c in s.columns)
                evidence = "".join(f'<div class="ev">line {e["line"]} ({html.escape(e["node"])}): '
                                   f'<q>{html.escape(e["quote"])}</q></div>' for e in row.get("evidence", []))
                ids = f'<div class="ids">{html.escape(" ".join(row.get("ids", [])))}</div>'
                caveats = "".join(f'<div class="caveat"><b>{html.escape(c["code"])}</b>: {html.escape(c["text"])}</div>'
                                  for c in row.get("caveats", []))
                if not s.stated_in_report:
                    stated = row.get("stated_by") or []
                    caveats += (f'<div class="stated-by">stated by {html.escape(", ".join(stated))}</div>' if stated
                                else '<div class="stated-by">not stated in the report</div>')
                rows.append(f"<tr>{cells}<td>{caveats}</td><td>{evidence}{ids}</td></tr>")
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head><body>'
            f"<h1>{html.escape(title)}</h1><p>Source: Brå rapport 2011:18. Every row names the identifiers and the "
            f"lines of the report it rests on. Generated {stamp} by plangraf.</p><nav><ul>{toc}</ul></nav>"
            f"{''.join(body)}</body></html>\n")
