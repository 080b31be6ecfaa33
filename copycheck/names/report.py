"""The `copycheck names` table: each name with its spellings, and the house-style questions."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .evidence import related, spread
from .pairs import shared_key_pairs
from .repo import MAJORITY_RATIO, MAX_MINORITY_FILES, MIN_MAJORITY_FILES, FileNames, tally


def table(files: Sequence[FileNames], min_files: int = 1) -> list[dict]:
    """Every name with its spellings, files and counts, most used first.

    The same evidence as NM003 groups the spellings, so a row's variants are a finding's or a
    house-style question ("question": true: forms that differ in case or accents, each used in
    several files). Words never capitalised by choice (only sentence-initial or in headlines,
    such as "Background") and ordinary words are not names and are left out.
    """
    t = tally(files)
    names = {form: u for form, u in t.items() if u.free > 0}
    spreads = spread(t)
    parent: dict[str, str] = {}
    question: set[str] = set()

    def root(f: str) -> str:
        while parent.get(f, f) != f:
            f = parent[f]
        return f

    for a, b in shared_key_pairs(sorted(names)):
        x, y = names[a], names[b]
        if (y.files, y.count) > (x.files, x.count):
            x, y = y, x
        v = related(x, y, spreads)
        if v is None or (v.flag and v.reason not in ("same letters", "shift key") and not _outvoted(x, y)):
            continue  # a typo verdict counts where NM003 would report it
        if not v.flag:
            question.add(y.form)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, list] = defaultdict(list)
    for form, u in names.items():
        groups[root(form)].append(u)
    rows = []
    for members in groups.values():
        members.sort(key=lambda u: (-u.files, -u.count, u.form))
        if sum(u.files for u in members) < min_files:
            continue
        rows.append({
            "name": members[0].form,
            "files": members[0].files,
            "count": members[0].count,
            "variants": [{"form": u.form, "files": u.files, "count": u.count, "example": u.example,
                          "question": u.form in question} for u in members[1:]],
        })
    rows.sort(key=lambda r: (not r["variants"], -r["files"], -r["count"], r["name"]))
    return rows


def _outvoted(x, y) -> bool:
    """NM003's file counts: the majority in enough files, and enough more than the minority."""
    return x.files >= MIN_MAJORITY_FILES and y.files <= MAX_MINORITY_FILES and x.files >= MAJORITY_RATIO * y.files
