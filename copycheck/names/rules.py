"""Name spelling: variants within an article, against the house list, and across a run."""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..document import Document
from ..model import Docs, Examples, Fix, Hit, Rule, Severity

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any


def check_name_variants(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag each minority spelling of a name at its span, naming the majority spelling."""
    from .variants import find_run_variants, find_variants

    names = doc.names
    position = doc.position  # source line:col, also for HTML
    hits: list[Hit] = []
    tied: set[tuple[int, int]] = set()
    for minority, majority, count, minority_count in find_run_variants(names):
        line, col = position(majority.start)
        found, want = " ".join(minority.forms), " ".join(majority.forms)
        if count == minority_count:
            # No majority: point at both, with no fix, since either may be right.
            l2, c2 = position(minority.start)
            message = (f"“{want}” (first at {line}:{col}) and “{found}” (first at {l2}:{c2}) each appear "
                       f"{_times(count)} in this article, and neither is known to be right; check which is "
                       "and use one spelling.")
            for run in (minority, majority):
                if (run.start, run.end) not in tied:
                    tied.add((run.start, run.end))
                    hits.append(Hit(run.start, run.end, message, None))
            continue
        hits.append(Hit(
            minority.start, minority.end,
            f"“{found}” is spelled “{want}” elsewhere in this article ({_times(count)}, first at "
            f"{line}:{col}); use one spelling.",
            Fix(minority.start, minority.end, want, safe=False),
        ))
    taken = [(h.start, h.end) for h in hits]
    known = _house_tokens(str(options.get("house", "")))
    flagged: set[tuple[int, int]] = set()

    def flag(start: int, end: int, message: str, fix: Fix | None) -> None:
        if (start, end) in flagged or any(a <= start and end <= b for a, b in taken):
            return
        flagged.add((start, end))
        hits.append(Hit(start, end, message, fix))

    from .context import foreign_at

    for v in find_variants(names):
        if all(foreign_at(names.text, a, b) for a, b in v.minority.spans):
            continue  # "en el Bernabéu" in a Spanish quotation is not a misspelt "Bernabeu"
        line, col = position(v.majority.first)
        major, minor = v.majority, v.minority
        tie = major.count == minor.count
        if tie and (minor.form in known) != (major.form in known):
            # The house list knows one of two tied spellings: that one is right.
            if minor.form in known:
                major, minor = minor, major
            line, col = position(major.first)
            message = (f"“{minor.form}” is spelled “{major.form}” by the house name list and elsewhere in this "
                       f"article ({_times(major.count)}, first at {line}:{col}); use one spelling.")
            for start, end in minor.spans:
                flag(start, end, message, Fix(start, end, major.form, safe=False))
        elif tie:
            # No majority: both spellings are pointed at, with no fix, since either may be right.
            l2, c2 = position(minor.first)
            message = (f"“{major.form}” (first at {line}:{col}) and “{minor.form}” (first at {l2}:{c2}) each appear "
                       f"{_times(major.count)} in this article, and neither is known to be right; check which is "
                       "and use one spelling.")
            for start, end in (*minor.spans, *major.spans):
                flag(start, end, message, None)
        else:
            message = (f"“{minor.form}” is spelled “{major.form}” elsewhere in this article "
                       f"({_times(major.count)}, first at {line}:{col}); use one spelling.")
            for start, end in minor.spans:
                flag(start, end, message, Fix(start, end, major.form, safe=False))
    hits.sort(key=lambda h: (h.start, h.end))
    return iter(hits)


def _house_tokens(path: str) -> frozenset[str]:
    """Every word of the house list's canonical spellings (none without a list)."""
    if not path:
        return frozenset()
    from .house import load

    try:
        return frozenset(tok for e in load(path).entries for tok in e.tokens)
    except (OSError, ValueError):
        return frozenset()  # a bad list is reported once, by NM002's setup


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def check_house_names(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag spellings the house name list writes differently, with the house spelling as fix."""
    from .house import load, resolve

    house = load(resolve(str(options.get("list", "default"))))
    for m in house.matches(doc.names):
        note = f" {m.entry.note}" if m.entry.note else ""
        yield Hit(
            m.start, m.end,
            f"The house spelling is “{m.replacement}”, not “{m.found}”.{note}",
            Fix(m.start, m.end, m.replacement, safe=False),
        )


def check_repository_names(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Nothing per document: the run's report phase compares files (see copycheck.names.repo)."""
    return iter(())


def _check_texts(texts):
    from .repo import check_texts

    return check_texts(texts)


# The test of rule examples checks this rule through the repository phase: each example is
# a set of articles separated by form feeds.
check_repository_names.corpus_check = _check_texts  # type: ignore[attr-defined]


RULES = (
    Rule(
        code="NM001",
        name="name-variant",
        summary="A name spelled two ways in one article, such as “Khodorkovsky” and “Khordokovsky”.",
        severity=Severity.WARNING,
        check=check_name_variants,
        in_quotes=True,
        # The house list (set with --names) decides a tie between two spellings.
        default_options={"house": ""},
        docs=Docs(
            what="Finds proper names that appear in two or more spellings in one article and flags each "
            "minority spelling, naming the majority spelling and where it first appears. It covers "
            "diacritics (Çavuşoğlu/Cavusoglu), case and spacing (PayPal/Paypal, al-Sarraj/Al Sarraj), "
            "typos (Villarreal/Villareal, Matsushita/Matshushita), transliterations backed by context "
            "(Gaddafi/Qaddafi, “Khalifa Hifter”/“Khalifa Haftar”) and multi-word names (“Libya National "
            "Army”/“Libyan National Army”).",
            why="A misspelled name is the error readers notice most, and the one a spell checker cannot "
            "see. The rule weighs the text's evidence before it speaks: short names that differ by one "
            "letter need support (a shared given name, a title such as “Mr”), two forms side by side "
            "(“David Davis”) or with different given names (“Shane Horgan”, “Marcus Horan”) are two "
            "people, and words written in lowercase elsewhere, demonyms and plurals are not names.",
            example="Mikhail Khodorkovsky … Mr Khordokovsky said  ->  Mr Khodorkovsky said",
        ),
        examples=Examples(
            passing=(
                "Shadow home secretary David Davis spoke. Mr Davis said no.",
                "Shane Horgan scored. Marcus Horan was replaced.",
                "Ronald Reagan met Donald Regan. Reagan smiled.",
                "Matthew Upson trained at Upton Park.",
                "Austrian officials met Australian ones.",
                "The Olympics drew former Olympians.",
                "Jennifer Lopez sang. The singer Jenifer also won.",
                "Libyan officials met Libya's envoy.",
                "Hans Christian Andersen wrote tales. Andersen died in 1875.",
                "Police said police had left. Police returned.",
            ),
            failing=(
                "Mikhail Khodorkovsky is in jail. Mr Khordokovsky denies fraud.",
                "Villarreal won. Villarreal lost. Villareal drew.",
                "PayPal said fake Paypal sites were removed. PayPal added more.",
                "WorldCom collapsed. Former Worldcom boss Bernard Ebbers and WorldCom staff.",
                "Mevlüt Çavuşoğlu spoke. Çavuşoğlu said Cavusoglu was misquoted.",
                "Fayez al-Sarraj met envoys. Mr al-Sarraj said Al Sarraj would go.",
                "DaimlerChrysler rose. DaimlerChrysler fell; DaimerChrysler shares fell.",
                "Matsushita makes Panasonic products. Matshushita shares rose. Matsushita said so.",
                "Khalifa Hifter attacked. Forces loyal to Khalifa Haftar regrouped. Khalifa Hifter denied it.",
                "Muammar Gaddafi ruled. Gaddafi died. Col Qaddafi's son spoke.",
                "Col Muammar Gaddafi ruled. Gaddafi died. Col Kadhafi's son spoke.",
                "Mr Hassan Youssef spoke. Youssef agreed. Mr Yusuf left.",
                "Fayez al-Sarraj met envoys. Mr al-Sarraj agreed. Mr Serraj left.",
                "The Libyan National Army advanced. The Libyan National Army fled. The Libya National Army lost.",
                "Susan Illston ruled. Judge Illston said Ilston agrees.",
            ),
            fixes=(
                ("Mikhail Khodorkovsky is in jail. Khodorkovsky met Khordokovsky.",
                 "Mikhail Khodorkovsky is in jail. Khodorkovsky met Khodorkovsky."),
                ("The Libyan National Army advanced. The Libyan National Army fled. The Libya National Army lost.",
                 "The Libyan National Army advanced. The Libyan National Army fled. The Libyan National Army lost."),
            ),
        ),
    ),
    Rule(
        code="NM002",
        name="house-name-spelling",
        summary="A name spelled otherwise than in the house name list (switched on by --names).",
        severity=Severity.WARNING,
        check=check_house_names,
        in_quotes=True,
        enabled_by_default=False,
        default_options={"list": "default"},
        docs=Docs(
            what="Compares the names in an article with a house name list (a TOML file of canonical "
            "spellings, known variants and notes) and flags every spelling the list writes differently, "
            "even when the article is consistent. Variants are also derived: case and diacritics, with "
            "or without “al-”, transliterations that keep the consonants, one-letter typos, and "
            "multi-word names matched word by word.",
            why="A newsroom picks one spelling for a name and keeps it across years of copy; a reader "
            "who sees “Haftar” today and “Hifter” tomorrow wonders whether they are two men.",
            example="Faiez Serraj  ->  Fayez al-Sarraj  (with `--names default`)",
        ),
        examples=Examples(
            passing=("Fayez al-Sarraj met Khalifa Hifter.", "The Libyan National Army advanced.",
                     "He writes Python code.", "Mr Putin met Mr Erdoğan."),
            failing=(
                "Libyan President Faiez Serraj spoke.",
                "Forces of Khalifa Haftar advanced. Haftar said so.",
                "He heads the Libya National Army (LNA).",
                "Turkish minister Mevlut Cavusoglu spoke.",
            ),
            fixes=(("Forces of Khalifa Haftar advanced.", "Forces of Khalifa Hifter advanced."),),
        ),
    ),
    Rule(
        code="NM003",
        name="repository-name-variant",
        cross_file=True,
        summary="A name spelled one way in most files of a run and another way in a few.",
        severity=Severity.WARNING,
        check=check_repository_names,
        in_quotes=True,
        docs=Docs(
            what="When a run checks many files, collects every file's names and flags a spelling used "
            "in a few files when most files spell the name another way (40 articles have “Çavuşoğlu”, one "
            "has “Cavusoglu”). The message cites the majority spelling, its number of files and an "
            "example file. Only strong evidence counts across files: the same letters (case, diacritics, "
            "spacing) or a clear typo (doubled letter, transposed letters) in a long name. A cached index "
            "(`.copycheck-names.json`, written by `copycheck names --write-index`) lets a pre-commit run "
            "that sees only the changed files compare them with the whole repository.",
            why="Each article may be consistent on its own while the archive spells a name two ways; "
            "readers and search engines see the archive.",
            example="a.txt … Çavuşoğlu (40 files); b.txt … Cavusoglu  ->  flagged in b.txt",
        ),
        examples=Examples(
            passing=(
                "Mevlüt Çavuşoğlu spoke.\fÇavuşoğlu met envoys.\fÇavuşoğlu left.\fŞahin Çavuşoğlu arrived.",
                "Andy Roddick won.\fRoddick lost.\fRoddick won.\fA man called Rodick.\fRodick again.",
            ),
            failing=(
                "Mevlüt Çavuşoğlu spoke.\fÇavuşoğlu met envoys.\fÇavuşoğlu left.\fÇavuşoğlu flew home."
                "\fMevlut Cavusoglu arrived.",
            ),
        ),
    ),
)
