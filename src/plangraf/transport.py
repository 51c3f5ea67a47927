"""HTTP POST to a SPARQL endpoint with one deadline for the whole exchange and a bound on the answer's size.

A socket timeout bounds each read, so an endpoint that trickles one byte a second could keep a plain
``urllib`` request open for ever. Here every read waits at most until the request's deadline, the answer
may not grow past ``MAX_ANSWER_BYTES``, and the first bytes received are kept so that an error can show
what came back. Redirects are not followed (the request goes to the host the user named, nowhere else),
and no proxy is used.
"""

from __future__ import annotations

import http.client
import io
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from plangraf.errors import LimitError, StoreError, shown
from plangraf.limits import MAX_ANSWER_BYTES

PREVIEW = 60


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    content_type: str
    location: str
    body: bytes

    def preview(self) -> str:
        return preview(self.body)


def preview(data: bytes) -> str:
    """The first bytes of an answer, shown on one line."""
    return f"first bytes {data[:PREVIEW]!r}" if data else "nothing came back"


def check_url(url: str) -> str:
    """``url`` if it is a usable http(s) URL, else a StoreError naming the problem."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise StoreError(f"malformed endpoint URL '{shown(url)}': {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"malformed endpoint URL '{shown(url)}': write http(s)://host[:port]/path")
    if any(ord(c) <= 0x20 or c == "\x7f" for c in url):
        raise StoreError(f"malformed endpoint URL {url!r}: it contains a space or control character")
    if port == 0:
        raise StoreError(f"malformed endpoint URL '{shown(url)}': port 0")
    return url


class _Expired(Exception):
    pass


class _TooLarge(Exception):
    pass


class _Reader(io.RawIOBase):
    """The socket's incoming bytes, each read bounded by the deadline; counts and keeps the first bytes."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self.sock = sock
        self.deadline = deadline
        self.head = b""
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise _Expired
        self.sock.settimeout(remaining)
        try:
            size = self.sock.recv_into(buffer)
        except TimeoutError:
            raise _Expired from None
        if len(self.head) < PREVIEW:
            self.head += bytes(buffer[: min(size, PREVIEW - len(self.head))])
        self.count += size
        if self.count > MAX_ANSWER_BYTES:
            raise _TooLarge
        return size


class _Socket:
    """The part of a socket that http.client uses, with sends and reads bounded by the deadline."""

    def __init__(self, sock: socket.socket, reader: _Reader) -> None:
        self.sock = sock
        self.reader = reader

    def sendall(self, data: bytes) -> None:
        remaining = self.reader.deadline - time.monotonic()
        if remaining <= 0:
            raise _Expired
        self.sock.settimeout(remaining)
        try:
            self.sock.sendall(data)
        except TimeoutError:
            raise _Expired from None

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(self.reader)

    def close(self) -> None:
        """http.client closes its connection before it reads a body sent with ``Connection: close``; the
        socket stays open for that read and is closed by :func:`post`."""


def post(url: str, body: bytes, headers: dict[str, str], timeout: float, query: str = "") -> Answer:
    """POST ``body`` to ``url`` (with the URL-encoded ``query`` string added) and read the whole answer
    within ``timeout`` seconds.

    HTTP error statuses are returned, not raised: the caller knows what they mean for its request. Any
    other failure is a StoreError (a LimitError for an answer past ``MAX_ANSWER_BYTES``) naming the URL.
    """
    check_url(url)
    parts = urlsplit(url)
    deadline = time.monotonic() + timeout
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    reader: _Reader | None = None
    try:
        connection.connect()
        reader = _Reader(connection.sock, deadline)
        connection.sock = _Socket(connection.sock, reader)  # type: ignore[assignment]
        arguments = "&".join(part for part in (parts.query, query) if part)
        target = (parts.path or "/") + (f"?{arguments}" if arguments else "")
        connection.request("POST", target, body=body, headers={**headers, "Connection": "close"})
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, response.reason, response.getheader("Content-Type", ""),
                      response.getheader("Location", ""), data)
    except _Expired:
        raise StoreError(f"SPARQL endpoint {url} timed out: no complete answer within {timeout:g} s "
                         f"(timeout {timeout:g} s, --timeout or PLANGRAF_TIMEOUT); {_seen(reader)}") from None
    except _TooLarge:
        raise LimitError(f"SPARQL endpoint {url} sent more than {MAX_ANSWER_BYTES:,} bytes (a fixed limit); "
                         "ask for fewer rows (LIMIT)") from None
    except (http.client.RemoteDisconnected, http.client.IncompleteRead):
        raise StoreError(f"SPARQL endpoint {url} closed the connection before its answer was complete; "
                         f"{_seen(reader)}") from None
    except (http.client.HTTPException, ValueError) as exc:
        raise StoreError(f"SPARQL endpoint {url} did not answer in HTTP ({type(exc).__name__}); "
                         f"{_seen(reader)}") from None
    except TimeoutError:
        raise StoreError(f"cannot reach SPARQL endpoint {url}: timed out while connecting "
                         f"(timeout {timeout:g} s)") from None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        if reader is not None and reader.count:
            raise StoreError(f"SPARQL endpoint {url} broke the connection ({reason}); {_seen(reader)}") from None
        raise StoreError(f"cannot reach SPARQL endpoint {url}: {reason}") from None
    finally:
        connection.close()
        if reader is not None:
            reader.sock.close()


def _seen(reader: _Reader | None) -> str:
    if reader is None or not reader.count:
        return "nothing came back"
    return f"{reader.count:,} byte{'s' if reader.count != 1 else ''} came back, {preview(reader.head)}"
