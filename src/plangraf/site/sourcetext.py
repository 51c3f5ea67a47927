"""A source text as a page: every line with its anchor (``#L2641``), the spans that evidence quotes, and the
nodes that cite each line. Quotes are located with the evidence check's own normalisation
(:meth:`plangraf.evidence.SourceText.span`), so every quote the check accepts is marked. Footnote markers
glued to words are set as superscripts, bullets a PDF's Symbol font left as private-use characters are shown
as bullets, and footnote numbers, footnote rules and page numbers with their
running heads are marked, so that the layout of the printed report stays readable."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from plangraf.evidence import SourceText
from plangraf.site.model import Quote, Value

FOOTNOTE_MARK = re.compile(r"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.)\"”]))\d{1,3}(?=[\s.,;:)\"”]|$)")
# Characters a PDF's Symbol font left in the private use area (U+F020–U+F0FF), shown as the glyphs they stand for
SYMBOLS = {0xF000 + code: chr(code) for code in range(0x20, 0x100)} | {0xF0B7: "•"}
PAGE_NEIGHBOURHOOD = 3  # a number alone on a line this close to a running head is a page number


@dataclass(frozen=True)
class Segment:
    text: str
    starts: str  # the stated lines of the quotes that mark this text, space-separated; "" when unmarked
    note: bool  # a footnote marker glued to a word


@dataclass(frozen=True)
class SourceLine:
    number: int
    role: str
    segments: tuple[Segment, ...]
    cited_by: tuple[Value, ...]


def roles(lines: tuple[str, ...], heads: set[str]) -> list[str]:
    """Each line's role: running head, page number, footnote number, footnote rule, or ''."""
    head_lines = [i for i, text in enumerate(lines) if text.strip() in heads]

    def near_head(index: int) -> bool:
        return any(abs(index - h) <= PAGE_NEIGHBOURHOOD for h in head_lines)

    found = []
    for index, text in enumerate(lines):
        stripped = text.strip()
        if stripped in heads:
            found.append("running-head")
        elif stripped.isdigit() and len(stripped) <= 3:
            found.append("page-number" if near_head(index) else "note-number")
        elif not stripped and len(text) >= 20:
            found.append("note-rule")
        else:
            found.append("")
    return found


def segments(text: str, marks: list[tuple[int, int, int]]) -> tuple[Segment, ...]:
    """``text`` cut where a quote's mark (start column, end column, stated line) or a footnote marker begins
    or ends."""
    notes = [(m.start(), m.end()) for m in FOOTNOTE_MARK.finditer(text)]
    cuts = sorted({0, len(text), *(c for a, b, _ in marks for c in (a, b)), *(c for span in notes for c in span)})
    found = []
    for start, end in pairwise(cuts):
        lines = sorted({line for a, b, line in marks if a <= start and end <= b})
        note = any(a <= start and end <= b for a, b in notes)
        found.append(Segment(text[start:end].translate(SYMBOLS), " ".join(map(str, lines)), note))
    return tuple(found) or (Segment("", "", False),)


def source_lines(text: SourceText, quotes: list[tuple[Quote, Value]], heads: set[str]) -> list[SourceLine]:
    """The lines of ``text`` with the marks of ``quotes`` (each with the node citing it) and who cites each."""
    marks: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    cited: dict[int, dict[str, Value]] = defaultdict(dict)
    for quote, node in quotes:
        for line, start, end in text.span(quote.line, quote.text):
            marks[line].append((start, end, quote.line))
        cited[quote.line].setdefault(node.href or node.text, node)
    lines = text.lines[:-1] if text.lines and not text.lines[-1] else text.lines  # the end of the last line
    kinds = roles(lines, heads)
    return [SourceLine(n, kinds[n - 1], segments(line, marks.get(n, [])),
                       tuple(sorted(cited.get(n, {}).values(), key=lambda v: v.text.casefold())))
            for n, line in enumerate(lines, 1)]
