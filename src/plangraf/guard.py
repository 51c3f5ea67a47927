"""What a SPARQL text is and what it would make an engine do, read before any engine sees it.

The text is split into the tokens of the SPARQL 1.1 grammar's terminals (strings in their four forms,
``IRIREF``, variables, prefixed names, blank node labels, language tags, numbers, comments, keywords and
punctuation), so a word inside a string, an IRI, a prefixed name or a comment is never taken for a
keyword. From the tokens come the operation's form (the first keyword after the ``BASE``/``PREFIX``
prologue: a query form or an update operation), the deepest nesting of brackets, the number of operators,
and each ``SERVICE`` clause (the keyword, optional ``SILENT``, then the service's IRI or variable).

rdflib's parser cannot do this job: it overflows Python's stack at fewer than 50 nested groups and
needs about 4 ms per ``FILTER`` (34 s for 10,000), while Oxigraph runs such queries in milliseconds.

SPARQL lets ``\\uXXXX`` escapes stand anywhere in a query (section 19.2); Oxigraph expands them only in
strings and IRIs, rdflib everywhere before parsing. A text holding such escapes is read both ways and
the stricter reading counts, so ``\\u0053ERVICE`` is a SERVICE call for the stores that would run it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from plangraf.errors import LimitError, NotAllowedError, QueryError
from plangraf.limits import MAX_DEPTH, MAX_OPERATORS, MAX_QUERY_BYTES
from plangraf.sparqlterms import check_text

_PN = r"[\w\-\u00B7\u0300-\u036F\u203F-\u2040]"
_TOKEN = re.compile("|".join([
    r"(?P<space>\s+)",
    r"(?P<comment>#[^\r\n]*)",
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|' r"'''(?:[^'\\]|\\.|'(?!''))*'''|"
    r'"(?:[^"\\\n\r]|\\.)*"|' r"'(?:[^'\\\n\r]|\\.)*')",
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
    rf"(?P<var>[?$]{_PN}+)",
    r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
    rf"(?P<bnode>_:(?:{_PN}|\.)*)",
    rf"(?P<pname>(?:{_PN}|\.)*:(?:{_PN}|[.:%]|\\.)*)",
    r"(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)",
    r"(?P<name>[A-Za-z_]\w*)",
    r"(?P<op>&&|\|\||!=|<=|>=|\^\^|[=<>+\-*/|^!])",
    r"(?P<other>.)",
]), re.S)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
_OPERATOR_WORDS = frozenset({"FILTER", "OPTIONAL", "UNION", "MINUS", "BIND", "VALUES", "GRAPH", "SERVICE",
                             "EXISTS", "SELECT", "IN"})
_OPEN, _CLOSE = "{([", "})]"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    end: int  # offset just after the token in the text

    @property
    def word(self) -> str:
        """The keyword this token is (upper case), or '' when it is no keyword."""
        return self.text.upper() if self.kind == "name" else ""


@dataclass(frozen=True)
class Shape:
    """What a SPARQL text is: its form (``select`` … ``ask``, ``update``, or None when unrecognisable),
    the deepest nesting of brackets, the number of operators and the targets of its SERVICE clauses."""

    form: str | None
    depth: int
    operators: int
    services: tuple[str, ...]

    @property
    def is_update(self) -> bool:
        return self.form == "update"


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of ``text`` (no spaces, no comments)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(0), match.end())


def _form(found: list[Token]) -> str | None:
    index = 0
    while index < len(found) and found[index].word in ("BASE", "PREFIX"):
        index += 2 if found[index].word == "BASE" else 3
    if index >= len(found):
        return "update" if found else None  # a prologue alone is an (empty) update
    word = found[index].word
    if word in QUERY_FORMS:
        return word.lower()
    return "update" if word in UPDATE_FORMS else None


def _read(text: str) -> Shape:
    found = list(tokens(text))
    depth = deepest = operators = 0
    services = []
    for index, token in enumerate(found):
        if token.kind == "other" and token.text in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif token.kind == "other" and token.text in _CLOSE:
            depth = max(depth - 1, 0)
        elif token.kind == "op" or token.word in _OPERATOR_WORDS or (token.kind == "other" and token.text in ".;,"):
            operators += 1
        if token.word == "SERVICE":
            after = found[index + 1: index + 3]
            if after and after[0].word == "SILENT":
                after = after[1:]
            services.append(after[0].text if after else "(nothing)")
    return Shape(_form(found), deepest, operators, tuple(services))


def expand_escapes(text: str) -> str:
    """``text`` with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes expanded, everywhere (as rdflib does)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def read(text: str) -> Shape:
    """The shape of ``text``; with ``\\u`` escapes, the stricter of its two readings (see the module)."""
    shape = _read(text)
    if "\\u" not in text and "\\U" not in text:
        return shape
    other = _read(expand_escapes(text))
    return Shape("update" if other.is_update else shape.form, max(shape.depth, other.depth),
                 max(shape.operators, other.operators), tuple(dict.fromkeys(shape.services + other.services)))


def check(text: str, allow_service: bool = False) -> Shape:
    """The shape of a query or update that is within the engine's limits and calls no other host unless
    ``allow_service``; a LimitError, NotAllowedError or QueryError saying what is wrong otherwise."""
    check_text(text, "the query")
    if not text.strip():
        raise QueryError("empty query")
    size = len(text.encode("utf-8"))
    if size > MAX_QUERY_BYTES:
        raise LimitError(f"the query is {size:,} bytes long; plangraf runs queries of up to {MAX_QUERY_BYTES:,} "
                         "bytes (a fixed limit): bind values with --param or load them as data")
    shape = read(text)
    if shape.depth > MAX_DEPTH:
        raise LimitError(f"the query nests brackets {shape.depth} deep; plangraf runs queries nested up to "
                         f"{MAX_DEPTH} deep (a fixed limit: Oxigraph crashes from about 830 nested FILTER NOT "
                         "EXISTS): flatten the query")
    if shape.operators > MAX_OPERATORS:
        raise LimitError(f"the query has {shape.operators:,} operators; plangraf runs queries with up to "
                         f"{MAX_OPERATORS:,} (a fixed limit: Oxigraph crashes from about 2,600 BIND or MINUS in "
                         "one group): split the query or use VALUES")
    if shape.services and not allow_service:
        raise NotAllowedError(f"the query calls SERVICE {shape.services[0]}, which would send a request to another "
                              "host; pass --allow-service to run federated queries")
    return shape
