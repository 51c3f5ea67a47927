"""Bounds on time and size, so that no query, answer or endpoint can hang plangraf or exhaust it.

The engine's limits, measured on pyoxigraph and ``oxigraph serve`` 0.5.13 with 8 MB stacks (the first
size that killed the process by overflowing its stack): 848 nested ``FILTER NOT EXISTS`` (832 in the
server), 2,208 nested groups, 2,560 nested sub-selects, 4,672 nested parentheses; 2,624 ``BIND`` or
``MINUS`` in one group, 6,528 ``UNION`` branches, 6,912 ``+`` in one expression, 8,192 triple patterns in
one group or steps in one property path, 9,344 ``FILTER`` or ``&&``. Long ``IN`` lists, ``VALUES`` rows
and function arguments did not crash it up to 200,000. A query whose brackets nest deeper than
``MAX_DEPTH`` or that holds more than ``MAX_OPERATORS`` operators (keywords such as FILTER, UNION,
OPTIONAL, BIND; operators of expressions and paths; the ``.``, ``;`` and ``,`` between triple patterns) is
refused before it reaches any engine: a margin of 4.2 on depth and 2.6 on operators (200 nested
``FILTER NOT EXISTS`` holding 2,048 ``BIND`` ran). Slow shapes (2,048 ``OPTIONAL``) meet the time limit.
"""

from __future__ import annotations

import math
import os

from plangraf.errors import LimitError, OptionError, shown

TIMEOUT_ENV = "PLANGRAF_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
MAX_QUERY_BYTES = 1_000_000
MAX_DEPTH = 200
MAX_OPERATORS = 1_000
MAX_ANSWER_BYTES = 1 << 30

_configured: float | None = None


def parse_timeout(raw: str, source: str) -> float:
    """Seconds as a positive, finite number; ``source`` names the option or variable in the error."""
    try:
        seconds = float(raw.strip())
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise OptionError(f"{source} must be a positive number of seconds, got '{shown(raw)}'")
    return seconds


def configure(seconds: float | None) -> None:
    """Set the process-wide time limit (the CLI's ``--timeout``); None falls back to the environment."""
    global _configured
    _configured = seconds


def timeout() -> float:
    """The time limit in force: ``--timeout``, else ``PLANGRAF_TIMEOUT``, else ``DEFAULT_TIMEOUT`` seconds."""
    if _configured is not None:
        return _configured
    raw = os.environ.get(TIMEOUT_ENV)
    return DEFAULT_TIMEOUT if raw is None else parse_timeout(raw, TIMEOUT_ENV)


def too_many_rows(limit: int) -> LimitError:
    return LimitError(f"the result has more than {limit:,} rows (--limit-rows {limit}): add LIMIT to the query "
                      "or raise --limit-rows")
