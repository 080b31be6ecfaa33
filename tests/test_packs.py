"""Rule packs: loading and validation, each kind's behaviour, timeouts, and the shipped packs' data."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from conftest import run_cli
from copycheck.document import Document
from copycheck.engine import RuleSet, check_document
from copycheck.packs import (PackError, available_packs, builtin_dir, find_cycle, load_pack_file, load_packs,
                             phrase_alternation)
from copycheck.registry import load_rules


def write_pack(tmp_path: Path, body: str, name: str = "house.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def check(rules, text: str, path: str = "a.txt"):
    findings, problems = check_document(Document.from_text(text, path), RuleSet(tuple(rules)))
    return findings, problems


def spans(rules, text: str):
    findings, problems = check(rules, text)
    assert not problems
    return [(text[f.start:f.end], f.message) for f in findings]


# --- the kinds -------------------------------------------------------------------------------


def test_existence_whole_words_phrases_across_line_breaks_and_exceptions(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS001"
        name = "banned"
        kind = "existence"
        message = "Avoid {match}."
        ignore-case = true
        tokens = ["slam", "in the wake of", "don't"]
        exceptions = ["grand slam"]
    """))
    got = spans(rules, "Critics slam it. In the\nwake of that, a grand slam. Slammed. I don’t. Islam.")
    assert got == [("slam", "Avoid slam."), ("In the\nwake of", "Avoid In the\nwake of."), ("don’t", "Avoid don’t.")]


def test_ignore_case_keeps_offsets_when_lowercasing_changes_length(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS001"
        name = "banned"
        kind = "existence"
        message = "{match}"
        ignore-case = true
        tokens = ["slam"]
    """))
    text = "İİ said they SLAM it."  # "İ".lower() is two code points
    (f,) = check(rules, text)[0]
    assert text[f.start:f.end] == "SLAM" and f.column == 14


def test_substitution_keeps_capitals_and_marks_fix_safety(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS002"
        name = "prefer"
        kind = "substitution"
        message = "Use {replacement}, not {match}."
        ignore-case = true
        safe = true
        swap = { "utilise" = "use", "in excess of" = "more than" }
    """))
    findings, _ = check(rules, "Utilise it. We utilise in excess of ten.")
    assert [(f.message, f.fix.replacement, f.fix.safe) for f in findings] == [
        ("Use Use, not Utilise.", "Use", True),
        ("Use use, not utilise.", "use", True),
        ("Use more than, not in excess of.", "more than", True),
    ]


def test_substitution_fix_is_unsafe_unless_the_pack_says_so(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS002"
        name = "prefer"
        kind = "substitution"
        message = "Use {replacement}."
        swap = { "utilise" = "use" }
    """))
    (f,) = check(rules, "We utilise it.")[0]
    assert f.fix.safe is False


def test_substitution_context_before_and_after(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS003"
        name = "ctx"
        kind = "substitution"
        message = "{replacement}"
        swap = { "Mon" = "Monday" }
        after = '\\s+\\d'
        not-before = 'C\\s'
    """))
    assert [s for s, _ in spans(rules, "Mon 5 and Mon x and C Mon 5.")] == ["Mon"]


def test_consistency_first_form_wins(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS004"
        name = "same-spelling"
        kind = "consistency"
        message = "This article first wrote {replacement}; {match} here."
        ignore-case = true
        either = [["adviser", "advisor"], ["OK", "okay"]]
    """))
    got = spans(rules, "The advisor said okay. Another adviser and advisor said OK. Adviser Bo agreed.")
    assert got == [
        ("adviser", "This article first wrote advisor; adviser here."),
        ("OK", "This article first wrote okay; OK here."),
        ("Adviser", "This article first wrote Advisor; Adviser here."),
    ]


def test_occurrence_sentence_length_and_token_count(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS005"
        name = "long"
        kind = "occurrence"
        message = "{count} words, limit {max}."
        scope = "sentence"
        max = 5

        [[rule]]
        code = "HS006"
        name = "bangs"
        kind = "occurrence"
        message = "More than {max} uses of {match} in one paragraph."
        scope = "paragraph"
        max = 1
        ignore-case = true
        tokens = ["amazing"]
    """))
    text = "One two three four five. One two three four five six!\n\nAmazing. Amazing. Amazing."
    findings, _ = check(rules, text)
    assert [(f.code, text[f.start:f.end], f.message) for f in findings] == [
        ("HS005", "One two three four five six!", "6 words, limit 5."),
        ("HS006", "Amazing", "More than 1 uses of Amazing in one paragraph."),
        ("HS006", "Amazing", "More than 1 uses of Amazing in one paragraph."),
    ]
    # The limit is an option: [rules.long] max = 6 lets the six-word sentence pass.
    rs = RuleSet((rules[0],), {"long": {"max": 6}})
    assert check_document(Document.from_text(text, "a.txt"), rs)[0] == []


def test_conditional_abbreviation_must_be_defined(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS007"
        name = "define-abbreviations"
        kind = "conditional"
        message = "{match} is never spelled out."
        if = '\\b([A-Z]{3,5})\\b'
        then = '(?:\\b[A-Z][a-z]+\\s+)+\\(([A-Z]{3,5})\\)'
        exceptions = ["BBC"]
    """))
    text = "The Grain Marketing Board (GMB) met the IFTO. The GMB and IFTO agreed. The BBC reported."
    assert spans(rules, text) == [("IFTO", "IFTO is never spelled out.")]


def test_pattern_with_replacement_and_case(tmp_path):
    rules = load_pack_file(write_pack(tmp_path, """
        [[rule]]
        code = "HS008"
        name = "times"
        kind = "pattern"
        message = "Write {replacement}."
        pattern = '(\\d{1,2})\\s*(AM|PM)\\b'
        replacement = '\\1 \\2'
        case = "lower"
        safe = true
    """))
    (f,) = check(rules, "We meet at 9PM sharp.")[0]
    assert (f.message, f.fix.replacement, f.fix.safe) == ("Write 9 pm.", "9 pm", True)


def test_pack_rules_skip_quotations_unless_in_quotes(tmp_path):
    body = """
        [[rule]]
        code = "HS009"
        name = "banned"
        kind = "existence"
        message = "No."
        tokens = ["slam"]
        in-quotes = {flag}
    """
    off = load_pack_file(write_pack(tmp_path, body.format(flag="false"), "a.toml"))
    on = load_pack_file(write_pack(tmp_path, body.format(flag="true"), "b.toml"))
    text = 'He said: "We slam it." They slam it.'
    assert len(check(off, text)[0]) == 1
    assert len(check(on, text)[0]) == 2


# --- one pass, timeouts ------------------------------------------------------------------------


def test_word_list_compiles_to_one_trie_alternation():
    pattern = phrase_alternation(["in order to", "in order for", "inside", "at"], ignore_case=False)
    # Shared prefixes appear once: the trie, not one alternative per word.
    assert pattern.count("in") == 1 and pattern.count("order") == 1
    rx = re.compile(pattern)
    assert [m.group() for m in rx.finditer("at inside in order to in order for attic")] == [
        "at", "inside", "in order to", "in order for"]


def test_five_thousand_substitutions_are_one_rule_that_works(tmp_path):
    lines = ['[[rule]]', 'code = "SY001"', 'name = "big"', 'kind = "substitution"', 'message = "{replacement}"',
             "ignore-case = true", "[rule.swap]"]
    lines += [f'"zq{i:04d}word" = "fixed{i}"' for i in range(5000)]
    rules = load_pack_file(write_pack(tmp_path, "\n".join(lines) + "\n"))
    got = spans(rules, "Say zq0042word and ZQ4999WORD, not zq0042words.")
    assert got == [("zq0042word", "fixed42"), ("ZQ4999WORD", "FIXED4999")]


def test_catastrophic_pattern_stops_with_a_message_naming_rule_and_file(tmp_path):
    pack = write_pack(tmp_path, """
        [[rule]]
        code = "HS010"
        name = "runaway"
        kind = "pattern"
        message = "x"
        pattern = '(a|aa)+$'
    """)
    article = tmp_path / "story.txt"
    article.write_text("a" * 60 + "b\n", encoding="utf-8")
    (tmp_path / "copycheck.toml").write_text(
        f'packs = ["{pack.name}"]\n[rules.runaway]\ntimeout = 0.2\n', encoding="utf-8")
    run = run_cli(str(article), cwd=tmp_path)
    assert run.code == 2
    assert "story.txt" in run.err and "HS010 [runaway]" in run.err and "ran longer than 0.2 s" in run.err


# --- invalid packs -----------------------------------------------------------------------------


GOOD = """
[[rule]]
code = "HS001"
name = "banned"
kind = "existence"
message = "No {match}."
tokens = ["slam"]
"""


@pytest.mark.parametrize("body, reason", [
    ("[[rule]\ncode = 1", "invalid TOML"),
    (GOOD + "colour = 'red'\n", "rule HS001: unknown field(s) colour"),
    (GOOD.replace('kind = "existence"', 'kind = "vibes"'), "field 'kind' must be one of"),
    (GOOD + GOOD, "rule HS001: duplicate code HS001"),
    (GOOD + GOOD.replace("HS001", "HS002"), "rule HS002: duplicate name 'banned'"),
    (GOOD.replace('tokens = ["slam"]', "tokens = ['slam']\nafter = '(unclosed'"), "regex does not compile"),
    ('[[rule]]\ncode = "HS001"\nname = "p"\nkind = "pattern"\nmessage = "m"\npattern = "(["\n',
     "rule HS001: field 'pattern': regex does not compile"),
    ('[[rule]]\ncode = "HS001"\nname = "s"\nkind = "substitution"\nmessage = "m"\nswap = { a = "A" }\n'
     'ignore-case = true\n', "swap maps 'a' to itself"),
    ('[[rule]]\ncode = "HS001"\nname = "s"\nkind = "substitution"\nmessage = "m"\nswap = { a = "b", b = "a" }\n',
     "swap has a cycle: a -> b -> a"),
    (GOOD.replace("No {match}.", "No {replacement}."), "message uses {replacement}"),
    (GOOD.replace('code = "HS001"', 'code = "hs1"'), "code 'hs1' must be"),
    (GOOD.replace('name = "banned"', 'name = "Banned Word"'), "must be kebab-case"),
    (GOOD.replace('tokens = ["slam"]', ""), "missing required field 'tokens'"),
    (GOOD + 'severity = "fatal"\n', "unknown severity 'fatal'"),
    (GOOD + "examples.pass = 'one'\n", "field 'pass' must be list"),
    ("title = 'x'\n" + GOOD, "unknown top-level key(s) title"),
])
def test_invalid_pack_is_rejected_at_load_with_file_rule_and_reason(tmp_path, body, reason):
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError) as err:
        load_pack_file(path)
    assert str(path) in str(err.value) and reason in str(err.value)


def test_invalid_pack_on_the_command_line_exits_two(tmp_path):
    path = write_pack(tmp_path, GOOD + "colour = 'red'\n")
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--pack", str(path))
    assert run.code == 2 and "house.toml: rule HS001: unknown field(s) colour" in run.err
    assert run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--pack", "nosuchpack").code == 2


def test_pack_code_clashing_with_a_builtin_rule_is_rejected(tmp_path):
    path = write_pack(tmp_path, GOOD.replace("HS001", "TY001"))
    with pytest.raises(ValueError, match="duplicate rule code TY001"):
        load_rules([str(path)])


# --- the shipped packs -------------------------------------------------------------------------


def test_builtin_packs_are_found():
    assert {"ap", "wordiness"} <= set(available_packs())
    assert (builtin_dir() / "ap.toml").is_file()


@pytest.mark.parametrize("pack", available_packs())
def test_builtin_pack_data(pack):
    """Unique codes and names, compiling patterns, no self-substitution or cycle, docs for each rule."""
    if sys_version_tomllib() is None:
        pytest.skip("no TOML parser")
    data = sys_version_tomllib().loads((builtin_dir() / f"{pack}.toml").read_text(encoding="utf-8"))
    rules = load_packs([pack])  # compiles every pattern and rejects bad data
    assert len({r.code for r in rules}) == len(rules) == len({r.name for r in rules})
    prefix = {"ap": "AP", "wordiness": "WD"}.get(pack)
    for entry, rule in zip(data["rule"], rules):
        if prefix:
            assert rule.code.startswith(prefix)
        assert entry.get("summary") and entry.get("why") and entry.get("link"), rule.code
        for form, preferred in entry.get("swap", {}).items():
            assert form.lower() != preferred.lower(), (rule.code, form)
        assert find_cycle({k.lower(): v.lower() for k, v in entry.get("swap", {}).items()}) is None
        ex = entry.get("examples", {})
        assert ex.get("pass") and ex.get("fail"), f"{rule.code} needs passing and failing examples"


def sys_version_tomllib():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib
        except ModuleNotFoundError:
            return None
    return tomllib


def test_packs_are_off_by_default():
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json")
    assert not [f for f in run.json() if f["code"].startswith(("AP", "WD"))]


def test_seed_gains_ap_findings_at_12_4_and_15_10():
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json", "--pack", "ap", "--select", "AP")
    got = [(f["line"], f["column"], f["code"], f["fix"]["replacement"]) for f in run.json()]
    assert got == [(12, 4, "AP001", "Dec."), (15, 10, "AP003", "president")]


def test_seed_wordiness_flags_the_fact_that():
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json", "--pack", "wordiness",
                  "--select", "the-fact-that")
    assert [(f["line"], f["column"], f["end_column"]) for f in run.json()] == [(8, 47, 60)]


def test_rules_command_lists_pack_rules():
    run = run_cli("rules", "--pack", "ap")
    assert "AP001   month-with-date" in run.out
    doc = run_cli("rule", "AP003", "--pack", "ap")
    assert doc.code == 0 and "## Why is this bad" in doc.out and "AP Stylebook" in doc.out


def test_readme_examples_load(tmp_path):
    """The TOML examples in the README are real: the packs load and the configuration is valid."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    packs = [b for b in blocks if "[[rule]]" in b]
    configs = [b for b in blocks if "[[rule]]" not in b]
    assert len(packs) >= 2 and configs
    for i, block in enumerate(packs):
        load_pack_file(write_pack(tmp_path, block, f"p{i}.toml"))
    (tmp_path / "house-style.toml").write_text(packs[0], encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / "copycheck.toml").write_text(configs[0], encoding="utf-8")
    (tmp_path / "story.txt").write_text("We utilise it in order to win on December 3.\n", encoding="utf-8")
    run = run_cli(str(tmp_path / "story.txt"), "--format", "json")
    assert run.code in (0, 1), run.err
    # select = ["TY", "AP"] plus extend-select = ["wordy-phrase"]: the house rule is loaded, not selected.
    assert {f["code"] for f in run.json()} == {"AP001", "WD001"}


def test_consistency_takes_no_evidence_from_quotations():
    """A spelling inside a quotation does not set the story's form for a rule kept out of quotes."""
    from copycheck import lint_text

    text = "She said: “The advisor was right.”\n\nThe adviser left. Another adviser came.\n"
    assert [f.code for f in lint_text(text)] == []
    text = "The advisor was right.\n\nThe adviser left.\n"
    assert [(f.code, f.line) for f in lint_text(text)] == [("CS001", 3)]


def test_pack_snapshot_is_current_and_equals_the_toml():
    # rules/packs.json must be rebuilt (scripts/build_pack_snapshot.py) whenever a pack changes.
    import json

    from copycheck.tomlfile import SNAPSHOT, text_crc

    tomllib = sys_version_tomllib()

    snap = json.loads((builtin_dir() / SNAPSHOT).read_text(encoding="utf-8"))
    tomls = sorted(p.name for p in builtin_dir().glob("*.toml"))
    assert sorted(snap) == tomls
    for name in tomls:
        text = (builtin_dir() / name).read_text(encoding="utf-8")
        assert snap[name]["crc32"] == text_crc(text), f"{name} changed: run scripts/build_pack_snapshot.py"
        assert snap[name]["data"] == tomllib.loads(text), name


def test_a_stale_snapshot_is_ignored_and_the_toml_is_parsed(tmp_path):
    import json

    from copycheck.tomlfile import SNAPSHOT, load_toml, text_crc

    pack = write_pack(tmp_path, '''
        [[rule]]
        code = "HS001"
        name = "fresh-rule"
        kind = "existence"
        message = "No."
        words = ["fresh"]
    ''')
    stale = {"house.toml": {"crc32": text_crc("something else"), "data": {"rule": []}}}
    (tmp_path / SNAPSHOT).write_text(json.dumps(stale), encoding="utf-8")
    assert load_toml(pack, "pack")["rule"][0]["name"] == "fresh-rule"
    current = {"house.toml": {"crc32": text_crc(pack.read_text(encoding="utf-8")), "data": {"rule": []}}}
    (tmp_path / SNAPSHOT).write_text(json.dumps(current), encoding="utf-8")
    assert load_toml(pack, "pack") == {"rule": []}  # a matching entry is used as it stands
    (tmp_path / SNAPSHOT).write_text("{not json", encoding="utf-8")
    assert load_toml(pack, "pack")["rule"][0]["name"] == "fresh-rule"
