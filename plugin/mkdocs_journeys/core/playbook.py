"""Load a whole journeys folder: parse every file once, then check what spans journeys."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import source
from .model import BrokenJourney, Journey, Pair, Playbook
from .parse import parse_journey
from .problems import Problem

_LANG_SUFFIX = re.compile(r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class JourneyFile:
    """A file found under the journeys folder."""

    path: Path  # absolute
    display: str  # as shown in messages: relative to the project root, POSIX separators
    stem: str  # the journey's default id
    language: str | None  # None: a default-language journey; else a translation's language


def discover(journeys_dir: Path, project_dir: Path) -> list[JourneyFile]:
    """Every `*.md` below the folder, in a stable order whatever the file system's order."""
    found = []
    for root, dirs, names in os.walk(journeys_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.endswith(".md") or name.startswith("."):
                continue
            path = Path(root, name)
            stem, _, suffix = name[:-3].rpartition(".")
            language = suffix if stem and _LANG_SUFFIX.match(suffix) else None
            found.append(JourneyFile(path, _display(path, project_dir), stem if language else name[:-3], language))
    return sorted(found, key=lambda f: f.display)


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        return path.as_posix()


def load_playbook(
    journeys_dir: Path,
    project_dir: Path | None = None,
    *,
    include_drafts: bool = False,
    max_bytes: int = source.DEFAULT_MAX_BYTES,
    files: Iterable[JourneyFile] | None = None,
) -> tuple[Playbook, list[JourneyFile]]:
    """Parse every default-language journey and check ids and pairs across them.

    Returns the playbook and the translation files found, which the translation merge reads.
    """
    project_dir = project_dir or journeys_dir.parent
    all_files = list(files) if files is not None else discover(journeys_dir, project_dir)
    journeys: list[Journey] = []
    broken: list[BrokenJourney] = []
    problems: list[Problem] = []
    for file in (f for f in all_files if f.language is None):
        raw = _read(file, problems)
        if raw is None:
            broken.append(BrokenJourney(file.stem, file.display, (problems[-1],)))
            continue
        result, file_problems = parse_journey(raw, file.display, file.stem, max_bytes)
        problems.extend(file_problems)
        if isinstance(result, Journey):
            journeys.append(result)
        else:
            broken.append(result)
    journeys, broken = _unique_ids(journeys, broken, problems)
    published = [j for j in journeys if include_drafts or not j.is_draft]
    pairs = _pairs(journeys, published, problems)
    playbook = Playbook(
        journeys=tuple(published),
        # A broken draft's problems are still logged (above), but nothing of it is published.
        broken=tuple(b for b in broken if include_drafts or not b.is_draft),
        problems=tuple(problems),
        pairs=tuple(pairs),
    )
    return playbook, [f for f in all_files if f.language is not None]


def _read(file: JourneyFile, problems: list[Problem]) -> bytes | None:
    try:
        return file.path.read_bytes()
    except OSError as exc:
        problems.append(Problem(file.display, None, "", f"cannot read the file: {exc.strerror}", "Check its permissions.", code="io"))
        return None


def _unique_ids(
    journeys: list[Journey], broken: list[BrokenJourney], problems: list[Problem]
) -> tuple[list[Journey], list[BrokenJourney]]:
    first: dict[str, str] = {b.id: b.source for b in broken}
    kept = []
    for journey in journeys:
        if journey.id in first:
            problem = Problem(
                journey.source,
                1,
                "id",
                f"the journey id {journey.id!r} is already used by {first[journey.id]}",
                "Give one of them another `id:` (or rename the file).",
                code="duplicate-id",
            )
            problems.append(problem)
            broken.append(BrokenJourney(f"{journey.id}--duplicate", journey.source, (problem,), journey.title))
            continue
        first[journey.id] = journey.source
        kept.append(journey)
    return kept, broken


def _pairs(journeys: list[Journey], published: list[Journey], problems: list[Problem]) -> list[Pair]:
    """Pairs declared by `compare_with` on either side; contradictions are errors."""
    by_id = {j.id: j for j in journeys}
    shown = {j.id for j in published}
    pairs: set[Pair] = set()
    for journey in journeys:
        line = journey.lines.get(("compare_with",))
        for target_id in journey.compare_with:
            target = by_id.get(target_id)

            problem = functools.partial(_compare_problem, problems, journey.source, line)

            if target is None:
                problem(f"no journey has the id {target_id!r}", "Use the `id` (or file name) of an existing journey.")
                continue
            if target.segment == journey.segment:
                problem(
                    f"{target_id!r} is also a {journey.segment.upper()} journey",
                    "A comparison pairs a B2B journey with a B2C one.",
                )
                continue
            if target.compare_with and journey.id not in target.compare_with:
                problem(
                    f"{target_id!r} ({target.source}) declares other counterparts ({', '.join(target.compare_with)}) but not {journey.id!r}",
                    f"Add {journey.id!r} to its `compare_with`, or remove {target_id!r} here.",
                )
                continue
            if journey.id not in shown or target_id not in shown:
                continue
            b2b, b2c = (journey, target) if journey.segment == "b2b" else (target, journey)
            pairs.add(Pair(b2b.id, b2c.id))
    return sorted(pairs, key=lambda p: (p.b2b, p.b2c))


def _compare_problem(problems: list[Problem], source: str, line: int | None, message: str, hint: str) -> None:
    problems.append(Problem(source, line, "compare_with", message, hint, code="compare-with"))
