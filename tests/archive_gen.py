"""An invented news archive, generated from a seed: desks of short articles with typical slips.

Every sentence is made up here from word lists; names come in majority and minority spellings
so the cross-file name rule (NM003) has something to find, and a few articles leave NM001 a tie
that the archive's majority settles.
"""
from __future__ import annotations

import random
from pathlib import Path

DESKS = ("business", "politics", "sport", "culture")
# (majority spelling, minority spelling): the minority turns up in a file or two.
NAMES = (
    ("Dragomir Velikovsky", "Dragomir Welikovsky"),
    ("Ingrid Halvorsen", "Ingrid Halvorssen"),
    ("Tomasz Wieczorek", "Tomasz Wieczoreck"),
    ("Amaru Quispetupa", "Amaru Quispeputa"),
    ("Zeynep Karaağaç", "Zeynep Karaagac"),
    ("Oluwaseun Adebayor", "Oluwaseun Adebayorr"),
)
# An article that spells a name once each way, a tie NM001 leaves open and the archive settles
# (its majority spelling is right; the other gets a fix).
TIES = (("Halvorsen", "Halvorssen"), ("Wieczorek", "Wieczoreck"))
TIE_LINE = "The minister said {} would attend. Officials confirmed {} would not speak."
PLACES = ("Norhaven", "Castelbrook", "Mirevale", "Port Ellison", "Kestrel Bay")
SUBJECTS = ("The council", "The minister", "A spokesperson", "The company", "The coach", "The committee")
VERBS = ("said", "announced", "confirmed", "denied", "suggested", "reported")
OBJECTS = ("a new budget plan", "record profits", "the transfer", "fresh talks", "a delay to the project",
           "plans for a museum", "the final squad")
SLIPS = (
    "The the board met on Tuesday.",                 # doubled word
    "It's shares fell by a third.",                  # its/it's
    "The firm said it will expand , officials said.",  # space before comma
    "He said \"we will win\u201d on Sunday.",          # mixed quotes
    "Revenue rose to $5m in the the first quarter.",
    "The ceo met the UN envoy.",
)


def article(rng: random.Random, names: list[str], place: str, slips: int) -> str:
    """A headline line, then paragraphs of invented sentences, one paragraph per line."""
    lines = [f"{rng.choice(SUBJECTS).split()[-1].title()} in {place} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"]
    for _ in range(rng.randint(3, 6)):
        sents = []
        for _ in range(rng.randint(2, 4)):
            who = rng.choice(names) if names and rng.random() < 0.5 else rng.choice(SUBJECTS)
            sents.append(f"{who} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {place}.")
        lines.append(" ".join(sents))
    for _ in range(slips):
        lines.insert(rng.randint(1, len(lines)), rng.choice(SLIPS))
    return "\n".join(lines) + "\n"


def generate(root: Path, files: int = 300, seed: int = 13) -> list[Path]:
    """Write `files` invented articles under root/<desk>/; return their paths."""
    rng = random.Random(seed)
    out = []
    minority_left = {minor: 2 for _, minor in NAMES}
    ties = list(TIES)
    for i in range(files):
        desk = DESKS[i % len(DESKS)]
        chosen = []
        for major, minor in rng.sample(NAMES, 2):
            if minority_left[minor] and rng.random() < 0.05:
                minority_left[minor] -= 1
                chosen.append(minor)
            else:
                chosen.append(major)
        text = article(rng, chosen, rng.choice(PLACES), rng.choice((0, 0, 1, 2)))
        if ties and i % 50 == 17 and not any(w in text for w in ties[0]):
            text += TIE_LINE.format(*ties.pop(0)) + "\n"
        path = root / desk / f"story-{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out
