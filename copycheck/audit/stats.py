"""Audit statistics that add up across partitions: totals, per-rule and per-folder counts, examples."""
from __future__ import annotations

from dataclasses import dataclass, field

# Examples kept per rule: enough for a rule trial; the report shows the first few.
MAX_EXAMPLES = 20
# Characters of context either side of a finding in an example.
CONTEXT = 70

Order = tuple[int, int, int]


@dataclass(frozen=True)
class Example:
    """One finding shown with its context: text before, the flagged span, text after."""

    order: Order
    path: str
    line: int
    column: int
    before: str
    match: str
    after: str
    message: str


@dataclass
class RuleCount:
    """How often one rule fired, in how many files, with its first examples in archive order."""

    code: str
    name: str
    findings: int = 0
    files: int = 0
    examples: list[Example] = field(default_factory=list)


@dataclass
class FolderCount:
    """One folder (a desk): files checked, files with findings, findings."""

    files: int = 0
    files_hit: int = 0
    findings: int = 0


@dataclass
class AuditStats:
    """Everything the report and the rule trial need, independent of the archive's size."""

    files: int = 0
    files_hit: int = 0
    problems: int = 0
    severities: dict[str, int] = field(default_factory=dict)
    rules: dict[str, RuleCount] = field(default_factory=dict)
    folders: dict[str, FolderCount] = field(default_factory=dict)
    # True once a finding reaches its file's fail-on severity (the exit code).
    failed: bool = False

    def add_file(self, order: tuple[int, int], folder: str, findings, snippets: dict[int, str],
                 checked: bool = True) -> None:
        """Count one checked file's findings."""
        if checked:
            self.files += 1
            fc = self.folders.setdefault(folder, FolderCount())
            fc.files += 1
        self.add_findings(order, folder, findings, snippets, new_file=checked)

    def add_findings(self, order: tuple[int, int], folder: str, findings, snippets: dict[int, str],
                     new_file: bool) -> None:
        """Count findings of one file (a file's later NM003 findings come with new_file=False)."""
        if not findings:
            return
        fc = self.folders.setdefault(folder, FolderCount())
        if new_file:
            self.files_hit += 1
            fc.files_hit += 1
        fc.findings += len(findings)
        seen: set[str] = set()
        for i, f in enumerate(findings):
            sev = str(f.severity)
            self.severities[sev] = self.severities.get(sev, 0) + 1
            rc = self.rules.get(f.code)
            if rc is None:
                rc = self.rules[f.code] = RuleCount(f.code, f.name)
            rc.findings += 1
            if f.code not in seen:
                seen.add(f.code)
                rc.files += 1
            if len(rc.examples) < MAX_EXAMPLES or (*order, i) < rc.examples[-1].order:
                # Late findings (the names phase) may come before examples already kept.
                if rc.examples and (*order, i) < rc.examples[-1].order:
                    rc.examples = sorted([*rc.examples, example((*order, i), f, snippets)],
                                         key=lambda e: e.order)[:MAX_EXAMPLES]
                else:
                    rc.examples.append(example((*order, i), f, snippets))

    def merge(self, other: "AuditStats") -> None:
        """Add another partition's statistics; examples keep the first in archive order."""
        self.files += other.files
        self.files_hit += other.files_hit
        self.problems += other.problems
        self.failed = self.failed or other.failed
        for k, v in other.severities.items():
            self.severities[k] = self.severities.get(k, 0) + v
        for code, rc in other.rules.items():
            mine = self.rules.get(code)
            if mine is None:
                self.rules[code] = RuleCount(rc.code, rc.name, rc.findings, rc.files, list(rc.examples))
                continue
            mine.findings += rc.findings
            mine.files += rc.files
            mine.examples = sorted(mine.examples + rc.examples, key=lambda e: e.order)[:MAX_EXAMPLES]
        for name, fc in other.folders.items():
            mine_f = self.folders.setdefault(name, FolderCount())
            mine_f.files += fc.files
            mine_f.files_hit += fc.files_hit
            mine_f.findings += fc.findings

    @property
    def findings(self) -> int:
        """All findings."""
        return sum(self.severities.values())


def example(order: Order, f, snippets: dict[int, str]) -> Example:
    """A finding with up to CONTEXT characters of its line either side (one line only)."""
    line = snippets.get(f.line, "")
    a = f.column - 1
    b = f.end_column - 1 if f.end_line == f.line else len(line)
    lead = max(0, a - CONTEXT)
    before = ("…" if lead else "") + line[lead:a]
    tail = min(len(line), b + CONTEXT)
    after = line[b:tail] + ("…" if tail < len(line) else "")
    return Example(order, f.path, f.line, f.column, before, line[a:b], after, f.message)
