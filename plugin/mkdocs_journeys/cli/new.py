"""`journeys new`: a ready-to-edit journey, or a translation skeleton of an existing one."""

from __future__ import annotations

import argparse
import json
import re
from typing import TYPE_CHECKING, Any

from . import templates
from .common import (
    DEFAULT_JOURNEYS_DIR,
    EXIT_OK,
    CliError,
    UsageError,
    absolute,
    add_subcommand,
    build_date,
    check_folder,
    journeys_dir,
    load,
    out,
    shown,
    write_file,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ..core.model import Journey

NAME = "new"
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the schema's id pattern
LANG_RE = re.compile(r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")  # what the core reads as a translation
OTHER_SEGMENT = {"b2b": "b2c", "b2c": "b2b"}

DESCRIPTION = """\
Create DIR/<id>.md: a journey that uses every field of the schema, each explained in a
comment. b2b gets a buying committee of six stakeholders with distinct roles; b2c gets one
consumer. The journey starts as a draft (`status: draft`), which `journeys lint` checks and
the site leaves out until you publish it.

With --lang LANG, create a translation skeleton instead: <id>.<LANG>.md next to the existing
journey <id> (found anywhere under DIR), with every translatable text copied from the source,
ids kept and source_fingerprint set, so a translator replaces the text in place.

Existing files are never overwritten without --force."""

EPILOG = """\
examples:
  journeys new saas-renewal --segment b2b
  journeys new grocery-delivery --segment b2c --compare-with saas-renewal
  journeys new saas-procurement --lang de

output:
  Created journeys/saas-renewal.md (b2b, draft). Edit it, then run: journeys lint"""


def journey_id(value: str) -> str:
    if not ID_RE.match(value) or len(value) > 80:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a journey id: use lowercase letters, digits and single hyphens, "
            "for example saas-renewal"
        )
    return value


def language(value: str) -> str:
    if not LANG_RE.match(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a language code: use a code like de, fr, pt_BR or zh_Hant"
        )
    return value


def add_parser(commands: Any) -> None:
    parser = add_subcommand(commands, NAME, "create a journey from a template, or a translation skeleton", DESCRIPTION, EPILOG)
    parser.add_argument(
        "id",
        type=journey_id,
        help="id of the new journey (or, with --lang, of the journey to translate)",
    )
    parser.add_argument(
        "--segment", choices=("b2b", "b2c"), help="b2b or b2c (required without --lang)"
    )
    parser.add_argument(
        "--lang", type=language, metavar="LANG", help="write a translation skeleton into LANG"
    )
    parser.add_argument(
        "--compare-with",
        type=journey_id,
        metavar="ID",
        help="pair the new journey with this existing journey of the other segment",
    )
    parser.add_argument(
        "--dir",
        "--journeys-dir",
        dest="journeys_dir",
        metavar="DIR",
        default=None,
        help=f"the journeys folder (default: ./{DEFAULT_JOURNEYS_DIR})",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.lang:
        if args.segment or args.compare_with:
            raise UsageError("--lang writes a translation: it takes no --segment or --compare-with")
        return _translation(args)
    if not args.segment:
        raise UsageError(
            "--segment b2b|b2c is required to create a journey (or --lang LANG to translate one)"
        )
    return _journey(args)


def _journey(args: argparse.Namespace) -> int:
    folder = absolute(args.journeys_dir or DEFAULT_JOURNEYS_DIR)
    target = folder / f"{args.id}.md"
    if folder.exists():
        check_folder(folder, args.journeys_dir or DEFAULT_JOURNEYS_DIR)
    if target.exists() and not args.force:
        raise CliError(f"{shown(target)} already exists; use --force to overwrite it")
    compare_with = _compare_with_line(args, folder, target)
    text = templates.TEMPLATES[args.segment].format(
        header=templates.HEADER.rstrip("\n"),
        id=yaml_scalar(args.id),
        title=yaml_scalar(args.id.replace("-", " ").capitalize()),
        today=build_date().isoformat(),
        compare_with=compare_with,
    )
    write_file(target, text, shown(target))
    out(f"Created {shown(target)} ({args.segment}, draft). Edit it, then run: journeys lint")
    return EXIT_OK


def _compare_with_line(args: argparse.Namespace, folder: Path, target: Path) -> str:
    """The `compare_with` lines: active with --compare-with, else a comment naming candidates.

    An active `compare_with` must name an existing journey of the other segment, or the new
    file would not validate; the same goes for an id already used by another file.
    """
    other = OTHER_SEGMENT[args.segment]
    candidates: list[str] = []
    if folder.is_dir():
        loaded = load(folder, include_drafts=True)
        used = [(j.id, j.source) for j in loaded.playbook.journeys]
        used += [(b.id, b.source) for b in loaded.playbook.broken]
        for used_id, source in used:
            if used_id == args.id and loaded.path_of(source) != target:
                raise CliError(f"the id {args.id!r} is already used by {source}; choose another id")
        journeys = {j.id: j for j in loaded.playbook.journeys}
        paired = {target for j in journeys.values() for target in j.compare_with}
        candidates = sorted(
            j.id
            for j in journeys.values()
            if j.segment == other and not j.compare_with and j.id not in paired
        )
        if args.compare_with:
            counterpart = journeys.get(args.compare_with)
            if counterpart is None:
                raise CliError(f"--compare-with: no journey has the id {args.compare_with!r}")
            if counterpart.segment != other:
                raise CliError(
                    f"--compare-with: {args.compare_with!r} is a {counterpart.segment.upper()} "
                    f"journey; a {args.segment.upper()} journey is compared with a "
                    f"{other.upper()} one"
                )
            if counterpart.compare_with and args.id not in counterpart.compare_with:
                raise CliError(
                    f"--compare-with: {counterpart.source} declares its counterparts "
                    f"({', '.join(counterpart.compare_with)}); add {args.id!r} to its "
                    "`compare_with` first"
                )
    elif args.compare_with:
        raise CliError(f"--compare-with: no journey has the id {args.compare_with!r}")
    if args.compare_with:
        return templates.COMPARE_WITH_ON.format(other=other, target=args.compare_with)
    return templates.COMPARE_WITH_OFF.format(
        other=other,
        other_upper=other.upper(),
        candidates=f" (here: {', '.join(candidates[:5])})" if candidates else "",
        example=candidates[0] if candidates else f"{other}-journey-id",
    )


# Translations --------------------------------------------------------------------------------


def _translation(args: argparse.Namespace) -> int:
    loaded = load(journeys_dir(args.journeys_dir), include_drafts=True)
    journey = loaded.playbook.journey(args.id)
    if journey is None:
        for broken in loaded.playbook.broken:
            if broken.id == args.id:
                raise CliError(
                    f"{broken.source} has errors; fix them before translating (`journeys lint`)"
                )
        raise CliError(f"no journey has the id {args.id!r} under {shown(loaded.root)}")
    source = loaded.path_of(journey.source)
    if source is None:  # pragma: no cover - every journey comes from a discovered file
        raise CliError(f"cannot find the file of {args.id!r}")
    stem = source.name[: -len(".md")]
    target = source.with_name(f"{stem}.{args.lang}.md")
    if target.exists() and not args.force:
        raise CliError(f"{shown(target)} already exists; use --force to overwrite it")
    write_file(target, translation_text(journey, args.lang), shown(target))
    out(f"Created {shown(target)}: translate the text in place, keep the ids.")
    return EXIT_OK


def translation_text(journey: Journey, lang: str) -> str:
    """The translation file: a commented header, the texts as YAML, then the narrative."""
    header = templates.TRANSLATION_HEADER.format(source=journey.source, lang=lang)
    front = dump_yaml(translation_data(journey))
    narrative = journey.narrative if journey.narrative.endswith("\n") else journey.narrative + "\n"
    return f"---\n{header}{front}---\n{narrative}"


def translation_data(journey: Journey) -> dict[str, Any]:
    """Every text field translation.schema.json allows, copied from the source journey."""
    from ..core.fingerprint import structure_fingerprint

    data: dict[str, Any] = {"source_fingerprint": structure_fingerprint(journey)}
    _put(data, "title", journey.title)
    _put(data, "summary", journey.summary)
    _put(data, "owner", journey.owner)
    _put(data, "sales_cycle", journey.sales_cycle)
    _put(data, "deal_value", journey.deal_value)
    _put(data, "tags", list(journey.tags))
    stakeholders = []
    for stakeholder in journey.stakeholders:
        item: dict[str, Any] = {"id": stakeholder.id, "name": stakeholder.name}
        _put(item, "goals", list(stakeholder.goals))
        _put(item, "concerns", list(stakeholder.concerns))
        stakeholders.append(item)
    _put(data, "stakeholders", stakeholders)
    stages = []
    for stage in journey.stages:
        entry: dict[str, Any] = {"id": stage.id, "name": stage.name}
        _put(entry, "goal", stage.goal)
        _put(entry, "duration", stage.duration)
        touchpoints = []
        for touchpoint in stage.touchpoints:
            point: dict[str, Any] = {}
            _put(point, "id", touchpoint.id)
            _put(point, "name", touchpoint.name)
            if touchpoint.channel and not _standard_channel(touchpoint.channel):
                point["channel"] = touchpoint.channel
            _put(point, "emotion", touchpoint.emotion)
            touchpoints.append(point)
        _put(entry, "touchpoints", touchpoints)
        _put(entry, "pains", list(stage.pains))
        _put(entry, "opportunities", list(stage.opportunities))
        _put(entry, "kpis", list(stage.kpis))
        _put(entry, "feedback", stage.feedback)
        stages.append(entry)
    _put(data, "stages", stages)
    return data


def _standard_channel(channel: str) -> bool:
    """Channels with a label in the message catalogs are shown translated without help."""
    from ..core.labels import Labels

    return Labels().optional("channel." + "-".join(channel.lower().split())) is not None


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", []):
        target[key] = value


# YAML output ---------------------------------------------------------------------------------


def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        """Indents lists under their key and folds long texts, as journey files are written."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
            return super().increase_indent(flow, False)

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = ">" if len(value) > 80 and "\n" not in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def dump_yaml(data: Any) -> str:
    import yaml

    text: str = yaml.dump(
        data,
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=96,
    )
    return text


def yaml_scalar(text: str) -> str:
    """A string as a YAML scalar that reads back as the same string (quoted if need be)."""
    plain = dump_yaml(text).removesuffix("\n...\n").rstrip("\n")
    return plain if "\n" not in plain else json.dumps(text, ensure_ascii=False)
