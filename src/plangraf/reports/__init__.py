"""Coordination reports derived from the graph's structure (overlaps, timing, gaps, focus, funding,
network) and the report's own findings; the kinds are listed by :mod:`plangraf.reports.registry`. Each
report is a list of sections; each row carries the identifiers and the evidence (line + quote) it rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plangraf.errors import NotFoundError

if TYPE_CHECKING:
    from plangraf.reports.context import Section
    from plangraf.store import Backend


def build_report(backend: Backend, kind: str, lang: str = "en") -> list[Section]:
    """Sections of report ``kind`` (a registered kind, or ``all``: every report, with the report's own
    findings linked to the derived sections about the same nodes), concepts labelled in ``lang``. For one
    plan of several, build on :func:`plangraf.plans.restrict`'s view of the graph."""
    from plangraf.reports import registry
    from plangraf.reports.context import Context

    choices = (*registry.names(), registry.ALL)
    if kind not in choices:
        raise NotFoundError(f"unknown report '{kind}'; reports: {', '.join(choices)}")
    return registry.build(Context(backend, lang), kind)
