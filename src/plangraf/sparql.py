"""Running user SPARQL: read before any engine sees it (:mod:`plangraf.guard`), bounded in time and in
rows; updates only when explicitly allowed, and federated ``SERVICE`` calls only when explicitly allowed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from plangraf.errors import LimitError, NotAllowedError, QueryError
from plangraf.guard import check
from plangraf.results import QueryResult
from plangraf.store import Backend, Bindings

T = TypeVar("T")
WORKER_STACK = 64 << 20  # Oxigraph recurses on its caller's stack: 8x the 8 MB its limits were measured with


def run(backend: Backend, sparql: str, bindings: Bindings | None = None, allow_update: bool = False,
        allow_service: bool = False, timeout: float | None = None, max_rows: int | None = None) -> QueryResult | None:
    """Run a query and return its result, or apply an update (returns None) if ``allow_update``.

    ``timeout`` bounds the time on every store (an endpoint bounds its own requests), ``max_rows`` the
    rows or triples of the result.
    """
    shape = check(sparql, allow_service)
    limit = None if backend.kind == "endpoint" else timeout  # an endpoint's requests have their own deadline
    if shape.is_update:
        if not allow_update:
            raise NotAllowedError("this is a SPARQL update, which changes data; pass --allow-update to run it")
        if bindings:
            raise QueryError("--param cannot be used with an update")
        within(limit, lambda: backend.update(sparql))
        return None
    if shape.form is None and backend.kind == "endpoint":
        raise QueryError("invalid SPARQL: a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK (after any PREFIX "
                         "and BASE); nothing else is sent to an endpoint")
    return within(limit, lambda: backend.query(sparql, bindings, max_rows))


def within(seconds: float | None, work: Callable[[], T]) -> T:
    """``work()``, run in a daemon thread that is abandoned after ``seconds``: a LimitError then.

    The engines cannot be interrupted, so a query past its time keeps running in that thread until the
    process ends, which the CLI does at once after reporting the error.
    """
    if seconds is None:
        return work()
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the waiting thread, which raises it
            exc.__traceback__ = exc.__context__ = exc.__cause__ = None  # the engine's objects die in this thread
            outcome["error"] = exc

    previous = threading.stack_size(WORKER_STACK)
    try:
        worker = threading.Thread(target=target, name="plangraf-query", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    worker.join(seconds)
    if worker.is_alive():
        raise LimitError(f"query took longer than {seconds:g} s (--timeout): raise the limit with --timeout SECONDS "
                         "or PLANGRAF_TIMEOUT, or narrow the query")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
