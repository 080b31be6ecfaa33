"""Checking text held in memory for long-running front ends (`copycheck serve`, `copycheck lsp`).

Standard library only. Configuration is resolved as the CLI does it (nearest copycheck.toml /
.copycheck.toml / [tool.copycheck] from the document's folder, or one --config file); rule sets
are built once per distinct configuration and kept, and a configuration file that changes on
disk is noticed by its modification stamp, so an editor picks up an edit without a restart.
"""
from __future__ import annotations

import bisect
import os
import threading
from dataclasses import dataclass, replace
from collections.abc import Sequence

from .config import CONFIG_FILES
from .document import Document
from .engine import Problem, RuleSet, check_document
from .model import Finding, Fix

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# Request formats and the file suffix whose kind of document each one means.
FORMAT_SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html"}
SUFFIX_FORMAT = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
NAMES_INDEX = ".copycheck-names.json"


def format_for(path: str, default: str = "txt") -> str:
    """The document kind a file name implies: txt, md or html."""
    return SUFFIX_FORMAT.get(os.path.splitext(path)[1].lower(), default)


def make_document(text: str, fmt: str, name: str) -> Document:
    """A Document of the given kind, reported under `name` whatever its suffix."""
    if fmt not in FORMAT_SUFFIX:
        raise ValueError(f"unknown format {fmt!r}; use one of: {', '.join(FORMAT_SUFFIX)}")
    kind_path = name if format_for(name, "") == fmt else f"{name}{FORMAT_SUFFIX[fmt]}"
    doc = Document.from_text(text, kind_path)
    return doc if kind_path == name else replace(doc, path=name)


def _stamp(folder: str) -> tuple:
    """The configuration files (and names index) a folder's lookup can see, with their mtimes."""
    out = []
    while True:
        for name in (*CONFIG_FILES, NAMES_INDEX):
            p = os.path.join(folder, name)
            try:
                st = os.stat(p)
            except OSError:
                continue
            out.append((p, st.st_mtime_ns, st.st_size))
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return tuple(out)
        folder = parent


@dataclass(frozen=True)
class Result:
    """One check: the document, its findings (source offsets) and problems (crashed rules)."""

    doc: Document
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...]


class Checker:
    """Thread-safe: rule sets are cached per configuration, rebuilt when a config file changes."""

    def __init__(self, config_file: str | None = None, isolated: bool = False) -> None:
        from .config import Resolver

        self.config_file = config_file
        self.isolated = isolated
        self._lock = threading.Lock()
        # A fixed --config is read (and validated) now, so a bad one stops `serve` at start.
        self._resolver = Resolver(config_file=config_file, isolated=isolated)
        self._stamps: dict[str, tuple] = {}

    def ruleset_for(self, path: str) -> RuleSet:
        """The rule set for a file path (absolute, or relative to the working directory).

        Raises ConfigError (a ValueError naming the file) for a broken configuration."""
        from .config import Resolver

        full = os.path.abspath(path)
        with self._lock:
            if self.config_file is None and not self.isolated:
                folder = os.path.dirname(full)
                stamp = _stamp(folder)
                if self._stamps.get(folder, stamp) != stamp:
                    self._resolver = Resolver()  # a configuration changed: forget every cached lookup
                    self._stamps.clear()
                self._stamps[folder] = stamp
            return self._resolver.ruleset_for(full)

    def check(self, text: str, fmt: str, path: str | None = None, names_index: bool = True) -> Result:
        """Check text as a document of kind fmt; path (optional) picks configuration and names index."""
        name = path or "<text>"
        doc = make_document(text, fmt, name)
        config_path = path or os.path.join(os.getcwd(), "<text>")
        ruleset = self.ruleset_for(config_path)
        findings, problems = check_document(doc, ruleset)
        if names_index and path and ruleset.cross_file:
            try:
                extra = repository_name_findings(doc, ruleset, os.path.abspath(path))
            except ValueError as exc:  # an unreadable index costs NM003 only
                problems = [*problems, Problem(name, str(exc))]
            else:
                if extra:
                    findings = sorted([*findings, *extra], key=lambda f: (f.start, f.end, f.code))
        return Result(doc, tuple(findings), tuple(problems))


# --- names across the repository ----------------------------------------------------------------

_INDEX_CACHE: dict[str, tuple[tuple, list]] = {}
_INDEX_LOCK = threading.Lock()


def repository_name_findings(doc: Document, ruleset: RuleSet, abs_path: str) -> list[Finding]:
    """NM003 for one document against the committed names index (the one adapter to the names code).

    The index (`copycheck names --write-index`, at the repository root) holds every file's
    spellings; the document's own entry is replaced by its current text."""
    from .names.index import find_index, load_index
    from .names.repo import CODE, FileNames, collect, find, merge, message

    found = find_index([os.path.dirname(abs_path)])
    if not found:
        return []
    index_path = found[0]
    root = os.path.dirname(index_path)
    st = os.stat(index_path)
    key = (st.st_mtime_ns, st.st_size)
    with _INDEX_LOCK:
        cached = _INDEX_CACHE.get(index_path)
        if cached is None or cached[0] != key:
            # load_index gives absolute paths; messages name files as the index does, from its folder.
            files = [FileNames(_relative(f.path, root), f.forms) for f in load_index(index_path)]
            cached = _INDEX_CACHE[index_path] = (key, files)
    me = _relative(abs_path, root)
    files = merge([collect(doc, me)], cached[1])  # the document's own entry gives way to its current text
    rule = next(r for r in ruleset.rules if r.code == CODE)
    severity = ruleset.severity_for(rule)
    out = []
    for v in find(files, {me: doc}, [me]):
        for a, b in v.spans:
            start, end = (a, b) if doc.offsets is None else (doc.offsets.start(a), doc.offsets.end(b))
            line, col = doc.lines.position(start)
            end_line, end_col = doc.lines.position(end)
            fix = Fix(start, end, v.majority, safe=False)
            out.append(Finding(doc.path, rule.code, rule.name, severity, message(v), start, end,
                               line, col, end_line, end_col, fix, (line, col, end_line, end_col)))
    return out


def _relative(path: str, root: str) -> str:
    """A path relative to the index's folder (absolute when on another drive)."""
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return path


# --- UTF-16 offsets for JavaScript clients ---------------------------------------------------------


class Utf16Offsets:
    """Code-point offsets to UTF-16 code-unit offsets: one pass to find astral characters, then bisect."""

    def __init__(self, text: str) -> None:
        self.astral: Sequence[int] = () if text.isascii() else [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset) if self.astral else offset


def finding_json(f: Finding, utf16: Utf16Offsets) -> dict[str, Any]:
    """The `--format json` shape plus start_utf16/end_utf16 (and the fix's) for JavaScript strings."""
    d = f.to_dict()
    d["start_utf16"], d["end_utf16"] = utf16(f.start), utf16(f.end)
    if d["fix"] is not None and f.fix is not None:
        d["fix"]["start_utf16"], d["fix"]["end_utf16"] = utf16(f.fix.start), utf16(f.fix.end)
    return d
