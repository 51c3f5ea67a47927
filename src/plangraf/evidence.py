"""Check evidence quotes against the source text.

Normalisation (documented in README, "Evidence"): the text of a window of source lines and the quote are
both compared after

1. joining lines: a line that ends in a letter followed by ``-`` is joined to the next line without the
   hyphen ("kunska-" + "pen" -> "kunskapen"); because the same glyph also ends real compounds
   ("barn-" + "och"), the window is also tried with the hyphen kept;
2. folding every run of whitespace (line breaks included) to one space and stripping both ends;
3. unifying typographic quotes and the soft hyphen (U+00AD is dropped).

A quote is verified when its normalised text occurs in the normalised window that starts
``BEFORE`` lines before its stated line and ends ``AFTER`` lines after it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from plangraf.errors import SourceNotFoundError

BEFORE = 2
AFTER = 12
MAX_QUOTE = 300
DEFAULT_SOURCE = Path(__file__).resolve().parents[2].parent / "shared" / "sources" / "bra-2011-18.txt"

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2019": "'", "\u2018": "'"})


def normalise(text: str, join_hyphens: bool = True) -> str:
    """Apply the documented normalisation to a piece of source text or a quote."""
    text = text.replace("\u00ad", "").translate(_QUOTES)
    if join_hyphens:
        text = _HYPHEN_BREAK.sub("", text)
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class SourceText:
    """The source file's lines, with its path and checksum."""

    path: Path
    lines: tuple[str, ...]
    sha256: str

    def window(self, line: int) -> str:
        start = max(0, line - 1 - BEFORE)
        return "\n".join(self.lines[start : line + AFTER])

    def contains(self, line: int, quote: str) -> bool:
        """True if ``quote`` is found at ``line`` (1-based) under the normalisation."""
        if not 1 <= line <= len(self.lines):
            return False
        wanted = normalise(quote)
        if not wanted:
            return False
        window = self.window(line)
        return wanted in normalise(window) or wanted in normalise(window, join_hyphens=False)

    def locate(self, quote: str) -> list[int]:
        """The lines where ``quote`` begins (at most five), to suggest a correction."""
        wanted = normalise(quote)
        if not wanted:
            return []
        head = wanted.split(" ")[0]
        found: list[int] = []
        for n in range(1, len(self.lines) + 1):
            window = "\n".join(self.lines[n - 1 : n + AFTER])
            if head not in normalise(window)[: len(head) + 40]:
                continue
            if wanted in normalise(window) or wanted in normalise(window, join_hyphens=False):
                if found and found[-1] >= n - AFTER:
                    found[-1] = n  # the last window that still holds the quote starts on its first line
                else:
                    found.append(n)
        return found[:5]


def resolve_source(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Find the source text: explicit path, then PLANGRAF_SOURCE, then ../shared/sources/."""
    candidates = [explicit, os.environ.get("PLANGRAF_SOURCE"), DEFAULT_SOURCE]
    for candidate in candidates:
        if candidate:
            path = Path(candidate)
            if path.is_file():
                return path
            if candidate is not DEFAULT_SOURCE:
                raise SourceNotFoundError(f"source text not found: {path}")
    raise SourceNotFoundError(
        f"source text not found: give --source PATH or set PLANGRAF_SOURCE (looked in {DEFAULT_SOURCE})"
    )


def load_source(explicit: str | os.PathLike[str] | None = None) -> SourceText:
    path = resolve_source(explicit)
    data = path.read_bytes()
    text = data.decode("utf-8")
    return SourceText(path=path, lines=tuple(text.split("\n")), sha256=hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class QuoteProblem:
    """A piece of evidence that does not verify against the source."""

    node: str
    line: int
    quote: str
    reason: str
    suggested_lines: tuple[int, ...] = ()


def check_quotes(graph, source: SourceText) -> list[QuoteProblem]:
    """Verify every pg:Evidence in ``graph``; returns the problems, sorted by node."""
    from plangraf.namespaces import PG

    problems: list[QuoteProblem] = []
    rows = graph.query(
        """SELECT ?node ?line ?quote WHERE {
             ?node pg:hasEvidence ?ev . ?ev pg:line ?line ; pg:quote ?quote }""",
        initNs={"pg": PG},
    )
    for node, line, quote in rows:
        number, text = int(line), str(quote)
        if len(text) > MAX_QUOTE:
            problems.append(QuoteProblem(str(node), number, text, f"quote longer than {MAX_QUOTE} characters"))
        elif not source.contains(number, text):
            found = tuple(source.locate(text))
            reason = f"quote found at line {found[0]}, not {number}" if found else "quote not found in source"
            problems.append(QuoteProblem(str(node), number, text, reason, found))
    return sorted(problems, key=lambda p: (p.node, p.line))
