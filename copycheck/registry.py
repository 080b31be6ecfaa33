"""Builds the list of available rules: the built-in Python rules plus compiled packs."""
from __future__ import annotations

from importlib import import_module
from collections.abc import Sequence

from .model import Rule

# Built-in rule families, in the order their rules are listed; each module exposes RULES.
BUILTIN_MODULES = (
    "repetition",
    "apostrophes",
    "its",
    "quotes",
    "dashes",
    "abbreviations",
    "spacing",
    ".names.rules",  # a package of its own (copycheck/names/)
    "suppression",
)


# Rules that need a server; off by default and listed after the checks.
BACKEND_MODULES = ("grammar.languagetool",)


def builtin_rules() -> list[Rule]:
    """Every hand-written rule, freshly collected (no global registry to mutate)."""
    rules: list[Rule] = []
    for name in BUILTIN_MODULES:
        rules.extend(import_module(name if name[0] == "." else f".checks.{name}", __package__).RULES)
    for name in BACKEND_MODULES:
        rules.extend(import_module(f".{name}", __package__).RULES)
    return rules


# Packs loaded in every run: the default selection is the core checks plus consistency.
# Their rules are turned off like any other, e.g. `ignore = ["CS"]`.
DEFAULT_PACKS = ("consistency",)


def load_rules(packs: Sequence[str], base_dir: str | None = None) -> list[Rule]:
    """Built-in rules followed by the default packs' rules and those of the named or given packs."""
    from .packs import load_packs

    rules = builtin_rules()
    rules.extend(load_packs((*DEFAULT_PACKS, *packs), base_dir))
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for rule in rules:
        if rule.code in codes:
            raise ValueError(f"duplicate rule code {rule.code}: {codes[rule.code]} and {rule.origin}")
        if rule.name in names:
            raise ValueError(f"duplicate rule name {rule.name}: {names[rule.name]} and {rule.origin}")
        codes[rule.code] = rule.origin
        names[rule.name] = rule.origin
    return rules


def find_rule(rules: Sequence[Rule], key: str) -> Rule | None:
    """Look a rule up by code (any case) or by name."""
    for rule in rules:
        if rule.code == key.upper() or rule.name == key:
            return rule
    return None
