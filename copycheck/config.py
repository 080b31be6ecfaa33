"""Settings: configuration files found per directory, layered under the command line."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from dataclasses import dataclass, field, replace
from collections.abc import Iterable, Mapping, Sequence

from .model import Severity
from .lazyre import lazy

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any
    from .engine import RuleSet
    from .model import Rule

# Searched in this order in each directory, walking up to the repository root.
CONFIG_FILES = ("copycheck.toml", ".copycheck.toml", "pyproject.toml")
KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "exclude", "severity", "fail-on", "packs",
        "names", "rules", "grammar")


# The built-in "names" pack is the shipped house name list, not rules: switching it on means
# `names = "default"` (packs.py skips it when loading rules).
HOUSE_LIST_PACK = "names"


class ConfigError(ValueError):
    """A configuration file that cannot be used: the message names the file, the key and the reason."""


@dataclass(frozen=True)
class Settings:
    """The effective configuration for a file (defaults, then files, then the command line)."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    packs: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # (glob, codes) pairs and exclude globs, both relative to `root`.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    # Where the settings came from, for `copycheck config`; None means built-in defaults.
    source: str | None = None
    # The directory globs and pack paths are relative to: the config file's directory.
    root: str | None = None
    # A house name list: "default" (the shipped example) or an absolute path; None for none.
    names: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view, for `copycheck config`."""
        return {
            "source": self.source,
            "select": list(self.select),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {g: list(c) for g, c in self.per_file_ignores},
            "exclude": list(self.exclude),
            "severity": {k: str(v) for k, v in self.severity.items()},
            "fail-on": str(self.fail_on),
            "packs": list(self.packs),
            "names": self.names,
            "rules": {k: dict(v) for k, v in self.rules.items()},
        }


# --- reading one file ----------------------------------------------------------------------


def read_table(path: str) -> dict[str, Any] | None:
    """The copycheck table of a config file; None for a pyproject.toml without [tool.copycheck]."""
    from .tomlfile import load_toml

    pyproject = os.path.basename(path) == "pyproject.toml"
    # A pyproject.toml with no copycheck table is not ours to parse (tomllib is pure Python).
    data = load_toml(path, "configuration", ConfigError, may_hold=may_hold_copycheck_table if pyproject else None)
    if pyproject:
        table = data.get("tool", {}).get("copycheck")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.copycheck] must be a table")
        return table
    return data


# The ways TOML can open a [tool.copycheck] table: a header naming tool.copycheck (quoted or not,
# spaced or not), a bare [tool] table (whose keys may be copycheck's), or a key that starts with
# "tool" (a dotted key or an inline table at the top level). A file with none of them has no
# copycheck table; one with any is parsed, so a false alarm costs only the parse.
_COPYCHECK_TABLE = lazy(
    r"""^[ \t]*(?:\[\[?[ \t]*["']?tool["']?[ \t]*(?:\.[ \t]*["']?copycheck|\])"""
    r"""|["']?tool["']?[ \t]*[.=])""", re.M)


def may_hold_copycheck_table(text: str) -> bool:
    """False when a pyproject.toml's text cannot hold a [tool.copycheck] table."""
    return "copycheck" in text and _COPYCHECK_TABLE.search(text) is not None


def _codes(path: str, key: str, value: Any) -> tuple[str, ...]:
    """A list of codes, prefixes or names."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{path}: key {key!r}: expected a list of rule codes, prefixes or names, "
                          f"like [\"TY\", \"AP001\"], not {value!r}")
    return tuple(v.strip() for v in value)


def _severity(path: str, key: str, value: Any) -> Severity:
    """A severity name, or a ConfigError naming the key."""
    if not isinstance(value, str):
        raise ConfigError(f"{path}: key {key!r}: expected \"info\", \"warning\" or \"error\", not {value!r}")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{path}: key {key!r}: {exc}") from None


def parse_settings(table: Mapping[str, Any], path: str) -> Settings:
    """Validate a copycheck table; raise ConfigError naming the file, key and reason."""
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known keys: {', '.join(KEYS)})")
    root = os.path.dirname(os.path.realpath(path))
    kw: dict[str, Any] = {"source": str(path), "root": root}
    for key, attr in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
        if key in table:
            kw[attr] = _codes(path, key, table[key])
    if "grammar" in table:  # `grammar = true`: LanguageTool (LT001) on, as --grammar does
        if not isinstance(table["grammar"], bool):
            raise ConfigError(f"{path}: key 'grammar': expected true or false, not {table['grammar']!r}")
        if table["grammar"]:
            kw["extend_select"] = (*kw.get("extend_select", ()), "LT001")
    if "fail-on" in table:
        kw["fail_on"] = _severity(path, "fail-on", table["fail-on"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{path}: key 'severity': expected a table of CODE = \"info|warning|error\"")
        kw["severity"] = {code: _severity(path, f"severity.{code}", v) for code, v in sev.items()}
    if "exclude" in table:
        kw["exclude"] = _globs(path, "exclude", table["exclude"])
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{path}: key 'per-file-ignores': expected a table of \"GLOB\" = [CODES]")
        kw["per_file_ignores"] = tuple(
            (g, _codes(path, f"per-file-ignores.{g!r}", c)) for g, c in pfi.items()
        )
    if "packs" in table:
        kw["packs"] = _packs(path, table["packs"], root)
    if "names" in table:
        names = table["names"]
        if not isinstance(names, str) or not names.strip():
            raise ConfigError(f"{path}: key 'names': expected \"default\" or the path of a TOML name list")
        kw["names"] = names if names == "default" else os.path.join(root, names)
    if "rules" in table:
        rules = table["rules"]
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise ConfigError(f"{path}: key 'rules': expected [rules.NAME] tables of options")
        kw["rules"] = {name: dict(opts) for name, opts in rules.items()}
    return Settings(**kw)


def _globs(path: str, key: str, value: Any) -> tuple[str, ...]:
    """A list of glob patterns."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{path}: key {key!r}: expected a list of glob patterns, not {value!r}")
    return tuple(value)


def _packs(path: str, value: Any, root: str) -> tuple[str, ...]:
    """Built-in pack names as they are; pack files made absolute against the config's folder."""
    from .packs import PackError, is_pack_path, resolve_pack

    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{path}: key 'packs': expected a list of pack names or .toml paths, not {value!r}")
    out = []
    for item in value:
        try:
            resolved = resolve_pack(item, root)
        except PackError as exc:
            raise ConfigError(f"{path}: key 'packs': {exc}") from None
        out.append(str(resolved) if is_pack_path(item) else item)
    return tuple(out)


def resolve_cli_packs(packs: Sequence[str]) -> tuple[str, ...]:
    """--pack values: built-in names kept, paths made absolute against the working directory."""
    return _packs("--pack", list(packs), os.getcwd()) if packs else ()


# --- globs ---------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def glob_regex(glob: str) -> re.Pattern[str]:
    """A gitignore-like glob: `*` stays in one folder, `**` crosses folders; a glob without `/`
    matches a file or folder name at any depth, and a folder match covers what is inside it."""
    out = []
    i = 0
    anchored = "/" in glob.rstrip("/")
    g = glob.strip("/") if anchored else glob.rstrip("/")
    while i < len(g):
        c = g[i]
        if g.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if g.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(c) or re.escape(c))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{body}(?:/.*)?")


def _relative(path: str, root: str | None) -> str:
    """The path relative to root with forward slashes; as given when outside root."""
    full = os.path.abspath(path)
    if root is not None:
        rel = os.path.relpath(full, root)
        if not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    return path.replace(os.sep, "/")


def matches(globs: Sequence[str], path: str, root: str | None) -> bool:
    """True when a file matches any of the globs, taken relative to root."""
    rel = _relative(path, root)
    return any(glob_regex(g).fullmatch(rel) for g in globs)


# --- finding and layering ------------------------------------------------------------------


@dataclass(frozen=True)
class Overrides:
    """What the command line says; it layers over whatever a configuration file says."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    fail_on: Severity | None = None
    names: str | None = None

    def apply(self, s: Settings) -> Settings:
        """The file's settings with the command line on top: --select replaces, the rest add."""
        packs = tuple(dict.fromkeys((*s.packs, *self.packs)))
        merged = replace(
            s,
            select=self.select if self.select is not None else s.select,
            extend_select=(*s.extend_select, *self.extend_select),
            ignore=(*s.ignore, *self.ignore),
            packs=packs,
            fail_on=self.fail_on if self.fail_on is not None else s.fail_on,
            names=self.names or s.names or ("default" if HOUSE_LIST_PACK in packs else None),
        )
        if merged.names is None:
            return merged
        from .names.house import with_house_list

        try:
            return with_house_list(merged, None)  # a house list switches NM002 on and points it there
        except ValueError as exc:
            raise ConfigError(f"{s.source or 'command line'}: key 'names': {exc}") from None


class Resolver:
    """Settings and rule sets per file: one config lookup per folder, one RuleSet per distinct need."""

    def __init__(self, overrides: Overrides = Overrides(), config_file: str | None = None,
                 isolated: bool = False) -> None:
        self.overrides = overrides
        self.isolated = isolated
        self._by_dir: dict[str, Settings] = {}
        self._folder_of: dict[str, str] = {}
        self._by_file: dict[str, Settings] = {}
        self._rules: dict[tuple[str, ...], list[Rule]] = {}
        self._rulesets: dict[tuple[int, tuple[str, ...]], RuleSet] = {}
        self._fixed: Settings | None = None
        if isolated:
            self._fixed = overrides.apply(Settings())
        elif config_file is not None:
            from .files import _as_path

            path = _as_path(os.fspath(config_file))  # as pathlib would show it: "./x.toml" is "x.toml"
            if not os.path.isfile(path):
                raise ConfigError(f"{config_file}: configuration file not found")
            table = read_table(path)
            if table is None:
                raise ConfigError(f"{config_file}: no [tool.copycheck] table")
            self._fixed = overrides.apply(parse_settings(table, path))

    def settings_for(self, path: str) -> Settings:
        """The effective settings for a file (or a folder), from the nearest configuration."""
        if self._fixed is not None:
            return self._fixed
        folder = self._folder_of.get(path)
        if folder is None:  # a run asks three times per file; one stat answers them all
            full = os.path.abspath(path)
            folder = self._folder_of[path] = full if os.path.isdir(full) else os.path.dirname(full)
        return self._dir_settings(folder)

    def add_files(self, paths: Iterable[str]) -> None:
        """Say that these paths are files (discover found them), so settings_for knows each
        one's folder without a stat: one abspath per folder (BBC: ~7 ms of a run's start)."""
        known = self._folder_of
        folders: dict[str, str] = {}
        for path in paths:
            head = os.path.dirname(path)
            full = folders.get(head)
            if full is None:  # abspath("") is the working folder, as dirname(abspath(name)) is
                full = folders[head] = os.path.abspath(head)
            known.setdefault(path, full)

    def _dir_settings(self, folder: str) -> Settings:
        cached = self._by_dir.get(folder)
        if cached is not None:
            return cached
        settings = None
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                table = read_table(candidate)
                if table is not None:
                    settings = self._from_file(candidate, table)
                    break
        if settings is None:
            parent = os.path.dirname(folder)
            if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
                settings = self.overrides.apply(Settings())
            else:
                settings = self._dir_settings(parent)
        self._by_dir[folder] = settings
        return settings

    def _from_file(self, path: str, table: Mapping[str, Any]) -> Settings:
        key = os.path.realpath(path)
        if key not in self._by_file:
            self._by_file[key] = self.overrides.apply(parse_settings(table, path))
        return self._by_file[key]

    def is_excluded(self, path: str) -> bool:
        """True when the file's configuration excludes it."""
        s = self.settings_for(path)
        return bool(s.exclude) and matches(s.exclude, path, s.root)

    def ruleset_for(self, path: str) -> RuleSet:
        """The rules for one file; each distinct (settings, per-file ignores) is built once."""
        s = self.settings_for(path)
        extra = tuple(sorted({c for g, codes in s.per_file_ignores if matches((g,), path, s.root) for c in codes}))
        key = (id(s), extra)
        if key not in self._rulesets:
            self._rulesets[key] = build_ruleset(s, self._load(s), extra)
        return self._rulesets[key]

    def _load(self, s: Settings) -> list[Rule]:
        from .registry import load_rules

        if s.packs not in self._rules:
            try:
                self._rules[s.packs] = load_rules(s.packs, s.root)
            except (ValueError, OSError) as exc:
                where = f"{s.source}: " if s.source and not str(exc).startswith(str(s.source)) else ""
                raise ConfigError(f"{where}{exc}") from None
        return self._rules[s.packs]


def build_ruleset(s: Settings, rules: Sequence[Rule], extra_ignore: Sequence[str] = ()) -> RuleSet:
    """Select rules for settings and check every code, name and option they mention."""
    from .engine import RuleSet
    from .selection import select_rules, unknown_selectors

    where = s.source or "command line"
    for key, values in (("select", s.select), ("extend-select", s.extend_select), ("ignore", s.ignore),
                        ("per-file-ignores", extra_ignore), ("severity", list(s.severity))):
        bad = unknown_selectors(rules, values)
        if bad:
            raise ConfigError(f"{where}: key {key!r}: unknown rule code or name: {', '.join(bad)} "
                              "(see `copycheck rules`; pack rules need their pack switched on)")
    by_name = {r.name: r for r in rules}
    by_name.update({r.code: r for r in rules})
    options: dict[str, Mapping[str, Any]] = {}
    for name, opts in s.rules.items():
        rule = by_name.get(name)
        if rule is None:
            raise ConfigError(f"{where}: key 'rules.{name}': no rule named {name!r}")
        for opt, value in opts.items():
            if opt not in rule.default_options:
                known = ", ".join(rule.default_options) or "none"
                raise ConfigError(f"{where}: key 'rules.{name}.{opt}': unknown option (options: {known})")
            default = rule.default_options[opt]
            if not _same_type(value, default):
                raise ConfigError(f"{where}: key 'rules.{name}.{opt}': expected {type(default).__name__}, "
                                  f"not {value!r}")
            if opt == "timeout" and value <= 0:  # not "no limit": a runaway pattern must still stop
                raise ConfigError(f"{where}: key 'rules.{name}.{opt}': expected a positive number of "
                                  f"seconds, not {value!r}")
        options[rule.name] = opts
    severities = _expand_severity(s.severity, rules)
    chosen = select_rules(rules, s.select, (*s.ignore, *extra_ignore), s.extend_select)
    return RuleSet(tuple(chosen), options, severities)


def _same_type(value: Any, default: Any) -> bool:
    """An option value fits its default's type (an int may stand for a float; a bool is no int)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _expand_severity(severity: Mapping[str, Severity], rules: Sequence[Rule]) -> dict[str, Severity]:
    """Severity overrides by code, prefix or name, resolved to codes; the longest prefix wins."""
    from .selection import _specificity

    out: dict[str, Severity] = {}
    for rule in rules:
        best = max(((_specificity(k, rule), v) for k, v in severity.items()), default=(-1, None),
                   key=lambda kv: kv[0])
        if best[0] >= 0 and best[1] is not None:
            out[rule.code] = best[1]
    return out
