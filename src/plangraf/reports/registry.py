"""The report kinds, found by scanning this package: a module is a report when it declares, at top level,

    REPORT = {"kind": "overlaps", "order": 10, "derived": True, "description": "One line for --help."}

and defines ``build(ctx)``. A derived report is computed from the graph's structure; a report that is not
derived restates the source's own findings, and ``report all`` passes it the derived sections
(``build(ctx, derived)``) so that it can link to them. ``order`` sets the order of the kinds everywhere.

The declaration is read from the module's source without importing it: a report module is imported only
when it is built (networkx alone takes a tenth of a second to import).
"""

from __future__ import annotations

import ast
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

import plangraf.reports

if TYPE_CHECKING:
    from plangraf.reports.context import Context, Section

ALL = "all"


@dataclass(frozen=True)
class ReportKind:
    kind: str
    module: str
    description: str
    derived: bool
    order: int

    @property
    def build(self) -> Callable[..., list[Section]]:
        """The module's ``build`` function, imported on first use."""
        return import_module(self.module).build


def _declaration(module: str) -> dict[str, Any] | None:
    """The literal assigned to ``REPORT`` at the top level of ``module``'s source, if any. Only the lines
    of that statement are parsed (the whole of seven modules would take 15 ms of every command's start)."""
    spec = find_spec(module)
    source = (spec.loader.get_source(module) if spec and spec.loader else None) or ""  # type: ignore[attr-defined]
    start = f"\n{source}".find("\nREPORT = ")  # at the start of a line: top level
    if start < 0:
        return None
    lines = source[start:].splitlines()
    for end in range(1, len(lines) + 1):
        try:
            statement = ast.parse("\n".join(lines[:end])).body[0]
        except SyntaxError:
            continue
        return ast.literal_eval(statement.value)  # type: ignore[attr-defined]
    return None


@cache
def kinds() -> dict[str, ReportKind]:
    """Every report kind by name, in their declared order."""
    found = []
    for info in pkgutil.iter_modules(plangraf.reports.__path__, prefix="plangraf.reports."):
        declared = _declaration(info.name)
        if declared is not None:
            found.append(ReportKind(module=info.name, **declared))
    return {k.kind: k for k in sorted(found, key=lambda k: k.order)}


def names() -> tuple[str, ...]:
    return tuple(kinds())


def derived() -> tuple[str, ...]:
    return tuple(name for name, k in kinds().items() if k.derived)


def build(ctx: Context, kind: str) -> list[Section]:
    """Sections of report ``kind``; ``all`` builds every derived report, then the others with the derived
    sections at hand."""
    if kind != ALL:
        return kinds()[kind].build(ctx)
    sections = [section for name in derived() for section in kinds()[name].build(ctx)]
    stated = [section for k in kinds().values() if not k.derived for section in k.build(ctx, sections)]
    return [*sections, *stated]
