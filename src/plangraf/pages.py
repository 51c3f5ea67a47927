"""HTML pages from the Jinja2 templates in ``plangraf/templates/``. Autoescaping is on, so names and quotes
from the data are text, never markup; data for scripts goes through ``tojson`` (``<``, ``>``, ``&`` and
``'`` escaped as ``\\u003c`` …) and inlined libraries through ``raw_text``."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def raw_text(text: str) -> Markup:
    """Trusted code to inline in a ``<script>`` or ``<style>`` element, unable to close it early."""
    return Markup(text.replace("</script", "<\\/script").replace("</style", "<\\/style"))


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("plangraf", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
    env.filters["raw_text"] = raw_text
    return env


def render_page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
