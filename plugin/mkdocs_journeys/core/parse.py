"""One journey file in, one Journey (or a BrokenJourney with its problems) out."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from typing import Any

from . import schema, source, yaml_tree
from .model import BrokenJourney, Journey, Stage, Stakeholder, Touchpoint
from .problems import Problem, field_path
from .yaml_tree import LineMap, Path

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
Parsed = tuple["Journey | BrokenJourney", tuple[Problem, ...]]


@functools.lru_cache(maxsize=8192)
def parse_journey(raw: bytes, file: str, stem: str, max_bytes: int = source.DEFAULT_MAX_BYTES) -> Parsed:
    """Parse and validate a journey file. Cached by content: six language builds parse once."""
    text, problems = source.decode(raw, file, max_bytes)
    if text is None:
        return _broken(stem, file, problems)
    split, problems = source.split_front_matter(text, file)
    if split is None:
        return _broken(stem, file, problems)
    data, lines, problems = yaml_tree.load(split.front_matter, file, split.front_matter_line)
    if problems:
        return _broken(stem, file, problems)
    if not isinstance(data, dict):  # a list, a text, or `null`
        return _broken(
            stem,
            file,
            [Problem(file, split.front_matter_line, "", "the front matter must be a mapping of fields", "Start with `title: ...`.", code="schema")],
        )
    title = data.get("title") if isinstance(data.get("title"), str) else None
    draft = data.get("status") == "draft"
    journey_id = data.get("id", stem)
    problems = schema.schema_problems(data, file, lines)
    if not isinstance(journey_id, str) or not ID_RE.match(journey_id):
        if "id" not in data:
            problems.append(
                Problem(
                    file,
                    1,
                    "id",
                    f"the file name {stem!r} cannot serve as the journey id",
                    f"Rename the file, or add `id: {_slug(stem)}` to the front matter.",
                    code="schema",
                )
            )
        journey_id = _slug(str(journey_id)) or "journey"
    if problems:
        return _broken(journey_id, file, problems, title, draft)
    problems = _semantic_problems(data, journey_id, file, lines)
    if any(p.is_error for p in problems):
        return _broken(journey_id, file, problems, title, draft)
    journey = _build(data, journey_id, file, split.body, split.body_line, lines)
    return journey, tuple(problems)


def _broken(journey_id: str, file: str, problems: list[Problem], title: str | None = None, draft: bool = False) -> Parsed:
    return BrokenJourney(id=journey_id, source=file, problems=tuple(problems), title=title, is_draft=draft), tuple(problems)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _semantic_problems(data: dict[str, Any], journey_id: str, file: str, lines: LineMap) -> list[Problem]:
    """Rules a JSON Schema cannot express: uniqueness, references, real dates."""
    problems: list[Problem] = []

    def add(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(file, schema.line_for(lines, path), field_path(path), message, hint, code="reference"))

    reviewed = data.get("reviewed")
    if isinstance(reviewed, str):
        try:
            dt.date.fromisoformat(reviewed)
        except ValueError:
            add(("reviewed",), f"{reviewed!r} is not a real date", "Write an existing date as YYYY-MM-DD.")

    stakeholders = data.get("stakeholders", [])
    declared = _unique_ids(stakeholders, ("stakeholders",), "stakeholder", add)
    _unique_ids(data["stages"], ("stages",), "stage", add)
    touchpoint_ids: dict[str, Path] = {}
    alignment: dict[str, Path] = {}
    purchase_stages = []
    first_stage: dict[str, int] = {}
    for s_index, stage in enumerate(data["stages"]):
        stage_path: Path = ("stages", s_index)
        target = stage.get("compare_as", stage["id"])
        # A repeated stage id is reported once, as such (above), not also as an alignment clash.
        repeated_id = first_stage.setdefault(stage["id"], s_index) != s_index
        if not repeated_id or "compare_as" in stage:
            if target in alignment:
                add((*stage_path, "compare_as"), f"two stages align on the same stage id {target!r} (see {field_path(alignment[target])})", "Each stage may match one stage of the counterpart journey.")
            alignment[target] = stage_path
        if stage.get("purchase"):
            purchase_stages.append(stage_path)
        for t_index, touchpoint in enumerate(stage.get("touchpoints", [])):
            path: Path = (*stage_path, "touchpoints", t_index)
            tp_id = touchpoint.get("id")
            if tp_id is not None:
                if tp_id in touchpoint_ids:
                    add((*path, "id"), f"the touchpoint id {tp_id!r} is already used at {field_path(touchpoint_ids[tp_id])}", "Touchpoint ids are unique within a journey.")
                touchpoint_ids[tp_id] = path
            actors = touchpoint.get("actors")
            if actors is None and len(declared) > 1:
                add(path, "the touchpoint names no actors, and the journey has several stakeholders", f"Add `actors: [...]` with some of: {', '.join(declared)}.")
            for a_index, actor in enumerate(actors or []):
                if actor not in declared:
                    add((*path, "actors", a_index), _unknown(actor, "actor", declared), "Actors are the ids of the journey's stakeholders.")
            taking_part = set(actors) if actors is not None else set(declared)
            for key in touchpoint.get("scores", {}):
                if key not in declared:
                    add((*path, "scores", key), _unknown(key, "stakeholder", declared), "Keys of `scores` are stakeholder ids.")
                elif key not in taking_part:
                    add((*path, "scores", key), f"{key!r} has a score here but is not among the touchpoint's actors", f"Add {key!r} to `actors`, or remove its score.")
    for extra in purchase_stages[1:]:
        add((*extra, "purchase"), "more than one stage is marked `purchase: true`", "Mark only the stage where the purchase is decided.")
    compare_with = data.get("compare_with")
    targets = [compare_with] if isinstance(compare_with, str) else list(compare_with or [])
    if journey_id in targets:
        add(("compare_with",), "a journey cannot be compared with itself", "Name the counterpart journey in the other segment.")
    return problems


def _unique_ids(items: list[dict[str, Any]], path: Path, kind: str, add: Any) -> list[str]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item["id"]
        if item_id in seen:
            add((*path, index, "id"), f"the {kind} id {item_id!r} is already used by {field_path((*path, seen[item_id]))}", f"Give each {kind} its own id.")
        else:
            seen[item_id] = index
    return list(seen)


def _unknown(name: str, kind: str, declared: list[str]) -> str:
    close = difflib.get_close_matches(name, declared, n=1)
    suggestion = f"; did you mean {close[0]!r}?" if close else ""
    known = ", ".join(declared) or "none declared"
    return f"{name!r} is not a declared stakeholder (known: {known}){suggestion}"


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def _build(data: dict[str, Any], journey_id: str, file: str, body: str, body_line: int, lines: LineMap) -> Journey:
    stakeholders = tuple(
        Stakeholder(
            id=item["id"],
            name=item["name"],
            role=item["role"],
            influence=item.get("influence", "medium"),
            goals=_texts(item.get("goals")),
            concerns=_texts(item.get("concerns")),
        )
        for item in data.get("stakeholders", [])
    )
    only = (stakeholders[0].id,) if len(stakeholders) == 1 else ()
    stages = tuple(
        Stage(
            id=stage["id"],
            name=stage["name"],
            goal=stage.get("goal"),
            duration=stage.get("duration"),
            purchase=bool(stage.get("purchase", False)),
            compare_as=stage.get("compare_as"),
            touchpoints=tuple(
                Touchpoint(
                    name=tp["name"],
                    score=tp["score"],
                    id=tp.get("id"),
                    channel=tp.get("channel"),
                    actors=tuple(tp["actors"]) if "actors" in tp else only,
                    scores=tuple(tp.get("scores", {}).items()),
                    emotion=tp.get("emotion"),
                )
                for tp in stage.get("touchpoints", [])
            ),
            pains=_texts(stage.get("pains")),
            opportunities=_texts(stage.get("opportunities")),
            kpis=_texts(stage.get("kpis")),
            feedback=stage.get("feedback"),
        )
        for stage in data["stages"]
    )
    compare_with = data.get("compare_with")
    reviewed = data.get("reviewed")
    return Journey(
        id=journey_id,
        title=data["title"],
        segment=data["segment"],
        stages=stages,
        source=file,
        summary=data.get("summary"),
        owner=data.get("owner"),
        reviewed=dt.date.fromisoformat(reviewed) if reviewed else None,
        status=data.get("status", "published"),
        tags=_texts(data.get("tags")),
        sales_cycle=data.get("sales_cycle"),
        deal_value=data.get("deal_value"),
        compare_with=(compare_with,) if isinstance(compare_with, str) else _texts(compare_with),
        stakeholders=stakeholders,
        narrative=body,
        narrative_line=body_line,
        lines=lines,
    )
