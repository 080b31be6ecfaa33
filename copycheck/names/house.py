"""The house name list: canonical spellings from a TOML file, matched with derived variants."""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterator

from .candidates import Names
from .spelling import _is_derivation, _osa, core, skeleton

DEFAULT = "default"
RULE_NAME = "house-name-spelling"
VARIANT_RULE = "name-variant"  # NM001, whose ties the house list decides
FILENAME = "names.toml"


@dataclass(frozen=True)
class Entry:
    """One house spelling: the canonical form, known variants and an optional note."""

    canonical: str
    variants: tuple[str, ...] = ()
    note: str = ""

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.canonical.split())


@dataclass(frozen=True)
class HouseMatch:
    """A spelling in a document that the house list writes differently."""

    start: int
    end: int
    found: str
    replacement: str
    entry: Entry


@dataclass(frozen=True)
class HouseList:
    """Every entry of a house list, with a lookup index built once per list."""

    path: str
    entries: tuple[Entry, ...]

    def matches(self, names: Names) -> Iterator[HouseMatch]:
        """Spellings in the document's name runs that differ from the house spelling."""
        return _match(self, names)


@lru_cache(maxsize=1)
def default_path() -> Path:
    """The shipped example list: package copycheck.rules, or rules/ in a source checkout."""
    try:
        from importlib.resources import files

        path = files("copycheck.rules") / FILENAME
        if path.is_file():
            return Path(str(path))
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent.parent / "rules" / FILENAME


def resolve(spec: str) -> str:
    """Turn a --names value ("default" or a path) into a file path."""
    return str(default_path()) if spec == DEFAULT else spec


def with_house_list(settings, spec: str | None):
    """Settings with NM002 switched on and pointed at a house list (--names, or a `names` setting)."""
    from dataclasses import replace

    spec = spec or getattr(settings, "names", None)
    if not spec:
        return settings
    path = resolve(spec)
    load(path)  # a bad list is a usage error now, not a rule failure in every file
    options = {**settings.rules, RULE_NAME: {**settings.rules.get(RULE_NAME, {}), "list": path},
               VARIANT_RULE: {**settings.rules.get(VARIANT_RULE, {}), "house": path}}
    return replace(settings, extend_select=(*settings.extend_select, "NM002"), rules=options)


@lru_cache(maxsize=8)
def load(path: str) -> HouseList:
    """Parse and check a house list; raises ValueError with the file name on any problem."""
    from ..tomlfile import load_toml

    data = load_toml(path, "name list")
    raw = data.get("name", [])
    if not isinstance(raw, list):
        raise ValueError(f"name list {path}: [[name]] entries expected")
    entries = []
    for i, item in enumerate(raw, 1):
        canonical = item.get("canonical") if isinstance(item, dict) else None
        variants = item.get("variants", []) if isinstance(item, dict) else []
        note = item.get("note", "") if isinstance(item, dict) else ""
        if not isinstance(canonical, str) or not canonical.strip():
            raise ValueError(f"name list {path}: entry {i} needs a canonical string")
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise ValueError(f"name list {path}: entry {i} ({canonical}): variants must be a list of strings")
        if not isinstance(note, str):
            raise ValueError(f"name list {path}: entry {i} ({canonical}): note must be a string")
        entries.append(Entry(" ".join(canonical.split()), tuple(" ".join(v.split()) for v in variants), note))
    return HouseList(os.fspath(path), tuple(entries))


def _similar(a: str, b: str, multi: bool) -> bool:
    """Could a be the house token b spelled another way (derived variants)?"""
    ca, cb = core(a), core(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True  # case, diacritics, spacing, with or without "al-"
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and (multi or len(sa) >= 3 and _osa(ca, cb) <= 2):
        return True  # transliteration: Haftar/Hifter, Serraj/Sarraj, Faiez/Fayez (not Python/Putin)
    if multi and _is_derivation(ca, cb):
        return True  # "Libya National Army" for "Libyan National Army"
    return ca[0] == cb[0] and min(len(ca), len(cb)) >= 5 and _osa(ca, cb) <= 1


@lru_cache(maxsize=8)
def _index(house: HouseList) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]], dict[str, tuple[Entry, ...]]]:
    """Entries by the keys of their last word (derived matches) and by fold of each variant.

    The third dict memoises each word's candidate entries: a run sees the same capitalised
    words in every article, and deriving their keys is most of the matching work.
    """
    by_last: dict[str, list[Entry]] = defaultdict(list)
    exact: dict[str, list[Entry]] = defaultdict(list)
    for e in house.entries:
        last = e.tokens[-1]
        for key in {"c:" + core(last), "s:" + skeleton(last)} | {"d:" + d for d in _dels(core(last))}:
            by_last[key].append(e)
        for v in e.variants:
            exact[v].append(e)
    return by_last, exact, {}


def _candidates(by_last: dict[str, list[Entry]], memo: dict[str, tuple[Entry, ...]], word: str) -> tuple[Entry, ...]:
    """Entries whose last word shares a key with word, longest entries first (memoised per word)."""
    got = memo.get(word)
    if got is None:
        keys = {"c:" + core(word), "s:" + skeleton(word)} | {"d:" + d for d in _dels(core(word))}
        cands = {id(e): e for k in keys for e in by_last.get(k, ())}.values()
        got = tuple(sorted(cands, key=lambda e: -len(e.tokens)))
        if len(memo) < 200_000:
            memo[word] = got
    return got


def _dels(c: str) -> set[str]:
    return {c} | {c[:k] + c[k + 1:] for k in range(len(c))} if len(c) >= 5 else {c}


def _match(house: HouseList, names: Names) -> Iterator[HouseMatch]:
    by_last, exact, memo = _index(house)
    text_runs = names.runs
    for start, _, forms in text_runs:
        if len(forms) == 1 and forms[0] not in exact and not _candidates(by_last, memo, forms[0]):
            continue  # most runs: one word that no entry could match
        # Offsets of each word in the run, recovered from the run's start and single spaces.
        starts, pos = [], start
        for f in forms:
            starts.append(pos)
            pos += len(f) + 1
        covered = -1
        for j, word in enumerate(forms):
            found = None
            # Known variants first, longest first: they may span several words.
            for n in range(min(len(forms), 5), 0, -1):
                i = j - n + 1
                if i < 0 or i <= covered:
                    continue
                phrase = " ".join(forms[i:j + 1])
                if phrase in exact:
                    e = exact[phrase][0]
                    found = HouseMatch(starts[i], starts[j] + len(word), phrase, e.canonical, e)
                    break
            if found is None:
                for e in _candidates(by_last, memo, word):
                    toks = e.tokens
                    n = len(toks)
                    i = j - n + 1
                    if n > 1 and i >= 0 and i > covered and all(
                        _similar(forms[i + k], toks[k], True) for k in range(n)
                    ):
                        phrase = " ".join(forms[i:j + 1])
                        if phrase != e.canonical:
                            found = HouseMatch(starts[i], starts[j] + len(word), phrase, e.canonical, e)
                        else:
                            covered = j
                        break
                    last = toks[-1]
                    if (j > covered and not names.is_common(last) and len(core(last)) >= 4
                            and _similar(word, last, False) and word != last):
                        found = HouseMatch(starts[j], starts[j] + len(word), word, last, e)
                        break
            if found is not None:
                covered = j
                yield found
