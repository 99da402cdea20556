"""What every subcommand shares: errors, paths, loading the playbook and writing output.

Core modules are imported inside the functions that need them, so `journeys --help` stays
instant and each subcommand loads only what it uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.model import Playbook
    from ..core.playbook import JourneyFile
    from ..core.problems import Problem

DEFAULT_JOURNEYS_DIR = "journeys"
DEFAULT_LANGUAGE = "en"  # the language of `<id>.md` files; translations are `<id>.<lang>.md`

# Exit codes, documented in docs/guide/cli.md.
EXIT_OK = 0
EXIT_FAILED = 1  # the command ran and found errors, or refused (an existing file, an unknown id)
EXIT_USAGE = 2  # the command line cannot be acted on: bad option, missing path


class CliError(Exception):
    """An expected failure: shown as one `journeys: error: ...` line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(CliError):
    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_USAGE)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (`journeys: error: ...`), not usage + error."""

    def error(self, message: str) -> Any:  # argparse declares NoReturn; we raise instead
        raise UsageError(f"{message} (see `{self.prog} --help`)")


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and epilogs (the examples)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=100)


def add_subcommand(commands: Any, name: str, summary: str, description: str, epilog: str) -> argparse.ArgumentParser:
    """One `journeys` subcommand; its help keeps the line breaks of the description and examples."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, epilog=epilog, formatter_class=Formatter
    )
    return parser


def add_journeys_dir(parser: argparse.ArgumentParser, *flags: str) -> None:
    parser.add_argument(
        *(flags or ("--journeys-dir",)),
        dest="journeys_dir",
        metavar="DIR",
        default=None,
        help=f"the journeys folder (default: ./{DEFAULT_JOURNEYS_DIR})",
    )


def add_output(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"write {what} to FILE (folders are created) instead of standard output",
    )


# Output --------------------------------------------------------------------------------------


def _write(stream: Any, text: str) -> None:
    """UTF-8 whatever the console's encoding, so journey text never fails to print."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
    else:
        buffer.write(text.encode("utf-8"))
    stream.flush()


def out(text: str) -> None:
    _write(sys.stdout, text if text.endswith("\n") else text + "\n")


def err(text: str) -> None:
    _write(sys.stderr, text if text.endswith("\n") else text + "\n")


def write_output(text: str, output: str | None) -> None:
    """Write a document to `output`, or to standard output when it is None or `-`."""
    if output in (None, "-"):
        _write(sys.stdout, text)
        return
    path = Path(output)
    if path.is_dir():
        raise UsageError(f"--output {output} is a folder; name a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}") from exc


def write_file(path: Path, text: str, shown: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"cannot write {shown}: {exc.strerror or exc}") from exc


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# Paths and loading ---------------------------------------------------------------------------


def absolute(path: Path | str) -> Path:
    """An absolute, normalised path that keeps symlinked folders as the user named them."""
    return Path(os.path.abspath(path))


def project_dir() -> Path:
    """Messages name files relative to the current folder, so editors and terminals link them."""
    return absolute(os.getcwd())


def shown(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it."""
    try:
        return path.relative_to(project_dir()).as_posix() or "."
    except ValueError:
        return path.as_posix()


def journeys_dir(value: str | None) -> Path:
    """The journeys folder named by `--journeys-dir` (default ./journeys); it must exist."""
    path = absolute(value or DEFAULT_JOURNEYS_DIR)
    if not path.exists():
        if value is None:
            raise UsageError(
                f"no `{DEFAULT_JOURNEYS_DIR}` folder in {shown(project_dir())}: run the command "
                "from the project root or pass --journeys-dir DIR"
            )
        raise UsageError(f"the journeys folder {value} does not exist")
    check_folder(path, value or DEFAULT_JOURNEYS_DIR)
    return path


def check_folder(path: Path, named: str) -> None:
    if not path.is_dir():
        raise UsageError(f"{named} is not a folder")
    if not os.access(path, os.R_OK | os.X_OK):
        raise UsageError(f"cannot read the folder {named}: permission denied")


@dataclass(frozen=True)
class Loaded:
    """One journeys folder, loaded by the core."""

    root: Path
    playbook: Playbook
    files: tuple[JourneyFile, ...]  # every file found, default-language and translations
    translation_files: tuple[JourneyFile, ...]

    def path_of(self, display: str) -> Path | None:
        for file in self.files:
            if file.display == display:
                return file.path
        return None

    @property
    def translation_languages(self) -> list[str]:
        return sorted({f.language for f in self.translation_files if f.language})


def load(root: Path, *, include_drafts: bool = False) -> Loaded:
    from ..core.playbook import discover, load_playbook

    files = discover(root, project_dir())
    playbook, translations = load_playbook(
        root, project_dir(), include_drafts=include_drafts, files=files
    )
    return Loaded(root, playbook, tuple(files), tuple(translations))


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day, as the MkDocs plugin does for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def sort_problems(problems: Sequence[Problem]) -> list[Problem]:
    """Unique problems by file, then line (problems without a line first), else as found."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line or 0))


def format_problem(problem: Problem) -> str:
    """`Problem.format()`; warnings end with `[warning]` so they read apart from errors."""
    return problem.format() + ("" if problem.is_error else " [warning]")


# The site's settings ----------------------------------------------------------------------


@dataclass(frozen=True)
class SiteSettings:
    """What `mkdocs.yml` says that changes a check: the plugin's options, the default language."""

    journeys_dir: str | None = None
    gap_level: str | None = None
    default_language: str = DEFAULT_LANGUAGE


def site_settings(path: Path = Path("mkdocs.yml")) -> SiteSettings:
    """Read ./mkdocs.yml, if there is one, so `journeys lint` judges as `mkdocs build` would.

    MkDocs' own tags (`!ENV`, `!!python/name`) are read as "not set": lint never evaluates them.
    """
    import yaml

    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=Tolerant)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return SiteSettings()
    if not isinstance(data, dict):
        return SiteSettings()
    options: dict[str, Any] = {}
    default_language = DEFAULT_LANGUAGE
    for entry in data.get("plugins") or []:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None)
        config = config if isinstance(config, dict) else {}
        if name == "journeys":
            options = config
        elif name == "i18n":
            for language in config.get("languages") or []:
                if isinstance(language, dict) and language.get("default") and isinstance(language.get("locale"), str):
                    default_language = language["locale"]
    theme = data.get("theme")
    if default_language == DEFAULT_LANGUAGE and isinstance(theme, dict) and isinstance(theme.get("language"), str):
        default_language = theme["language"]
    gap_level = options.get("gap_level") if options.get("gap_level") in ("info", "warning", "error") else None
    journeys_dir = options.get("journeys_dir") if isinstance(options.get("journeys_dir"), str) else None
    return SiteSettings(journeys_dir, gap_level, default_language)
