"""`journeys export`: every journey as JSON (whole) or CSV (one row per touchpoint/stakeholder)."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .common import (
    DEFAULT_LANGUAGE,
    EXIT_OK,
    CliError,
    add_journeys_dir,
    add_output,
    add_subcommand,
    err,
    format_problem,
    journeys_dir,
    load,
    out,
    plural,
    sort_problems,
    write_output,
)

if TYPE_CHECKING:
    from ..core.model import Journey, Stage, Stakeholder, Touchpoint

NAME = "export"

# One header for both record kinds; the cells a kind does not use are empty.
CSV_COLUMNS = (
    "record",  # touchpoint | stakeholder
    "journey",  # journey id
    "segment",  # b2b | b2c
    "language",
    "stage",  # touchpoint rows: stage name
    "touchpoint",  # touchpoint rows: touchpoint name
    "channel",
    "actors",  # stakeholder names, joined by "; "
    "score",  # the shared score, 1-5
    "scores",  # per-stakeholder scores where they differ: "Name: 2; Name: 4"
    "emotion",
    "stakeholder",  # stakeholder rows: the stakeholder's name
    "role",
    "influence",
    "goals",  # joined by "; "
    "concerns",  # joined by "; "
)
JOIN = "; "
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

DESCRIPTION = f"""\
Export the journeys (drafts only with --include-drafts), sorted by id, in the default
language or, with --lang, in a translation where one exists (the `language` field says which).

json: {{"journeys": [...]}}, each journey whole: every field, its stakeholders, stages,
touchpoints with per-stakeholder scores, and the narrative. Keys are in a fixed order.

csv (RFC 4180, UTF-8): one row per touchpoint (record=touchpoint) and one per stakeholder
(record=stakeholder) under one header:
  {", ".join(CSV_COLUMNS)}
A text cell that starts with = + - @ (or a tab) gets a leading ' so that spreadsheets show
it as text instead of running it as a formula.

Files with errors stop the export (run `journeys lint`)."""

EPILOG = """\
examples:
  journeys export --format csv --output journeys.csv
  journeys export --format json | jq '.journeys[].id'
  journeys export --format csv --lang ru --output journeys-ru.csv

output (csv):
  record,journey,segment,language,stage,touchpoint,channel,actors,score,scores,emotion,...
  touchpoint,fashion-checkout,b2c,en,Inspiration,Influencer reel,social,Online shopper,4,,...
  stakeholder,fashion-checkout,b2c,en,,,,,,,,Online shopper,consumer,high,Find a piece ..."""


def add_parser(commands: Any) -> None:
    parser = add_subcommand(commands, NAME, "export journeys as JSON or CSV", DESCRIPTION, EPILOG)
    parser.add_argument("--format", choices=("json", "csv"), required=True, help="output format")
    add_output(parser, "the export")
    add_journeys_dir(parser)
    parser.add_argument("--include-drafts", action="store_true", help="export drafts too")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=DEFAULT_LANGUAGE,
        help="export the LANG translations (<id>.<LANG>.md) where they exist; journeys without "
        f"one stay in the default language (default: {DEFAULT_LANGUAGE})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    loaded = load(journeys_dir(args.journeys_dir), include_drafts=args.include_drafts)
    errors = [p for p in sort_problems(loaded.playbook.problems) if p.is_error]
    if errors:
        for problem in errors:
            err(format_problem(problem))
        files = len({p.file for p in errors})
        raise CliError(
            f"nothing exported: {plural(files, 'journey file')} with errors "
            "(fix them; `journeys lint` lists them)"
        )
    playbook = loaded.playbook
    if args.lang != DEFAULT_LANGUAGE:
        from ..core.translate import translate_playbook

        playbook, warnings, _ = translate_playbook(playbook, loaded.translation_files, args.lang)
        for problem in sort_problems(warnings):
            err(format_problem(problem))
    journeys = sorted(playbook.journeys, key=lambda j: j.id)
    text = to_json(journeys) if args.format == "json" else to_csv(journeys)
    write_output(text, args.output)
    if args.output not in (None, "-"):
        out(f"Wrote {plural(len(journeys), 'journey')} to {args.output}")
    return EXIT_OK


# JSON ----------------------------------------------------------------------------------------


def to_json(journeys: Iterable[Journey]) -> str:
    journeys = list(journeys)
    exported = {journey.id for journey in journeys}
    document = {"journeys": [journey_dict(journey, exported) for journey in journeys]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def journey_dict(journey: Journey, exported: set[str] | None = None) -> dict[str, Any]:
    """One journey; `compare_with` keeps only journeys that are exported too (never a draft)."""
    from ..core.fingerprint import structure_fingerprint

    return {
        "id": journey.id,
        "title": journey.title,
        "segment": journey.segment,
        "language": journey.language or DEFAULT_LANGUAGE,
        "status": journey.status,
        "summary": journey.summary,
        "owner": journey.owner,
        "reviewed": journey.reviewed.isoformat() if journey.reviewed else None,
        "tags": list(journey.tags),
        "sales_cycle": journey.sales_cycle,
        "deal_value": journey.deal_value,
        "compare_with": [c for c in journey.compare_with if exported is None or c in exported],
        "source": journey.source,
        "fingerprint": structure_fingerprint(journey),
        "stakeholders": [_stakeholder(s) for s in journey.stakeholders],
        "stages": [_stage(stage, journey) for stage in journey.stages],
        "narrative": journey.narrative,
    }


def _stakeholder(stakeholder: Stakeholder) -> dict[str, Any]:
    return {
        "id": stakeholder.id,
        "name": stakeholder.name,
        "role": stakeholder.role,
        "influence": stakeholder.influence,
        "goals": list(stakeholder.goals),
        "concerns": list(stakeholder.concerns),
    }


def _stage(stage: Stage, journey: Journey) -> dict[str, Any]:
    return {
        "id": stage.id,
        "name": stage.name,
        "goal": stage.goal,
        "duration": stage.duration,
        "purchase": stage.purchase,
        "compare_as": stage.compare_as,
        "touchpoints": [_touchpoint(tp, journey) for tp in stage.touchpoints],
        "pains": list(stage.pains),
        "opportunities": list(stage.opportunities),
        "kpis": list(stage.kpis),
        "feedback": stage.feedback,
    }


def _touchpoint(touchpoint: Touchpoint, journey: Journey) -> dict[str, Any]:
    return {
        "id": touchpoint.id,
        "name": touchpoint.name,
        "channel": touchpoint.channel,
        "actors": list(touchpoint.actors),
        "score": touchpoint.score,
        "scores": dict(touchpoint.scores),  # only stakeholders who differ from `score`
        # Every actor's score, as the experience curve draws it.
        "actor_scores": {actor: touchpoint.score_for(actor) for actor in touchpoint.actors},
        "emotion": touchpoint.emotion,
    }


# CSV -----------------------------------------------------------------------------------------


def defuse(value: object) -> object:
    """Keep spreadsheets from running text as a formula: `=cmd()` becomes `'=cmd()`."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(journeys: Iterable[Journey]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: CRLF, minimal quoting
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(journeys):
        writer.writerow([defuse(row.get(column, "")) for column in CSV_COLUMNS])
    return buffer.getvalue()


def csv_rows(journeys: Iterable[Journey]) -> Iterable[dict[str, object]]:
    for journey in journeys:
        names = {s.id: s.name for s in journey.stakeholders}
        common = {
            "journey": journey.id,
            "segment": journey.segment,
            "language": journey.language or DEFAULT_LANGUAGE,
        }
        for stage, touchpoint in journey.touchpoints():
            yield {
                **common,
                "record": "touchpoint",
                "stage": stage.name,
                "touchpoint": touchpoint.name,
                "channel": touchpoint.channel or "",
                "actors": JOIN.join(names.get(a, a) for a in touchpoint.actors),
                "score": touchpoint.score,
                "scores": JOIN.join(f"{names.get(k, k)}: {v}" for k, v in touchpoint.scores),
                "emotion": touchpoint.emotion or "",
            }
        for stakeholder in journey.stakeholders:
            yield {
                **common,
                "record": "stakeholder",
                "stakeholder": stakeholder.name,
                "role": stakeholder.role,
                "influence": stakeholder.influence,
                "goals": JOIN.join(stakeholder.goals),
                "concerns": JOIN.join(stakeholder.concerns),
            }
