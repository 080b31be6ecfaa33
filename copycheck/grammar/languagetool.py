"""LanguageTool through its HTTP API (/v2/check), only ever to a server the user configured."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping

from ..document import Document
from ..engine import RuleFailure
from ..markup import MASK
from ..model import Docs, Examples, Fix, Hit, Rule, Severity

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

ENV_URL = "COPYCHECK_LANGUAGETOOL_URL"
# Servers cap the text per request (public ones at about 20k characters); stay well under.
MAX_CHUNK = 10_000


def utf16_to_codepoints(text: str) -> list[int]:
    """A table from UTF-16 offset to code-point offset: LanguageTool counts Java chars."""
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)  # the low surrogate maps to the same code point
    table.append(len(text))
    return table


def chunks(text: str, limit: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """Split text at paragraph breaks into pieces of at most about `limit` characters."""
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def query(url: str, text: str, language: str, disabled: list[str], timeout: float) -> list[dict]:
    """POST one text to {url}/v2/check and return its matches; failures raise RuleFailure."""
    import urllib.error  # imported here: only a run that selected LT001 pays for urllib
    import urllib.parse
    import urllib.request

    form = {"text": text, "language": language}
    if disabled:
        form["disabledRules"] = ",".join(disabled)
    req = urllib.request.Request(
        urllib.parse.urljoin(url.rstrip("/") + "/", "v2/check"),
        data=urllib.parse.urlencode(form).encode("utf-8"),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))["matches"]
    except urllib.error.HTTPError as exc:
        raise RuleFailure(f"LanguageTool server {url} answered HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RuleFailure(f"cannot reach LanguageTool server {url}: {reason}") from None
    except (ValueError, KeyError):
        raise RuleFailure(f"LanguageTool server {url} sent a response that is not a /v2/check answer") from None


def check_languagetool(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Send the article's prose to the configured server and turn its matches into hits."""
    url = options.get("url")
    if not url and options.get("local"):
        from .local import url as local_url  # language-tool-python loads only for local = true

        url = local_url(str(options.get("language", "en-US")), bool(options.get("keep-running")))
    url = url or os.environ.get(ENV_URL)
    if not url:
        # Unpublished copy is confidential: with no server configured, nothing is sent.
        raise RuleFailure(f"no LanguageTool server configured: set [rules.languagetool] url or {ENV_URL}")
    text = doc.text.replace(MASK, " ")  # masked code and URLs read as spaces, same length
    for base, piece in chunks(text):
        table = utf16_to_codepoints(piece)
        for m in query(url, piece, options.get("language", "en-US"), list(options.get("disabled-rules", [])),
                       float(options.get("timeout", 20))):
            a, b = m["offset"], m["offset"] + m["length"]
            if not 0 <= a < b < len(table):
                continue
            start, end = base + table[a], base + table[b]
            reps = [r["value"] for r in m.get("replacements", [])]
            rule_id = m.get("rule", {}).get("id", "?")
            fix = Fix(start, end, reps[0], safe=False) if len(reps) == 1 else None
            hint = f" Suggestion: {', '.join(reps[:3])}." if reps else ""
            yield Hit(start, end, f"{m['message']}{hint} (LanguageTool {rule_id})", fix)


RULES = (
    Rule(
        code="LT001",
        name="languagetool",
        summary="Grammar and style matches from a LanguageTool server you configure.",
        severity=Severity.WARNING,
        check=check_languagetool,
        enabled_by_default=False,
        default_options={"url": "", "language": "en-US", "timeout": 20.0, "disabled-rules": [], "local": False,
                         "keep-running": False, "concurrency": 4},
        docs=Docs(
            what="Sends each article's prose (code, URLs and comments masked) to the LanguageTool "
            "server named by `[rules.languagetool] url` or COPYCHECK_LANGUAGETOOL_URL (or, with `local = true`, "
            "one started on this machine through language-tool-python), and reports its matches at exact "
            "positions (LanguageTool counts UTF-16 units; copycheck converts). `--grammar` or `grammar = true` "
            "switches it on.",
            why="LanguageTool knows thousands of grammar patterns that a newsroom linter should not "
            "reimplement. Article text leaves the machine only for a server you configured, since "
            "unpublished copy is confidential; run one locally to keep it in the building.",
            example="[rules.languagetool]\nurl = \"http://localhost:8081\"   # or: local = true",
        ),
        examples=Examples(),
    ),
)
