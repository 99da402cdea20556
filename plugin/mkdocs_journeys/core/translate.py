"""Journey translations: text from `<name>.<lang>.md` laid over the default-language structure.

A translation carries text only. Stakeholders and stages are matched by id, touchpoints by id
(or by position when the translation gives none). Anything it does not translate stays in the
default language and is listed in `Journey.fallback_fields`, so the page can say so. Problems
in a translation are warnings: the page is still built, from whatever could be used.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Sequence
from typing import Any

import jsonschema

from . import schema, source, yaml_tree
from .fingerprint import structure_fingerprint
from .memo import IdentityMemo, no_memo
from .model import Journey, Playbook, Stage, Touchpoint
from .playbook import JourneyFile
from .problems import Problem, Severity, field_path
from .yaml_tree import LineMap, Path

TEXT_FIELDS = ("title", "summary", "owner", "sales_cycle", "deal_value")
FINGERPRINT_RE = re.compile(r"^fp-[0-9a-f]{12}$")


@dataclasses.dataclass(frozen=True)
class Translation:
    """A parsed translation file, before it is laid over its journey."""

    file: str
    language: str
    data: dict[str, Any]
    lines: LineMap
    narrative: str
    problems: tuple[Problem, ...]
    narrative_line: int = 1  # line of the translation file where its narrative starts

    @property
    def fingerprint(self) -> str | None:
        """The recorded fingerprint; None when there is none or it is not one (`fp-` and 12
        hex digits), so a mangled value reads as "not checked" rather than "out of date"."""
        value = self.data.get("source_fingerprint")
        return value if isinstance(value, str) and FINGERPRINT_RE.match(value) else None


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema.translation_schema())


# Each language's build parses its own files; the cache serves `mkdocs serve` rebuilds.
@functools.lru_cache(maxsize=2048)
def parse_translation(raw: bytes, file: str, language: str, max_bytes: int = source.DEFAULT_MAX_BYTES) -> Translation:
    """Read a translation file; every problem is a warning (the page falls back instead)."""
    def warn(problems: list[Problem]) -> tuple[Problem, ...]:
        return tuple(dataclasses.replace(p, severity=Severity.WARNING) for p in problems)

    text, problems = source.decode(raw, file, max_bytes)
    if text is None:
        return Translation(file, language, {}, {}, "", warn(problems))
    split, problems = source.split_front_matter(text, file)
    if split is None:
        return Translation(file, language, {}, {}, "", warn(problems))
    data, lines, problems = yaml_tree.load(split.front_matter, file, split.front_matter_line)
    if not isinstance(data, dict):
        return Translation(file, language, {}, {}, split.body, warn(problems or [Problem(file, 1, "", "the front matter must be a mapping of fields")]))
    problems = []
    structural = set(schema.journey_schema()["properties"]) | {"actors", "score", "scores", "role", "influence", "purchase", "compare_as"}
    for error in () if schema.is_valid(data, "translation") else _validator().iter_errors(data):
        path: Path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for key in sorted(set(error.instance) - set(allowed)):
                at = (*path, key)
                if key in structural:
                    message = f"{key!r} is structure, which comes from the default-language file; it is ignored here"
                    hint = "Remove it from the translation and change it in the default-language file."
                else:
                    close = difflib.get_close_matches(key, allowed, n=1)
                    message, hint = f"unknown field {key!r}", f"Did you mean `{close[0]}`?" if close else ""
                problems.append(Problem(file, schema.line_for(lines, at), field_path(at), message, hint, Severity.WARNING, "translation"))
        elif path == ("source_fingerprint",) and error.validator in ("pattern", "type"):
            problems.append(
                Problem(
                    file,
                    schema.line_for(lines, path),
                    "source_fingerprint",
                    f"expected a fingerprint written fp- and 12 hexadecimal digits (like fp-0123456789ab), got {_show(error.instance)}",
                    "Run `journeys fingerprint` and copy the value it prints for this journey; "
                    "until then the translation's status is 'not checked'.",
                    Severity.WARNING,
                    "translation",
                )
            )
        else:
            problems += [dataclasses.replace(p, severity=Severity.WARNING) for p in schema.explain(error, file, lines)]
    return Translation(file, language, data, lines, split.body, tuple(problems), split.body_line)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def translate(journey: Journey, translation: Translation) -> tuple[Journey, list[Problem]]:
    """Lay a translation over a journey; report ids that do not exist in the journey."""
    data, lines, file = translation.data, translation.lines, translation.file
    problems: list[Problem] = []
    missing: list[str] = []

    def warn(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(file, schema.line_for(lines, path), field_path(path), message, hint, Severity.WARNING, "translation"))

    def text(mapping: dict[str, Any], key: str, default: Any, path: Path) -> Any:
        """The translated value if it has the field's shape (text, or a list of texts like the
        default's), else the default. Wrong shapes were warned about by `parse_translation`."""
        value = mapping.get(key)
        if isinstance(default, tuple):
            ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        else:
            ok = isinstance(value, str) and bool(value.strip())
        if not ok:
            if default:
                missing.append(field_path((*path, key)))
            return default
        return tuple(value) if isinstance(value, list) else value

    def by_id(items: Any, known: Sequence[str], path: Path, kind: str) -> dict[str, tuple[dict[str, Any], Path]]:
        found: dict[str, tuple[dict[str, Any], Path]] = {}
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            at: Path = (*path, index)
            if item["id"] not in known:
                close = difflib.get_close_matches(item["id"], list(known), n=1)
                warn((*at, "id"), f"the {kind} {item['id']!r} does not exist in {journey.source}", f"Did you mean `{close[0]}`?" if close else f"Known: {', '.join(known)}.")
            else:
                found[item["id"]] = (item, at)
        return found

    stakeholders_t = by_id(data.get("stakeholders"), [s.id for s in journey.stakeholders], ("stakeholders",), "stakeholder")
    stakeholders = []
    for s in journey.stakeholders:
        item, at = stakeholders_t.get(s.id, ({}, ("stakeholders",)))
        if not item and (s.name or s.goals):
            missing.append(f"stakeholders.{s.id}")
        stakeholders.append(
            dataclasses.replace(
                s,
                name=text(item, "name", s.name, at) if item else s.name,
                goals=text(item, "goals", s.goals, at) if item else s.goals,
                concerns=text(item, "concerns", s.concerns, at) if item else s.concerns,
            )
        )
    stages_t = by_id(data.get("stages"), [s.id for s in journey.stages], ("stages",), "stage")
    stages = []
    for stage in journey.stages:
        item, at = stages_t.get(stage.id, ({}, ("stages",)))
        if not item:
            missing.append(f"stages.{stage.id}")
            stages.append(stage)
            continue
        stages.append(_stage(stage, item, at, text, warn, missing))
    fields = {key: text(data, key, getattr(journey, key), ()) for key in TEXT_FIELDS}
    tags = text(data, "tags", journey.tags, ())
    own_narrative = bool(translation.narrative.strip())
    narrative = translation.narrative if own_narrative else journey.narrative
    if not translation.narrative.strip() and journey.narrative.strip():
        missing.append("narrative")
    translated = dataclasses.replace(
        journey,
        **fields,
        tags=tags,
        stakeholders=tuple(stakeholders),
        stages=tuple(stages),
        narrative=narrative,
        narrative_line=translation.narrative_line if own_narrative else journey.narrative_line,
        language=translation.language,
        fallback_fields=tuple(missing),
    )
    return translated, problems


def _stage(stage: Stage, item: dict[str, Any], at: Path, text: Any, warn: Any, missing: list[str]) -> Stage:
    touchpoints = list(stage.touchpoints)
    given = item.get("touchpoints")
    items: list[Any] = given if isinstance(given, list) else []
    ids = [tp.id for tp in stage.touchpoints]
    matched: set[int] = set()
    for index, tp_item in enumerate(items):
        tp_at: Path = (*at, "touchpoints", index)
        if not isinstance(tp_item, dict):
            continue
        if "id" in tp_item:
            if tp_item["id"] not in ids:
                warn((*tp_at, "id"), f"the touchpoint {tp_item['id']!r} does not exist in the stage {stage.id!r}", f"Known: {', '.join(i for i in ids if i) or 'none have ids'}.")
                continue
            position = ids.index(tp_item["id"])
        elif index < len(touchpoints):
            position = index
        else:
            count = len(touchpoints)
            has = "has no touchpoints" if count == 0 else f"has only {count} touchpoint{'' if count == 1 else 's'}"
            warn(tp_at, f"the stage {stage.id!r} {has}", "Remove the extra entry, or give it the id of an existing touchpoint.")
            continue
        matched.add(position)
        original: Touchpoint = stage.touchpoints[position]
        touchpoints[position] = dataclasses.replace(
            original,
            name=text(tp_item, "name", original.name, tp_at),
            channel=text(tp_item, "channel", original.channel, tp_at) if "channel" in tp_item else original.channel,
            emotion=text(tp_item, "emotion", original.emotion, tp_at),
        )
    for position, tp in enumerate(stage.touchpoints):
        if position not in matched:
            missing.append(f"stages.{stage.id}.touchpoints.{tp.id or position}")
    return dataclasses.replace(
        stage,
        name=text(item, "name", stage.name, at),
        goal=text(item, "goal", stage.goal, at),
        duration=text(item, "duration", stage.duration, at),
        feedback=text(item, "feedback", stage.feedback, at),
        pains=text(item, "pains", stage.pains, at),
        opportunities=text(item, "opportunities", stage.opportunities, at),
        kpis=text(item, "kpis", stage.kpis, at),
        touchpoints=tuple(touchpoints),
    )


def _state(fingerprint: str | None, journey: Journey) -> str:
    return "unknown" if fingerprint is None else ("current" if fingerprint == structure_fingerprint(journey) else "stale")


# A top-level `source_fingerprint: fp-...` line, as `journeys fingerprint` writes it.
_FINGERPRINT_LINE = re.compile(r"^source_fingerprint:[ \t]*([\"']?)(fp-[0-9a-f]{12})\1[ \t]*(?:#.*)?$", re.MULTILINE)
_fingerprints: dict[tuple[str, int, int], str | None] = {}


def recorded_fingerprint(file: JourneyFile, max_bytes: int = source.DEFAULT_MAX_BYTES) -> str | None:
    """A translation's `source_fingerprint`, read once per file version (path, mtime, size).

    Every language's build shows the status of every translation, so this runs for every file
    in every build: the usual one-line form is read with a regular expression; anything else
    (quoting, comments elsewhere, a second match) goes through the full parse.
    """
    try:
        stat = file.path.stat()
    except OSError:
        return None
    key = (str(file.path), stat.st_mtime_ns, stat.st_size)
    if key not in _fingerprints:
        raw = file.path.read_bytes()
        text = raw.decode("utf-8", "replace")
        head = text.split("\n---", 1)[0] if text.startswith("---") else ""
        found = _FINGERPRINT_LINE.findall(head)
        if len(found) == 1 and head.count("source_fingerprint") == 1:
            _fingerprints[key] = found[0][1]
        else:
            _fingerprints[key] = parse_translation.__wrapped__(raw, file.display, file.language or "", max_bytes).fingerprint
    return _fingerprints[key]


@dataclasses.dataclass(frozen=True)
class TranslationStatus:
    journey_id: str
    language: str
    state: str  # current | stale | missing | unknown
    file: str | None = None


def translate_playbook(
    playbook: Playbook,
    files: Sequence[JourneyFile],
    language: str,
    max_bytes: int = source.DEFAULT_MAX_BYTES,
    memo: IdentityMemo | None = None,
) -> tuple[Playbook, list[Problem], list[TranslationStatus]]:
    """The playbook as readers of `language` see it, the translation warnings, and the status
    of every journey's translation into every language found."""
    by_source = {j.source: j for j in playbook.journeys}
    problems: list[Problem] = []
    statuses: list[TranslationStatus] = []
    translated: dict[str, Journey] = {}
    for file in files:
        base = file.display[: -len(f".{file.language}.md")] + ".md"
        journey = by_source.get(base)
        if journey is None:
            continue  # a translation of a draft, or of a broken or missing file
        if file.language != language:
            # Other languages' files are merged (and their warnings logged) in their own
            # language's build; here only their fingerprint is needed, for the status page.
            statuses.append(TranslationStatus(journey.id, file.language or "", _state(recorded_fingerprint(file, max_bytes), journey), file.display))
            continue
        translation = parse_translation(file.path.read_bytes(), file.display, file.language or "", max_bytes)
        problems.extend(translation.problems)
        statuses.append(TranslationStatus(journey.id, file.language or "", _state(translation.fingerprint, journey), file.display))
        result, merge_problems = (memo.get if memo else no_memo)((journey, translation), "translate", functools.partial(translate, journey, translation))
        problems.extend(merge_problems)
        translated[journey.id] = result
    for file in files:
        if not file.path.with_name(f"{file.stem}.md").exists():
            problems.append(
                Problem(file.display, None, "", f"there is no {file.stem}.md next to this translation", "Name it after an existing journey file, or remove it.", Severity.WARNING, "translation")
            )
    journeys = tuple(translated.get(j.id, j) for j in playbook.journeys)
    return dataclasses.replace(playbook, journeys=journeys), problems, statuses
