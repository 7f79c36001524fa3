"""``kraken-proto fetch``: post the introspection query to a GraphQL endpoint and keep the checked answer.

The exchange is the standard library's ``http.client`` (one POST, no retries, no cookies), because what
it must guarantee is narrow and testable:

- a token comes from ``--header`` or from :data:`TOKEN_ENV` and is never printed or written: every
  message is passed through :func:`redact`, which blanks each header value, so a server that echoes
  the ``Authorization`` header into an error page cannot leak it through us;
- TLS is verified (the system's CAs, or ``--cacert``); a redirect is refused whatever its target, so a
  token is only ever sent to the URL the maintainer typed (the line names where it pointed);
- one deadline covers the whole exchange (connect, send, every read), so a server that drips one byte
  a second still ends at ``--timeout``;
- the body is capped (``--max-bytes``): a ``Content-Length`` over the cap is refused before reading,
  and reading stops one byte past the cap.

Every failure is a :class:`FetchError`: one line that names the URL (without any user-info) and what
was wrong. Nothing is written unless the answer passed :func:`.introspection.schema_from_answer`; the
file is then replaced atomically (temporary file in the same folder, fsync, rename, fsync the folder).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import ssl
import tempfile
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import GraphQLSchema

from .errors import GenerateError
from .introspection import QUERY, IntrospectionError, normalised, schema_from_answer

TOKEN_ENV = "KRAKEN_GRAPHQL_TOKEN"
"""Sent verbatim as the ``Authorization`` header (Kraken takes the token itself; put ``Bearer ...`` in it
if your endpoint wants that); a ``--header 'Authorization: ...'`` wins over it."""
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0
BODY_PREVIEW = 200
"""How much of an error page's body a failure line quotes."""
_CHUNK = 1 << 16


class FetchError(GenerateError):
    """A fetch that got no usable introspection result; the message is one line naming the URL."""


@dataclass(frozen=True, kw_only=True)
class FetchOptions:
    """How to reach the endpoint: extra headers, the deadline for the whole exchange, the body cap, TLS."""

    headers: tuple[tuple[str, str], ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    cacert: Path | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))

    def all_headers(self) -> dict[str, str]:
        """The request's headers: ours, then the token from the environment, then ``--header`` (which wins)."""
        headers = {"Content-Type": "application/json", "Accept": "application/json", "Accept-Encoding": "identity", "User-Agent": "kraken-proto fetch"}
        token = self.environ.get(TOKEN_ENV, "").strip()
        if token:
            headers["Authorization"] = token
        for name, value in self.headers:
            headers = {k: v for k, v in headers.items() if k.lower() != name.lower()} | {name: value}
        return headers

    def secrets(self) -> list[str]:
        """Every value that must never appear in a message: the token and all ``--header`` values."""
        values = [self.environ.get(TOKEN_ENV, "").strip(), *(value for _name, value in self.headers)]
        return [v for v in values if len(v) >= 4]


def parse_header(text: str) -> tuple[str, str]:
    """``'Name: value'`` -> ``("Name", "value")``; the message of a bad one never repeats the value."""
    name, sep, value = text.partition(":")
    name, value = name.strip(), value.strip()
    if not sep or not re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", name) or "\n" in value or "\r" in value:
        shown = name if sep and re.fullmatch(r"[A-Za-z0-9-]+", name) else "..."  # without a colon, all of it may be the token
        raise FetchError(f"--header {shown}: expected 'Name: value' on one line (the value is not shown)")
    return name, value


@dataclass(frozen=True, kw_only=True)
class Fetched:
    text: str
    """The normalised introspection JSON, as ``fetch`` writes it."""
    schema: GraphQLSchema
    """What graphql-core builds from it (``update`` reads its enums without parsing the text again)."""


def fetch_introspection(url: str, options: FetchOptions) -> str:
    """The endpoint's schema as normalised introspection JSON text (see :mod:`.introspection`), or :class:`FetchError`."""
    return fetch_schema(url, options).text


def fetch_schema(url: str, options: FetchOptions) -> Fetched:
    """The endpoint's schema, checked: its normalised text and graphql-core's schema; or :class:`FetchError`."""
    shown = display_url(url)
    try:
        body, status, content_type = _exchange(url, options)
    except FetchError as exc:
        raise FetchError(redact(str(exc), options)) from None
    if status >= 400:
        raise FetchError(redact(f"{shown}: HTTP {status}: {_preview(body)}", options))
    try:
        answer: Any = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        kind = f" ({content_type})" if content_type else ""
        raise FetchError(redact(f"{shown}: the answer is not JSON{kind}: {_preview(body)}", options)) from None
    try:
        schema, built = schema_from_answer(answer)
    except IntrospectionError as exc:
        raise FetchError(redact(f"{shown}: {exc}", options)) from None
    return Fetched(text=normalised(schema), schema=built)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` all at once: a reader sees the old file or the new one, never part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def display_url(url: str) -> str:
    """The URL as messages show it: without ``user:password@`` (a credential, like a token)."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def redact(message: str, options: FetchOptions) -> str:
    for secret in options.secrets():
        message = message.replace(secret, "[redacted]")
    return message


def _exchange(url: str, options: FetchOptions) -> tuple[bytes, int, str]:
    """POST the query; the body (at most the cap), the status and the Content-Type. One deadline for all of it."""
    shown = display_url(url)
    parts = urllib.parse.urlsplit(url)
    try:
        parts.port  # noqa: B018 (urllib checks the port only when it is read)
    except ValueError:
        raise FetchError(f"{shown}: not a valid URL (its port is not a number from 0 to 65535)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{shown}: not an http:// or https:// URL of a GraphQL endpoint")
    deadline = time.monotonic() + options.timeout
    connection = _connection(parts, options, shown)
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    try:
        connection.timeout = _remaining(deadline, shown, options)
        connection.connect()
        sock = connection.sock  # kept: getresponse() hands it to the response and forgets it when the server will close
        _set_timeout(sock, deadline, shown, options)
        connection.request("POST", path, body=json.dumps({"query": QUERY}).encode("utf-8"), headers=options.all_headers())
        _set_timeout(sock, deadline, shown, options)
        response = connection.getresponse()
        if 300 <= response.status < 400:
            target = response.getheader("Location", "(no Location)")
            raise FetchError(
                f"{shown}: HTTP {response.status} redirect to {display_url(target)} refused (a token is only sent to the URL given: pass the endpoint's own URL)"
            )
        declared = response.getheader("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > options.max_bytes:
            raise FetchError(f"{shown}: the answer is {int(declared)} bytes, over the cap of {options.max_bytes} (raise it with --max-bytes)")
        chunks: list[bytes] = []
        size = 0
        while True:
            _set_timeout(sock, deadline, shown, options)
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > options.max_bytes:
                raise FetchError(f"{shown}: the answer is over the cap of {options.max_bytes} bytes (raise it with --max-bytes)")
            chunks.append(chunk)
        return b"".join(chunks), response.status, response.getheader("Content-Type", "")
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(f"{shown}: no complete answer within {options.timeout:g} s (the whole exchange; raise it with --timeout)") from None
    except socket.gaierror as exc:
        raise FetchError(f"{shown}: unknown host {parts.hostname} ({exc.strerror}); check the URL") from None
    except ssl.SSLCertVerificationError as exc:
        raise FetchError(
            f"{shown}: TLS certificate not trusted ({exc.verify_message}); pass the issuing CA with --cacert FILE if it is a private one"
        ) from None
    except ssl.SSLError as exc:
        raise FetchError(f"{shown}: TLS failed: {exc.reason or exc}") from None
    except ConnectionRefusedError:
        raise FetchError(f"{shown}: connection refused (nothing listens at {parts.hostname}:{parts.port or _default_port(parts.scheme)})") from None
    except (http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise FetchError(f"{shown}: the exchange failed: {reason}") from None
    finally:
        connection.close()


def _connection(parts: urllib.parse.SplitResult, options: FetchOptions, shown: str) -> http.client.HTTPConnection:
    if parts.scheme == "http":
        return http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=options.timeout)
    try:
        context = ssl.create_default_context(cafile=str(options.cacert) if options.cacert else None)
    except (OSError, ssl.SSLError) as exc:
        raise FetchError(f"{shown}: --cacert {options.cacert}: cannot read a CA bundle from it ({getattr(exc, 'strerror', None) or exc})") from None
    return http.client.HTTPSConnection(parts.hostname or "", parts.port, timeout=options.timeout, context=context)


def _remaining(deadline: float, shown: str, options: FetchOptions) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{shown}: no complete answer within {options.timeout:g} s (the whole exchange; raise it with --timeout)")
    return left


def _set_timeout(sock: socket.socket | None, deadline: float, shown: str, options: FetchOptions) -> None:
    """Each blocking step may take only what is left of the whole exchange's time."""
    if sock is not None:
        sock.settimeout(_remaining(deadline, shown, options))


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _preview(body: bytes) -> str:
    text = " ".join(body[: BODY_PREVIEW * 4].decode("utf-8", errors="replace").split())
    if not text:
        return "(empty body)"
    return repr(text[:BODY_PREVIEW] + ("..." if len(text) > BODY_PREVIEW else ""))
