"""What OWL reasoning adds, summarised per class and property, and saved apart from the curated data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph

from plangraf.errors import InconsistentGraphError, OutputError
from plangraf.output import write_atomic
from plangraf.paths import DEFAULT_DATA, DEFAULT_EXPORTS
from plangraf.reasoning import reason
from plangraf.store import Backend
from plangraf.terms import compact


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

    def text(self) -> str:
        lines = [f"HermiT reasoning: {self.seconds:.2f} s, {len(self.triples)} new triples"]
        for key, members in self.grouped().items():
            lines.append(f"\n{key} ({len(members)})")
            lines += [f"  {m}" for m in members]
        return "\n".join(lines)


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
