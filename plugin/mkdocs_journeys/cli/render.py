"""`journeys render --markdown OUT`: the generated pages as Markdown files, for any docs tool."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    DEFAULT_LANGUAGE,
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    absolute,
    add_journeys_dir,
    add_subcommand,
    build_date,
    err,
    format_problem,
    journeys_dir,
    load,
    out,
    plural,
    shown,
    sort_problems,
    write_file,
)

NAME = "render"

DESCRIPTION = """\
Write the Markdown of every page the MkDocs plugin generates (a page per journey, a page per
file with errors that shows them, comparison pages, the journeys index and the catalogs) to
OUT/<page path>, for example OUT/journeys/saas-procurement.md. With --language, journeys are
shown in that language's translation where one exists (<id>.<lang>.md).

The pages are Markdown with raw HTML blocks (tables, Mermaid diagrams); they look as intended
with the plugin's CSS and JavaScript (mkdocs_journeys/assets/). Existing files in OUT are
overwritten; others are left alone.

Problems are printed on standard error, as `journeys lint` prints them."""

EPILOG = """\
examples:
  journeys render --markdown build/journeys-md
  journeys render --markdown build/md-de --language de

output:
  Wrote 6 pages to build/journeys-md

exit status: 0 ok (warnings allowed), 1 a journey has errors (its page shows them),
2 bad command line."""


def add_parser(commands: Any) -> None:
    parser = add_subcommand(commands, NAME, "write the generated pages as Markdown files", DESCRIPTION, EPILOG)
    parser.add_argument(
        "--markdown", required=True, metavar="OUT", help="folder to write the Markdown pages to"
    )
    add_journeys_dir(parser)
    parser.add_argument(
        "--language",
        default=DEFAULT_LANGUAGE,
        help=f"language of the generated text (default: {DEFAULT_LANGUAGE})",
    )
    parser.add_argument("--include-drafts", action="store_true", help="render drafts too")
    parser.add_argument(
        "--directory-urls",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="links between pages as MkDocs' use_directory_urls makes them (default: on)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.site import build_site_pages

    loaded = load(journeys_dir(args.journeys_dir), include_drafts=args.include_drafts)
    out_dir = absolute(args.markdown)
    if out_dir.exists() and not out_dir.is_dir():
        raise CliError(f"--markdown {args.markdown} exists and is not a folder", 2)
    pages = build_site_pages(
        loaded.playbook,
        loaded.translation_files,
        language=args.language,
        default_language=DEFAULT_LANGUAGE,
        languages=[DEFAULT_LANGUAGE, *loaded.translation_languages],
        today=build_date(),
        directory_urls=args.directory_urls,
    )
    for page in pages.pages:
        target = absolute(out_dir / page.src)
        if not target.is_relative_to(out_dir):  # ids are validated; this is a second lock
            raise CliError(f"refusing to write {page.src} outside {args.markdown}")
        write_file(target, page.markdown, shown(target))
    problems = sort_problems(pages.problems)
    for problem in problems:
        err(format_problem(problem))
    out(f"Wrote {plural(len(pages.pages), 'page')} to {args.markdown}")
    return EXIT_FAILED if any(p.is_error for p in problems) else EXIT_OK
