"""Text that fits the terminal: tables whose long cells wrap, rows too rich for a table as blocks, and
wrapped paragraphs. Nothing is cut: a cell wider than its column wraps (a word longer than the column folds).

The width is ``COLUMNS``, else the terminal's width, else 110 (output to a pipe or a file). Colour (bold
headings) only when standard output is a terminal, ``NO_COLOR`` is unset and the output is not written to a
file (:func:`plain`). Tables are drawn by rich; markup in the data is never interpreted.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

DEFAULT_WIDTH = 110
MIN_WIDTH = 40
READABLE = 12  # the narrowest a wrapping column may become before the rows are shown as blocks
LONGEST_WORD = 30  # longer words (identifiers) fold rather than widen their column
GAP = 2
_plain = False


def width() -> int:
    """``COLUMNS`` if set, else the terminal's width when standard output is one, else 110."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit():
        return max(int(value), MIN_WIDTH)
    if sys.stdout.isatty():
        return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MIN_WIDTH)
    return DEFAULT_WIDTH


def colour() -> bool:
    return not _plain and sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


@contextmanager
def plain() -> Iterator[None]:
    """No colour while rendering output that goes to a file."""
    global _plain
    before, _plain = _plain, True
    try:
        yield
    finally:
        _plain = before


def bold(text: str) -> str:
    return f"\x1b[1m{text}\x1b[0m" if colour() else text


def wrap(text: str, indent: str = "", first: str | None = None, columns: int | None = None) -> list[str]:
    """``text`` wrapped to the width, the first line after ``first`` (default ``indent``), the others after
    ``indent``; words longer than a line fold."""
    lead = indent if first is None else first
    if not text:
        return [lead.rstrip()]
    return textwrap.wrap(text, width=columns or width(), initial_indent=lead, subsequent_indent=indent,
                         break_long_words=True, break_on_hyphens=False) or [lead.rstrip()]


def _readable(column: str, cells: list[str]) -> int:
    """The narrowest the column may be while its header and cells still read well."""
    natural = max([len(column), *(len(c) for c in cells)])
    words = [len(w) for text in [column, *cells] for w in text.split()] or [1]
    return min(natural, max(READABLE, min(max(words), LONGEST_WORD)))


def widths(columns: Sequence[str], cells: list[list[str]], kept: set[int], total: int) -> list[int] | None:
    """Each column's width within ``total``: its natural width, the widest wrapping columns narrowed first,
    never below a readable width (``kept`` columns never narrowed); None when that cannot fit."""
    natural = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    least = [natural[i] if i in kept else _readable(c, [row[i] for row in cells]) for i, c in enumerate(columns)]
    room = total - GAP * (len(columns) - 1)
    if sum(least) > room:
        return None
    chosen = list(natural)
    while sum(chosen) > room:
        widest = max((i for i in range(len(chosen)) if chosen[i] > least[i]), key=lambda i: chosen[i])
        chosen[widest] -= min(sum(chosen) - room, chosen[widest] - least[widest],
                              max(chosen[widest] - max(w for j, w in enumerate(chosen) if j != widest), 1))
    return chosen


def table(columns: Sequence[str], cells: list[list[str]], numeric: set[int] | None = None,
          whole: set[int] | None = None) -> str:
    """A table that fits the width if its columns can be readable, else one block per row. ``numeric``
    columns are right-aligned; they and the ``whole`` columns (commands) are never wrapped."""
    numeric = numeric or set()
    chosen = widths(columns, cells, numeric | (whole or set()), width())
    if chosen is None:
        return blocks(columns, cells)
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True,
                 header_style="bold" if colour() else "")
    for i, column in enumerate(columns):
        grid.add_column(Text(column), overflow="fold", width=chosen[i], justify="right" if i in numeric else "left")
    for row in cells:
        grid.add_row(*(Text(value) for value in row))
    console = Console(file=io.StringIO(), width=width(), force_terminal=colour(), no_color=not colour(),
                      color_system="standard" if colour() else None, highlight=False, emoji=False, markup=False,
                      legacy_windows=False)
    console.print(grid)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"  # type: ignore[attr-defined]


def blocks(columns: Sequence[str], cells: list[list[str]]) -> str:
    """Each row as a block: its first value as a heading, then one wrapped line per non-empty field."""
    label = min(max((len(c) for c in columns[1:]), default=0), 24)
    out: list[str] = []
    for row in cells:
        out.extend(bold(line) for line in wrap(f"{columns[0]}: {row[0]}", indent="  ", first=""))
        for column, value in zip(columns[1:], row[1:], strict=True):
            if value:
                out.extend(wrap(value, indent=" " * (label + 4), first=f"  {column + ':':<{label + 2}}"))
        out.append("")
    return "\n".join(out)
