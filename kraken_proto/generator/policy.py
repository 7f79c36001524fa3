"""``buf.yaml`` may ask for more than the documented lint and breaking policy, never for less.

Two judges, because each sees what the other cannot:

- buf itself (``buf config ls-lint-rules`` / ``ls-breaking-rules --configured-only``) says which rules
  the configuration turns on, however it is spelled; every rule of the documented categories must be there;
- the file read as YAML (PyYAML: block or flow style, anchors, quoting, all alike) says what the rule
  lists cannot show: ``ignore``, ``ignore_only``, ``ignore_unstable_packages``, a module's ``excludes`` or
  its own ``lint``/``breaking`` section exempt files or packages from rules that are still "configured".
  Only the keys of the documented policy are accepted; anything else is named, key path and all.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path

import yaml

from . import buf
from .errors import ToolError
from .problems import Kind, Problem

CONFIG = Path("buf.yaml")
POLICY = {"lint": ("STANDARD", "COMMENT_ENUM"), "breaking": ("FILE", "WIRE_JSON", "CSR")}
"""The documented policy (README, docs/generate-safety.md): buf.yaml may ask for more, never less."""

TOP_LEVEL = frozenset({"version", "modules", "deps", "lint", "breaking"})
MODULE_KEYS = frozenset({"path", "name"})
HARMLESS: dict[str, dict[str, object]] = {"lint": {"use": None, "disallow_comment_ignores": None}, "breaking": {"use": None, "ignore_unstable_packages": False}}
"""Keys a policy section may hold, with the one value they must have (``None``: any value)."""
WHY = {
    "ignore": "exempts files or folders from every rule",
    "ignore_only": "exempts files or folders from some rules",
    "except": "drops rules from the categories in use",
    "ignore_unstable_packages": "exempts unstable packages (v1alpha1, v1beta1, ...) from every rule",
    "excludes": "leaves files out of the module, and so out of lint and breaking",
    "lint": "replaces the top-level lint policy for this module",
    "breaking": "replaces the top-level breaking policy for this module",
}


def policy_problems(root: Path) -> list[Problem]:
    """Every way ``root``'s buf.yaml asks for less than :data:`POLICY`, each named (none: it asks for all)."""
    problems = [Problem(Kind.WEAK_POLICY, f"{CONFIG}: {text}") for text in _shape_problems(root / CONFIG)]
    if problems:
        return problems
    return _rule_problems(root)


def _shape_problems(path: Path) -> list[str]:
    """What the YAML itself says: a version other than v2, or any key outside the documented policy."""
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return [f"cannot be read: {exc.strerror or exc} (restore it with git checkout -- buf.yaml)"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return [f"{where}not valid YAML ({getattr(exc, 'problem', None) or exc}); fix it, or restore it with git checkout -- buf.yaml"]
    if not isinstance(config, Mapping):
        return ["is not a YAML mapping of buf's configuration keys (restore it with git checkout -- buf.yaml)"]
    found: list[str] = []
    if config.get("version") != "v2":
        found.append(f"version is {config.get('version')!r}; the policy check reads version v2 only (buf config migrate converts older files)")
    found += [f"{key} is not part of the documented policy, which this check cannot vouch for (remove it)" for key in config if key not in TOP_LEVEL]
    modules = config.get("modules") or []
    for index, module in enumerate(modules if isinstance(modules, list) else [modules]):
        where = f"modules[{index}]"
        if not isinstance(module, Mapping):
            found.append(f"{where} is not a mapping with a path")
            continue
        found += [
            f"{where}.{key} {WHY.get(key, 'is not part of the documented policy')} ({json.dumps(value)}); the contract allows none (remove it)"
            for key, value in module.items()
            if key not in MODULE_KEYS
        ]
    for section, allowed in HARMLESS.items():
        body = config.get(section)
        if body is None:
            continue  # buf's defaults; the rule lists below tell whether they are enough
        if not isinstance(body, Mapping):
            found.append(f"{section} is not a mapping (expected `{section}: use: [...]`)")
            continue
        for key, value in body.items():
            if key not in allowed or (allowed[key] is not None and value != allowed[key]):
                found.append(f"{section}.{key} {WHY.get(key, 'changes what the rules require')} ({json.dumps(value)}); the contract allows none (remove it)")
    return found


def _rule_problems(root: Path) -> list[Problem]:
    """buf's own list of the rules the configuration turns on must hold every rule of the policy's categories."""
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as reference:
        lines = ["version: v2"] + [f"{section}:\n  use:\n" + "".join(f"    - {c}\n" for c in cats) for section, cats in POLICY.items()]
        (Path(reference) / "buf.yaml").write_text("\n".join(lines), encoding="utf-8")
        for section, categories in POLICY.items():
            try:
                have = _rules(section, root)
                want = _rules(section, Path(reference))
            except ToolError as exc:
                problems.append(Problem(Kind.WEAK_POLICY, f"buf.yaml: cannot list its {section} rules: {exc}"))
                continue
            lacking = sorted(want - have)
            if lacking:
                shown = ", ".join(lacking[:8]) + (f" and {len(lacking) - 8} more" if len(lacking) > 8 else "")
                problems.append(
                    Problem(
                        Kind.WEAK_POLICY,
                        f"buf.yaml's {section} policy is weaker than {' + '.join(categories)}: it lacks {len(lacking)} rule(s): {shown} "
                        f"(restore `{section}: use: [{', '.join(categories)}]`)",
                    )
                )
    return problems


def _rules(section: str, cwd: Path) -> set[str]:
    out = buf.run(["config", f"ls-{section}-rules", "--configured-only", "--format", "json"], cwd=cwd)
    return {json.loads(line)["id"] for line in out.splitlines() if line.strip()}
