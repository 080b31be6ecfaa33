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


class _Lexicon:
    """The sorted lexicon text, searched by bisection until enough words are asked for to pay for a dict."""

    # Building the dict of 60,000 forms costs ~13 ms; one article asks for a handful of words,
    # which bisection answers in microseconds, so a one-file pre-commit run never pays for it.
    DICT_AFTER = 400

    def __init__(self, text: str) -> None:
        start = 0
        while text.startswith("#", start):  # the header's comment lines
            start = text.index("\n", start) + 1
        self._text = text if text.endswith("\n") else text + "\n"
        self._start = start
        self._memo: dict[str, str] = {}
        self._full = False

    def get(self, word: str) -> str:
        memo = self._memo
        found = memo.get(word)
        if found is None:
            if self._full:
                return ""
            if len(memo) >= self.DICT_AFTER:
                self._build()
                # _build binds a new dict: the local name still holds the old memo, which lacks the word.
                return self._memo.get(word, "")
            found = memo[word] = self._bisect(word)
        return found

    def _bisect(self, word: str) -> str:
        text, lo, hi = self._text, self._start, len(self._text)
        while lo < hi:  # lo and hi are always at line starts
            line_start = text.rfind("\n", lo, (lo + hi) // 2) + 1 or lo
            line_end = text.index("\n", line_start)
            form, _, letters = text[line_start:line_end].partition("\t")
            if word < form:
                hi = line_start
            elif word > form:
                lo = line_end + 1
            else:
                return letters
        return ""

    def _build(self) -> None:
        # Split in C: the body alternates word, tab, letters, newline.
        parts = self._text[self._start:-1].replace("\t", "\n").split("\n")
        self._memo = dict(zip(parts[0::2], parts[1::2]))
        self._full = True


@lru_cache(maxsize=1)
def _table() -> _Lexicon:
    """The lexicon, read on first use only."""
    import os

    from .packs import builtin_folder

    with open(os.path.join(builtin_folder(), "lexicon.txt"), encoding="utf-8") as fh:
        return _Lexicon(fh.read())


def _read_word_list(name: str) -> frozenset[str]:
    """A one-word-per-line list in rules/, # lines being comments."""
    import os

    from .packs import builtin_folder

    with open(os.path.join(builtin_folder(), name), encoding="utf-8") as fh:
        text = fh.read()
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _count_nouns() -> frozenset[str]:
    """The count-only nouns, read on first use only (a document with a bare noun after "it's")."""
    return _read_word_list("count_nouns.txt")


def count_only(word: str) -> bool:
    """True for a singular noun that is countable only ("role", "auditor"; not "war", "news"),
    which cannot stand bare after "it is"."""
    return word in _count_nouns()


@lru_cache(maxsize=1)
def _bare_complements() -> frozenset[str]:
    """The nouns "it is" takes bare, read on first use only (a noun and a preposition after "it's")."""
    return _read_word_list("bare_complements.txt")


def bare_complement(word: str) -> bool:
    """True for a noun that may follow "it is" with no determiner ("it's war", "it's evidence of")."""
    return word in _bare_complements()


def classes(word: str) -> str:
    """The class letters of a lowercase word form; "" for an unknown word or a closed-class word."""
    return _table().get(word)


def compound_head(word: str) -> str:
    """For a word the lexicon lacks, the right-hand noun of a closed compound ("warships" ->
    "ships", "chairwoman" -> "woman"): English compounds take their head's class. "" if none."""
    if classes(word) or len(word) < 6 or not word.isalpha():
        return ""
    for k in range(3, len(word) - 2):
        left, right = word[:k], word[k:]
        if set(classes(right)) & set("np") and classes(left):
            return right
    return ""


def can_head_noun_phrase(word: str) -> bool:
    """True for a noun or adjective form: a word that can follow a possessive such as "its"."""
    c = classes(word)
    return NOUN in c or PLURAL in c or ADJ in c
