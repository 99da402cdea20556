"""The `journeys` command: a thin adapter over `mkdocs_journeys.core` that never imports MkDocs.

Each subcommand lives in its own module with two functions, `add_parser` and `run`; `app`
wires them into one argparse parser and turns expected failures into one-line errors.
"""

from .app import main

__all__ = ["main"]
