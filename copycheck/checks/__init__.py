"""Hand-written rules, one module per family; each module exposes RULES."""
