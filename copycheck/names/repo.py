"""Names across a run (NM003): per-file summaries, their merge, the verdicts, and the findings.

The API the runner, the CLI and a map/reduce over an archive share:
- collect(doc, path) -> FileNames: one file's summary (counts and context per spelling, no spans);
- merge(run, index) -> list[FileNames]: the run's files plus a committed index's other files;
- tally(files) -> Tally and combine(a, b) -> Tally: spelling totals, associative, so partial
  tallies of an archive can be reduced in any grouping; RunTally, a tally built as results arrive;
- verdicts(tally) -> {minority spelling: Verdict}: which spellings are another's variant;
- positions(forms, path) -> {spelling: spans}: the narrow second pass, exact spans of the few
  flagged spellings, read again from the file (and whether the majority is in it too);
- attribute(verdicts, run_paths) -> [RepoVariant]: the narrow pass over the run's files;
- run_index(run_paths) -> the committed index's files (and notes on an index that cannot be read);
- file_findings(doc, path, variants, rule) -> one file's NM003 findings and the lines they cite;
- settle_ties(results, tally) -> results with NM001 ties the repository decides settled;
- add_findings(results, ruleset, index_path) -> results with NM003 findings added (all of the above).
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict, namedtuple
from itertools import chain
from operator import itemgetter, not_
from dataclasses import dataclass, field, replace
from collections.abc import Callable, Iterable, Mapping, Sequence

from .context import FileNames, SpellingCounts, file_spellings
from .index import INDEX_FILE, find_index, load_index, norm, norms, write_index
from .evidence import Verdict, _folded, related
from ..lazyre import compile as compile_re  # re.compile, from kept code (lazyre)

__all__ = ["CODE", "INDEX_FILE", "FileNames", "RunTally", "SpellingCounts", "Usage", "Verdict", "add_findings", "attribute",
           "check_texts", "collect", "combine", "file_findings", "find", "load_index", "merge", "positions",
           "run_index", "settle_ties", "tally", "verdicts", "write_index"]

CODE = "NM003"
# A majority needs this many files, and this many times the minority's files.
MIN_MAJORITY_FILES = 3
MAJORITY_RATIO = 4
MAX_MINORITY_FILES = 3
# Paths kept per spelling: enough to name every file of a minority, and an example.
MAX_PATHS = MAX_MINORITY_FILES + 1


def collect(doc, path: str | None = None) -> FileNames:
    """The name summary of one document: every name-like spelling's counts and context."""
    return FileNames(path or doc.path, file_spellings(doc.names))


# Spellings whose pair keys this process (a --jobs worker) has sent with a result (with_pair_keys).
_SENT: set[str] = set()


def start_run() -> None:
    """Forget what this process sent: a new run's tally has none of it (a second run in one process)."""
    _SENT.clear()


def with_pair_keys(names: FileNames) -> FileNames:
    """names with the pair keys of its spellings not sent before from this process (a worker):
    computed here, beside the checks, they spare the main process computing them cold."""
    from .pairs import _pair_keys

    sent = _SENT
    new = [s.form for s in names.forms if s.form not in sent]
    if not new:
        return names
    sent.update(new)
    return FileNames(names.path, names.forms, tuple(zip(new, map(_pair_keys, new))))


def merge(run: Sequence[FileNames], index: Sequence[FileNames]) -> list[FileNames]:
    """The run's files plus the index's other files (a file in the run replaces its index entry)."""
    if not index:
        return list(run)  # nothing to replace (and no path of the run need be made absolute)
    seen = {norm(f.path) for f in run}
    return [*run, *(f for f in index if norm(f.path) not in seen)]


@dataclass
class Usage:
    """One spelling across files: files, uses, headline or sentence-initial and foreign uses, context."""

    form: str
    files: int = 0
    count: int = 0
    initial: int = 0
    foreign: int = 0
    context: Counter = field(default_factory=Counter)  # context key -> files that use it
    paths: tuple[str, ...] = ()  # the first MAX_PATHS files, sorted

    @property
    def example(self) -> str:
        return self.paths[0] if self.paths else ""

    @property
    def free(self) -> int:
        """Uses whose capital is the writer's choice: not opening a sentence, not in a headline or foreign phrase."""
        return self.count - self.initial - self.foreign


Tally = dict  # spelling -> Usage


def tally(files: Iterable[FileNames]) -> Tally:
    """Total each spelling over files (the map step's output; reduce with combine)."""
    return _tally_into({}, files)


def _tally_into(out: Tally, files: Iterable[FileNames], warm: Callable[[str], object] | None = None,
                keys: dict[str, int] | None = None) -> Tally:
    """Add files to a tally, in order (tally's loop, shared with RunTally); warm(form) sees each new
    spelling, and keys, if given, counts the spellings each context key stands beside (as spread
    does; with warm, each new key is folded as spread will)."""
    get = out.get
    counter = _empty_counter
    for f in files:
        path = f.path
        for form, count, initial, foreign, context in f.forms:
            u = get(form)
            if u is None:
                # A new spelling: its totals are this file's (and Counter() runs two Python calls).
                ctx = counter()
                for k, _ in context:
                    n = ctx.get(k)
                    if n is not None:
                        ctx[k] = n + 1  # a key listed twice (a hand-made summary)
                        continue
                    ctx[k] = 1
                    if keys is not None:
                        m = keys.get(k)
                        if m is None:  # a spelling beside it for the first time
                            keys[k] = 1
                            if warm is not None:
                                _folded(k)  # as spread will (cached), while workers check the rest
                        else:
                            keys[k] = m + 1
                out[form] = Usage(form, 1, count, initial, foreign, ctx, (path,))
                if warm is not None:
                    warm(form)
                continue
            u.files += 1
            u.count += count
            if initial:
                u.initial += initial
            if foreign:
                u.foreign += foreign
            if context:
                ctx = u.context
                if keys is None:
                    for k, _ in context:
                        ctx[k] = ctx.get(k, 0) + 1
                else:
                    for k, _ in context:
                        n = ctx.get(k)
                        if n is None:  # a spelling beside it for the first time
                            ctx[k] = 1
                            m = keys.get(k)
                            if m is None:
                                keys[k] = 1
                                if warm is not None:
                                    _folded(k)  # as spread will (cached), while workers check the rest
                            else:
                                keys[k] = m + 1
                        else:
                            ctx[k] = n + 1
            paths = u.paths
            if len(paths) < MAX_PATHS:
                u.paths = (*paths, path) if not paths or path > paths[-1] else tuple(sorted((*paths, path)))
            elif path < paths[-1]:
                u.paths = tuple(sorted((*paths[:-1], path)))  # the smallest paths, as combine keeps
    return out


def _empty_counter() -> Counter:
    """Counter(), without its __init__ and update (two Python calls per spelling tallied)."""
    return dict.__new__(Counter)


class RunTally:
    """The tally of a run's results, built as they arrive (in order), while workers check the rest.

    The report phase after the workers then starts from it (add_findings), with the spellings'
    pair keys already computed: on a parallel run that work overlaps the checking. Results are
    tallied CHUNK at a time: between two results a whole file is checked, which leaves little
    of the tally in the processor's caches, and one file at a time that made the same loop
    about twice as slow (BBC --jobs 1: ~0.30 s, ~0.24 s by chunks). It also counts the spellings
    beside each context key and folds each new key, so the report phase's spread() is a short
    sum rather than a count and a fold of every key after the workers.
    """

    CHUNK = 64

    def __init__(self) -> None:
        self._tally: Tally = {}
        self._keys: dict[str, int] = {}  # context key -> spellings beside it, for spread()
        self._pending: list[FileNames] = []
        self._warmed = False  # whether every spelling tallied has its pair keys
        self.pair_keys: dict[str, tuple[tuple[str, ...], str]] = {}  # sent by workers (FileNames.pair_keys)
        self.files = 0  # results with a name summary, added in order

    @property
    def tally(self) -> Tally:
        """The tally of every result added so far."""
        self._flush()
        return self._tally

    def add(self, result: object) -> None:
        """Add one result's name summary (a FileResult; one without names is skipped)."""
        names = getattr(result, "names", None)
        if names is None:
            return
        self.files += 1
        self._pending.append(names)
        if names.pair_keys:
            self.pair_keys.update(names.pair_keys)
        if len(self._pending) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        """Tally the results added since the last flush; past MIN_MAJORITY_FILES files (when
        verdicts will be weighed), compute each new spelling's pair keys, as verdicts will."""
        if not self._pending:
            return
        from .pairs import _pair_keys

        t = self._tally
        warm = None
        if self.files > MIN_MAJORITY_FILES and len(t) < MAX_WARMED:
            sent = self.pair_keys
            # With workers' keys, a spelling none sent is left to verdicts: a C call per new
            # spelling, not a Python one (its result only says the spelling was seen).
            warm = _pair_keys if not sent else sent.__contains__
        if warm is not None and not self._warmed:
            for form in t:  # spellings tallied before verdicts were known to be weighed
                warm(form)
            self._warmed = True
        _tally_into(t, self._pending, warm, self._keys)
        self._pending = []

    def add_files(self, files: Iterable[FileNames]) -> Tally:
        """Add files after the run's results (the index's other files), and return the tally."""
        self._flush()
        return _tally_into(self._tally, files, None, self._keys)

    def spread(self) -> dict[str, int]:
        """evidence.spread of the tally, from the context keys counted as results were tallied."""
        self._flush()
        out: dict[str, int] = {}
        for k, n in self._keys.items():
            f = _folded(k)
            out[f] = out.get(f, 0) + n
        return out


# Pair keys computed ahead of the report phase are kept by _pair_keys' cache: no more than it holds.
MAX_WARMED = 60_000


def combine(a: Tally, b: Tally) -> Tally:
    """Two tallies as one (a new dict; associative and commutative)."""
    out: Tally = {}
    for t in (a, b):
        for form, u in t.items():
            v = out.get(form)
            if v is None:
                out[form] = Usage(form, u.files, u.count, u.initial, u.foreign, Counter(u.context), u.paths)
                continue
            v.files += u.files
            v.count += u.count
            v.initial += u.initial
            v.foreign += u.foreign
            v.context.update(u.context)
            v.paths = tuple(sorted({*v.paths, *u.paths}))[:MAX_PATHS]
    return out


def verdicts(t: Tally, spreads: dict[str, int] | None = None,
             pair_keys: Mapping[str, tuple[tuple[str, ...], str]] | None = None) -> dict[str, Verdict]:
    """Each minority spelling that another spelling's files outvote, with the evidence (NM003).

    spreads: evidence.spread(t), if known (RunTally.spread); else computed when first needed.
    pair_keys: pairs._pair_keys of some spellings, if known (sent by workers: RunTally.pair_keys).

    The pairs weighed are those pairs.shared_key_pairs(sorted(t), majorities) yields, found
    from the majorities' keys (there are few of them) rather than by indexing every key, and
    only those whose spellings may_flag: related gives no finding for the others. A pair's
    verdict does not depend on the order pairs are weighed in; only which of two equally used
    majorities wins a minority does (the first, in shared_key_pairs' order): on such a tie
    the verdicts are weighed again in that order (_verdicts_in_order).
    """
    from itertools import compress

    from .evidence import Letters, context_index, near_cores, spread, weigh
    from .pairs import MAX_KEY_FORMS, _pair_keys

    # A majority has more files than any minority may (MAJORITY_RATIO times one, at least), so
    # only pairs of a spelling above MAX_MINORITY_FILES with one at or below it can count.
    majors, minors = [], []
    for form, u in t.items():
        (majors if u.files > MAX_MINORITY_FILES else minors).append(form)
    # The majorities' keys: nearly every one belongs to one majority, so a dict comprehension
    # maps them (in C, near enough) and only the keys of several are listed in a loop.
    major_pk = _keys_of(majors, pair_keys, _pair_keys)
    major_keys = list(map(_first, major_pk))
    owner = {k: form for form, ks in zip(majors, major_keys) for k in ks}
    by_key: dict[str, list[str]] = {}
    if len(owner) < sum(map(len, major_keys)):
        several = {k for k, n in Counter(chain.from_iterable(major_keys)).items() if n > 1}
        for form, ks in zip(majors, major_keys):
            if not several.isdisjoint(ks):
                for k in several.intersection(ks):
                    by_key.setdefault(k, []).append(form)
    # Each minority under the majorities' keys it has; most have none, which C tells.
    minor_pk = _keys_of(minors, pair_keys, _pair_keys)
    minor_keys = list(map(_first, minor_pk))
    hit = list(map(not_, map(owner.keys().isdisjoint, minor_keys)))
    # The pair keys of every spelling a pair may have: (keys, core), the keys opening with
    # "f:" + fold(form), so may_flag's core and fold need not be computed again.
    known = dict(zip(majors, major_pk))
    known.update(zip(compress(minors, hit), compress(minor_pk, hit)))
    hits: dict[str, list[str]] = {}
    for form, ks in zip(compress(minors, hit), compress(minor_keys, hit)):
        for k in owner.keys() & ks:
            got = hits.get(k)
            if got is None:
                hits[k] = [form]
            else:
                got.append(form)
    # A key counts when 2 to MAX_KEY_FORMS spellings share it (shared_key_pairs' rule): each
    # of its majorities with each of its minorities, gathered per majority, so that what a
    # majority brings to its pairs (its counts, keys and context) is looked up once.
    by_major: dict[str, set[str]] = {}
    for k, ys in hits.items():
        xs = by_key.get(k) or (owner[k],)
        if len(xs) + len(ys) <= MAX_KEY_FORMS:
            for a in xs:
                got = by_major.get(a)
                if got is None:
                    by_major[a] = set(ys)
                else:
                    got.update(ys)
    letters = None
    best: dict[str, Verdict] = {}
    for a, bs in by_major.items():  # in no set order: see the docstring
        x = t[a]
        if x.files < MIN_MAJORITY_FILES:
            continue
        ka, ca = known[a]
        fa = ka[0]
        xi = None  # x's context by folded key, built for its first pair weighed
        for b in bs:
            y = t[b]  # y.files <= MAX_MINORITY_FILES < x.files
            if x.files < MAJORITY_RATIO * y.files:
                continue
            kb, cb = known[b]
            if not (ca == cb or fa == kb[0] or near_cores(ca, cb)):  # evidence.may_flag(a, b)
                continue
            if spreads is None:
                spreads = spread(t)  # built once, only when a pair is weighed
            if letters is None and y.files == 1 and x.files >= 10:
                # Built once, only when a pair may need it, from the folds the pair keys begin with
                # ("f:" + fold(form)): a main process beside --jobs workers has folded few spellings.
                letters = Letters(t, [ks[0][2:] for ks in chain(major_keys, minor_keys)])
            if xi is None:
                xi = context_index(x)
            v = weigh(x, y, spreads, letters, xi)  # may_flag passed just above
            if v is None or not v.flag:
                continue
            old = best.get(y.form)
            if old is not None and (x.files, x.count) == (old.majority.files, old.majority.count):
                return _verdicts_in_order(t)  # which of the two wins depends on the order of the pairs
            if old is None or (x.files, x.count) > (old.majority.files, old.majority.count):
                best[y.form] = v
    return dict(sorted(best.items()))


_first = itemgetter(0)


def _keys_of(forms: list[str], known: Mapping | None, compute: Callable[[str], tuple]) -> list[tuple]:
    """The spellings' pair keys: known (sent by workers), else computed (looked up in C while all are known)."""
    if not known:
        return list(map(compute, forms))
    got = list(map(known.get, forms))
    if None in got:  # a spelling no worker sent
        got = [keys or compute(form) for form, keys in zip(forms, got)]
    return got


def _verdicts_in_order(t: Tally) -> dict[str, Verdict]:
    """verdicts, weighing every pair in shared_key_pairs' order (the first of two equal majorities wins)."""
    from .evidence import Letters, spread
    from .pairs import shared_key_pairs

    majorities = {form for form, u in t.items() if u.files > MAX_MINORITY_FILES}
    spreads = None
    letters = None
    best: dict[str, Verdict] = {}
    for a, b in shared_key_pairs(sorted(t), majorities):
        x, y = t[a], t[b]
        if (y.files, y.count) > (x.files, x.count):
            x, y = y, x
        if x.files < MIN_MAJORITY_FILES or y.files > MAX_MINORITY_FILES or x.files < MAJORITY_RATIO * y.files:
            continue
        if spreads is None:
            spreads = spread(t)  # built once, only when a pair is weighed
        if letters is None and y.files == 1 and x.files >= 10:
            letters = Letters(t)  # built once, only when a pair may need it
        v = related(x, y, spreads, letters)
        if v is None or not v.flag:
            continue
        old = best.get(y.form)
        if old is None or (x.files, x.count) > (old.majority.files, old.majority.count):
            best[y.form] = v
    return best


def positions(forms: Iterable[str], path: str, doc=None) -> tuple[dict[str, tuple[tuple[int, int], ...]], set[str]]:
    """The narrow second pass: exact spans of the given spellings in one file, and which are present.

    Reads the file again (or uses doc), so spans match the text as it is now (after --fix).
    Returns ({spelling: spans} for the asked spellings found, every name-like spelling present).
    """
    if doc is None:
        from ..files import Source, read

        doc = read(Source(path, path))
    if not hasattr(doc, "names"):
        return {}, set()  # unreadable now
    names = doc.names
    present = set(names.index)
    return {f: names.spans(f) for f in forms if f in present}, present


class RepoVariant(namedtuple("RepoVariant", "path form spans verdict")):
    """A spelling (form) used in a few files where most files write the name another way: in the
    file at path, at spans, judged by verdict (a named tuple, not a frozen dataclass: see
    context.FormStats)."""

    __slots__ = ()

    @property
    def majority(self) -> str:
        return self.verdict.majority.form


def find(files: Sequence[FileNames], docs: Mapping[str, object] | None = None,
         run_paths: Iterable[str] | None = None) -> list[RepoVariant]:
    """Minority spellings across files, with spans, for the files of the run (all files by default)."""
    if len(files) <= MIN_MAJORITY_FILES:
        return []  # a majority's files plus a file without it: no pair can count
    return attribute(verdicts(tally(files)), run_paths if run_paths is not None else [f.path for f in files], docs)


def attribute(found: Mapping[str, Verdict], run_paths: Iterable[str],
              docs: Mapping[str, object] | None = None) -> list[RepoVariant]:
    """Turn verdicts into spans in the run's files, one narrow pass per file with a minority spelling."""
    run_paths = list(run_paths)
    minority = {p: norm(p) for v in found.values() for p in v.minority.paths}
    if os.sep == "/" and not os.altsep:
        # Only run files that may be a minority's need normalising, not every file of the run:
        # normalising a file's path keeps its name, so those with another name are left out.
        names = {n.rpartition("/")[2] for n in minority.values()} | {"", ".", ".."}
        run_paths = [p for p in run_paths if p.rpartition("/")[2] in names]
    run = dict(zip(norms(run_paths), run_paths))
    by_path: dict[str, list[str]] = defaultdict(list)
    for form, v in found.items():
        for p in v.minority.paths:
            if minority[p] in run:
                by_path[run[minority[p]]].append(form)
    order = {p: i for i, p in enumerate(run.values())}
    out = []
    for path in sorted(by_path, key=order.__getitem__):
        forms = sorted(by_path[path])
        spans, present = positions(forms, path, (docs or {}).get(path))
        for form in forms:
            v = found[form]
            if v.majority.form in present or not spans.get(form):
                continue  # within one file, NM001 decides
            out.append(RepoVariant(path, form, spans[form], v))
    return out


def message(v: RepoVariant) -> str:
    """The finding's text: why the spelling was flagged, with the majority's files and an example."""
    return v.verdict.message()


def add_findings(results: list, ruleset, index_path: str | None = INDEX_FILE, tallied: RunTally | None = None) -> list:
    """The report phase: add NM003 findings to the FileResults of files with a minority spelling.

    index_path: an index file to use; INDEX_FILE (the default) finds the nearest
    `.copycheck-names.json` above the run's files, up to the repository root; None uses none.
    A damaged index costs only itself: the run goes on without it, with a note naming the file.
    tallied: the run's results tallied as they arrived (RunTally), used when it holds all of them.
    """
    if not ruleset.cross_file:
        return results
    rule = next(r for r in ruleset.rules if r.code == CODE)
    severity = ruleset.severity_for(rule)
    run_files = [r.names for r in results if getattr(r, "names", None) is not None]
    index, notes = run_index([f.path for f in run_files], index_path)
    files = merge(run_files, index)
    docs = _Docs()  # the narrow pass and the findings read each file once
    variants: list[RepoVariant] = []
    if len(files) > MIN_MAJORITY_FILES:
        spreads = keys = None
        if tallied is not None and tallied.files == len(run_files):
            t = tallied.add_files(files[len(run_files):])  # the index's other files come last
            spreads, keys = tallied.spread(), tallied.pair_keys
        else:
            t = tally(files)
        variants = attribute(verdicts(t, spreads, keys), [r.path for r in results if r.path != "<stdin>"], docs)
        results = settle_ties(results, t)
    by_path: dict[str, list[RepoVariant]] = defaultdict(list)
    for v in variants:
        by_path[v.path].append(v)
    out = []
    for r in results:
        vs = by_path.get(r.path)
        if not vs:
            out.append(r)
            continue
        doc = docs.get(r.path)
        if not hasattr(doc, "lines"):
            out.append(r)
            continue
        found, lines = file_findings(doc, r.path, vs, (rule.code, rule.name, severity))
        findings = sorted((*r.findings, *found), key=lambda f: (f.start, f.end, f.code))
        out.append(replace(r, findings=tuple(findings), snippets=with_lines(r.snippets, lines)))
    if notes and out:
        out[0] = replace(out[0], problems=(*out[0].problems, *notes))
    return out


class _Docs(dict):
    """Files read on first use and kept, as a Mapping of path to document (or Problem)."""

    def get(self, path: str, default: object = None) -> object:
        if path not in self:
            from ..files import Source, read

            self[path] = read(Source(path, path))
        return self[path]


def run_index(run_paths: Iterable[str], index_path: str | None = INDEX_FILE) -> tuple[list[FileNames], list]:
    """The committed index's files for a run (its named files' paths), and a note per index that cannot be used.

    index_path as add_findings takes it: INDEX_FILE finds the nearest index above the run's
    folders (the working folder when the run has no file), None uses none.
    """
    from ..engine import Problem

    if index_path == INDEX_FILE:
        # Each folder made absolute once, not each file's path (the same folders: abspath normalises).
        paths = find_index({os.path.abspath(d) for d in _folders(p for p in run_paths if p != "<stdin>")}
                           or {os.getcwd()})
    else:
        paths = [index_path] if index_path and os.path.exists(index_path) else []
    index: list[FileNames] = []
    notes = []
    for p in paths:
        try:
            index.extend(load_index(p))
        except ValueError as exc:
            reason = str(exc).replace(f" {p}", "")  # the note names the file once, first
            notes.append(Problem(_shown(p), f"{reason}; NM003 compares only the files of this run", fatal=False))
    return index, notes


def _folders(paths: Iterable[str]) -> set[str]:
    """{os.path.dirname(p) for p in paths}, dirname asked once per folder, not per file."""
    if os.sep != "/" or os.altsep:
        return {os.path.dirname(p) for p in paths}
    # A path's dirname is its head's (the text up to its last "/"): slicing is C, dirname Python.
    return {os.path.dirname(h) for h in {p[:p.rfind("/") + 1] for p in paths}}


def file_findings(doc, path: str, variants: Iterable[RepoVariant], rule: tuple[str, str, object]) -> tuple[list, dict[int, str]]:
    """One document's NM003 findings for its variants, rule (code, name, severity), and the lines they cite."""
    from ..model import Finding, Fix, Hit

    code, name, severity = rule
    findings, snippets = [], {}
    for v in variants:
        for start, end in v.spans:
            if doc.text[start:end] != v.form:
                continue  # the file changed since the spans were taken
            fix: Fix | None = Fix(start, end, v.majority, safe=False)
            if doc.offsets is not None:  # HTML: spans are in the decoded text; report them in the source
                start, end, fix = doc.offsets.place(Hit(start, end, "", fix))
            line, col = doc.lines.position(start)
            end_line, end_col = doc.lines.position(end)
            findings.append(Finding(path, code, name, severity, message(v), start, end,
                                    line, col, end_line, end_col, fix))
            if line not in snippets:
                a, b = doc.lines.line_span(line, doc.source)
                snippets[line] = doc.source[a:b]
    return findings, snippets


_TIE = compile_re(r"^“(.+?)” \(first at \d+:\d+\) and “(.+?)” \(first at \d+:\d+\) each appear .*neither is known")


def settle_ties(results: list, t: Tally) -> list:
    """NM001 ties the repository decides: the spelling most files use is right, the other gets a fix."""
    from ..model import Fix

    out = []
    for r in results:
        if not may_settle(r.findings):
            out.append(r)
            continue
        kept = []
        for f in r.findings:
            m = _TIE.match(f.message) if f.code == "NM001" and f.fix is None else None
            line = r.snippets.get(f.line, "") if m else ""
            found = line[f.column - 1:f.end_column - 1] if m and f.line == f.end_line else ""
            if not found or found not in m.groups():
                kept.append(f)
                continue
            other = m.group(2) if found == m.group(1) else m.group(1)
            mine, theirs = t.get(found), t.get(other)
            if theirs is not None and theirs.files >= MIN_MAJORITY_FILES and (
                    mine is None or theirs.files >= MAJORITY_RATIO * mine.files):
                message = (f"“{found}” and “{other}” each appear equally often in this article; the repository "
                           f"writes “{other}” in {theirs.files} files (e.g. {theirs.example}); use one spelling.")
                kept.append(replace(f, message=message, fix=Fix(f.start, f.end, other, safe=False),
                                    fix_position=(f.line, f.column, f.end_line, f.end_column)))
            elif mine is not None and mine.files >= MIN_MAJORITY_FILES and (
                    theirs is None or mine.files >= MAJORITY_RATIO * theirs.files):
                continue  # the repository's spelling: right, so not flagged
            else:
                kept.append(f)
        out.append(replace(r, findings=tuple(kept)))
    return out


def with_lines(snippets: Mapping[int, str], lines: Mapping[int, str]) -> dict[int, str]:
    """A result's cited lines with more added (the lines it cites already stay as they are)."""
    out = dict(snippets)
    for k, v in lines.items():
        out.setdefault(k, v)
    return out


def may_settle(findings: Iterable) -> bool:
    """Whether settle_ties may change these findings: an NM001 tie without a fix."""
    return any(f.code == "NM001" and f.fix is None for f in findings)


def _shown(path: str) -> str:
    """A path as the user would write it: relative to the working folder when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def check_texts(texts: str | Sequence[str]) -> list[list]:
    """Check form-feed-separated articles (or a list of them) as one run; NM003 findings per text."""
    from ..document import Document
    from ..model import Finding, Fix
    from ..registry import builtin_rules

    if isinstance(texts, str):
        texts = texts.split("\f")
    rule = next(r for r in builtin_rules() if r.code == CODE)
    docs = {f"article{i}.txt": Document.from_text(t, f"article{i}.txt") for i, t in enumerate(texts)}
    variants = find([collect(d) for d in docs.values()], docs)
    out: list[list] = [[] for _ in docs]
    for v in variants:
        i = int(v.path[7:-4])
        doc = docs[v.path]
        for start, end in v.spans:
            line, col = doc.lines.position(start)
            end_line, end_col = doc.lines.position(end)
            out[i].append(Finding(v.path, rule.code, rule.name, rule.severity, message(v), start, end,
                                  line, col, end_line, end_col, Fix(start, end, v.majority, safe=False)))
    return out
