"""Word classes of English words, read lazily from rules/lexicon.txt (built from lemminflect).

Only rules that meet an ambiguous word load it, once per process; lookups are dictionary reads.
Closed-class words (articles, pronouns, prepositions, conjunctions) are listed here by hand,
since they are a fixed part of the grammar, not vocabulary.
"""
from __future__ import annotations

from functools import lru_cache

NOUN, PLURAL, VERB, VERB_S, PAST, ING, ADJ, AUX, ADV = "npvsdgaxr"

DETERMINERS = frozenset(
    "a an the this that these those my your his her our their its some any no every each either neither "
    "another such what which whose whatever".split()
)
PRONOUNS = frozenset(
    "i me you he him she it we us they them myself yourself himself herself itself ourselves themselves "
    "everyone everybody someone somebody anyone anybody nobody everything something anything nothing "
    "mine yours hers ours theirs".split()
)
OBJECT_PRONOUNS = frozenset("me you him her it us them".split())
PREPOSITIONS = frozenset(
    "of to in on at by for from with about into onto over under after before during against between "
    "among amid through throughout without within across behind beyond near like than as upon via "
    "towards toward despite since until till around along off out up down".split()
)
CONJUNCTIONS = frozenset("and or but nor yet because if when while although though unless whether where".split())
CLOSED = DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """word -> class letters; about 60,000 forms, read on first use only."""
    from .packs import builtin_dir

    text = builtin_dir().joinpath("lexicon.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line and line[0] != "#":
            word, _, classes = line.partition("\t")
            table[word] = classes
    return table


def classes(word: str) -> str:
    """The class letters of a lowercase word form; "" for an unknown word or a closed-class word."""
    return _table().get(word, "")


def can_head_noun_phrase(word: str) -> bool:
    """True for a noun or adjective form: a word that can follow a possessive such as "its"."""
    c = classes(word)
    return NOUN in c or PLURAL in c or ADJ in c
