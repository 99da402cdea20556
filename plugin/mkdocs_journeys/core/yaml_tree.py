"""Safe YAML loading that remembers the line of every value and refuses what journeys never need.

Composing with libyaml (`CSafeLoader`) and building plain data from the nodes ourselves gives
three things `yaml.safe_load` does not: the line of each field for error messages, an error on
duplicate keys (instead of the last one silently winning), and a refusal of aliases, which is
what makes alias bombs ("billion laughs") harmless.
"""

from __future__ import annotations

import re
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
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    _TIMESTAMP,
}


class _RealLines:
    """YAML also breaks lines at U+0085, U+2028 and U+2029; editors, and messages, do not.
    Maps a YAML line index (0-based) to the index of the file's line (counting `\n` only)."""

    _BREAKS = re.compile("[\n\x85\u2028\u2029]")

    def __init__(self, text: str) -> None:
        self.newlines: list[int] | None = None
        if "\x85" in text or "\u2028" in text or "\u2029" in text:
            count, self.newlines = 0, [0]
            for match in self._BREAKS.finditer(text):
                count += match.group() == "\n"
                self.newlines.append(count)

    def __call__(self, yaml_line: int) -> int:
        if self.newlines is None:
            return yaml_line
        return self.newlines[min(yaml_line, len(self.newlines) - 1)]


class _Refused(Exception):
    """Stops the walk at the first structural refusal; turned into a Problem by `load`."""

    def __init__(self, path: Path, line: int, message: str, hint: str, alias: bool = False) -> None:
        super().__init__(message)
        self.path, self.line, self.message, self.hint, self.alias = path, line, message, hint, alias


class _Builder:
    """Walks composed nodes into dicts, lists and scalars, recording lines."""

    def __init__(self, first_line: int, real_line: _RealLines) -> None:
        self.first_line = first_line
        self.real_line = real_line
        self.lines: LineMap = {}
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def line_of(self, node: yaml.Node) -> int:
        return self.real_line(node.start_mark.line) + self.first_line

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
            self._plain(node, path, _MAP)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._plain(node, path, _SEQ)
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _plain(self, node: yaml.Node, path: Path, tag: str) -> None:
        """A list or mapping must be a plain one: `!!python/object [...]` or `!!set {...}` is not."""
        if node.tag != tag:
            raise _Refused(
                path,
                self.line_of(node),
                f"the YAML tag {_show_tag(node.tag)!r} is not allowed",
                "Remove the `!tag`; journey files hold only text, numbers, dates and lists.",
            )

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
                f"the YAML tag {_show_tag(node.tag)!r} is not allowed",
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
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere
        position = exc.position if isinstance(exc.position, int) and exc.position >= 0 else 0
        # libyaml counts bytes of the UTF-8 text; the pure-Python reader counts characters.
        before = text.encode("utf-8")[:position] if _Loader is not yaml.SafeLoader else text[:position].encode("utf-8")
        line = before.count(b"\n")
        char = exc.character if isinstance(exc.character, str) else chr(exc.character) if isinstance(exc.character, int) else "?"
        return None, {}, [
            Problem(
                file,
                line + first_line,
                "",
                f"invalid YAML: the character U+{ord(char[:1] or '?'):04X} is not allowed in YAML",
                "Remove it: control characters are usually invisible in editors, so retype the line. "
                "To write one on purpose, use an escape in double quotes, such as \"\\t\".",
                code="yaml",
            )
        ]
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
    builder = _Builder(first_line, _RealLines(text))
    try:
        data = builder.build(node, ())
    except _Refused as refused:
        line = refused.line
        if refused.alias:
            line = _first_alias_line(text, first_line) or line
        return None, builder.lines, [
            Problem(file, line, field_path(refused.path), refused.message, refused.hint, code="yaml")
        ]
    if "&" in text and (anchor := _first_anchor_line(text, first_line)) is not None:
        paths = [path for path, line in builder.lines.items() if line == anchor]
        return None, builder.lines, [
            Problem(
                file,
                anchor,
                field_path(max(paths, key=len, default=())),
                "YAML anchors (`&name`) are not allowed in journey files",
                "Remove the `&name`; anchors only serve aliases (`*name`), which are not allowed either.",
                code="yaml",
            )
        ]
    return data, builder.lines, []


def _first_anchor_line(text: str, first_line: int) -> int | None:
    """The line of the first `&anchor` (the composed nodes do not keep anchors)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if getattr(event, "anchor", None) is not None and not isinstance(event, yaml.AliasEvent) and event.start_mark:
                return _RealLines(text)(int(event.start_mark.line)) + first_line
    except yaml.YAMLError:  # pragma: no cover - the text was composed once already
        return None
    return None


def _first_alias_line(text: str, first_line: int) -> int | None:
    """The line of the first `*alias`. Composing resolves an alias to its anchor's node, so the
    node only knows the anchor's line; the first alias the walk meets is the first in the text."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark:
                return _RealLines(text)(int(event.start_mark.line)) + first_line
    except yaml.YAMLError:  # pragma: no cover - the text was composed once already
        return None
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, first_line: int, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    real_line = _RealLines(text)
    line = real_line(mark.line) + first_line if mark else first_line
    message = " ".join(part for part in (exc.context, exc.problem) if part)
    hint = "Check the indentation and quoting on this line and the one before."
    if "\t" in message or (mark and "\t" in _line(text, real_line(mark.line))):
        hint = "YAML does not allow tabs for indentation: indent with spaces."
    elif "nesting depth" in message:
        hint = "Journeys nest at most a few levels (stages > touchpoints > actors): close the brackets you opened."
    elif "single document" in message:
        hint = "A line that starts with `---` starts another YAML document: only the closing line of the front matter may."
    elif "escape" in message:
        hint = "In double quotes, a backslash starts an escape: write `\\\\` for a backslash, or use single quotes."
    elif ":" in message or "mapping values" in message:
        hint = "A value that contains `: ` or starts with a special character must be quoted."
    return Problem(file, line, "", f"invalid YAML: {message}", hint, code="yaml")


def _show_tag(tag: str) -> str:
    """A tag as it was probably written: `!!binary`, not `tag:yaml.org,2002:binary`."""
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _line(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""
