#!/usr/bin/env python3
"""Rebuild rules/packs.json: the built-in TOML packs parsed ahead of time, for a fast cold start.

Usage: python scripts/build_pack_snapshot.py
Each entry records the CRC-32 of its TOML; copycheck parses a pack afresh whenever its text no
longer matches, so a stale snapshot only costs speed. tests/test_packs.py checks it is current.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copycheck.tomlfile import SNAPSHOT, parse_toml, text_crc  # noqa: E402


def build(folder: Path) -> dict:
    """{file name: {"crc32": …, "data": parsed TOML}} for every .toml file in the folder."""
    out = {}
    for path in sorted(folder.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        out[path.name] = {"crc32": text_crc(text), "data": parse_toml(text, path, "pack")}
    return out


def main() -> None:
    folder = ROOT / "rules"
    target = folder / SNAPSHOT
    target.write_text(json.dumps(build(folder), ensure_ascii=False, indent=None) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
