"""The report's own findings grouped by kind. With the derived reports at hand (``report all``), each
finding is linked to the derived sections that show rows about the same nodes."""

from __future__ import annotations

from collections import defaultdict

from plangraf.cards import Directory, findings
from plangraf.reports.context import Context, Section

REPORT = {"kind": "findings", "order": 70, "derived": False,
          "description": "The report's own findings, by kind."}


def build(ctx: Context, derived: list[Section] | None = None) -> list[Section]:
    """Sections per finding kind; ``derived`` given, rows get a ``derived_sections`` column. Without it
    the six derived reports are not built, which would cost the sum of their times."""
    index: dict[str, set[str]] = defaultdict(set)
    for section in derived or []:
        for row in section.rows:
            for node in row.get("ids", []):
                index[node].add(section.id)
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for finding in findings(ctx.rows("findings"), Directory(ctx.backend)):  # kinds in English: stable section ids
        row = {"summary": finding["summary_en"], "raised_by": [a["name"] for a in finding["raised_by"]],
               "concerns": finding["concerns"]}
        if derived is not None:
            row["derived_sections"] = sorted({s for node in finding["concerns"] for s in index.get(node, set())})
        row["ids"] = [finding["id"], *finding["concerns"]]
        row["evidence"] = [{"node": finding["id"], **e} for e in finding["evidence"][:2]]
        by_kind[finding["kind"] or "(no kind)"].append(row)
    columns = ["summary", "raised_by", "concerns"]
    description = "Findings the report itself makes"
    if derived is not None:
        columns.append("derived_sections")
        description += ", with the derived report sections that show rows about the same actions, bodies or items"
    sections = []
    for kind in sorted(by_kind):
        rows = sorted(by_kind[kind], key=lambda r: r["ids"][0])
        sections.append(Section(f"findings.{kind.replace(' ', '-')}", "findings",
                                f"Stated in the report: {ctx.words.word(kind)}",
                                f"{description}.", columns, rows, stated_in_report=True))
    return sections
