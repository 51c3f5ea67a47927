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
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.term import Node

from plangraf.errors import SourceNotFoundError

BEFORE = 2
AFTER = 12
MAX_QUOTE = 300
SHARED_SOURCES = Path(__file__).resolve().parents[2].parent / "shared" / "sources"

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2019": "'", "\u2018": "'"})


def normalise(text: str, join_hyphens: bool = True) -> str:
    """Apply the documented normalisation to a piece of source text or a quote."""
    text = text.replace("\u00ad", "").translate(_QUOTES)
    if join_hyphens:
        text = _HYPHEN_BREAK.sub("", text)
    return _SPACE.sub(" ", text).strip()


def mapped(text: str, join_hyphens: bool = True) -> tuple[str, list[int]]:
    """``normalise(text)`` together with, for each of its characters, the offset in ``text`` it comes from
    (a folded run of whitespace maps to its first character), so that a quote found in normalised text can
    be marked in the original. Works on runs of kept characters, not character by character."""
    kept, offsets = _cut(text, [(m.start(), m.end()) for m in re.finditer("\u00ad", text)], list(range(len(text))))
    kept = kept.translate(_QUOTES)
    if join_hyphens:
        kept, offsets = _cut(kept, [m.span() for m in _HYPHEN_BREAK.finditer(kept)], offsets)
    chars: list[str] = []
    folded: list[int] = []
    position = 0
    for match in _SPACE.finditer(kept):
        chars.append(kept[position : match.start()])
        folded += offsets[position : match.start()]
        if folded and match.end() < len(kept):  # inner runs become one space; leading and trailing ones go
            chars.append(" ")
            folded.append(offsets[match.start()])
        position = match.end()
    chars.append(kept[position:])
    folded += offsets[position:]
    return "".join(chars), folded


def _cut(text: str, spans: list[tuple[int, int]], offsets: list[int]) -> tuple[str, list[int]]:
    """``text`` and its ``offsets`` without the characters of ``spans``."""
    if not spans:
        return text, offsets
    pieces: list[str] = []
    kept: list[int] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        kept += offsets[position:start]
        position = end
    pieces.append(text[position:])
    kept += offsets[position:]
    return "".join(pieces), kept


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

    def span(self, line: int, quote: str) -> list[tuple[int, int, int]]:
        """Where ``quote``, stated at ``line``, stands in the text: one (1-based line, first column, end column)
        per line it covers, under the normalisation of :meth:`contains`. The first match from ``line`` on wins,
        else the first in the window; empty when the quote is not there."""
        wanted = normalise(quote)
        if not wanted or not 1 <= line <= len(self.lines):
            return []
        first = max(0, line - 1 - BEFORE)
        window = self.window(line)
        stated = sum(len(text) + 1 for text in self.lines[first : line - 1])
        for join_hyphens in (True, False):
            text, offsets = mapped(window, join_hyphens)
            at = _find_from(text, offsets, wanted, stated)
            if at is not None:
                return _segments(self.lines, first, offsets[at], offsets[at + len(wanted) - 1] + 1)
        return []

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


def _find_from(text: str, offsets: list[int], wanted: str, start: int) -> int | None:
    """The index in ``text`` of the first ``wanted`` at or after original offset ``start``, else the first."""
    at = text.find(wanted, bisect_left(offsets, start))
    if at < 0:
        at = text.find(wanted)
    return at if at >= 0 else None


def _segments(lines: tuple[str, ...], first: int, start: int, end: int) -> list[tuple[int, int, int]]:
    """The offsets ``start``–``end`` of the window that begins at 0-based line ``first``, cut per line."""
    found = []
    offset = 0
    for index in range(first, len(lines)):
        length = len(lines[index])
        if offset >= end:
            break
        if offset + length > start:
            found.append((index + 1, max(start - offset, 0), min(end - offset, length)))
        offset += length + 1
    return [segment for segment in found if segment[1] < segment[2]]


@dataclass(frozen=True)
class SourceDocument:
    """A source document as the graph describes it: its node, its text file's name and checksum."""

    node: Node
    file_name: str
    sha256: str | None


def documents(graph: Graph) -> list[SourceDocument]:
    """The pg:SourceDocument nodes of ``graph`` with a pg:fileName."""
    from plangraf.namespaces import PG

    found = []
    for node in sorted(set(graph.subjects(RDF.type, PG.SourceDocument)), key=str):
        name = graph.value(node, PG.fileName)
        if name is not None:
            digest = graph.value(node, PG.sha256)
            found.append(SourceDocument(node, str(name), str(digest) if digest is not None else None))
    return found


def search_folders(explicit: Sequence[Path] = (), data: Sequence[Path] = ()) -> list[Path]:
    """Where source texts are looked for, in order: folders given with --source, PLANGRAF_SOURCE (files or
    folders, separated by the path separator), a ``sources/`` folder in or beside each data folder, and
    ``../shared/sources/`` beside the checkout."""
    given = [*explicit, *(Path(p) for p in os.environ.get("PLANGRAF_SOURCE", "").split(os.pathsep) if p)]
    folders = [p for p in given if p.is_dir()]
    for path in data:
        base = path if path.is_dir() else path.parent
        folders += [base / "sources", base.parent / "sources"]
    return [*folders, SHARED_SOURCES]


def find_source(document: SourceDocument, explicit: Sequence[Path] = (), data: Sequence[Path] = (),
                only: bool = False) -> Path:
    """The text file of ``document``. A file given with --source (or PLANGRAF_SOURCE) is used when its name
    matches, or when it is the only file given and ``document`` the only source document."""
    given = [*explicit, *(Path(p) for p in os.environ.get("PLANGRAF_SOURCE", "").split(os.pathsep) if p)]
    for path in given:
        if not path.exists():
            raise SourceNotFoundError(f"source text not found: {path}")
    files = [p for p in given if p.is_file()]
    for path in files:
        if path.name == document.file_name:
            return path
    if only and len(files) == 1:
        return files[0]
    folders = search_folders(explicit, data)
    for folder in folders:
        if (folder / document.file_name).is_file():
            return folder / document.file_name
    raise SourceNotFoundError(
        f"source text {document.file_name} of {document.node} not found: give --source FILE or FOLDER, or set "
        f"PLANGRAF_SOURCE (looked in {', '.join(str(f) for f in folders)})")


def read_source(path: Path) -> SourceText:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceNotFoundError(f"source text {path} is not UTF-8: {exc}") from exc
    return SourceText(path=path, lines=tuple(text.split("\n")), sha256=hashlib.sha256(data).hexdigest())


def load_sources(graph: Graph, explicit: Sequence[Path] = (), data: Sequence[Path] = ()) -> dict[Node, SourceText]:
    """The text of every source document of ``graph``, by the document's node."""
    found = documents(graph)
    if not found:
        raise SourceNotFoundError("the graph describes no pg:SourceDocument with a pg:fileName, so no quote can be "
                                  "checked (see data/CONVENTIONS.md, The dataset describes itself)")
    return {d.node: read_source(find_source(d, explicit, data, only=len(found) == 1)) for d in found}


def checksum_problems(graph: Graph, sources: dict[Node, SourceText]) -> list[QuoteProblem]:
    """Source texts whose SHA-256 differs from the one the graph records: line numbers may not match."""
    recorded = {d.node: d.sha256 for d in documents(graph)}
    return [QuoteProblem(str(node), 0, str(text.path), f"text file's sha256 {text.sha256[:12]}… differs from the "
                         f"pg:sha256 {recorded[node][:12]}… the data records")
            for node, text in sources.items() if recorded.get(node) and recorded[node] != text.sha256]


@dataclass(frozen=True)
class QuoteProblem:
    """A piece of evidence that does not verify against the source."""

    node: str
    line: int
    quote: str
    reason: str
    suggested_lines: tuple[int, ...] = ()


def check_quotes(graph: Graph, sources: dict[Node, SourceText]) -> list[QuoteProblem]:
    """Verify every pg:Evidence in ``graph`` against the text of its own source document (pg:inSource);
    returns the problems, sorted by node."""
    from plangraf.namespaces import PG

    problems: list[QuoteProblem] = []
    rows = graph.query(
        """SELECT ?node ?line ?quote ?source WHERE {
             ?node pg:hasEvidence ?ev . ?ev pg:line ?line ; pg:quote ?quote . OPTIONAL { ?ev pg:inSource ?source } }""",
        initNs={"pg": PG},
    )
    for node, line, quote, document in rows:
        number, text = int(line), str(quote)
        source = sources.get(document) if document is not None else None
        if source is None:
            reason = "evidence names no pg:inSource" if document is None else f"unknown source document {document}"
            problems.append(QuoteProblem(str(node), number, text, reason))
        elif len(text) > MAX_QUOTE:
            problems.append(QuoteProblem(str(node), number, text, f"quote longer than {MAX_QUOTE} characters"))
        elif not source.contains(number, text):
            found = tuple(source.locate(text))
            reason = f"quote found at line {found[0]}, not {number}" if found else "quote not found in source"
            problems.append(QuoteProblem(str(node), number, text, reason, found))
    return sorted(problems, key=lambda p: (p.node, p.line))
