"""Chooses rules by code, code prefix or name: the most specific selector wins, as in ruff."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import Rule


def _specificity(selector: str, rule: Rule) -> int:
    """How specifically a selector names a rule: -1 not at all; ALL is weakest, a name strongest."""
    if selector == "ALL":
        return 0
    if selector == rule.name:
        return 1000
    if rule.code.startswith(selector.upper()):
        return len(selector)
    return -1


def is_selected(rule: Rule, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Decide one rule: the longest matching selector decides; ignore wins a tie."""
    best_sel = max((_specificity(s, rule) for s in select), default=-1)
    best_ign = max((_specificity(s, rule) for s in ignore), default=-1)
    if best_sel < 0:
        return False
    return best_sel > best_ign


def select_rules(
    rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str], extend_select: Sequence[str] = ()
) -> list[Rule]:
    """Rules chosen by select/extend-select/ignore; no select means each rule's default."""
    chosen = []
    for rule in rules:
        if select:
            sel = [*select, *extend_select]
        else:
            sel = ["ALL", *extend_select] if rule.enabled_by_default else list(extend_select)
        if is_selected(rule, sel, ignore):
            chosen.append(rule)
    return chosen


def unknown_selectors(rules: Iterable[Rule], selectors: Iterable[str]) -> list[str]:
    """Selectors that match no known rule, so a typo in --select is an error, not silence."""
    rules = list(rules)
    return [s for s in selectors if s != "ALL" and not any(_specificity(s, r) >= 0 for r in rules)]
