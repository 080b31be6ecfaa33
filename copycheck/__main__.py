"""The `copycheck` command and `python -m copycheck`: the CLI loads with collections off."""
import gc


def console() -> None:
    """Import the CLI with no garbage collections, then run it.

    Loading the CLI allocates much and frees nothing that a collection would find: a dozen
    collections during imports alone. run_check keeps them off for the run itself; other
    commands (the language server, the check service) get them back before they start.
    """
    enabled = gc.isenabled()
    gc.disable()
    from .cli import console as run

    gc.freeze()  # what the imports built lives as long as the process: no collection need scan it
    if enabled:
        gc.enable()
    run()


if __name__ == "__main__":
    console()
