"""The views of the graph that exports draw: the one list the CLI's help and ``graphview.view`` use.

A view is ``NAME`` or ``NAME:ARGUMENT``; its builder (``module:function``, imported when used) is called as
``builder(backend, graph, argument, depth)`` with the whole projected graph and returns the subgraph.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    name: str
    argument: str | None  # what follows the colon (N, NAME, THEME); None: the view takes none
    description: str
    builder: str

    @property
    def spec(self) -> str:
        return f"{self.name}:{self.argument}" if self.argument else self.name


VIEWS: dict[str, View] = {v.name: v for v in (
    View("full", None, "the whole graph", "plangraf.graphview:full"),
    View("action", "N", "action N and what lies within --depth links of it", "plangraf.graphview:action"),
    View("actor", "NAME", "a body and what lies within --depth links of it", "plangraf.graphview:actor"),
    View("theme", "THEME", "everything on a theme (Swedish or English label, or id) and what lies within --depth links",
         "plangraf.graphview:theme"),
    View("group", "NAME", "a collaboration group and what lies within --depth links of it",
         "plangraf.graphview:group"),
    View("overlaps", None, "similar outputs that never cite each other, with their producers",
         "plangraf.graphview:overlaps"),
    View("findings", None, "the report's findings and what they concern", "plangraf.graphview:findings"),
)}


def specs() -> list[str]:
    """``full``, ``action:N`` … as written on the command line."""
    return [v.spec for v in VIEWS.values()]
