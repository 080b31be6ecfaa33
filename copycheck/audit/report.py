"""The audit's HTML report: one self-contained file (inline CSS and SVG, no scripts, fonts or network).

Written for a desk chief: plain words, the big numbers first, then where the issues are,
which names the archive spells two ways, which rules may be too strict, and examples.
"""
from __future__ import annotations

import datetime
from html import escape
from collections.abc import Mapping, Sequence

from .. import __version__
from .stats import AuditStats

# Rules drawn in the bar chart, rows in the tables, examples per rule in the report.
CHART_RULES = 25
TABLE_ROWS = 60
EXAMPLES_PER_RULE = 3
EXAMPLE_RULES = 15

CSS = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --accent: #2456a6; --warn: #b4532a; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 60px; }
h1 { font-size: 30px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 6px; padding-top: 10px; border-top: 2px solid var(--line); }
p.lead, p.note { color: var(--muted); margin: 0 0 14px; }
.cards { display: flex; flex-wrap: wrap; gap: 14px; margin: 22px 0 8px; }
.card { flex: 1 1 170px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.card .num { font-size: 30px; font-weight: 700; color: var(--accent); }
.card .lbl { color: var(--muted); font-size: 14px; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); font-size: 15px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f6; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; height: 10px; background: var(--accent); border-radius: 2px; vertical-align: middle; }
.path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; color: var(--muted); }
.code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; color: var(--muted); }
.ctx { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--warn); border-radius: 4px;
       padding: 8px 12px; margin: 6px 0 2px; }
.ctx mark { background: #ffe08a; padding: 0 2px; border-radius: 2px; }
.msg { color: var(--muted); font-size: 14px; margin: 0 0 10px; }
.example h3 { font-size: 17px; margin: 22px 0 2px; }
svg text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
.empty { color: var(--muted); font-style: italic; }
"""


def _label(name: str) -> str:
    """A rule's kebab-case name as words: doubled-word -> Doubled word."""
    return name.replace("-", " ").capitalize()


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"


def _bar_chart(rules: Sequence, width: int = 960) -> str:
    """Findings per rule as an inline SVG of horizontal bars, most frequent first."""
    if not rules:
        return '<p class="empty">No issues found.</p>'
    label_w, count_w, row = 300, 70, 26
    top = max(r.findings for r in rules)
    height = row * len(rules) + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="Findings per rule">']
    for i, r in enumerate(rules):
        y = 4 + i * row
        w = max(2, round((width - label_w - count_w) * r.findings / top))
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(_label(r.name))} '
                     f'({escape(r.code)})</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row - 8}" rx="2" fill="#2456a6"/>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 17}">{r.findings:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _cards(stats: AuditStats, names: int) -> str:
    cards = [
        (f"{stats.files:,}", "articles checked"),
        (f"{stats.findings:,}", "issues found"),
        (f"{stats.files_hit:,}", f"articles with an issue ({_pct(stats.files_hit, stats.files)})"),
        (f"{names:,}", "names spelled more than one way"),
    ]
    if stats.problems:
        cards.append((f"{stats.problems:,}", "files that could not be read"))
    return '<div class="cards">' + "".join(
        f'<div class="card"><div class="num">{escape(n)}</div><div class="lbl">{escape(l)}</div></div>'
        for n, l in cards) + "</div>"


def _folders(stats: AuditStats) -> str:
    rows = sorted(stats.folders.items(), key=lambda kv: (-kv[1].findings, kv[0]))[:TABLE_ROWS]
    if not rows:
        return '<p class="empty">No folders.</p>'
    top = max((fc.findings / fc.files if fc.files else 0) for _, fc in rows) or 1
    out = ['<table><tr><th>Desk (folder)</th><th class="n">Articles</th><th class="n">With an issue</th>'
           '<th class="n">Issues</th><th class="n">Issues per 100 articles</th><th></th></tr>']
    for name, fc in rows:
        rate = fc.findings / fc.files if fc.files else 0
        out.append(f'<tr><td>{escape(name)}</td><td class="n">{fc.files:,}</td>'
                   f'<td class="n">{fc.files_hit:,} ({_pct(fc.files_hit, fc.files)})</td>'
                   f'<td class="n">{fc.findings:,}</td><td class="n">{100 * rate:.1f}</td>'
                   f'<td style="width:160px"><span class="bar" style="width:{round(150 * rate / top)}px"></span></td></tr>')
    out.append("</table>")
    return "".join(out)


def _names(rows: Sequence[dict]) -> str:
    if not rows:
        return '<p class="empty">No name is spelled one way in most articles and another way in a few.</p>'
    out = ['<table><tr><th>Name, as most articles spell it</th><th class="n">Articles</th>'
           '<th>Other spellings (articles)</th><th>Where the other spellings appear</th></tr>']
    for r in rows[:TABLE_ROWS]:
        others = "<br>".join(f"{escape(v['form'])} ({v['files']})" for v in r["variants"])
        where = "<br>".join(", ".join(f'<span class="path">{escape(p)}</span>' for p in v["examples"])
                            for v in r["variants"])
        out.append(f'<tr><td><b>{escape(r["name"])}</b><br><span class="path">e.g. {escape(r["example"])}</span></td>'
                   f'<td class="n">{r["files"]:,}</td><td>{others}</td><td>{where}</td></tr>')
    out.append("</table>")
    return "".join(out)


def _noisy(stats: AuditStats, summaries: Mapping[str, str]) -> str:
    rules = sorted(stats.rules.values(), key=lambda r: (-r.files, -r.findings, r.code))[:10]
    if not rules:
        return '<p class="empty">No rule fired.</p>'
    out = ['<table><tr><th>Rule</th><th>What it looks for</th><th class="n">Articles hit</th>'
           '<th class="n">Issues</th></tr>']
    for r in rules:
        out.append(f'<tr><td>{escape(_label(r.name))}<br><span class="code">{escape(r.code)}</span></td>'
                   f'<td>{escape(summaries.get(r.code, ""))}</td>'
                   f'<td class="n">{r.files:,} ({_pct(r.files, stats.files)})</td><td class="n">{r.findings:,}</td></tr>')
    out.append("</table>")
    return "".join(out)


def _examples(stats: AuditStats, per_rule: int) -> str:
    rules = sorted(stats.rules.values(), key=lambda r: (-r.findings, r.code))[:EXAMPLE_RULES]
    if not rules:
        return '<p class="empty">No issues to show.</p>'
    out = []
    for r in rules:
        out.append(f'<div class="example"><h3>{escape(_label(r.name))} <span class="code">{escape(r.code)}</span></h3>')
        for e in r.examples[:per_rule]:
            out.append(f'<div class="ctx">{escape(e.before)}<mark>{escape(e.match)}</mark>{escape(e.after)}</div>'
                       f'<p class="msg">{escape(e.message)} <span class="path">{escape(e.path)}, line {e.line}</span></p>')
        out.append("</div>")
    return "".join(out)


def render_html(stats: AuditStats, name_rows: Sequence[dict], summaries: Mapping[str, str], *,
                paths: Sequence[str], seconds: float, trial: Sequence[str] | None = None) -> str:
    """The whole report as one HTML string."""
    when = datetime.datetime.now().strftime("%d %B %Y, %H:%M")
    by_count = sorted(stats.rules.values(), key=lambda r: (-r.findings, r.code))
    title = "Rule trial" if trial else "Copy audit"
    scope = f"Trial of {', '.join(trial)}: these rules only. " if trial else ""
    per_rule = 20 if trial else EXAMPLES_PER_RULE
    body = [
        f"<h1>{title}</h1>",
        f'<p class="lead">{escape(scope)}{stats.files:,} articles in {escape(", ".join(paths))}, '
        f"checked {escape(when)} by copycheck {escape(__version__)} in {seconds:.0f} s.</p>",
        _cards(stats, len(name_rows)),
        "<h2>Issues by rule</h2>",
        '<p class="note">How many times each check fired across the archive.</p>',
        _bar_chart(by_count[:CHART_RULES]),
        "<h2>Issues by desk</h2>",
        '<p class="note">Each folder of the archive, with the issues found in its articles.</p>',
        _folders(stats),
        "<h2>Names spelled more than one way</h2>",
        '<p class="note">Most articles spell these names one way and a few another way. '
        "Decide on one spelling and add it to the house name list.</p>",
        _names(name_rows),
        "<h2>Noisiest rules</h2>",
        '<p class="note">The checks that fire in the most articles. On edited copy, a rule that fires often may '
        "be too strict for this archive: read its examples before acting on it, and switch it off if it cries wolf.</p>",
        _noisy(stats, summaries),
        "<h2>Examples</h2>",
        '<p class="note">The first issues of each kind, with the words around them.</p>',
        _examples(stats, per_rule),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{title}: copycheck</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")
