"""Variant evidence across files: string evidence weighed with context, and the reason given.

Same context with a different spelling is a typo, even in a short name ("Piers Mrogan" where
19 files write "Piers Morgan"); a different context is a different entity, so it stays silent
unless the string evidence is overwhelming (a shift-key slip such as "MArk", a doubled letter in
a long name). Sentence-initial and headline capitals, and words in a foreign phrase, are not
variants; case-only or accent-only differences between forms each used in several files are a
house-style question for `copycheck names`, not one file's error.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .spelling import fold, string_strength
from .words import WORD_ENDINGS

if TYPE_CHECKING:
    from .repo import Usage

# Context kinds that say which entity a spelling names: a capitalised word before or after
# it, or one joined by a foreign particle. Titles ("t:") are shared by too many people.
_NAME_SIDES = ("<", ">", "p:")


@dataclass(frozen=True)
class Verdict:
    """How a minority spelling relates to a majority spelling across files, and why."""

    majority: "Usage"
    minority: "Usage"
    flag: bool  # an NM003 finding; otherwise a house-style question for `copycheck names`
    reason: str  # "context", "same letters", "shift key", "typo", "style"
    key: str = ""  # the shared context key, when context decided

    def message(self) -> str:
        """Why the spelling was flagged: the shared context, or the majority's spelling and files."""
        x, y = self.majority, self.minority
        if self.key:
            n = x.context.get(self.key, 0) or x.files
            return (f"“{y.form}” stands where {n} other file{'s' if n != 1 else ''} write “{display(self.key, x.form)}” "
                    f"(e.g. {x.example}); use one spelling.")
        why = " (a shift-key slip)" if self.reason == "shift key" else ""
        return (f"“{y.form}” is spelled “{x.form}” in {x.files} other files of this repository "
                f"(e.g. {x.example}){why}; use one spelling.")


def display(key: str, form: str) -> str:
    """A context key shown with the spelling: "<Piers" and "Morgan" give "Piers Morgan"."""
    if key.startswith("<"):
        return f"{key[1:]} {form}"
    if key.startswith(">"):
        return f"{form} {key[1:]}"
    if key.startswith(("p:", "l:")):
        return f"{form} {key[2:]}"
    return form


def _folded(key: str) -> str:
    """A context key without case or accents, so "<Mevlüt" and "<Mevlut" are one context."""
    for side in ("<", ">"):
        if key.startswith(side):
            return side + fold(key[1:])
    if key.startswith("p:"):
        word, _, cap = key[2:].partition(" ")
        return f"p:{word} {fold(cap)}"
    return key


def shift_slip(right: str, wrong: str) -> bool:
    """A shift key held a letter too long: "MArk" for "Mark", "PUblic" for "Public"."""
    return (len(wrong) >= 3 and wrong[0].isupper() and wrong[1].isupper() and right[1:2].islower()
            and any(c.islower() for c in wrong[2:]) and right == wrong[0] + wrong[1].lower() + wrong[2:])


def shared_context(x: "Usage", y: "Usage") -> tuple[str, bool, bool]:
    """(the majority's most used context key that the minority shares, or "";
    whether each side has a telling context)."""
    mine = {_folded(k): k for k in y.context if not k.startswith("t:")}
    best, best_n = "", 0
    theirs = False
    for k, n in x.context.items():
        if k.startswith("t:"):
            continue
        theirs = theirs or n >= 2 or x.files < 4
        if _folded(k) in mine and (n, k) > (best_n, best):
            best, best_n = k, n
    return best, bool(mine), theirs


def related(x: "Usage", y: "Usage") -> Verdict | None:
    """Weigh majority x against minority y: a finding, a house-style question, or nothing."""
    strength, kind = string_strength(x.form, y.form)
    if strength == 0:
        return None
    if strength < 3 and x.form.endswith(WORD_ENDINGS) and y.form.endswith(WORD_ENDINGS):
        return None  # "Banking" and "Baking" are two words
    if x.free <= 0:
        return None  # never capitalised by choice: a sentence-initial word ("Background"), not a name
    slip = shift_slip(x.form, y.form)
    case_only = x.form.lower() == y.form.lower()
    if y.free <= 0 and (case_only or y.foreign) and not slip:
        return None  # "Al-Shabaab, for example," opens a sentence; "Chambre de Commerce" is French
    key, mine, theirs = shared_context(x, y)
    shared = key if key and key[0] in "<>p" else ""
    different = mine and theirs and not key
    if y.foreign and not shared:
        return None  # a word inside a phrase in another language
    short = min(len(x.form), len(y.form))
    if strength == 3:
        if slip:
            return Verdict(x, y, True, "shift key")
        if y.files >= 2:
            return Verdict(x, y, False, "style")  # two established forms: the house decides
        if different:
            return None  # "Anna MacLeod" is not the "Macleod laptop"
        return Verdict(x, y, True, "same letters", shared)
    if kind == "skeleton":
        return Verdict(x, y, False, "style")  # transliterations are the house list's business
    if shared:
        return Verdict(x, y, True, "context", shared)
    if different:
        if kind == "double" and short >= 9:
            return Verdict(x, y, True, "typo")
        return None  # "Carolan Systems Inc" is not a misspelt "North Carolina"
    if key and kind in ("transpose", "double", "h") and short >= 6:
        return Verdict(x, y, True, "context", key)  # the same lowercase word after both
    # No context either way: the spelling alone must say typo. A doubled letter or an h
    # separates real names (Jonatan/Jonathan, Riccardo/Ricardo), so only long names count.
    if strength == 2 and (kind == "transpose" and short >= 7 or kind in ("double", "h") and short >= 9):
        return Verdict(x, y, True, "typo")
    return None
