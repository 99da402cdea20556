"""The `journeys` parser and entry point."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import export, fingerprint, lint, new, render, schema
from .common import EXIT_FAILED, EXIT_USAGE, CliError, Formatter, Parser, err

COMMANDS = (new, lint, schema, export, render, fingerprint)

DESCRIPTION = """\
Work with customer journey files (journeys/*.md) without building the site:
create, check, export and render them. Run `journeys COMMAND --help` for details."""

EPILOG = """\
examples:
  journeys new saas-renewal --segment b2b
  journeys lint
  journeys export --format csv --output journeys.csv

exit status: 0 ok, 1 problems found or command refused, 2 bad command line."""


def build_parser() -> Parser:
    parser = Parser(
        prog="journeys", description=DESCRIPTION, epilog=EPILOG, formatter_class=Formatter
    )
    parser.add_argument("--version", action="version", version=f"journeys {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (the console script exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            names = ", ".join(command.NAME for command in COMMANDS)
            raise CliError(f"choose a command: {names} (see `journeys --help`)", EXIT_USAGE)
        status: int = args.run(args)
        return status
    except CliError as error:
        err(f"journeys: error: {error.message}")
        return error.exit_code
    except KeyboardInterrupt:
        err("journeys: interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`journeys export | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as error:  # a bug: say so in one line, keep the traceback on request
        if os.environ.get("JOURNEYS_DEBUG"):
            raise
        err(
            f"journeys: error: unexpected {type(error).__name__}: {error} "
            "(this is a bug; set JOURNEYS_DEBUG=1 to see the traceback)"
        )
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
