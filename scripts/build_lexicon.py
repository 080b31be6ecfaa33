#!/usr/bin/env python3
"""Build rules/lexicon.txt, the word-class lexicon TY001 and TY004 read, from lemminflect's data.

Usage: python scripts/build_lexicon.py [OUT [COUNT_OUT]]   (needs `pip install lemminflect`; build time only)

Each line is a lowercase word form, a tab, and its possible classes as letters:
n noun, p plural (or other inflected) noun, a adjective, r adverb, x auxiliary, v verb base form,
s verb -s form, d verb past tense or participle, g verb -ing form. Closed-class words
(articles, pronouns, prepositions, conjunctions) are not in lemminflect; the rules know them.

It also writes rules/count_nouns.txt: the nouns whose only plural is a distinct form ("role" ->
"roles"), read from lemminflect's inflection table. A noun that can also be uncountable has
itself among its plurals there ("war" -> "wars/war", "news" -> "news"), so it is left out.
A bare singular count noun cannot follow "it is" ("it is role" is no English), which TY004 reads.
"""
from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

HEADER = ("# Word classes of English word forms, derived from lemminflect's lemma table (MIT licence);\n"
          "# rebuilt by scripts/build_lexicon.py. Letters: n noun, p inflected noun, a adjective, r adverb,\n"
          "# x auxiliary, v verb base, s verb -s, d verb past/participle, g verb -ing.\n")


def verb_letter(word: str, lemma: str) -> str:
    if word == lemma:
        return "v"
    if word.endswith("ing"):
        return "g"
    if word in (lemma + "s", lemma + "es") or (lemma.endswith("y") and word == lemma[:-1] + "ies"):
        return "s"
    return "d"


def build() -> dict[str, set[str]]:
    import lemminflect

    table = Path(lemminflect.__file__).parent / "resources" / "lemma_lu.csv.gz"
    classes: dict[str, set[str]] = defaultdict(set)
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, pos, lemmas = line.rstrip("\n").split(",", 2)
            if not word.isalpha() or not word.islower():
                continue
            for lemma in lemmas.split("/"):
                if pos == "noun":
                    classes[word].add("n" if word == lemma else "p")
                elif pos == "adj":
                    classes[word].add("a")
                elif pos == "adv":
                    classes[word].add("r")
                elif pos == "aux":
                    classes[word].add("x")
                elif pos == "verb":
                    classes[word].add(verb_letter(word, lemma))
    # A past tense or participle spelt as the base ("come", "hit", "set": "it has come") is
    # a past form too; the lemma table gives such a word only its base form.
    with gzip.open(Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            lemma, pos, *forms = line.rstrip("\n").split(",")
            if pos == "verb" and lemma in classes and len(forms) >= 2 and lemma in "/".join(forms[:2]).split("/"):
                classes[lemma].add("d")
    return classes


COUNT_HEADER = ("# Count-only nouns: singular forms whose plural is always a distinct form, derived from\n"
                "# lemminflect's inflection table (MIT licence); rebuilt by scripts/build_lexicon.py.\n")


def count_nouns() -> list[str]:
    """Singular nouns that are countable only: no uncountable use in lemminflect's inflection table."""
    import lemminflect

    table = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
    out = set()
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        for line in fh:
            lemma, pos, forms = line.rstrip("\n").split(",", 2)
            if pos != "noun" or not lemma.isalpha() or not lemma.islower():
                continue
            plurals = forms.split("/")
            if lemma not in plurals and all(f and f != lemma for f in plurals):
                out.add(lemma)
    return sorted(out)


def main() -> None:
    rules = Path(__file__).resolve().parent.parent / "rules"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else rules / "lexicon.txt"
    count_out = Path(sys.argv[2]) if len(sys.argv) > 2 else rules / "count_nouns.txt"
    nouns = count_nouns()
    with open(count_out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(COUNT_HEADER)
        fh.writelines(f"{w}\n" for w in nouns)
    print(f"{len(nouns)} count nouns -> {count_out}")
    classes = build()
    order = "npvsdgaxr"
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        for word in sorted(classes):
            fh.write(f"{word}\t{''.join(c for c in order if c in classes[word])}\n")
    print(f"{len(classes)} words -> {out}")


if __name__ == "__main__":
    main()
