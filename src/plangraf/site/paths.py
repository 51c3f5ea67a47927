"""Where each page of the site lives: one rule, shared by the builder and the server.

A node's page is ``<folder>/<local name>.html``, where the folder is the prefix of the node's namespace (the
dataset's ``vann:preferredNamespacePrefix``; ``id`` for the shared ``https://w3id.org/plangraf/id/``) and the
local name is the rest of the IRI: ``id:action-26`` → ``id/action-26.html``, ``demo:action-3`` →
``demo/action-3.html``. The node's Turtle and JSON-LD lie beside it (``id/action-26.ttl``,
``id/action-26.jsonld``). A local name with characters other than letters, digits, ``.``, ``_`` and ``-``
(none in the bundled data) is replaced by ``_`` and a hash of it, so every path is safe on disk and in a URL.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
NAMESPACES_FILE = "namespaces.json"  # {folder: namespace IRI}, read by the server to map IRIs to pages


def file_stem(local: str) -> str:
    """The file name (without suffix) for a local name."""
    if SAFE_NAME.fullmatch(local):
        return local
    return "_" + hashlib.sha256(local.encode("utf-8")).hexdigest()[:16]


def folder_for(namespace: str, prefix: str | None, taken: set[str]) -> str:
    """The folder of a namespace: its prefix, else the last segment of its path; made unique among ``taken``."""
    base = prefix or next((part for part in reversed(urlsplit(namespace).path.split("/")) if part), "")
    base = base if SAFE_NAME.fullmatch(base) else "n"
    folder, number = base, 1
    while folder in taken:
        number += 1
        folder = f"{base}-{number}"
    return folder


@dataclass(frozen=True)
class PageRule:
    """The namespaces that have pages, by folder."""

    folders: dict[str, str]  # folder -> namespace IRI

    def stem(self, iri: str) -> str | None:
        """``id/action-26`` for the IRI of ``id:action-26``; None outside the site's namespaces."""
        for folder, namespace in sorted(self.folders.items(), key=lambda item: -len(item[1])):
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{folder}/{file_stem(iri[len(namespace):])}"
        return None

    def page(self, iri: str) -> str | None:
        stem = self.stem(iri)
        return f"{stem}.html" if stem else None


def source_page(file_name: str) -> str:
    """The page of a source text: ``source/<file name without suffix>.html``."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return f"source/{file_stem(stem)}.html"
