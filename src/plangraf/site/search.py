"""The search index: every node's names, titles and kind, and every evidence quote, as a script the search
page loads (a script, not a JSON file, because browsers refuse to fetch files from ``file://``)."""

from __future__ import annotations

import json
from typing import Any

from plangraf.site.model import SiteGraph
from plangraf.site.nodes import cited_quotes
from plangraf.terms import compact

INDEX_FILE = "search-index.js"
NAME_PROPERTIES = ("skos:altLabel", "pg:abbreviation")
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that stays data inside a script: no character of it can end the script or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def entries(site: SiteGraph) -> dict[str, list[list[Any]]]:
    """``nodes``: [page, label, English label, other names, kind, id]; ``quotes``: [source page#line, quote,
    index of the citing node in ``nodes``]."""
    nodes: list[list[Any]] = []
    quotes: list[list[Any]] = []
    for node in site.nodes:
        page = site.rule.page(str(node))
        names = [v.text for f in site.facts(node) if f.prop in NAME_PROPERTIES for v in f.values]
        kind_en, kind_sv = site.class_label(node)
        nodes.append([page, site.label(node), site.label_en(node), " ".join(names), f"{kind_en} {kind_sv}".strip(),
                      compact(str(node))])
        quotes += [[q.href, q.text, len(nodes) - 1] for q in cited_quotes(site, node) if q.href]
    return {"nodes": nodes, "quotes": quotes}


def index_script(site: SiteGraph) -> str:
    return f"window.plangrafSearch = {script_json(entries(site))};\n"
