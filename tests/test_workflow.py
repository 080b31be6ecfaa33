"""docs/github-workflow.yml: it parses, and every copycheck command in it is a valid invocation
that, run on a temporary git repository with a committed baseline, behaves as the steps expect."""
from __future__ import annotations

import json
import shlex
import subprocess

import pytest
import yaml

from conftest import ROOT, run_cli

WORKFLOW = ROOT / "docs" / "github-workflow.yml"
# Shell operators after which a command line's own arguments end.
SHELL_ENDS = {">", ">>", "||", "&&", "|", ";", "2>", "<"}


def steps():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = data["jobs"].values()
    return data, job["steps"]


def copycheck_commands() -> list[list[str]]:
    """The arguments of every `copycheck …` command line in the workflow's run steps."""
    out = []
    for step in steps()[1]:
        script = step.get("run", "").replace("\\\n", " ")
        for line in script.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "copycheck":
                args = []
                for w in words[1:]:
                    if w in SHELL_ENDS:
                        break
                    args.append(w)
                out.append(args)
    return out


def test_workflow_shape():
    data, all_steps = steps()
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in on
    assert data["permissions"]["security-events"] == "write"
    runs = " ".join(s.get("run", "") for s in all_steps)
    assert "pip install" in runs and "copycheck" in runs
    assert "git diff --name-only" in runs and "github.base_ref" in runs
    upload = next(s for s in all_steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "copycheck.sarif" and "always()" in upload["if"]
    assert next(s for s in all_steps if s.get("uses", "").startswith("actions/checkout"))["with"]["fetch-depth"] == 0


def test_every_copycheck_command_parses_with_the_real_argument_parser():
    from copycheck.cli import build_parser

    commands = copycheck_commands()
    assert len(commands) == 2
    formats = set()
    for args in commands:
        args = [a if a != "${files[@]}" else "story.txt" for a in args]
        ns = build_parser().parse_args(args)  # exits (fails the test) on a bad option
        assert ns.baseline == ".copycheck-baseline.json" and ns.paths == ["story.txt"]
        formats.add(ns.format)
    assert formats == {"github", "sarif"}


@pytest.fixture
def article_repo(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "old.txt").write_text("An old story with the the old error.\n", encoding="utf-8")
    assert run_cli("--write-baseline", ".copycheck-baseline.json", ".", cwd=tmp_path).code == 0
    (tmp_path / "old.txt").write_text("A new line on top.\nAn old story with the the old error.\n"
                                      "A new error: it it is here.\n", encoding="utf-8")
    return tmp_path


def test_the_commands_run_on_an_article_repository(article_repo):
    for args in copycheck_commands():
        args = [a if a != "${files[@]}" else "old.txt" for a in args]
        run = run_cli(*args, cwd=article_repo)
        assert run.code == 1, run.err  # exactly one new finding
        fmt = args[args.index("--format") + 1]
        if fmt == "github":
            (line,) = run.out.splitlines()
            assert line.startswith("::error file=old.txt,line=3,col=14,")
        else:
            (result,) = json.loads(run.out)["runs"][0]["results"]
            assert result["ruleId"] == "TY001"
            assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_run_steps_are_valid_bash():
    for step in steps()[1]:
        if "run" in step:
            script = step["run"].replace("${{ github.base_ref }}", "main")
            subprocess.run(["bash", "-n", "-e", "-c", script], check=True)
