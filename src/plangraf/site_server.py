"""Serve a built site (``plangraf serve --site``) beside the SPARQL endpoint, from a thread of the serving
process, and answer entity IRIs by content negotiation.

A request for an entity — its IRI's path (``/plangraf/id/action-26``), the page path without its suffix
(``/id/action-26``) or the IRI itself in a proxy-style request line — gets the node's Turtle
(``Accept: text/turtle``), JSON-LD (``application/ld+json``) or page (anything else). Data is sent in place
(with ``Content-Location``); a page is sent in place where its relative links resolve (``/id/…``) and is
otherwise a 303 redirect to it. Every other path is the site's static files."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from plangraf.errors import StoreError
from plangraf.site.paths import NAMESPACES_FILE, file_stem

REPRESENTATIONS = {  # media type: suffix of the file beside the page
    "text/html": ".html", "application/xhtml+xml": ".html",
    "text/turtle": ".ttl", "application/x-turtle": ".ttl",
    "application/ld+json": ".jsonld", "application/json": ".jsonld",
}
TYPES = {".html": "text/html; charset=utf-8", ".ttl": "text/turtle; charset=utf-8",
         ".jsonld": "application/ld+json", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".json": "application/json"}


def preferred(accept: str | None) -> str:
    """The suffix of the representation ``accept`` prefers (q-values honoured, the first of equals wins);
    the page when nothing offered is acceptable."""
    best, best_q = ".html", 0.0
    for part in (accept or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = next((_number(p[2:]) for p in params if p.startswith("q=")), 1.0)
        suffix = REPRESENTATIONS.get(media.lower())
        if suffix is not None and q > best_q:
            best, best_q = suffix, q
    return best


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


@dataclass(frozen=True)
class Entity:
    stem: str  # the page's path without suffix, from the site's root: "id/action-26"
    in_place: bool  # the request's folder is the page's, so the page's relative links resolve


def entity(root: Path, target: str, folders: dict[str, str]) -> Entity | None:
    """The node a request target names, when the site has its page."""
    iri_like = unquote(target.split("?", 1)[0]) if target.startswith(("http://", "https://")) else None
    path = unquote(urlsplit(target).path)
    for folder, namespace in folders.items():
        for prefix in _prefixes(folder, namespace, iri_like):
            rest = (iri_like or path)[len(prefix):] if (iri_like or path).startswith(prefix) else None
            if rest and (root / folder / f"{file_stem(rest)}.html").is_file():
                return Entity(f"{folder}/{file_stem(rest)}", not iri_like and prefix == f"/{folder}/")
    return None


def _prefixes(folder: str, namespace: str, iri_like: str | None) -> list[str]:
    if iri_like is not None:
        return [namespace]
    return [urlsplit(namespace).path, f"/{folder}/"]


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files of the site, and entity IRIs by content negotiation."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    folders: ClassVar[dict[str, str]] = {}
    extra_headers: dict[str, str]

    def do_GET(self) -> None:
        self._answer(super().do_GET)

    def do_HEAD(self) -> None:
        self._answer(super().do_HEAD)

    def _answer(self, static: Callable[[], None]) -> None:
        self.extra_headers = {}
        found = entity(Path(self.directory), self.path, self.folders)
        if found is None:
            static()
            return
        suffix = preferred(self.headers.get("Accept"))
        location = f"/{found.stem}{suffix}"
        if suffix == ".html" and not found.in_place:
            self.send_response(303)
            self.send_header("Location", location)
            self.send_header("Vary", "Accept")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.extra_headers = {"Vary": "Accept", "Content-Location": location}
        self.path = location
        static()

    def end_headers(self) -> None:
        for name, value in getattr(self, "extra_headers", {}).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the serve command prints where the site is; requests are not logged."""


@dataclass(frozen=True)
class SiteServer:
    url: str


def read_folders(root: Path) -> dict[str, str]:
    """The site's namespaces by folder (written by ``plangraf site``); fails when ``root`` holds no site."""
    try:
        return json.loads((root / NAMESPACES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise StoreError(f"no plangraf site in {root}: build one with `plangraf site --out {root}`") from None


@contextmanager
def serving_site(root: Path, host: str = "127.0.0.1", port: int | None = None) -> Iterator[SiteServer]:
    """Serve the site in ``root`` from a thread for the duration of the block; the server is shut down and
    its thread joined however the block ends (an error, Ctrl-C, or SIGTERM, which the CLI raises as an
    interrupt)."""
    handler = type("Handler", (SiteHandler,), {"folders": read_folders(root)})
    try:
        server = ThreadingHTTPServer((host, port or 0), partial(handler, directory=str(root)))
    except OSError as exc:
        raise StoreError(f"cannot serve the site on {host}:{port}: {exc.strerror or exc}") from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="plangraf-site", daemon=True)
    thread.start()
    try:
        yield SiteServer(f"http://{host}:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
