"""The smaller subcommands: `rules`, `rule CODE`, `config`."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .cli import EXIT_CLEAN, EXIT_ERROR, UsageError


def _all_rules(packs: Sequence[str] = ()):
    from .registry import load_rules

    try:
        return load_rules(packs)
    except (ValueError, OSError) as exc:
        raise UsageError(str(exc)) from None


def cmd_rules(argv: Sequence[str]) -> int:
    """`copycheck rules`: list every rule with its code, name, severity and summary."""
    p = argparse.ArgumentParser(prog="copycheck rules", description="List every rule.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--pack", action="extend", type=lambda v: v.split(","), default=[],
                   help="also list the rules of these packs")
    args = p.parse_args(argv)
    rules = _all_rules(args.pack)
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "severity": str(r.severity), "summary": r.summary,
                    "origin": r.origin, "in_quotes": r.in_quotes, "default": r.enabled_by_default}
                   for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_CLEAN
    width = max(len(r.name) for r in rules)
    for r in rules:
        flag = "" if r.enabled_by_default else " (off by default)"
        print(f"{r.code:<7} {r.name:<{width}}  {str(r.severity):<7}  {r.summary}{flag}")
    return EXIT_CLEAN


def cmd_rule(argv: Sequence[str]) -> int:
    """`copycheck rule CODE_OR_NAME`: print a rule's documentation."""
    from .registry import find_rule

    p = argparse.ArgumentParser(prog="copycheck rule", description="Print a rule's documentation.")
    p.add_argument("rule", metavar="CODE_OR_NAME")
    p.add_argument("--pack", action="extend", type=lambda v: v.split(","), default=[])
    args = p.parse_args(argv)
    rule = find_rule(_all_rules(args.pack), args.rule)
    if rule is None:  # a rule of a built-in pack that is not switched on is still documented
        from .packs import available_packs

        rule = find_rule(_all_rules(available_packs()), args.rule)
    if rule is None:
        print(f"copycheck: error: no rule {args.rule!r} (see `copycheck rules`)", file=sys.stderr)
        return EXIT_ERROR
    print(f"{rule.code} {rule.name}\n")
    from pathlib import Path

    from .registry import DEFAULT_PACKS

    pack = Path(rule.origin).stem
    if rule.origin != "builtin" and pack not in (*DEFAULT_PACKS, *args.pack):
        print(f"In the built-in pack {pack!r}: switch it on with `--pack {pack}` or `packs = [\"{pack}\"]`.\n")
    print(f"{rule.summary}\n")
    print(f"Severity: {rule.severity}. Applies inside quotations: {'yes' if rule.in_quotes else 'no'}. "
          f"Source: {rule.origin}.\n")
    print(f"## What it does\n{rule.docs.what}\n")
    print(f"## Why is this bad\n{rule.docs.why}\n")
    print(f"## Example\n{rule.docs.example}")
    if rule.link:
        print(f"\nSee: {rule.link}")
    return EXIT_CLEAN


def cmd_config(argv: Sequence[str]) -> int:
    """`copycheck config [PATH]`: print the effective configuration for a path."""
    from .config import ConfigError, Overrides, Resolver, resolve_cli_packs

    p = argparse.ArgumentParser(prog="copycheck config",
                                description="Print the effective configuration for a file or folder.")
    p.add_argument("path", nargs="?", default=".", metavar="PATH")
    p.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--pack", action="extend", type=lambda v: v.split(","), default=[])
    args = p.parse_args(argv)
    try:
        resolver = Resolver(Overrides(packs=resolve_cli_packs(args.pack)), args.config, args.isolated)
        settings = resolver.settings_for(args.path)
        ruleset = resolver.ruleset_for(args.path)
    except (ConfigError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    out = settings.to_dict()
    out["path"] = args.path
    out["excluded"] = resolver.is_excluded(args.path) if settings.exclude else False
    out["selected"] = [r.code for r in ruleset.rules]
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return EXIT_CLEAN


from .names.command import cmd_names  # noqa: E402,F401  (`copycheck names`, kept in its own package)
