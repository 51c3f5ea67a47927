"""Coordination reports derived from the graph's structure: overlaps, timing, gaps, focus, funding,
network and the report's own findings. Each report is a list of sections; each row carries the
identifiers and the evidence (line + quote) it rests on."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from plangraf.errors import NotFoundError
from plangraf.reports.context import Context, Section

REPORTS = ("overlaps", "timing", "gaps", "focus", "funding", "network", "findings")


DERIVED = ("overlaps", "timing", "gaps", "focus", "funding", "network")


def _builder(name: str) -> Callable[[Context], list[Section]]:
    """The ``build`` function of report module ``name``, imported on demand (networkx is slow to import)."""
    return import_module(f"plangraf.reports.{name}").build


def build_report(backend, kind: str) -> list[Section]:
    """Sections of report ``kind`` (one of REPORTS, or ``all``: every report, with the report's own
    findings linked to the derived sections about the same nodes)."""
    from plangraf.reports import stated

    if kind != "all" and kind not in REPORTS:
        raise NotFoundError(f"unknown report '{kind}'; reports: {', '.join((*REPORTS, 'all'))}")
    context = Context(backend)
    if kind in DERIVED:
        return _builder(kind)(context)
    if kind == "findings":
        return stated.build(context)
    derived = [section for name in DERIVED for section in _builder(name)(context)]
    return [*derived, *stated.build(context, derived)]
