"""The Python API: a Linter compiles its rule set once and checks any number of texts or files.

A CMS, an editor plug-in or an audit worker builds one Linter and reuses it, so rule packs are
read and compiled once, not on every call.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Sequence

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from .config import Settings
    from .engine import RuleSet
    from .model import Finding, Severity
    from .runner import FileResult, RunOptions


@dataclass(frozen=True)
class LinterConfig:
    """Everything that decides a Linter's rules: small, hashable and picklable, so a worker process
    can rebuild the same Linter (and cache it under this key) without shipping compiled rules."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # Built-in pack names, or absolute paths of pack files.
    packs: tuple[str, ...] = ()
    names: str | None = None
    fail_on: "Severity | None" = None
    config_file: str | None = None
    # True: no configuration files at all; False: search per file as the CLI does (unless config_file).
    isolated: bool = True


class Linter:
    """Rules compiled once from configuration, selection and packs; reused for every check."""

    def __init__(self, select: Sequence[str] | None = None, *, extend_select: Sequence[str] = (),
                 ignore: Sequence[str] = (), packs: Sequence[str] = (), names: str | None = None,
                 config: str | None = None, isolated: bool | None = None) -> None:
        """Choose rules as the CLI does: `select`/`ignore` by code, prefix or name; `packs` by built-in
        name or .toml path; `config` a configuration file. Without `config`, no configuration file is
        read unless `isolated=False` asks for the CLI's per-folder search."""
        from .config import resolve_cli_packs

        def absolute(p: str | None) -> str | None:
            return p if p in (None, "default") else os.path.abspath(p)

        cfg = LinterConfig(
            select=tuple(select) if select is not None else None,
            extend_select=tuple(extend_select), ignore=tuple(ignore),
            packs=resolve_cli_packs(packs), names=absolute(names), config_file=absolute(config),
            isolated=(config is None) if isolated is None else isolated,
        )
        self._setup(cfg)

    @classmethod
    def from_config(cls, cfg: LinterConfig) -> "Linter":
        """A Linter for an already resolved configuration (pack and file paths absolute)."""
        self = cls.__new__(cls)
        self._setup(cfg)
        return self

    def _setup(self, cfg: LinterConfig) -> None:
        from .config import Overrides, Resolver

        self.config = cfg
        overrides = Overrides(select=cfg.select, extend_select=cfg.extend_select, ignore=cfg.ignore,
                              packs=cfg.packs, fail_on=cfg.fail_on, names=cfg.names)
        self.resolver = Resolver(overrides, cfg.config_file, cfg.isolated and cfg.config_file is None)
        # Built now, so a bad selection or pack fails here rather than on the first text.
        self.ruleset_for(os.getcwd())

    def ruleset_for(self, path: str) -> "RuleSet":
        """The compiled rules for a file (one RuleSet per distinct configuration, cached)."""
        return self.resolver.ruleset_for(path)

    def settings_for(self, path: str) -> "Settings":
        """The effective settings for a file."""
        return self.resolver.settings_for(path)

    def lint_text(self, text: str, path: str = "<text>") -> "list[Finding]":
        """Check one string (Markdown if path ends in .md); findings sorted by position."""
        from .document import Document
        from .engine import RuleFailure, check_document

        findings, problems = check_document(Document.from_text(text, path), self.ruleset_for(path))
        if problems:
            raise RuleFailure("; ".join(p.message for p in problems))
        return findings

    def check_file(self, path: str, display: str | None = None, opts: "RunOptions | None" = None,
                   config_path: str | None = None) -> "FileResult":
        """Read and check one file as the CLI does; problems are returned, not raised."""
        from .files import Source
        from .runner import RunOptions, check_source

        ruleset = self.ruleset_for(config_path or path)
        return check_source(Source(path, display or path), lambda _p: ruleset, opts or RunOptions())


@lru_cache(maxsize=8)
def linter_for(cfg: LinterConfig) -> Linter:
    """One Linter per configuration per process: audit workers call this for every partition."""
    return Linter.from_config(cfg)


def default_linter() -> Linter:
    """The default rules, no configuration files: what `copycheck.lint_text` uses."""
    return linter_for(LinterConfig())
