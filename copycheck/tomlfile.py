"""Reading TOML data files (configuration, packs, name lists) with errors that name the file."""
from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Callable

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any
    from pathlib import Path

# The built-in packs, parsed ahead of time (scripts/build_pack_snapshot.py): tomllib is pure
# Python, and importing it and parsing the default packs cost a one-article run about 10 ms.
# Each entry carries the CRC-32 of the TOML it came from, so an edited pack is parsed afresh.
SNAPSHOT = "packs.json"


def load_toml(path: Path | str, what: str, error: type[ValueError] = ValueError,
              may_hold: Callable[[str], bool] | None = None) -> dict[str, Any]:
    """Parse a TOML file; raise `error` naming the file and saying what it is and what is wrong.

    With `may_hold`, a file whose text it rejects is {} unparsed (a pyproject.toml with no
    copycheck table holds nothing of ours, whatever else it holds)."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read {what}: {getattr(exc, 'strerror', None) or exc}") from None
    if may_hold is not None and not may_hold(text):
        return {}
    snapped = _from_snapshot(path, text)
    if snapped is not None:
        return snapped
    return parse_toml(text, path, what, error)


def parse_toml(text: str, path: Path | str, what: str, error: type[ValueError] = ValueError) -> dict[str, Any]:
    """Parse TOML text with tomllib (tomli before Python 3.11)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML in {what}: {exc}") from None


def _from_snapshot(path: str, text: str) -> dict[str, Any] | None:
    """The pre-parsed data of a built-in pack whose text is unchanged, else None."""
    folder, name = os.path.split(path)
    snapshot = os.path.join(folder, SNAPSHOT)
    if not os.path.isfile(snapshot):
        return None
    try:
        with open(snapshot, encoding="utf-8") as fh:
            entry = json.loads(fh.read()).get(name)
    except (OSError, ValueError):
        return None  # a damaged snapshot costs only the speed-up
    if not isinstance(entry, dict) or entry.get("crc32") != text_crc(text):
        return None
    return entry.get("data")


def text_crc(text: str) -> int:
    """CRC-32 of a file's text, as the snapshot records it."""
    return zlib.crc32(text.encode("utf-8"))
