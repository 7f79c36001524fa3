"""Real HTTP servers on 127.0.0.1 for ``fetch`` and ``update``: a GraphQL endpoint and its hostile twins.

:class:`Endpoint` is a ``ThreadingHTTPServer`` on an ephemeral port, in a daemon thread. By default it
is a GraphQL server: graphql-core executes each POSTed query (the introspection query ``fetch`` sends)
against ``endpoint.sdl``, which a test may replace between requests to serve a later schema. A test
makes it hostile by setting ``endpoint.respond`` to one of the behaviours below; each writes a raw HTTP
answer, so what ``fetch`` meets is what a broken or unfriendly server would really send. With
``tls=True`` it serves HTTPS with a certificate made at test time for 127.0.0.1 and ``localhost``,
signed by a throwaway CA whose PEM is ``endpoint.ca_file``.
"""

from __future__ import annotations

import datetime
import functools
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graphql import build_schema, graphql_sync

Respond = Callable[["_Handler", dict[str, Any]], None]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read what the client says, not the server's access log."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        endpoint = self.server.endpoint
        endpoint.requests.append({"path": self.path, "headers": dict(self.headers.items()), "body": request})
        (endpoint.respond or graphql_answer)(self, request)

    def send(self, status: int, body: bytes, content_type: str = "application/json", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    endpoint: Endpoint


class Endpoint:
    """A server on 127.0.0.1; ``url`` is its GraphQL endpoint. Use as a context manager."""

    def __init__(self, sdl: str, *, tls_dir: Path | None = None) -> None:
        self.sdl = sdl
        self.respond: Respond | None = None
        self.requests: list[dict[str, Any]] = []
        self.ca_file: Path | None = None
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.endpoint = self
        scheme = "http"
        if tls_dir is not None:
            self.ca_file, cert, key = make_certificates(tls_dir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            scheme = "https"
        self.port = self._server.server_address[1]
        self.url = f"{scheme}://127.0.0.1:{self.port}/v1/graphql/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Endpoint:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def graphql_answer(handler: _Handler, request: dict[str, Any]) -> None:
    """The honest server: graphql-core executes the query against the endpoint's current SDL."""
    handler.send(200, _execute(handler.server.endpoint.sdl, request.get("query", "")))


@functools.lru_cache(maxsize=8)
def _execute(sdl: str, query: str) -> bytes:
    """Kept per schema and query, as a real server's schema is built once (the benchmark times the client)."""
    result = graphql_sync(build_schema(sdl), query)
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    return json.dumps(body).encode()


# --- hostile behaviours: one per bad answer ---------------------------------------------------------


def status(code: int, body: str) -> Respond:
    return lambda handler, _request: handler.send(code, body.encode(), "text/plain")


def echo_authorization(handler: _Handler, _request: dict[str, Any]) -> None:
    """A 401 page that quotes the token it was sent (some gateways do): fetch must not repeat it."""
    token = handler.headers.get("Authorization", "")
    handler.send(401, f"invalid token {token!r} for this endpoint".encode(), "text/plain")


def html_page(handler: _Handler, _request: dict[str, Any]) -> None:
    handler.send(200, b"<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>", "text/html; charset=utf-8")


def introspection_disabled(handler: _Handler, _request: dict[str, Any]) -> None:
    """What graphene-django and others answer with introspection turned off."""
    body = {"data": None, "errors": [{"message": "GraphQL introspection is not allowed, but the query contained __schema or __type"}]}
    handler.send(200, json.dumps(body).encode())


def no_schema(handler: _Handler, _request: dict[str, Any]) -> None:
    handler.send(200, json.dumps({"data": {"viewer": {"id": "1"}}}).encode())


def no_enums(handler: _Handler, request: dict[str, Any]) -> None:
    """A real GraphQL server whose schema has no enum of its own."""
    result = graphql_sync(build_schema("type Query { ping: String }"), request.get("query", ""))
    handler.send(200, json.dumps({"data": result.data}).encode())


def redirect_to(location: str) -> Respond:
    return lambda handler, _request: handler.send(307, b"", "text/plain", {"Location": location})


def huge(size: int) -> Respond:
    """A JSON body of ``size`` bytes with an honest Content-Length."""

    def respond(handler: _Handler, _request: dict[str, Any]) -> None:
        handler.send(200, b'{"data": "' + b"x" * (size - 12) + b'"}')

    return respond


def huge_unannounced(size: int) -> Respond:
    """A body over the cap without a Content-Length (the connection closes at its end)."""

    def respond(handler: _Handler, _request: dict[str, Any]) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(size // 65536 + 1):
            handler.wfile.write(b"x" * 65536)
        handler.close_connection = True

    return respond


def drip(seconds: float) -> Respond:
    """Headers at once, then one byte every 0.2 s for ``seconds``: each read is quick, the whole is slow."""

    def respond(handler: _Handler, _request: dict[str, Any]) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    return respond


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate it signs, for 127.0.0.1 and localhost: (ca, cert, key) PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kraken-proto test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths


def introspection_answer(sdl: str, query: str | None = None) -> dict[str, Any]:
    """What a GraphQL server serving ``sdl`` answers to ``query`` (default: the standard introspection query)."""
    from graphql import get_introspection_query

    result = graphql_sync(build_schema(sdl), query or get_introspection_query(descriptions=True))
    assert not result.errors, result.errors
    return {"data": result.data}
