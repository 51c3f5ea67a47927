"""Bundled named SPARQL queries (``queries/*.rq``) and safe parameter values.

Each ``.rq`` file starts with a header of comment lines::

    # title: Actions
    # description: Every action of the plan with its number, area and Swedish title.
    # param: number integer  Only this action number.

A parameter names a variable the query selects; its value is bound by the store (never pasted into the
text). Types: ``iri``, ``integer``, ``decimal``, ``string``, ``date``; without a declared type the value's
form decides (see :func:`parse_value`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf.errors import QueryError, shown
from plangraf.namespaces import PREFIXES
from plangraf.paths import QUERY_DIR
from plangraf.sparqlterms import check_iri, check_language, check_lexical, check_text

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")
_LANG = re.compile(r'^"(.*)"@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$', re.S)
_TYPED = re.compile(r'^"(.*)"\^\^(\S+)$', re.S)
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([^\s<>\"{}|^`\\]*)$")
TYPES = ("iri", "integer", "decimal", "string", "date")


@dataclass(frozen=True)
class Param:
    name: str
    type: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default=())

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_named(name: str, text: str) -> NamedQuery:
    title = description = ""
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not line.startswith("#"):
            break
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value.strip()
        elif key == "description":
            description = f"{description} {value.strip()}".strip()
        else:
            words = value.split(None, 2)
            ptype = words[1] if len(words) > 1 and words[1] in TYPES else None
            rest = words[2] if ptype and len(words) > 2 else " ".join(words[1:]) if not ptype else ""
            params.append(Param(words[0], ptype, rest.strip()))
    return NamedQuery(name, title or name, description, text, tuple(params))


@cache
def bundled() -> dict[str, NamedQuery]:
    """All bundled queries by name (file stem), sorted."""
    return {p.stem: parse_named(p.stem, p.read_text(encoding="utf-8")) for p in sorted(QUERY_DIR.glob("*.rq"))}


def get(name: str) -> NamedQuery:
    try:
        return bundled()[name]
    except KeyError:
        raise QueryError(f"unknown query name '{name}'; `plangraf queries` lists them") from None


def resolve(spec: str, stdin: BinaryIO | None = None) -> tuple[str, NamedQuery | None]:
    """Turn the user's QUERY argument into SPARQL text: a bundled name, a ``.rq`` file, inline text, or
    ``-`` for ``stdin``."""
    if spec in bundled():
        named = bundled()[spec]
        return named.text, named
    if spec == "-":
        if stdin is None:
            raise QueryError("no standard input to read the query from")
        return decode(stdin.read(), "standard input"), None
    if spec.endswith((".rq", ".sparql")) or ("/" in spec and "{" not in spec):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"query file not found: {shown(spec)}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise QueryError(f"cannot read query file {shown(spec)}: {exc.strerror or exc}") from None
        return decode(data, f"query file {shown(spec)}"), None
    if re.fullmatch(r"[\w-]+", spec):
        raise QueryError(f"unknown query name '{shown(spec)}'; `plangraf queries` lists them")
    return spec, None


def decode(data: bytes, what: str) -> str:
    """Query text from bytes: UTF-8 (a byte-order mark is dropped), without NUL characters."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{what} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "save it as UTF-8") from None
    if "\0" in text:
        raise QueryError(f"{what} contains a NUL character at offset {text.index(chr(0))}: it is not a SPARQL text")
    return text


def expand(value: str) -> URIRef | None:
    """``id:org-example`` or ``<https://…>`` as a checked IRI, or None if the value is not written as one."""
    if value.startswith("<") and value.endswith(">") and " " not in value:
        return URIRef(check_iri(value[1:-1]))
    match = _PREFIXED.fullmatch(value)
    if match and match.group(1) in PREFIXES:
        return URIRef(check_iri(str(PREFIXES[match.group(1)]) + match.group(2)))
    return None


def parse_value(raw: str, declared: str | None = None) -> Node:
    """Turn a ``--param`` value into an RDF term.

    Declared types coerce; otherwise ``<iri>`` and ``prefix:local`` (known prefixes) are IRIs,
    ``"text"@sv`` and ``"text"^^xsd:date`` are tagged or typed literals, whole numbers are xsd:integer,
    ``1.5`` is xsd:decimal, and anything else is a plain string literal.
    """
    if declared == "iri":
        iri = expand(raw)
        if iri is None:
            raise QueryError(f"'{shown(raw)}' is not an IRI: write <https://…> or a prefixed name such as id:action-5")
        return iri
    if declared in {"integer", "decimal"}:
        pattern = _INTEGER if declared == "integer" else _DECIMAL
        if not (pattern.fullmatch(raw) or (declared == "decimal" and _INTEGER.fullmatch(raw))):
            raise QueryError(f"'{shown(raw)}' is not a valid {declared}")
        return Literal(raw, datatype=XSD.integer if declared == "integer" else XSD.decimal)
    if declared == "date":
        return Literal(check_lexical(raw, str(XSD.date)), datatype=XSD.date)
    if declared == "string":
        return Literal(raw)
    iri = expand(raw)
    if iri is not None:
        return iri
    if match := _LANG.fullmatch(raw):
        return Literal(match.group(1), lang=check_language(match.group(2)))
    if match := _TYPED.fullmatch(raw):
        datatype = expand(match.group(2))
        if datatype is None:
            raise QueryError(f"unknown datatype in '{shown(raw)}'")
        return Literal(check_lexical(match.group(1), str(datatype)), datatype=datatype)
    if _INTEGER.fullmatch(raw):
        return Literal(raw, datatype=XSD.integer)
    if _DECIMAL.fullmatch(raw):
        return Literal(raw, datatype=XSD.decimal)
    return Literal(raw)


def parse_params(raw: tuple[str, ...], named: NamedQuery | None = None) -> dict[str, Node]:
    """``("name=value", …)`` into bindings; a named query's declared types and names are enforced."""
    bindings: dict[str, Node] = {}
    for item in raw:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise QueryError(f"--param must look like name=value, got '{shown(item)}'")
        declared = None
        if named is not None:
            param = named.param(name)
            if param is None:
                known = ", ".join(p.name for p in named.params) or "none"
                raise QueryError(f"query '{named.name}' has no parameter '{name}' (parameters: {known})")
            declared = param.type
        try:
            bindings[name] = parse_value(check_text(value, "the value"), declared)
        except QueryError as exc:
            raise QueryError(f"--param {name}: {exc}") from None
    return bindings
