"""A node's neighbourhood as a small static drawing (inline SVG): the node in the middle, the nodes it links
to or is linked from on an ellipse around it, each a link to its page. No script, nothing to load."""

from __future__ import annotations

import math
from dataclasses import dataclass

from plangraf.site.model import KINDS, Value

COLOURS: dict[str, str] = {
    "action": "#d62728", "area": "#e7969c", "plan": "#843c39", "assignment": "#9467bd", "group": "#e377c2",
    "organisation": "#1f77b4", "person": "#7f7f7f", "membership": "#c5b0d5", "output": "#ff7f0e",
    "event": "#bcbd22", "grant": "#e6b800", "finding": "#555555", "statement": "#8c564b", "reference": "#c49c94",
    "place": "#6baed6", "source": "#393b79", "dataset": "#17becf", "other": "#999999",
}
ORDER = {key: i for i, (key, _) in enumerate(KINDS)}
WIDTH, HEIGHT = 1120, 420
RADIUS_X, RADIUS_Y = 440, 165
LIMIT = 18
LABEL_CHARS = 34


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    label: str
    title: str
    href: str | None
    colour: str
    below: bool


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    lx: float
    ly: float


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    dots: tuple[Dot, ...]
    lines: tuple[Line, ...]
    hidden: int


def short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def draw(center: Value, neighbours: list[tuple[Value, str, bool]]) -> Drawing:
    """The drawing of ``center`` and up to LIMIT ``neighbours`` (value, relation, outgoing), ordered by kind
    (actions and bodies before findings) and label; the number left out is ``hidden``."""
    chosen = sorted(neighbours, key=lambda n: (ORDER.get(n[0].kind, len(ORDER)), n[0].text.casefold()))[:LIMIT]
    cx, cy = WIDTH / 2, HEIGHT / 2
    middle = Dot(cx, cy, 13, short(center.text, 40), center.text, None, COLOURS.get(center.kind, "#999"), True)
    dots, lines = [middle], []
    for index, (value, relation, outgoing) in enumerate(chosen):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(chosen), 1) + (0.3 if len(chosen) > 1 else 0)
        x, y = cx + RADIUS_X * math.cos(angle), cy + RADIUS_Y * math.sin(angle)
        dots.append(Dot(round(x, 1), round(y, 1), 8, short(value.text), value.text, value.href,
                        COLOURS.get(value.kind, "#999"), y >= cy))
        lines.append(_line((cx, cy, 15), (x, y, 10), relation, outgoing))
    return Drawing(WIDTH, HEIGHT, tuple(dots), tuple(lines), max(len(neighbours) - len(chosen), 0))


def _line(center: tuple[float, float, float], other: tuple[float, float, float], relation: str,
          outgoing: bool) -> Line:
    """A line between the two circles' rims, drawn from subject to object (the arrow marks the object)."""
    (x1, y1, r1), (x2, y2, r2) = center, other
    length = math.hypot(x2 - x1, y2 - y1) or 1
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    start, end = (x1 + ux * r1, y1 + uy * r1), (x2 - ux * r2, y2 - uy * r2)
    if not outgoing:
        start, end = end, start
    lx, ly = x1 + (x2 - x1) * 0.55, y1 + (y2 - y1) * 0.55
    return Line(round(start[0], 1), round(start[1], 1), round(end[0], 1), round(end[1], 1), short(relation, 24),
                round(lx, 1), round(ly, 1))
