"""Word-class evidence for TY004: noun phrases after "it's" that "it is" and "it has" cannot take.

It reads only the lexicon, so the rule's other modules import it without a cycle.
"""
from __future__ import annotations

from ... import lexicon

# Comparatives the lexicon's -er test cannot find: "good" is gradable through "better".
IRREGULAR_GRADABLE = frozenset("good bad far little much many ill well".split())
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten twelve twenty fifty hundred".split())
# Plural nouns that "it is" takes bare: "it's early days", "it's two years since", "it's ages".
BARE_PLURALS = frozenset("years months weeks days hours minutes seconds decades ages miles times points goals "
                         "pounds dollars euros pence cents degrees thanks things people".split())
# After a bare plural, words of a cleft or a comparison: "it's foreign buyers who", "it's more shares than".
CLEFT_AFTER = frozenset("that who which than whom".split())


def gradable(word: str) -> bool:
    """An adjective of quality ("big", "bigger"; "good", "better"): "it's big" is a predicate, and
    "it's happy days", "it's good times" are idioms that "it is" takes."""
    if word in IRREGULAR_GRADABLE:
        return True
    forms = (word + "er", word + "r", word + word[-1:] + "er") + ((word[:-1] + "ier",) if word.endswith("y") else ())
    return any(lexicon.ADJ in lexicon.classes(f) for f in forms)


def _plural_head(word: str) -> bool:
    """A plural noun that is not also a verb's -s form only: "partners", "loans", "subsidiaries"."""
    c = lexicon.classes(word)
    return (lexicon.PLURAL in c and word.endswith("s") and not c.strip("nps") and word not in BARE_PLURALS
            and len(word) > 3)


def _modifier(word: str, first: bool, after_modifier: bool) -> bool:
    """A word that may stand before a noun inside a noun phrase, and that "it is" would not take
    as a predicate before a plural: a classifying adjective ("foreign", "outstanding"), a
    superlative, a noun used as a modifier ("trade"), a number."""
    if word[0].isdigit() or word in NUMBER_WORDS or word == "most":
        return True  # "it's 9370 minicomputers", "it's most recent purchases"
    if not word.isalpha() or word in lexicon.CLOSED:
        return False
    c = lexicon.classes(word)
    if not c:
        return False
    if after_modifier and set(c) & set("dg") and not set(c) & set("r"):
        return True  # after a number or adjective a participle modifies too: "it's two shipping subsidiaries"
    if lexicon.ADJ in c:
        # A quality ("big", "hard") makes a predicate of its own ("it's hard times"); a superlative
        # or a classifying adjective does not ("it's nearest rivals", "it's foreign rivals").
        if word.endswith("est") and len(word) > 4:
            return True
        return not gradable(word) and not set(c) & set("dgr")
    if lexicon.NOUN in c:
        # A noun may modify the head after another modifier ("it's major trade partners"), not
        # first: "it's radio voices" is a predicate.
        return not first and not set(c) & set("dgr")
    return False


def modified_plural_np(tokens: list[tuple[str, str]]) -> bool:
    """Modifiers and a plural noun with no determiner ("it's major trade partners", "it's two
    shipping subsidiaries --", "it's outstanding loans to"): "it is" takes a bare plural only as
    an idiom of quality ("it's early days", "it's hard times") or in a cleft ("it's foreign
    buyers who"), so "it's" there is the possessive."""
    words = [w for w, _ in tokens[:6]]
    if not words or not all(w.islower() or w[0].isdigit() for w in words[:1]):
        return False
    n = 0  # modifiers read
    for k, (word, punct) in enumerate(tokens[:6]):
        if not (word.islower() or word[0].isdigit()):
            return False
        if n >= 1 and _plural_head(word):
            nxt = tokens[k + 1][0].lower() if k + 1 < len(tokens) and not punct else None
            if nxt in CLEFT_AFTER:
                return False
            # A number alone before the plural may be a score or a measure ("it's two goals"); a
            # number counts only with another modifier ("it's two shipping subsidiaries").
            mods = words[:k]
            return not all(m[0].isdigit() or m in NUMBER_WORDS for m in mods)
        prev = words[k - 1] if k else ""
        adjectival = bool(prev) and (prev[0].isdigit() or prev in NUMBER_WORDS or lexicon.ADJ in lexicon.classes(prev))
        if punct or not _modifier(word, n == 0, adjectival):
            return False
        n += 1
    return False
