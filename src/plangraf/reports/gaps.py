"""Gaps, found with FILTER NOT EXISTS: actions without assignee or output, work not carried out, proposals
without an actor, audiences no training reached, and every county's forum, training and mapping."""

from __future__ import annotations

from plangraf.reports.context import Context, Section


def build(ctx: Context) -> list[Section]:
    return [actions_without(ctx, "actions_without_assignee", "gaps.actions-without-assignee",
                            "Actions without an assignee", "No assignment names a lead body for these actions."),
            not_carried_out(ctx),
            actions_without(ctx, "actions_without_output", "gaps.actions-without-output",
                            "Actions without a recorded output", "No output or event is recorded under these actions."),
            proposals_without_actor(ctx), audiences_without_training(ctx), county_coverage(ctx)]


def actions_without(ctx: Context, query: str, section: str, title: str, description: str) -> Section:
    rows = [{"action": int(r["number"]), "title": ctx.label(r["action"]), "ids": [ctx.id(r["action"])],
             "evidence": ctx.cite(r["action"])} for r in ctx.rows(query)]
    return Section(section, "gaps", title, description, ["action", "title"], rows)


def not_carried_out(ctx: Context) -> Section:
    rows = [{"action": int(r["number"]), "status": ctx.label(r["status"]), "note": ctx.value(r["note"]),
             "ids": [ctx.id(r["assignment"])], "evidence": ctx.cite(r["assignment"], per_node=2)}
            for r in ctx.rows("assignments_not_done")]
    return Section("gaps.not-carried-out", "gaps", "Assignments not (fully) carried out",
                   "Assignments recorded as not carried out, partly carried out or with results only after the plan.",
                   ["action", "status", "note"], rows)


def proposals_without_actor(ctx: Context) -> Section:
    rows = [{"kind": ctx.label(r["kind"]), "summary": ctx.value(r["summary"]), "ids": [ctx.id(r["finding"])],
             "evidence": ctx.cite(r["finding"])} for r in ctx.rows("proposals_without_actor")]
    return Section("gaps.proposals-without-actor", "gaps", "Proposals and recommendations without an actor",
                   "Proposals and recommendations that name no body to carry them out.", ["kind", "summary"], rows)


def audiences_without_training(ctx: Context) -> Section:
    rows = [{"audience": str(r["label"]), "addressed_by": int(r["addressed_by"]), "ids": [ctx.id(r["audience"])],
             "evidence": []} for r in ctx.rows("audiences_without_training")]
    return Section("gaps.audiences-without-training", "gaps", "Audiences no training reached",
                   "Audiences that outputs, grants or findings address but no training, seminar or conference had.",
                   ["audience", "addressed_by"], rows)


def county_coverage(ctx: Context) -> Section:
    rows = []
    for r in ctx.rows("county_coverage"):
        groups, events, mappings = int(r["groups"]), int(r["events"]), int(r["mappings"])
        joint = int(r["joint_events"])
        checks = (("forum", groups), ("own event", events), ("any event", events + joint), ("mapping", mappings))
        missing = [name for name, count in checks if not count]
        rows.append({"county": str(r["name"]), "forum": groups > 0, "own_events": events,
                     "participants": int(r["participants"]), "joint_events": joint, "mappings": mappings,
                     "missing": missing,
                     "ids": [ctx.id(r["county"]), ctx.id(r["board"])], "evidence": ctx.cite(r["board"])})
    return Section("gaps.counties", "gaps", "Every county: forum, training and mapping",
                   "All 21 counties, so that absences show: a forum of the county's own (a collaboration group placed "
                   "in it alone), events held there or by the county board alone (with participants), events the board "
                   "organised jointly with others, and mappings of the problem.",
                   ["county", "forum", "own_events", "participants", "joint_events", "mappings", "missing"], rows)


