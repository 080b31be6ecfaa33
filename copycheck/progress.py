"""A progress bar on stderr for long interactive runs; silent for hooks, CI and pipes."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from collections.abc import Callable, Iterator
from time import monotonic

# Below this many files a run is over before a bar would be worth drawing.
MIN_FILES = 200
# How often the bar is redrawn (rich's own default rate).
REFRESH_SECONDS = 0.1


def shown(total: int, enabled: bool = True) -> bool:
    """True when a run of `total` files gets a bar: someone is watching a long run."""
    return enabled and total >= MIN_FILES and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress(total: int, enabled: bool = True) -> Iterator[Callable[[object], None]]:
    """Yield a callback that advances a rich bar, or a no-op when no one is watching."""
    if not shown(total, enabled):
        yield lambda _result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # No refresh thread (auto_refresh): --jobs forks its workers inside this block, and a child
    # forked while that thread holds stderr's lock would hang on its exit flush of stderr. The bar
    # is redrawn from the callback instead, at most every REFRESH_SECONDS, and once more at the end.
    with Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("files", total=total)
        last = 0.0  # when the bar was last drawn

        def advance(_result: object) -> None:
            nonlocal last
            bar.advance(task)
            now = monotonic()
            if now - last >= REFRESH_SECONDS:
                last = now
                bar.refresh()

        yield advance
