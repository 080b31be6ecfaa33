"""The rules behind inline suppression: unused and malformed `<!-- copycheck: … -->` directives.

The engine's suppression step (copycheck/suppress.py) produces their findings, because only it
knows which directives suppressed something; the Rule objects give them codes, docs and examples.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..document import Document
from ..model import Docs, Examples, Hit, Rule, Severity

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any


def _reported_by_engine(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Nothing here: suppress.apply reports these after all other rules have run."""
    return iter(())


RULES = (
    Rule(
        code="CC100",
        name="unused-suppression",
        summary="A suppression directive that suppresses no finding.",
        severity=Severity.WARNING,
        check=_reported_by_engine,
        in_quotes=True,
        docs=Docs(
            what="Reports an `ignore`, `disable` or `disable-file` directive (or one code in it) that "
            "suppresses no finding in the run, as ruff's RUF100 does. When the whole directive is unused, "
            "the safe fix removes it.",
            why="A stale directive hides the next real error at that spot, and it tells the next editor "
            "that a problem exists when it no longer does.",
            example="<!-- copycheck: ignore TY001 -->\nA clean sentence.  ->  A clean sentence.",
        ),
        examples=Examples(
            passing=("A clean sentence with no directive.", "<!-- a plain comment -->\nA clean sentence."),
            failing=("<!-- copycheck: ignore TY001 -->\nA clean sentence.",
                     "Text.\n<!-- copycheck: disable-file -->"),
            fixes=(("<!-- copycheck: ignore TY001 -->\nA clean sentence.", "A clean sentence."),),
        ),
    ),
    Rule(
        code="CC101",
        name="invalid-suppression",
        summary="A `<!-- copycheck … -->` directive that cannot be read.",
        severity=Severity.ERROR,
        check=_reported_by_engine,
        in_quotes=True,
        docs=Docs(
            what="Reports a comment that starts with `copycheck` but is not a valid directive: a missing "
            "colon, an unknown verb, `ignore` or `disable` without codes, a code that is not a code, "
            "prefix or name, or `enable` without an earlier `disable`.",
            why="A directive with a typo suppresses nothing, so the editor believes a finding is dealt "
            "with while it still fails the check, or worse, thinks a rule is off when it is on.",
            example="<!-- copycheck: ignroe TY001 -->  ->  <!-- copycheck: ignore TY001 -->",
        ),
        examples=Examples(
            passing=("<!-- copycheck: ignore TY001 -->\nText.", "<!-- copycheck: disable AP -->\nText."),
            failing=("<!-- copycheck: ignroe TY001 -->\nText.", "<!-- copycheck ignore TY001 -->\nText.",
                     "<!-- copycheck: ignore -->\nText.", "Text.\n<!-- copycheck: enable TY001 -->"),
        ),
    ),
)
