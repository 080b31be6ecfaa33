"""python -m copycheck."""
from .cli import console

console()
