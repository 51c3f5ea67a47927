"""A SPARQL endpoint that misbehaves on purpose, on 127.0.0.1 (port 0), served from a thread of the test.

Each mode is one way a server or something in front of it can fail. The server reads the whole request
(so the client is never cut off while sending), then answers per its mode; every request is recorded.
"""

from __future__ import annotations

import json
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

LOGIN_PAGE = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>...</form></body></html>"
RESULTS = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
    {"n": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}).encode()
UNKNOWN_TERM = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
    {"n": {"type": "quantum", "value": "1"}}]}}).encode()


def response(status: str, content_type: str, body: bytes, length: bool = True) -> bytes:
    headers = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nConnection: close\r\n"
    if length:
        headers += f"Content-Length: {len(body)}\r\n"
    return headers.encode() + b"\r\n" + body


EMPTY = json.dumps({"head": {"vars": []}, "results": {"bindings": []}}).encode()

# mode: (what is sent, None for nothing; what an error message shows of it)
MODES: dict[str, tuple[bytes | None, str]] = {
    "garbage": (b"\x00\xff\xfeGARBAGE\x13\x37 not http at all\n" * 3, r"first bytes b'\x00\xff\xfeGARBAGE"),
    "truncated": (response("200 OK", "application/sparql-results+json", RESULTS[:25], length=False),
                  "first bytes b'{\"head\""),
    "login": (response("200 OK", "text/html; charset=utf-8", LOGIN_PAGE), "first bytes b'<!DOCTYPE html>"),
    "unknown-term": (response("200 OK", "application/sparql-results+json", UNKNOWN_TERM), "first bytes b'{\"head\""),
    "error": (response("500 Internal Server Error", "text/plain", b"boom: the database is on fire"), "boom: the"),
    "slow": (None, "nothing came back"),  # never answers
    "trickle": (response("200 OK", "application/sparql-results+json", RESULTS), "first bytes b'H"),  # a byte a second
    "close": (b"", "nothing came back"),  # closes the connection without a word
    "empty": (response("200 OK", "application/sparql-results+json", EMPTY), ""),  # a valid, empty answer
}


@dataclass
class FakeEndpoint:
    url: str
    mode: str
    requests: list[bytes] = field(default_factory=list)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        with suppress(OSError):  # the client gave up (its deadline passed): what the tests expect
            self._answer()

    def _answer(self) -> None:
        request = self._read_request()
        self.server.endpoint.requests.append(request)
        sent, _ = MODES[self.server.endpoint.mode]
        stop = self.server.stopping
        if sent is None:
            stop.wait()
        elif self.server.endpoint.mode == "trickle":
            for byte in sent:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if stop.wait(1.0):
                    return
        else:
            self.wfile.write(sent)

    def _read_request(self) -> bytes:
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            line = self.rfile.readline()
            if not line:
                return head
            head += line
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        return head + self.rfile.read(length)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    endpoint: FakeEndpoint
    stopping: threading.Event


@contextmanager
def fake_endpoint(mode: str) -> Iterator[FakeEndpoint]:
    """A misbehaving endpoint in ``mode`` (see MODES) at ``http://127.0.0.1:PORT/query``."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.stopping = threading.Event()
    server.endpoint = FakeEndpoint(f"http://127.0.0.1:{server.server_address[1]}/query", mode)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.endpoint
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
