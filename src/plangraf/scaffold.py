"""`plangraf init`: the skeleton of a new dataset, as data/CONVENTIONS.md describes it ("The dataset
describes itself", "Several plans"):

    DIR/triples/plan/dataset.ttl   the dataset (VoID/DCAT), its source document and its plan
    DIR/triples/<kind>/.gitkeep    an empty folder per kind of fact (only *.ttl files are loaded)
    DIR/sources/<file>             a copy of the source text, where validate finds it
    DIR/CONVENTIONS.md             a copy of the curation conventions

The description is built as an rdflib graph and serialised, so it is valid Turtle by construction. The
skeleton is assembled in a temporary folder beside DIR and renamed into place: it appears whole or not at all.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from plangraf.errors import DatasetError, OutputError
from plangraf.evidence import MAX_QUOTE
from plangraf.namespaces import ID, PG
from plangraf.paths import CONVENTIONS

KINDS = ("actors", "assignments", "outputs", "events", "grants", "groups", "findings", "aggregates", "links")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
VERSION = "0.1.0"
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3; rdflib's DCAT namespace is DCAT 2
HEADER = """# The dataset, its source document and the plan it is about (see CONVENTIONS.md, "The dataset describes
# itself"). Written by plangraf init. The plan's evidence is a placeholder, the source's first line of text:
# replace it with the passage that names the plan.

"""


@dataclass(frozen=True)
class Skeleton:
    """What ``plangraf init`` is told: the source text and how to name the dataset, source and plan."""

    source: Path
    title: str | None = None
    plan_label: str | None = None
    namespace: str | None = None
    language: str = "sv"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "dataset"


def _first_line(text: str) -> tuple[int, str]:
    """The first line with at least three characters of text, and its number: the placeholder evidence."""
    for number, line in enumerate(text.split("\n"), 1):
        if len(line.strip()) >= 3:
            return number, line.strip()[:MAX_QUOTE].rstrip()
    raise DatasetError("the source has no line of text to point the plan's evidence at")


def description(skeleton: Skeleton, namespace: str) -> Graph:
    """The dataset, its source document and its plan as a graph."""
    data = skeleton.source.read_bytes()
    try:
        line, quote = _first_line(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DatasetError(f"source text {skeleton.source} is not UTF-8: {exc}") from None
    ns, stem = Namespace(namespace), slug(skeleton.source.stem)
    dataset, source, plan, evidence = ns[f"dataset-{stem}"], ns[f"source-{stem}"], ns["plan"], BNode()
    title = skeleton.title or skeleton.source.stem
    graph = Graph()
    for prefix, value in (("pg", PG), ("id", ID), ("ds", ns), ("dct", DCTERMS), ("dcat", DCAT), ("void", VOID),
                          ("skos", SKOS), ("xsd", XSD)):
        graph.bind(prefix, value)
    graph += [
        (dataset, RDF.type, VOID.Dataset), (dataset, RDF.type, DCAT.Dataset),
        (dataset, DCTERMS.title, Literal(f"plangraf: {title}", lang="en")),
        (dataset, DCTERMS.license, LICENCE),
        (dataset, DCAT_VERSION, Literal(VERSION)),
        (dataset, DCTERMS.source, source),
        (dataset, VOID.uriSpace, Literal(namespace)),
        (dataset, PG.aboutPlan, plan),
        (source, RDF.type, PG.SourceDocument),
        (source, DCTERMS.title, Literal(title, lang=skeleton.language)),
        (source, DCTERMS.bibliographicCitation, Literal(title)),
        (source, PG.fileName, Literal(skeleton.source.name)),
        (source, PG.sha256, Literal(hashlib.sha256(data).hexdigest())),
        (source, DCTERMS.language, Literal(skeleton.language)),
        (source, PG.evaluates, plan),
        (plan, RDF.type, PG.ActionPlan),
        (plan, SKOS.prefLabel, Literal(skeleton.plan_label, lang=skeleton.language) if skeleton.plan_label
         else Literal(f"the plan evaluated in {title}", lang="en")),
        (plan, PG.hasEvidence, evidence),
        (evidence, RDF.type, PG.Evidence), (evidence, PG.inSource, source),
        (evidence, PG.line, Literal(line)), (evidence, PG.quote, Literal(quote)),
    ]
    return graph


def _write(root: Path, skeleton: Skeleton, namespace: str) -> None:
    turtle = HEADER + description(skeleton, namespace).serialize(format="turtle")
    (root / "triples" / "plan").mkdir(parents=True)
    (root / "triples" / "plan" / "dataset.ttl").write_text(turtle, encoding="utf-8")
    for kind in KINDS:
        (root / "triples" / kind).mkdir()
        (root / "triples" / kind / ".gitkeep").touch()
    (root / "sources").mkdir()
    shutil.copyfile(skeleton.source, root / "sources" / skeleton.source.name)
    shutil.copyfile(CONVENTIONS, root / "CONVENTIONS.md")


def create(directory: Path, skeleton: Skeleton) -> Path:
    """Write the skeleton into ``directory``, which must be new or empty."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise DatasetError(f"{directory} is not an empty folder; give a new one")
    namespace = skeleton.namespace or f"https://w3id.org/plangraf/{slug(directory.resolve().name)}/"
    if not namespace.endswith(("/", "#")):
        raise DatasetError(f"namespace {namespace} must end with / or #")
    if not CONVENTIONS.is_file():
        raise DatasetError(f"{CONVENTIONS} not found: plangraf init copies it into the new dataset")
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    except OSError as exc:
        raise OutputError(f"cannot write {directory}: {exc.strerror or exc}") from None
    try:
        _write(build, skeleton, namespace)
        build.chmod(0o755)
        os.replace(build, directory)
    except OSError as exc:
        raise OutputError(f"cannot write {directory}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return directory
