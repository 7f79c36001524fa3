"""The custom options (``graphql_value`` and the rest) are released contract: number, type, label, extendee.

Every descriptor of the contract carries its GraphQL strings in these extensions, and readers find them
by number: moving ``graphql_value`` from 50011 to 50021 leaves every proto file's text unchanged and
passes ``buf breaking`` (its rules do not cover file-level extensions), yet a reader built against the
release finds no strings at all. So ``check`` compares the extensions of the release image with those
of the working tree, and refuses any change to a released one (new extensions may be added).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Extensions = dict[str, dict[str, Any]]


def extensions(image: Mapping[str, Any]) -> Extensions:
    """Every file-level extension of a buf image (as JSON) by full name, ``google/`` imports left out."""
    out: Extensions = {}
    for file in image.get("file", []):
        if str(file.get("name", "")).startswith("google/"):
            continue
        for extension in file.get("extension", []):
            out[f"{file.get('package', '')}.{extension['name']}".lstrip(".")] = extension
    return out


def option_problems(released: Extensions, current: Extensions) -> list[str]:
    """One line per released extension that is gone or changed (number, type, label, extendee)."""
    problems: list[str] = []
    fix = "custom options are released contract: restore it in kraken_proto/generator/options.proto and run kraken-proto generate"
    for name, old in sorted(released.items()):
        new = current.get(name)
        if new is None:
            problems.append(f"option ({name}) was released as number {old['number']} and is gone; {fix}")
            continue
        if new["number"] != old["number"]:
            problems.append(f"option ({name}) was released as number {old['number']}; it is now {new['number']}; {fix}")
        if (_type(old), old.get("label")) != (_type(new), new.get("label")):
            problems.append(f"option ({name}) was released as {_article(_type(old), old)}; it is now {_type(new)}{_label(new)}; {fix}")
        if new.get("extendee") != old.get("extendee"):
            problems.append(
                f"option ({name}) was released on {old.get('extendee', '').lstrip('.')}; it now extends {new.get('extendee', '').lstrip('.')}; {fix}"
            )
    return problems


def _type(extension: Mapping[str, Any]) -> str:
    return str(extension.get("typeName", "")).lstrip(".") or str(extension.get("type", "")).removeprefix("TYPE_").lower()


def _label(extension: Mapping[str, Any]) -> str:
    return " (repeated)" if extension.get("label") == "LABEL_REPEATED" else ""


def _article(kind: str, extension: Mapping[str, Any]) -> str:
    return ("an " if kind[:1] in "aeiou" else "a ") + kind + _label(extension)
