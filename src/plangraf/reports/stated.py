"""The report's own findings grouped by kind, each linked to the derived rows about the same nodes."""

from __future__ import annotations

from collections import defaultdict

from plangraf.cards import Directory, findings
from plangraf.reports.context import Context, Section


def build(ctx: Context, derived: list[Section]) -> list[Section]:
    index: dict[str, set[str]] = defaultdict(set)
    for section in derived:
        for row in section.rows:
            for node in row.get("ids", []):
                index[node].add(section.id)
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for finding in findings(ctx.rows("findings"), Directory(ctx.backend)):
        shown = sorted({s for node in finding["concerns"] for s in index.get(node, set())})
        by_kind[finding["kind"] or "(no kind)"].append({
            "summary": finding["summary_en"], "raised_by": [a["name"] for a in finding["raised_by"]],
            "concerns": finding["concerns"], "derived_sections": shown,
            "ids": [finding["id"], *finding["concerns"]],
            "evidence": [{"node": finding["id"], **e} for e in finding["evidence"][:2]],
        })
    sections = []
    for kind in sorted(by_kind):
        rows = sorted(by_kind[kind], key=lambda r: r["ids"][0])
        sections.append(Section(f"findings.{kind.replace(' ', '-')}", "findings", f"Stated in the report: {kind}",
                                "Findings the report itself makes, with the derived report sections that show "
                                "rows about the same actions, bodies or items.",
                                ["summary", "raised_by", "concerns", "derived_sections"], rows, stated_in_report=True))
    return sections
