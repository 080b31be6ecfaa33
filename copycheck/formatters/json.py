"""A JSON array of findings, in the stable shape documented in the README."""
from __future__ import annotations

import json
from collections.abc import Sequence

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO


def render(results: Sequence, stream: TextIO) -> None:
    """Write all findings as one JSON array."""
    json.dump([f.to_dict() for r in results for f in r.findings], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
