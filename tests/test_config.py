"""Configuration: discovery per folder, keys, layering under the command line, errors, `copycheck config`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from copycheck.config import ConfigError, Overrides, Resolver, glob_regex

TYPO = "Say the the word on December 3 whilst here.\n"


def tree(root: Path, files: dict[str, str]) -> Path:
    """Write files (relative path -> text) under root, with a .git folder marking the repository."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def codes(run) -> list[tuple[str, str]]:
    return [(Path(f["path"]).name, f["code"]) for f in run.json()]


def test_discovery_order_and_nearest_wins(tmp_path):
    tree(tmp_path, {
        "pyproject.toml": '[project]\nname = "x"\n[tool.copycheck]\nignore = ["TY001"]\n',
        "a.txt": TYPO,
        "desk/copycheck.toml": 'packs = ["ap"]\n',
        "desk/.copycheck.toml": 'ignore = ["AP"]\n',  # copycheck.toml comes first in a folder
        "desk/b.txt": TYPO,
    })
    run = run_cli(str(tmp_path), "--format", "json")
    got = codes(run)
    assert ("a.txt", "TY001") not in got  # [tool.copycheck] in pyproject.toml at the root
    assert ("b.txt", "TY001") in got  # desk/ has its own file, which does not ignore TY001
    assert ("b.txt", "AP001") in got and ("b.txt", "AP006") in got
    assert not [c for name, c in got if name == "a.txt" and c.startswith("AP")]


def test_pyproject_without_table_is_skipped_and_search_stops_at_repository_root(tmp_path):
    outer = tmp_path
    (outer / "copycheck.toml").write_text('ignore = ["TY001"]\n', encoding="utf-8")
    repo = tree(outer / "repo", {"pyproject.toml": '[project]\nname = "x"\n', "a.txt": TYPO})
    run = run_cli(str(repo / "a.txt"), "--format", "json")
    # The file above the repository root is not read, so TY001 still fires.
    assert ("a.txt", "TY001") in codes(run)


def test_cli_layers_over_the_file(tmp_path):
    tree(tmp_path, {"copycheck.toml": 'select = ["TY001"]\npacks = ["ap"]\nfail-on = "error"\n', "a.txt": TYPO})
    base = run_cli(str(tmp_path / "a.txt"), "--format", "json")
    assert codes(base) == [("a.txt", "TY001")] and base.code == 1
    # --select replaces the file's select; --extend-select adds; --ignore adds.
    run = run_cli(str(tmp_path / "a.txt"), "--format", "json", "--select", "AP", "--ignore", "AP006")
    assert codes(run) == [("a.txt", "AP001")]
    assert run.code == 0  # fail-on = "error" from the file; AP001 is a warning
    assert run_cli(str(tmp_path / "a.txt"), "--select", "AP", "--fail-on", "warning").code == 1


def test_isolated_and_explicit_config(tmp_path):
    tree(tmp_path, {"copycheck.toml": 'ignore = ["TY"]\n', "a.txt": TYPO,
                    "other/strict.toml": 'packs = ["ap"]\nselect = ["AP001"]\n'})
    assert codes(run_cli(str(tmp_path / "a.txt"), "--format", "json")) == []
    assert ("a.txt", "TY001") in codes(run_cli(str(tmp_path / "a.txt"), "--format", "json", "--isolated"))
    run = run_cli(str(tmp_path / "a.txt"), "--format", "json", "--config", str(tmp_path / "other/strict.toml"))
    assert codes(run) == [("a.txt", "AP001")]
    assert run_cli(str(tmp_path / "a.txt"), "--config", str(tmp_path / "missing.toml")).code == 2


def test_per_file_ignores_exclude_severity_and_rule_options(tmp_path):
    tree(tmp_path, {
        "copycheck.toml": """
packs = ["ap", "wordiness"]
extend-select = ["long-sentence"]
exclude = ["drafts/", "*.tmp.txt"]
[per-file-ignores]
"wire/**" = ["AP"]
[severity]
AP = "error"
AP006 = "info"
[rules.long-sentence]
max = 3
""",
        "a.txt": TYPO,
        "wire/deep/b.txt": TYPO,
        "drafts/c.txt": TYPO,
        "d.tmp.txt": TYPO,
    })
    data = run_cli(str(tmp_path), "--format", "json").json()
    names = {Path(f["path"]).name for f in data}
    assert names == {"a.txt", "b.txt"}
    sev = {(Path(f["path"]).name, f["code"]): f["severity"] for f in data}
    assert sev[("a.txt", "AP001")] == "error" and sev[("a.txt", "AP006")] == "info"
    assert not [k for k in sev if k[0] == "b.txt" and k[1].startswith("AP")]
    assert ("a.txt", "WD004") in sev  # max = 3 words from [rules.long-sentence]


@pytest.mark.parametrize("body, needle", [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('select = "TY001"\n', "key 'select': expected a list"),
    ('fail-on = "fatal"\n', "key 'fail-on': unknown severity 'fatal'"),
    ('[severity]\nTY001 = "loud"\n', "key 'severity.TY001'"),
    ('packs = ["nosuch"]\n', "key 'packs': unknown pack 'nosuch'"),
    ('select = ["ZZ9"]\n', "key 'select': unknown rule code or name: ZZ9"),
    ('[rules.doubled-word]\nmax = 3\n', "key 'rules.doubled-word.max': unknown option"),
    ('[rules.nope]\nmax = 3\n', "key 'rules.nope': no rule named 'nope'"),
    ('packs = ["wordiness"]\n[rules.long-sentence]\nmax = "ten"\n', "expected int"),
    ('select = [\n', "invalid TOML"),
])
def test_bad_configuration_is_a_clear_error(tmp_path, body, needle):
    tree(tmp_path, {"copycheck.toml": body, "a.txt": TYPO})
    run = run_cli(str(tmp_path / "a.txt"))
    assert run.code == 2
    assert "copycheck.toml" in run.err and needle in run.err, run.err


def test_config_is_read_once_per_folder(tmp_path):
    tree(tmp_path, {"copycheck.toml": 'ignore = ["TY004"]\n'})
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(TYPO, encoding="utf-8")
    resolver = Resolver(Overrides())
    first = [resolver.ruleset_for(str(tmp_path / f"{i}.txt")) for i in range(3)]
    assert first[0] is first[1] is first[2]  # one RuleSet built and shared
    assert len(resolver._by_dir) == 1


def test_resolver_errors_name_the_file(tmp_path):
    cfg = tmp_path / "x.toml"
    cfg.write_text("nope = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x\.toml: unknown key 'nope'"):
        Resolver(Overrides(), str(cfg))


@pytest.mark.parametrize("glob, path, hit", [
    ("drafts/", "drafts/a.txt", True),
    ("drafts", "news/drafts/a.txt", True),
    ("*.md", "a/b/c.md", True),
    ("wire/*.txt", "wire/a.txt", True),
    ("wire/*.txt", "wire/x/a.txt", False),
    ("wire/**", "wire/x/a.txt", True),
    ("**/old/*.txt", "a/b/old/c.txt", True),
    ("a.txt", "ba.txt", False),
])
def test_globs(glob, path, hit):
    assert bool(glob_regex(glob).fullmatch(path)) is hit


def test_config_command_prints_effective_settings(tmp_path):
    tree(tmp_path, {"copycheck.toml": 'packs = ["ap"]\nignore = ["AP006"]\n[per-file-ignores]\n"x.txt" = ["TY"]\n',
                    "x.txt": TYPO})
    run = run_cli("config", str(tmp_path / "x.txt"))
    assert run.code == 0
    out = json.loads(run.out)
    assert out["source"] == str(tmp_path / "copycheck.toml")
    assert out["packs"] == ["ap"] and out["ignore"] == ["AP006"]
    assert "AP001" in out["selected"] and "AP006" not in out["selected"]
    assert not [c for c in out["selected"] if c.startswith("TY")]
    assert json.loads(run_cli("config", str(tmp_path), "--isolated").out)["source"] is None


def test_pyproject_that_never_names_copycheck_is_not_parsed(tmp_path):
    # Another tool's broken pyproject.toml is not ours to report; one that names copycheck is.
    repo = tree(tmp_path, {"pyproject.toml": '[project\nname = "x"\n', "a.txt": TYPO})
    run = run_cli(str(repo / "a.txt"), "--format", "json")
    assert run.code == 1 and ("a.txt", "TY001") in codes(run)
    (repo / "pyproject.toml").write_text('[tool.copycheck\nignore = ["TY001"]\n', encoding="utf-8")
    run = run_cli(str(repo / "a.txt"), "--format", "json")
    assert run.code == 2 and "invalid TOML" in run.err


@pytest.mark.parametrize("text", [
    '[tool.copycheck]\nignore = ["TY001"]\n',
    '[ tool . copycheck ]\nignore = ["TY001"]\n',
    "['tool'.'copycheck']\nignore = ['TY001']\n",
    '[tool."copycheck"]\nignore = ["TY001"]\n',
    '[tool]\ncopycheck = { ignore = ["TY001"] }\n',
    '[tool]\ncopycheck.ignore = ["TY001"]\n',
    'tool.copycheck.ignore = ["TY001"]\n',
    'tool = { copycheck = { ignore = ["TY001"] } }\n',
    '\n  [tool.copycheck.rules.doubled-word]\n\n[tool.copycheck]\nignore = ["TY001"]\n',
])
def test_every_toml_spelling_of_a_copycheck_table_in_pyproject_is_read(tmp_path, text):
    # pyproject.toml is parsed only when it may hold [tool.copycheck]; no way of writing one is missed.
    from copycheck.config import may_hold_copycheck_table

    assert may_hold_copycheck_table(text)
    repo = tree(tmp_path, {"pyproject.toml": text + '\n[project]\nname = "copycheck-desk"\n', "a.txt": TYPO})
    run = run_cli(str(repo / "a.txt"), "--format", "json")
    assert run.code == 0 and ("a.txt", "TY001") not in codes(run), run.err


def test_a_pyproject_that_only_names_the_copycheck_package_is_not_parsed():
    from copycheck.config import may_hold_copycheck_table

    text = ('[project]\nname = "copycheck"\n[project.scripts]\ncopycheck = "copycheck.cli:main"\n'
            '[tool.setuptools]\npackages = ["copycheck"]\n[tool.pytest.ini_options]\naddopts = "-q"\n')
    assert not may_hold_copycheck_table(text)


def test_files_named_by_discovery_get_their_folders_settings(tmp_path, monkeypatch):
    # add_files takes each file's folder from its path, without a stat; it must agree with
    # settings_for's own answer for every way a path may be written.
    tree(tmp_path, {"copycheck.toml": 'ignore = ["TY"]\n', "a.txt": TYPO,
                    "sub/copycheck.toml": 'select = ["AP001"]\npacks = ["ap"]\n', "sub/b.txt": TYPO})
    monkeypatch.chdir(tmp_path)
    paths = ["a.txt", "sub/b.txt", "sub/../a.txt", "./sub//b.txt", str(tmp_path / "sub" / "b.txt")]
    told = Resolver(Overrides())
    told.add_files(paths)
    asked = Resolver(Overrides())
    got = [told.settings_for(p).source for p in paths]
    assert got == [asked.settings_for(p).source for p in paths]
    assert [Path(s).parent.name for s in got] == [tmp_path.name, "sub", tmp_path.name, "sub", "sub"]
