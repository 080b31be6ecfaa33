"""`copycheck audit`: whole-archive audits on Dask (the optional `copycheck[dask]` extra).

Only run.py and cli.py import Dask, and only when the command runs; tasks.py and the rest are
plain Python, so workers and tests can import them without it.
"""
