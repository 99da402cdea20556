"""`journeys fingerprint`: the structure fingerprint a translation records as its source."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    add_journeys_dir,
    add_subcommand,
    err,
    journeys_dir,
    load,
    out,
)

NAME = "fingerprint"

DESCRIPTION = """\
Print `id fingerprint` for each journey (drafts included), sorted by id. The fingerprint
changes when stakeholders, stages or touchpoints are added, removed or reordered, not when
text or scores change; a translation records it as `source_fingerprint` so the site can flag
translations whose source has changed since."""

EPILOG = """\
examples:
  journeys fingerprint
  journeys fingerprint saas-procurement

output:
  saas-procurement 3f0c1d2e4b5a

exit status: 0 ok, 1 an id is unknown or its file has errors, 2 bad command line."""


def add_parser(commands: Any) -> None:
    parser = add_subcommand(commands, NAME, "print the structure fingerprint of journeys (for translators)", DESCRIPTION, EPILOG)
    parser.add_argument("ids", nargs="*", metavar="ID", help="journey ids (default: all)")
    add_journeys_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.fingerprint import structure_fingerprint

    loaded = load(journeys_dir(args.journeys_dir), include_drafts=True)
    journeys = {journey.id: journey for journey in loaded.playbook.journeys}
    broken = {item.id: item.source for item in loaded.playbook.broken}
    wanted = list(dict.fromkeys(args.ids)) or sorted(journeys)
    status = EXIT_OK
    for journey_id in wanted:
        journey = journeys.get(journey_id)
        if journey is not None:
            out(f"{journey.id} {structure_fingerprint(journey)}")
    if not args.ids:
        wanted = sorted(broken)
    for journey_id in wanted:
        if journey_id in journeys:
            continue
        status = EXIT_FAILED
        if journey_id in broken:
            err(f"journeys: error: {broken[journey_id]} has errors; run `journeys lint` first")
        else:
            err(f"journeys: error: no journey has the id {journey_id!r}")
    return status
