"""`journeys lint`: everything a site build would report about the journey files, and more."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import (
    DEFAULT_JOURNEYS_DIR,
    DEFAULT_LANGUAGE,
    EXIT_FAILED,
    EXIT_OK,
    Loaded,
    UsageError,
    absolute,
    add_journeys_dir,
    add_subcommand,
    build_date,
    check_folder,
    format_problem,
    journeys_dir,
    load,
    out,
    plural,
    shown,
    site_settings,
    sort_problems,
)

if TYPE_CHECKING:
    from ..core.problems import Problem

NAME = "lint"

DESCRIPTION = """\
Check journey files and their translations: YAML syntax, every field against the JSON Schema,
references between stakeholders, stages and touchpoints, ids and comparison pairs across
journeys, narrative markers, translations that do not match their source, and gaps in the
content (an empty stage, an idle stakeholder, a journey without counterpart). It reports what
`mkdocs build` would report, without MkDocs.

The whole journeys folder is always loaded, so checks across journeys work; when PATHS are
given, only problems of those files (or of files in those folders) are reported."""

EPILOG = """\
examples:
  journeys lint
  journeys lint journeys/saas-procurement.md --strict
  journeys lint --format json > problems.json

output (text):
  journeys/crm.md:12: stakeholders[0].rol: unknown field 'rol' Did you mean `role`?
  journeys/crm.md:31: stages[0].touchpoints[1].score: expected a score from 1 to 5, got 7 ...
  2 errors, 0 warnings in 5 files

exit status: 0 no errors, 1 errors (with --strict: errors or warnings), 2 bad command line."""


def add_parser(commands: Any) -> None:
    parser = add_subcommand(commands, NAME, "check journey files and report problems with file, line and field", DESCRIPTION, EPILOG)
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATHS",
        help="journey files or folders to report on (default: the whole journeys folder)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    add_journeys_dir(parser)
    parser.add_argument(
        "--include-drafts",
        action="store_true",
        help="check drafts as a build with include_drafts would (pairs, rendering, gaps)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--gap-level",
        choices=("info", "warning", "error"),
        default=None,
        help="report gap findings (an empty stage, an idle stakeholder, ...) as warnings, errors, "
        "or not at all (info), like the plugin option gap_level (default: the gap_level of "
        "./mkdocs.yml, else warning)",
    )
    parser.set_defaults(run=run)


@dataclass
class Scope:
    """What to report for one journeys folder: everything, or some files and folders."""

    everything: bool = False
    files: set[Path] = field(default_factory=set)
    folders: list[Path] = field(default_factory=list)

    def covers(self, path: Path) -> bool:
        return (
            self.everything
            or path in self.files
            or any(path.is_relative_to(folder) for folder in self.folders)
        )


def run(args: argparse.Namespace) -> int:
    site = site_settings()
    gap_level = args.gap_level or site.gap_level or "warning"
    scopes = _scopes(args.paths, args.journeys_dir or site.journeys_dir)
    problems: list[Problem] = []
    files = 0
    for root, scope in scopes.items():
        loaded = load(root, include_drafts=args.include_drafts)
        _check_named_files(loaded, scope)
        in_scope = {f.display for f in loaded.files if scope.covers(f.path)}
        files += len(in_scope)
        problems.extend(
            p
            for p in folder_problems(loaded, gap_level, site.default_language)
            if p.file in in_scope or scope.everything
        )
    problems = sort_problems(problems)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if args.format == "json":
        document = {
            "problems": [p.to_dict() for p in problems],
            "files": files,
            "errors": errors,
            "warnings": warnings,
        }
        out(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            out(format_problem(problem))
        out(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}")
    failed = errors or (args.strict and warnings)
    return EXIT_FAILED if failed else EXIT_OK


def folder_problems(loaded: Loaded, gap_level: str = "warning", default_language: str = DEFAULT_LANGUAGE) -> list[Problem]:
    """What a build of the folder in every language reports: loading, translations, rendering, gaps."""
    from ..core.site import check_playbook

    return check_playbook(
        loaded.playbook,
        loaded.translation_files,
        default_language=default_language,
        gap_level=gap_level,
        today=build_date(),
    )


def _scopes(paths: Sequence[str], journeys_dir_option: str | None) -> dict[Path, Scope]:
    """Which folder to load for each path, and what to report from it.

    A path inside the journeys folder (default ./journeys) is reported from that folder; any
    other folder is a journeys folder of its own, and any other file is reported from its own
    folder. A folder inside another one named here is loaded as part of the outer one.
    """
    if not paths:
        return {journeys_dir(journeys_dir_option): Scope(everything=True)}
    if journeys_dir_option is not None:
        journeys_dir(journeys_dir_option)  # must exist when named
    default_root = absolute(journeys_dir_option or DEFAULT_JOURNEYS_DIR)
    named: list[tuple[Path, Path]] = []  # (path, the folder it would be loaded from)
    for text in paths:
        path = absolute(text)
        if not path.exists():
            raise UsageError(f"no such file or folder: {text}")
        if path.is_dir():
            check_folder(path, text)
        elif not path.name.endswith(".md"):
            raise UsageError(f"{text} is not a journey file (journey files end with .md)")
        if default_root.is_dir() and path.is_relative_to(default_root):
            named.append((path, default_root))
        else:
            named.append((path, path if path.is_dir() else path.parent))
    roots: list[Path] = []
    for root in sorted({root for _, root in named}, key=lambda p: len(p.parts)):
        if not any(root.is_relative_to(outer) for outer in roots):
            roots.append(root)
    scopes = {root: Scope() for root in roots}
    for path, root in named:
        scope = scopes[next(outer for outer in roots if root.is_relative_to(outer))]
        if path in scopes:
            scope.everything = True
        elif path.is_dir():
            scope.folders.append(path)
        else:
            scope.files.add(path)
    return scopes


def _check_named_files(loaded: Loaded, scope: Scope) -> None:
    skipped = sorted(scope.files - {f.path for f in loaded.files})
    if skipped:
        raise UsageError(
            f"{shown(skipped[0])} is not read as a journey file: names and folders starting "
            "with `.` are skipped"
        )
