"""`plangraf search`: text found in names, titles, summaries and quotes, ranked, each hit with the command
that opens it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from rdflib.term import Node

from plangraf import queries, terminal
from plangraf.namespaces import PG
from plangraf.output import human, markdown, render_rows
from plangraf.store import Backend
from plangraf.terms import compact
from plangraf.vocabulary import Vocabulary

SNIPPET = 50  # characters of a quote shown on each side of the match
# How a match ranks: (field, how it matches) -> score. A whole name beats the start of a name, a word of
# it, a part of it; summaries and quotes come after names.
SCORES = {("name", "whole"): 100, ("name", "start"): 80, ("name", "word"): 60, ("name", "part"): 40,
          ("summary", "word"): 30, ("summary", "part"): 25, ("quote", "word"): 15, ("quote", "part"): 10}
EXACT_CASE = 10  # written exactly so, case and all: an abbreviation wins over a case variant of it
TYPE_BONUS = {PG.Actor: 6, PG.Action: 5, PG.Output: 2, PG.Event: 2, PG.Grant: 1, PG.Finding: 0}


@dataclass
class Hit:
    score: int
    kind: str
    name: str
    found_in: str
    command: str
    id: str


def _how(text: str, wanted: str) -> str | None:
    """How ``wanted`` (casefolded) occurs in ``text``: whole, start, word, part or not at all."""
    folded = text.casefold()
    if folded == wanted:
        return "whole"
    if folded.startswith(wanted):
        return "start"
    if re.search(rf"(?<!\w){re.escape(wanted)}", folded):
        return "word"
    return "part" if wanted in folded else None


def _snippet(text: str, wanted: str) -> str:
    """The words around the match."""
    at = text.casefold().find(wanted)
    start, end = max(at - SNIPPET, 0), min(at + len(wanted) + SNIPPET, len(text))
    start = text.find(" ", start) + 1 if start and " " in text[start:at] else start
    end = text.rfind(" ", 0, end) if end < len(text) and " " in text[at + len(wanted):end] else end
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def search(backend: Backend, text: str, words: Vocabulary, limit: int = 20) -> list[Hit]:
    """The ``limit`` best hits for ``text`` (case-insensitive), one per node, best first."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return []
    best: dict[Node, tuple[int, str, Node, Node]] = {}  # node -> (score, found in, type, class)
    for row in backend.query(queries.get("search_index").text).dicts():
        field, found = str(row["field"]), str(row["text"])
        how = _how(found, wanted)
        score = SCORES.get((field, how)) if how else None
        if score is None:
            continue
        score += TYPE_BONUS.get(row["type"], 0) + (EXACT_CASE if found == text.strip() else 0)
        where = field if field != "quote" else f"line {row['line']}: \u201c{_snippet(found, wanted)}\u201d"
        current = best.get(row["node"])
        if current is None or score > current[0] or (score == current[0] and row["class"] != row["type"]):
            best[row["node"]] = (score, where, row["type"], row["class"])
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], len(words.named(kv[0])), words.named(kv[0])))
    return [_hit(backend, words, node, *found) for node, found in ranked[:limit]]


def _hit(backend: Backend, words: Vocabulary, node: Node, score: int, where: str, root: Node, cls: Node) -> Hit:
    return Hit(score, words.label(cls), words.named(node), where, opener(backend, words, node, root), compact(str(node)))


def opener(backend: Backend, words: Vocabulary, node: Node, root: Node) -> str:
    """The command whose output shows ``node``: its own card, else the card of the action it is recorded
    under or concerns, else of a body that made, received or is concerned by it."""
    if root == PG.Actor:
        return f"plangraf actor {compact(str(node))}"
    if root == PG.Action:
        return f"plangraf action {words.numbers[node]}"
    rows = backend.query(queries.get("openers").text, {"node": node}).dicts()
    numbers = sorted(words.numbers[r["action"]] for r in rows if r["action"] in words.numbers)
    if numbers:
        return f"plangraf action {numbers[0]}"
    actors = sorted(compact(str(r["actor"])) for r in rows if r["actor"] is not None)
    if actors:
        return f"plangraf actor {actors[0]}"
    return f"plangraf query 'DESCRIBE {compact(str(node))}'"


COLUMNS = ["kind", "name", "found_in", "command"]


def render(hits: Sequence[Hit], fmt: str, text: str) -> str:
    """Hits as a table (most relevant first; commands never wrap), JSON (with scores and ids), CSV or Markdown."""
    rows: list[dict[str, Any]] = [asdict(h) for h in hits]
    if fmt in ("json", "csv"):
        return render_rows(rows, ["score", *COLUMNS, "id"], fmt)
    if not rows:
        return f"nothing found for '{text}' in names, titles, summaries or quotes\n"
    cells = [[human(row[c]) for c in COLUMNS] for row in rows]
    headers = [c.replace("_", " ") for c in COLUMNS]
    return markdown(headers, cells) if fmt == "md" else terminal.table(headers, cells, whole={COLUMNS.index("command")})
