"""What OWL reasoning adds, summarised per class and property, and saved apart from the curated data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph
from rdflib.term import Node

from plangraf.errors import InconsistentGraphError, OutputError
from plangraf.output import write_atomic
from plangraf.paths import DEFAULT_DATA, DEFAULT_EXPORTS
from plangraf.reasoning import reason
from plangraf.store import Backend
from plangraf.terms import compact

if TYPE_CHECKING:
    from plangraf.vocabulary import Vocabulary


@dataclass
class InferenceSummary:
    seconds: float
    triples: Graph

    def grouped(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for s, p, o in sorted(self.triples):
            if p == RDF.type:
                groups[f"a {compact(str(o))}"].append(compact(str(s)))
            else:
                groups[compact(str(p))].append(f"{compact(str(s))} → {compact(str(o))}")
        return dict(sorted(groups.items()))

    def as_dict(self) -> dict[str, object]:
        return {"seconds": round(self.seconds, 3), "inferred_triples": len(self.triples), "inferred": self.grouped()}

    def text(self, words: Vocabulary) -> str:
        """For people: each class with its new members, each property with its new values per subject, all
        by name (complete sets of bodies collapse), wrapped to the terminal's width."""
        from plangraf.terminal import wrap

        members: dict[Node, list[str]] = defaultdict(list)
        values: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in sorted(self.triples):
            if p == RDF.type:
                members[o].append(words.printed(s))
            else:
                values[p][s].append(o)
        lines = [f"HermiT reasoning: {self.seconds:.2f} s, {len(self.triples)} new triples"]
        for cls, names in sorted(members.items(), key=lambda kv: words.label(kv[0])):
            lines += ["", f"{words.label(cls)} ({compact(str(cls))}): {len(names)} new members"]
            lines += wrap("; ".join(words.collapse(sorted(names))), indent="  ")
        for prop, by_subject in sorted(values.items(), key=lambda kv: words.label(kv[0])):
            count = sum(len(v) for v in by_subject.values())
            lines += ["", f"{words.label(prop)} ({compact(str(prop))}): {count} new links"]
            for subject, objects in sorted(by_subject.items(), key=lambda kv: _order(words, kv[0])):
                named = "; ".join(words.named(o) for o in sorted(objects, key=lambda o: _order(words, o)))
                lines += wrap(f"{words.named(subject)} → {named}", indent="      ", first="  ")
        return "\n".join(lines)


def _order(words: Vocabulary, node: Node) -> tuple[int, str]:
    """Actions by number, then everything else by name."""
    return words.numbers.get(node, 1 << 30), words.named(node)


def infer(backend: Backend) -> InferenceSummary:
    result = reason(backend.to_rdflib())
    if not result.consistent:
        first = result.clashes[0].sentence() if result.clashes else "HermiT found the graph inconsistent"
        raise InconsistentGraphError(f"cannot reason over an inconsistent graph: {first} (run plangraf validate)")
    return InferenceSummary(result.seconds, result.inferred)


def save_inferred(summary: InferenceSummary, out: Path | None = None) -> Path:
    """Write inferred triples as Turtle; refuses to write into the curated data folder."""
    target = (out or DEFAULT_EXPORTS / "inferred.ttl").resolve()
    if DEFAULT_DATA.resolve() in target.parents:
        raise OutputError(f"refusing to write inferred triples into {DEFAULT_DATA}: curated facts only")
    write_atomic(target, summary.triples.serialize(format="turtle"))
    return target
