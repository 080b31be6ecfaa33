"""copycheck's own regular expressions: compiled on first use, and from compiled code kept on disk.

A one-article run imports every rule module but meets only some of their patterns (Markdown,
tables and HTML patterns, say, never run on plain prose), so module-level patterns wait for
their first use (`lazy`). And `re` compiles in pure Python: about a third of a one-article run
went on parsing the same ninety patterns again. `compile` keeps what `re` compiles them to (the
matcher's code, version-specific like a .pyc) in the package's `__pycache__`, beside the .pyc
files, and hands it to the matcher directly on later runs. Only copycheck's own patterns go
there, never a user's pack or config; it is written as .pyc files are (not under
PYTHONDONTWRITEBYTECODE, never where the folder is read-only), and a file that is missing,
stale or from another Python is ignored.
"""
from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# What rules call; copied onto the object after compiling, so later calls skip __getattr__.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """Stands in for `re.compile(pattern, flags)` and compiles on the first attribute asked for."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.compiled = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


# A possessive repeat's mark where `re` has them (Python 3.11+), else nothing: callers use it
# only where the greedy repeat can never backtrack into a match, so both find the same matches
# and 3.10 merely keeps backtracking state the possessive form drops.
POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""


def lazy(pattern: str | bytes, flags: int = 0) -> Any:
    """A pattern compiled when first used; typed Any so callers use it as a `re.Pattern`."""
    return LazyPattern(pattern, flags)


_ASCII_BYTES = bytes(range(128))
_WORD_CHAR = LazyPattern(r"\w")


def ascii_words(text: str) -> bool:
    """True when every word character (Unicode \\w) of the text is ASCII, as in copy whose only
    other characters are marks such as “ ” ’ £ —.

    On such a text a pattern's \\w, \\W and \\b mean the same with re.ASCII, which tests them by a
    table look-up instead of a Unicode category test at every character (\\s and \\d aside: \\s
    differs on U+00A0 and U+001C-U+001F, which are no word characters).
    """
    if text.isascii():
        return True
    # The non-ASCII characters alone: in UTF-8 every byte of theirs is >= 0x80, so deleting the
    # ASCII bytes leaves their whole encodings. Two C passes, where a class scan of the text
    # would cost about as much as the pattern the answer speeds up.
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return _WORD_CHAR.search(rest) is None


# Each byte that is no ASCII word character made a space (see spaced_bytes).
_WORD_BYTES = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
_NON_WORD_TO_SPACE = bytes(c if c in _WORD_BYTES else 32 for c in range(256))


def spaced_bytes(text: str) -> bytes | None:
    """The text as Latin-1 bytes (one per character: the same offsets) with every byte that is no
    ASCII word character made a space; None for a text with a character past U+00FF.

    On a text whose word characters are all ASCII (ascii_words), a pattern that would open with
    \\W before a word can open with a literal space here instead, which re seeks quickly, where
    a class is tested at every character. It finds a superset of the places: each is then
    matched with the precise pattern on the text."""
    try:
        return text.encode("latin-1").translate(_NON_WORD_TO_SPACE)
    except UnicodeEncodeError:
        return None


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's drop-in
    """re.compile(pattern, flags), from the code a previous run kept when there is one."""
    store = _store()
    key = (pattern, int(flags))
    entry = store.codes.get(key)
    if entry is not None:
        try:
            return _sre_compile(pattern, entry)
        except Exception:  # noqa: BLE001 - code the matcher rejects: compile afresh below
            del store.codes[key]
    compiled, entry = _compile_keeping_code(pattern, int(flags))
    if entry is not None:
        store.add(key, entry)
    return compiled


def _sre_compile(pattern: str, entry: tuple) -> re.Pattern:
    """The matcher built from kept code; _sre validates the code and raises on anything malformed."""
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _compile_keeping_code(pattern: str, flags: int) -> tuple[re.Pattern, tuple | None]:
    """Compile as re.compile does (re._compiler.compile, step by step) and return the code too.

    On a Python whose `re` is laid out otherwise (3.10 names the modules sre_*), plain re.compile."""
    try:
        from re import _compiler, _parser
    except ImportError:
        return re.compile(pattern, flags), None
    if not isinstance(pattern, str) or flags & ~_CACHEABLE_FLAGS:
        return re.compile(pattern, flags), None
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses marshal refuses
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
    return _sre_compile(pattern, entry), entry


# The flags rules use; DEBUG (which prints) and TEMPLATE are compiled the ordinary way.
_CACHEABLE_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII | re.UNICODE)


class _Store:
    """The kept code of this Python's matcher, loaded once per process and written back at exit."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.codes: dict[tuple[str, int], tuple] = {}
        self.dirty = False
        if path is not None:
            self.codes = _read(path)

    def add(self, key: tuple[str, int], entry: tuple) -> None:
        self.codes[key] = entry
        if not self.dirty and self.path is not None and not sys.dont_write_bytecode:
            self.dirty = True
            import atexit

            atexit.register(self.save)

    def save(self) -> None:
        """Write atomically (a reader never sees half a file); a folder one cannot write is fine."""
        import marshal

        tmp = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(tmp, "wb") as fh:
                marshal.dump((_stamp(), self.codes), fh)
            os.replace(tmp, self.path)
        except (OSError, ValueError):  # ValueError: a value marshal cannot write; nothing is kept
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _stamp() -> tuple:
    """What the kept code depends on: the interpreter's build and the matcher's code version."""
    import _sre

    return (sys.implementation.cache_tag, sys.version, _sre.MAGIC, _sre.CODESIZE)


def _read(path: str) -> dict:
    """The kept code, or nothing when the file is missing, unreadable or made by another Python."""
    import marshal

    try:
        with open(path, "rb") as fh:
            # One read, then loads: marshal.load on a file reads it piecemeal through Python
            # calls, which took 7-14 ms of a one-article run for what loads does in 0.6 ms.
            stamp, codes = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return codes if stamp == _stamp() and isinstance(codes, dict) else {}


_STORE: _Store | None = None


def _store() -> _Store:
    global _STORE
    if _STORE is None:
        tag = sys.implementation.cache_tag
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")
        _STORE = _Store(os.path.join(folder, f"patterns.{tag}.marshal") if tag else None)
    return _STORE
