"""Built-in rule packs: TOML data shipped in the wheel as copycheck.rules (no code lives here)."""
