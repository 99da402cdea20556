"""`journeys schema`: the JSON Schema that the build enforces, for editors and other tools."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .common import EXIT_OK, add_output, add_subcommand, out, write_output

NAME = "schema"

DESCRIPTION = """\
Print the JSON Schema of a journey's front matter (the one `journeys lint` and the site build
validate with), or with --translation the schema of a translation file (<id>.<lang>.md)."""

EPILOG = """\
examples:
  journeys schema --output .vscode/journey.schema.json
  journeys schema --translation --output .vscode/journey-translation.schema.json

Then map the schema to your journey files in the editor; see docs/guide/cli.md."""


def add_parser(commands: Any) -> None:
    parser = add_subcommand(commands, NAME, "print the JSON Schema of journey (or translation) front matter", DESCRIPTION, EPILOG)
    parser.add_argument(
        "--translation", action="store_true", help="the schema of translation files instead"
    )
    add_output(parser, "the schema")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.schema import journey_schema, translation_schema

    schema = translation_schema() if args.translation else journey_schema()
    write_output(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", args.output)
    if args.output not in (None, "-"):
        out(f"Wrote {args.output}")
    return EXIT_OK
