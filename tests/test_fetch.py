"""``kraken-proto fetch``: the real CLI in a subprocess against real HTTP servers on 127.0.0.1.

The honest server is graphql-core executing the introspection query over a hand-written Kraken-like
schema (``tests/fixtures/kraken-schema.graphql``); each hostile server gives one bad answer. Expected
values come from graphql-core reading the fixture SDL directly, never from fetch's own output.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from graphql import GraphQLEnumType, build_client_schema, build_schema, is_introspection_type

from kraken_proto import cli
from kraken_proto.generator import fetch

from . import graphql_server as hostile
from .conftest import ROOT
from .graphql_server import Endpoint

FIXTURE = (ROOT / "tests/fixtures/kraken-schema.graphql").read_text(encoding="utf-8")
TOKEN = "kraken-secret-jwt-0123456789"


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    with Endpoint(FIXTURE) as server:
        yield server


def run_fetch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != fetch.TOKEN_ENV} | (env or {})
    return subprocess.run([sys.executable, "-m", "kraken_proto", "fetch", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=environ)


def enums_of(schema_enums: dict[str, GraphQLEnumType]) -> dict[str, list[tuple[str, str | None, str | None]]]:
    return {name: [(v, value.description, value.deprecation_reason) for v, value in t.values.items()] for name, t in sorted(schema_enums.items())}


def own_enums(schema: object) -> dict[str, GraphQLEnumType]:
    return {t.name: t for t in schema.type_map.values() if isinstance(t, GraphQLEnumType) and not is_introspection_type(t)}  # type: ignore[attr-defined]


def test_fetch_writes_the_schema_that_graphql_core_reads_from_the_sdl(endpoint: Endpoint, tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = run_fetch(endpoint.url, "-o", str(out))
    assert result.returncode == 0, result.stderr
    fetched = build_client_schema(json.loads(out.read_text(encoding="utf-8")))
    assert enums_of(own_enums(fetched)) == enums_of(own_enums(build_schema(FIXTURE)))
    assert "MeterType" in own_enums(fetched) and own_enums(fetched)["AccountStatus"].values["DORMANT"].deprecation_reason


def test_the_written_file_is_normalised_types_by_name_keys_sorted_values_in_server_order(endpoint: Endpoint, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run_fetch(endpoint.url, "-o", str(first)).returncode == 0

    def reversed_types(handler: object, request: dict[str, str]) -> None:
        answer = hostile.introspection_answer(FIXTURE, request["query"])
        answer["data"]["__schema"]["types"].reverse()
        handler.send(200, json.dumps(answer, indent=4).encode())  # type: ignore[attr-defined]

    endpoint.respond = reversed_types
    assert run_fetch(endpoint.url, "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    names = [t["name"] for t in json.loads(text)["__schema"]["types"]]
    assert names == sorted(names) and text.endswith("}\n") and text.startswith('{\n  "__schema": {\n')
    account = next(t for t in json.loads(text)["__schema"]["types"] if t["name"] == "AccountStatus")
    assert [v["name"] for v in account["enumValues"]] == list(build_schema(FIXTURE).type_map["AccountStatus"].values)  # type: ignore[attr-defined]


def test_the_query_asks_for_descriptions_and_deprecated_values(endpoint: Endpoint, tmp_path: Path) -> None:
    assert run_fetch(endpoint.url, "-o", str(tmp_path / "s.json")).returncode == 0
    (request,) = endpoint.requests
    query = request["body"]["query"]
    assert "enumValues(includeDeprecated: true)" in query and "deprecationReason" in query and "description" in query
    assert request["headers"]["Content-Type"] == "application/json" and request["path"] == "/v1/graphql/"


def test_the_token_from_the_environment_is_sent_as_authorization_and_never_printed_or_written(endpoint: Endpoint, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    result = run_fetch(endpoint.url, "-o", str(out), env={fetch.TOKEN_ENV: TOKEN})
    assert result.returncode == 0, result.stderr
    assert endpoint.requests[0]["headers"]["Authorization"] == TOKEN
    assert TOKEN not in result.stdout + result.stderr and TOKEN not in out.read_text(encoding="utf-8")


def test_a_header_option_wins_over_the_environment_token(endpoint: Endpoint, tmp_path: Path) -> None:
    result = run_fetch(
        endpoint.url,
        "-o",
        str(tmp_path / "s.json"),
        "--header",
        "Authorization: JWT other-token-abcdef",
        "--header",
        "X-Team: billing",
        env={fetch.TOKEN_ENV: TOKEN},
    )
    assert result.returncode == 0, result.stderr
    headers = endpoint.requests[0]["headers"]
    assert headers["Authorization"] == "JWT other-token-abcdef" and headers["X-Team"] == "billing"


@pytest.mark.parametrize("via", ["environment", "header"])
def test_a_server_that_echoes_the_token_in_its_error_page_cannot_make_fetch_print_it(endpoint: Endpoint, tmp_path: Path, via: str) -> None:
    endpoint.respond = hostile.echo_authorization
    if via == "environment":
        result = run_fetch(endpoint.url, "-o", str(tmp_path / "s.json"), env={fetch.TOKEN_ENV: TOKEN})
    else:
        result = run_fetch(endpoint.url, "-o", str(tmp_path / "s.json"), "--header", f"Authorization: Bearer {TOKEN}")
    assert result.returncode == 1 and "HTTP 401" in result.stderr and "[redacted]" in result.stderr
    assert TOKEN not in result.stdout + result.stderr and not (tmp_path / "s.json").exists()


def refused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


BAD_ANSWERS = {
    "http-500": (hostile.status(500, "Internal Server Error: upstream database unavailable"), [], "HTTP 500: 'Internal Server Error: upstream database"),
    "http-403": (hostile.status(403, "Forbidden"), [], "HTTP 403: 'Forbidden'"),
    "html-page": (hostile.html_page, [], "the answer is not JSON (text/html; charset=utf-8): '<!DOCTYPE html><html><head><title>Maintenance"),
    "introspection-disabled": (
        hostile.introspection_disabled,
        [],
        "the server answered with errors (is introspection disabled for this endpoint or token?): GraphQL introspection is not allowed",
    ),
    "no-schema": (hostile.no_schema, [], "the answer has no data.__schema object"),
    "no-enums": (hostile.no_enums, [], "the schema has no enum types of its own"),
    "over-the-cap-announced": (
        hostile.huge(300_000),
        ["--max-bytes", "100000"],
        "the answer is 300000 bytes, over the cap of 100000 (raise it with --max-bytes)",
    ),
    "over-the-cap-unannounced": (hostile.huge_unannounced(300_000), ["--max-bytes", "100000"], "the answer is over the cap of 100000 bytes"),
    "redirect-to-another-host": (hostile.redirect_to("https://evil.example/steal"), [], "HTTP 307 redirect to https://evil.example/steal refused"),
    "redirect-on-the-same-host": (hostile.redirect_to("/v2/graphql/"), [], "HTTP 307 redirect to /v2/graphql/ refused"),
    "timeout-of-the-whole-exchange": (hostile.drip(8), ["--timeout", "1"], "no complete answer within 1 s (the whole exchange; raise it with --timeout)"),
}


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_each_bad_answer_is_one_line_naming_the_url_and_writes_nothing(endpoint: Endpoint, tmp_path: Path, case: str) -> None:
    respond, options, expected = BAD_ANSWERS[case]
    endpoint.respond = respond
    out = tmp_path / "schema.json"
    out.write_text("the previous fetch\n", encoding="utf-8")
    result = run_fetch(endpoint.url, "-o", str(out), *options, env={fetch.TOKEN_ENV: TOKEN})
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"kraken-proto: error: {endpoint.url}: {expected}" + result.stderr.split(expected, 1)[1]
    assert result.stderr.count("\n") == 1 and result.stdout == "" and TOKEN not in result.stderr
    assert out.read_text(encoding="utf-8") == "the previous fetch\n" and sorted(p.name for p in tmp_path.iterdir()) == ["schema.json"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"http://127.0.0.1:{refused_port()}/graphql/", "connection refused (nothing listens at 127.0.0.1:"),
        ("http://kraken-api.invalid/v1/graphql/", "unknown host kraken-api.invalid ("),  # RFC 6761: never resolves
        ("ftp://127.0.0.1/graphql/", "not an http:// or https:// URL of a GraphQL endpoint"),
        ("http://127.0.0.1:99999/graphql/", "not a valid URL (its port is not a number from 0 to 65535)"),
    ],
)
def test_an_unreachable_endpoint_is_one_line_naming_the_url(tmp_path: Path, url: str, expected: str) -> None:
    result = run_fetch(url, "-o", str(tmp_path / "s.json"))
    assert result.returncode == 1 and result.stderr.startswith(f"kraken-proto: error: {url}: {expected}") and result.stderr.count("\n") == 1
    assert not (tmp_path / "s.json").exists()


def test_a_url_with_credentials_is_shown_without_them(tmp_path: Path) -> None:
    port = refused_port()
    result = run_fetch(f"http://robot:{TOKEN}@127.0.0.1:{port}/graphql/", "-o", str(tmp_path / "s.json"))
    assert result.returncode == 1 and f"http://127.0.0.1:{port}/graphql/: connection refused" in result.stderr and TOKEN not in result.stderr


def test_tls_is_verified_and_cacert_names_the_private_ca(tmp_path: Path) -> None:
    with Endpoint(FIXTURE, tls_dir=tmp_path / "tls") as server:
        untrusted = run_fetch(server.url, "-o", str(tmp_path / "s.json"))
        assert untrusted.returncode == 1 and untrusted.stderr.count("\n") == 1
        assert untrusted.stderr.startswith(f"kraken-proto: error: {server.url}: TLS certificate not trusted (") and "--cacert" in untrusted.stderr
        assert not (tmp_path / "s.json").exists()
        assert server.ca_file is not None
        trusted = run_fetch(server.url, "-o", str(tmp_path / "s.json"), "--cacert", str(server.ca_file))
        assert trusted.returncode == 0, trusted.stderr
        assert "AccountStatus" in own_enums(build_client_schema(json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))))


def test_a_malformed_header_is_refused_without_repeating_its_value(endpoint: Endpoint, tmp_path: Path) -> None:
    result = run_fetch(endpoint.url, "-o", str(tmp_path / "s.json"), "--header", f"Authorization {TOKEN}")
    assert result.returncode == 1 and "expected 'Name: value' on one line (the value is not shown)" in result.stderr and TOKEN not in result.stderr
    assert endpoint.requests == []


def test_without_o_fetch_writes_to_the_configured_introspection_or_the_default_file(endpoint: Endpoint, project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kraken_proto", "fetch", endpoint.url, "--root", str(project)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert (project / "upstream/kraken-schema.json").is_file()  # the configured source is the text reference: not overwritten
    assert (project / "upstream/source.toml").read_text(encoding="utf-8") == (ROOT / "upstream/source.toml").read_text(encoding="utf-8")
    (project / "upstream/source.toml").write_text('path = "upstream/live.json"\nkind = "introspection"\n', encoding="utf-8")
    again = subprocess.run(
        [sys.executable, "-m", "kraken_proto", "fetch", endpoint.url, "--root", str(project)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert again.returncode == 0, again.stderr
    assert (project / "upstream/live.json").read_bytes() == (project / "upstream/kraken-schema.json").read_bytes()


def test_the_cli_names_the_same_token_variable_as_the_fetcher() -> None:
    assert cli.TOKEN_ENV == fetch.TOKEN_ENV == "KRAKEN_GRAPHQL_TOKEN"
