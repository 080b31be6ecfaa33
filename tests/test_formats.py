"""Formats that need other column units convert at the edge: SARIF UTF-16, rdjsonl UTF-8 bytes."""
from __future__ import annotations

import json

from conftest import run_cli

# "😀" is 1 code point, 2 UTF-16 units and 4 UTF-8 bytes; "é" is 1, 1 and 2.
TEXT = "😀é say the the word.\n"


def test_json_columns_are_code_points():
    (f,) = run_cli("-", "--format", "json", stdin=TEXT).json()
    assert (f["column"], f["end_column"]) == (8, 15)


def test_sarif_columns_are_utf16_units():
    run = run_cli("-", "--format", "sarif", stdin=TEXT)
    log = json.loads(run.out)
    assert log["version"] == "2.1.0"
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "utf16CodeUnits"
    (res,) = sarif_run["results"]
    assert res["ruleId"] == "TY001" and res["level"] == "error"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 9, 16)
    assert sarif_run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "TY001"
    repl = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert repl["insertedContent"]["text"] == "" and repl["deletedRegion"]["startColumn"] == 12


def test_rdjsonl_columns_are_utf8_bytes():
    run = run_cli("-", "--format", "rdjsonl", stdin=TEXT)
    (diag,) = [json.loads(line) for line in run.out.splitlines()]
    rng = diag["location"]["range"]
    assert rng["start"] == {"line": 1, "column": 12} and rng["end"] == {"line": 1, "column": 19}
    assert diag["severity"] == "ERROR" and diag["suggestions"][0]["text"] == ""
    assert diag["suggestions"][0]["range"]["start"]["column"] == 15


def test_github_annotations():
    run = run_cli("-", "--stdin-filename", "a,b.txt", "--format", "github", stdin="the the\n")
    assert run.out == ("::error file=a%2Cb.txt,line=1,col=1,endLine=1,endColumn=8,"
                       "title=TY001 doubled-word::Doubled word: “the” is repeated; remove the second “the”.\n")
