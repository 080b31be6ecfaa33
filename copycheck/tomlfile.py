"""Reading TOML data files (configuration, packs, name lists) with errors that name the file."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def load_toml(path: Path | str, what: str, error: type[ValueError] = ValueError) -> dict[str, Any]:
    """Parse a TOML file; raise `error` naming the file and saying what it is and what is wrong."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML in {what}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read {what}: {getattr(exc, 'strerror', None) or exc}") from None
