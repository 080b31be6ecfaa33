"""Names: the proper-name subsystem (NM001 within an article, NM002 house list, NM003 across files).

Modules, each doing one thing:
- words: shared word lists (titles, ordinary words, endings);
- candidates: name candidates, runs of capitalised words found in one regex pass;
- spelling: string evidence (folding, transliteration skeletons, edit distances, strength);
- pairs: candidate pairs, only spellings that share a cheap key;
- context: the words each spelling stands with (per article, and as counts per file);
- variants: NM001's verdicts within one article;
- evidence: NM003's verdicts across files, string evidence weighed with context;
- house: the house name list (NM002);
- index: the committed name index, found at the repository root;
- repo: per-file summaries, their merge and tally, and the NM003 findings;
- report: the `copycheck names` table;
- command: the `copycheck names` command;
- rules: the rule definitions the registry loads.
"""
