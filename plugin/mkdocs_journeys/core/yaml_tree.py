"""Safe YAML loading that remembers the line of every value and refuses what journeys never need.

Composing with libyaml (`CSafeLoader`) and building plain data from the nodes ourselves gives
three things `yaml.safe_load` does not: the line of each field for error messages, an error on
duplicate keys (instead of the last one silently winning), and a refusal of aliases, which is
what makes alias bombs ("billion laughs") harmless.
"""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problem, field_path

try:  # libyaml is 11x faster; the pure loader is the fallback on systems built without it
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]
LineMap = dict[Path, int]

MAX_DEPTH = 32
MAX_NODES = 50_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    _TIMESTAMP,
}


class _Refused(Exception):
    """Stops the walk at the first structural refusal; turned into a Problem by `load`."""

    def __init__(self, path: Path, line: int, message: str, hint: str, alias: bool = False) -> None:
        super().__init__(message)
        self.path, self.line, self.message, self.hint, self.alias = path, line, message, hint, alias


class _Builder:
    """Walks composed nodes into dicts, lists and scalars, recording lines."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        self.lines: LineMap = {}
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def build(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self.seen:
            raise _Refused(
                path,
                self.line_of(node),
                "YAML aliases (`*name`) are not allowed in journey files",
                "Write the value out instead of referring to an anchor.",
                alias=True,
            )
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _Refused(
                path,
                self.line_of(node),
                f"the front matter has more than {MAX_NODES:,} values",
                "Split the journey into smaller journeys.",
            )
        if len(path) > MAX_DEPTH:
            raise _Refused(
                path,
                self.line_of(node),
                f"the front matter is nested more than {MAX_DEPTH} levels deep",
                "Journeys nest at most a few levels (stages > touchpoints > actors).",
            )
        self.lines[path] = self.line_of(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    path,
                    self.line_of(key_node),
                    "only plain names are allowed as keys (no lists, mappings or `<<` merges)",
                    "Write each field as `name: value`.",
                )
            key = str(key_node.value)
            if not key.strip():
                raise _Refused(
                    path,
                    self.line_of(key_node),
                    "a field has no name (an empty key)",
                    "Write each field as `name: value`; a line starting with `? ` or `: ` is YAML syntax for an unnamed key.",
                )
            if key in result:
                raise _Refused(
                    (*path, key),
                    self.line_of(key_node),
                    f"the key {key!r} appears twice (first on line {key_lines[key]})",
                    "Keep one of them: YAML would silently keep only the last.",
                )
            key_lines[key] = self.line_of(key_node)
            if id(value_node) in self.seen:  # an alias: report it where it is used
                raise _Refused(
                    (*path, key),
                    self.line_of(key_node),
                    "YAML aliases (`*name`) are not allowed in journey files",
                    "Write the value out instead of referring to an anchor.",
                    alias=True,
                )
            result[key] = self.build(value_node, (*path, key))
            self.lines[(*path, key)] = self.line_of(key_node)
        return result

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise _Refused(
                path,
                self.line_of(node),
                f"the YAML tag {node.tag!r} is not allowed",
                "Remove the `!tag`; journey files hold only text, numbers, dates and lists.",
            )
        if node.tag == _TIMESTAMP:  # keep dates as written; validation parses them
            return str(node.value)
        if node.tag == _STR:
            return str(node.value)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            return str(node.value)


def load(text: str, file: str, first_line: int = 1) -> tuple[Any, LineMap, list[Problem]]:
    """Parse front matter safely; return plain data, the line of each path, and problems."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, {}, [_syntax_problem(exc, file, first_line, text)]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(file, first_line, "", f"invalid YAML: {exc}", code="yaml")]
    except RecursionError:
        return None, {}, [
            Problem(
                file,
                first_line,
                "",
                "the front matter is nested too deeply to read",
                "Journeys nest at most a few levels (stages > touchpoints > actors).",
                code="yaml",
            )
        ]
    if node is None:
        return None, {}, [
            Problem(
                file,
                first_line,
                "",
                "the front matter is empty",
                "Add at least `title:`, `segment:` and `stages:`.",
                code="empty",
            )
        ]
    builder = _Builder(first_line)
    try:
        data = builder.build(node, ())
    except _Refused as refused:
        line = refused.line
        if refused.alias:
            line = _first_alias_line(text, first_line) or line
        return None, builder.lines, [
            Problem(file, line, field_path(refused.path), refused.message, refused.hint, code="yaml")
        ]
    return data, builder.lines, []


def _first_alias_line(text: str, first_line: int) -> int | None:
    """The line of the first `*alias`. Composing resolves an alias to its anchor's node, so the
    node only knows the anchor's line; the first alias the walk meets is the first in the text."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return int(event.start_mark.line) + first_line
    except yaml.YAMLError:  # pragma: no cover - the text was composed once already
        return None
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, first_line: int, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + first_line if mark else first_line
    message = " ".join(part for part in (exc.context, exc.problem) if part)
    hint = "Check the indentation and quoting on this line and the one before."
    if "\t" in message or (mark and "\t" in _line(text, mark.line)):
        hint = "YAML does not allow tabs for indentation: indent with spaces."
    elif ":" in message or "mapping values" in message:
        hint = "A value that contains `: ` or starts with a special character must be quoted."
    return Problem(file, line, "", f"invalid YAML: {message}", hint, code="yaml")


def _line(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""
