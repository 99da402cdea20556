"""The author's narrative: Markdown kept as Markdown, with every way to inject HTML removed.

Raw HTML (`<` outside code) becomes text, attribute lists (`{: onclick=...}`) lose their
braces, and link or image targets with a scheme other than http(s), mailto or tel are
replaced. Code spans and fenced code blocks are left as written: Markdown escapes them.
Marker lines (`<!-- journeys:diagram -->`) are taken out first, so authors can place the
generated blocks.

"Code" must mean exactly what Python-Markdown (MkDocs' renderer) will treat as code, or text we
leave raw would reach the page as HTML. So the rules here are Python-Markdown's, and where they
are hard to follow we err on the side of escaping (a code sample then shows `&lt;`; nothing runs):

- fenced blocks are found with Python-Markdown's own `fenced_code` expression, on text
  normalised the way Python-Markdown normalises it (tabs expanded to 4 columns);
- a code span is a run of backticks closed by a run of the same length on the same line, not
  opened after a backslash; every other backtick is written `&#96;`, so Python-Markdown cannot
  pair backticks differently from us;
- every link destination (after `](`, or after `]:` for reference definitions, anywhere:
  nested brackets, blockquotes and list items included) is checked as a browser reads it:
  entities decoded, tabs, newlines, backticks and Markdown escapes ignored, code spans included.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

MARKER = re.compile(r"^\s{0,3}<!--\s*journeys:([a-z-]+)\s*-->\s*$")

# Python-Markdown 3.x `FencedBlockPreprocessor.FENCED_BLOCK_RE`, verbatim (a test checks that it
# still equals the installed one).
FENCED_BLOCK_RE = re.compile(
    r"""
(?P<fence>^(?:~{3,}|`{3,}))[ ]*                          # opening fence
((\{(?P<attrs>[^\n]*)\})|                                # (optional {attrs} or
(\.?(?P<lang>[\w#.+-]*)[ ]*)?                            # optional (.)lang
(hl_lines=(?P<quot>"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?) # optional hl_lines)
\n                                                       # newline (end of opening fence)
(?P<code>.*?)(?<=\n)                                     # the code block
(?P=fence)[ ]*$                                          # closing fence
""",
    re.MULTILINE | re.DOTALL | re.VERBOSE,
)
# `{attrs}` that Python-Markdown certainly accepts (`{.python #id key=value}`). Anything else
# might be refused by it, and then the "fence" is prose: we stop trusting fences from there.
_SIMPLE_ATTRS = re.compile(r"^[\w\s.#=:-]*$")
_OPENING_LINE = re.compile(r"^(`{3,}|~{3,})", re.MULTILINE)
_CLOSING_LINE = re.compile(r"^(`{3,}|~{3,})[ ]*$", re.MULTILINE)
_TILDE_FENCE = re.compile(r"^~{3,}", re.MULTILINE)
_TAB_LENGTH = 4  # Python-Markdown's default, which MkDocs keeps
_BLANKISH = re.compile(r"^[ ]+$", re.MULTILINE)
_TICKS = re.compile(r"`+")
_DEST_START = re.compile(r"\]\(|\]:")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?")
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+.-")
_MD_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")
_IMAGE_REF = re.compile(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\](?:[ ]?\[([^\[\]\n]*)\])?")
_SCAN_LIMIT = 256  # characters of a destination looked at for its scheme
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)
_LINK_NESTING = 8  # brackets nested deeper than this are text


@dataclass(frozen=True)
class Segment:
    """Either Markdown text (`marker` None) or a marker naming a generated block.

    `line` is the 0-based line of the narrative where the segment starts (the marker's line).
    """

    text: str = ""
    marker: str | None = None
    line: int = 0


def normalise(markdown: str) -> str:
    """What Python-Markdown does first (NormalizeWhitespace); line numbers are kept."""
    text = (
        markdown.replace("\x02", "").replace("\x03", "").replace("\r\n", "\n").replace("\r", "\n")
    )
    return _BLANKISH.sub("", text.expandtabs(_TAB_LENGTH))


def fence_spans(text: str) -> list[tuple[int, int]]:
    """The fenced code blocks Python-Markdown's `fenced_code` will find, as (start, end).

    The same search as Python-Markdown's, made linear: its expression only runs from an opening
    line that has a possible closing line after it (an opening fence without one would make the
    expression scan to the end of the text, once per such line)."""
    closers: dict[str, list[int]] = {}
    for line in _CLOSING_LINE.finditer(text):
        closers.setdefault(line.group(1), []).append(line.start())
    spans: list[tuple[int, int]] = []
    position = 0
    for opener in _OPENING_LINE.finditer(text):
        start = opener.start()
        ends = closers.get(opener.group(1), [])
        if start < position or bisect.bisect_right(ends, start) == len(ends):
            continue
        match = FENCED_BLOCK_RE.match(text, start)
        if match is None:
            continue
        attrs = match.group("attrs")
        if attrs is not None and not _SIMPLE_ATTRS.match(attrs):
            return spans  # Python-Markdown may or may not take it: trust no fence from here
        spans.append((start, match.end()))
        position = match.end()
    return spans


def _lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, line, inside a fenced block) for each line of normalised text."""
    spans = fence_spans(text)
    offset = 0
    span = 0
    for number, line in enumerate(text.split("\n")):
        while span < len(spans) and spans[span][1] <= offset:
            span += 1
        inside = span < len(spans) and spans[span][0] <= offset < spans[span][1]
        yield number, line, inside
        offset += len(line) + 1


def split_markers(markdown: str) -> list[Segment]:
    """Cut the narrative at marker lines that are outside fenced code."""
    segments: list[Segment] = []
    current: list[str] = []
    start = 0
    for number, line, in_fence in _lines(normalise(markdown)):
        if not in_fence and (match := MARKER.match(line)):
            segments.append(Segment("\n".join(current), line=start))
            segments.append(Segment(marker=match.group(1), line=number))
            current, start = [], number + 1
            continue
        current.append(line)
    segments.append(Segment("\n".join(current), line=start))
    return [s for s in segments if s.marker or s.text.strip()]


def safe_segments(markdown: str) -> list[Segment]:
    """`split_markers`, with each text segment made safe (fences found on the whole text)."""
    segments: list[Segment] = []
    current: list[str] = []
    prose: list[str] = []
    start = 0

    text = normalise(markdown)
    images = _image_labels(text)

    def flush_prose() -> None:
        if prose:
            current.append(_safe_prose("\n".join(prose), images))
            prose.clear()

    for number, line, in_fence in _lines(text):
        if in_fence:
            flush_prose()
            current.append(line)
        elif match := MARKER.match(line):
            flush_prose()
            segments.append(Segment("\n".join(current), line=start))
            segments.append(Segment(marker=match.group(1), line=number))
            current, start = [], number + 1
        else:
            prose.append(line)
    flush_prose()
    segments.append(Segment("\n".join(current), line=start))
    return [s for s in segments if s.marker or s.text.strip()]


def safe_markdown(markdown: str) -> str:
    """Neutralise raw HTML, attribute lists and unsafe link targets outside code."""
    out: list[str] = []
    prose: list[str] = []
    text = normalise(markdown)
    images = _image_labels(text)
    for _, line, in_fence in _lines(text):
        if in_fence:
            if prose:
                out.append(_safe_prose("\n".join(prose), images))
                prose.clear()
            out.append(line)
        else:
            prose.append(line)
    if prose:
        out.append(_safe_prose("\n".join(prose), images))
    return "\n".join(out)


def _image_labels(text: str) -> set[str]:
    """Labels that images refer to (`![alt][label]`, `![label]`) anywhere in the narrative:
    a reference definition applies to the whole page, whichever block it is in."""
    return {_label(m.group(2) or m.group(1)) for m in _IMAGE_REF.finditer(text)}


# Prose ------------------------------------------------------------------------------------------


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans Python-Markdown will see: same-length backtick runs on one line. Sorted."""
    spans = []
    line_start = 0
    for line in text.split("\n"):
        runs = [(m.start() + line_start, m.end() + line_start) for m in _TICKS.finditer(line)]
        by_width: dict[int, list[int]] = {}
        for index, (start, end) in enumerate(runs):
            by_width.setdefault(end - start, []).append(index)
        index = 0
        while index < len(runs):
            start, end = runs[index]
            if start > 0 and text[start - 1] == "\\":
                index += 1
                continue
            same = by_width[end - start]
            following = bisect.bisect_right(same, index)
            if following == len(same):
                index += 1
                continue
            closer = same[following]
            spans.append((start, runs[closer][1]))
            index = closer + 1
        line_start += len(line) + 1
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span (sorted, not overlapping) that holds `position`, if any."""
    index = bisect.bisect_right(spans, (position, 1 << 62)) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return None


def _scheme(text: str, start: int) -> tuple[str | None, int, str]:
    """Read a destination from `start` as a browser would after Python-Markdown: the scheme (or
    None), the index just after it (or `start`), and its first two effective characters."""
    scheme: str | None = ""
    head = ""
    index = start
    limit = min(len(text), start + _SCAN_LIMIT)
    leading = True
    while index < limit:
        char = text[index]
        unit = 1
        if char == "&" and (entity := _ENTITY.match(text, index)):
            unit = len(entity.group())
            char = html.unescape(entity.group())
            char = char[0] if len(char) == 1 else "\x00" if not char.strip() else char[:1]
        elif char == "\\":
            following = text[index + 1] if index + 1 < limit else ""
            if following and following in _MD_ESCAPABLE:  # Python-Markdown drops the backslash
                char, unit = following, 2
            if char == "\\":
                char = "/"  # browsers read `\` as `/` in http(s) URLs
        if char in "`" or ord(char) <= 0x20 or char == "\x7f":
            index += unit
            continue
        if leading and char == "<":  # `<dest>` form
            index += unit
            leading = False
            continue
        leading = False
        if len(head) < 2:
            head += char
        lower = char.lower()
        if scheme is not None and lower == ":" and scheme:
            return scheme, index + unit, head
        if scheme is not None and (
            lower not in _SCHEME_CHARS or (not scheme and not lower.isalpha())
        ):
            scheme = None  # no scheme; read on only for the first two characters
        if scheme is None and len(head) >= 2:
            break
        if scheme is not None:
            scheme += lower
        index += unit
    return None, start, head


def _token_end(text: str, index: int, inline: bool) -> int:
    """End of a link destination token: balanced parentheses, up to white space or (inline) an
    unbalanced `)`."""
    depth = 0
    while index < len(text):
        char = text[index]
        if char in " \t\n":
            break
        if inline and char == "(":
            depth += 1
        elif inline and char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return index


def _brackets(text: str, code: list[tuple[int, int]]) -> tuple[dict[int, int], set[int]]:
    """For each `]`, the index of the `[` it closes (nesting counted, escaped ones and those in
    code skipped); and the brackets to write escaped: a `[` never closed, and pairs nested
    deeper than any link text needs. Python-Markdown's link search is quadratic in those."""
    pairs: dict[int, int] = {}
    plain: set[int] = set()
    stack: list[int] = []
    for match in _BRACKET.finditer(text):
        position = match.start()
        if match.group() not in "[]" or _inside(position, code):
            continue
        if match.group() == "[":
            stack.append(position)
            if len(stack) > _LINK_NESTING:
                plain.add(position)
        elif stack:
            opening = stack.pop()
            pairs[position] = opening
            if opening in plain:
                plain.add(position)
    plain.update(stack)
    return pairs, plain


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def _unsafe_destinations(
    text: str, code: list[tuple[int, int]], brackets: dict[int, int], image_labels: set[str]
) -> list[tuple[int, int]]:
    """Spans of link and image destinations that must become `#`."""
    regions: list[tuple[int, int]] = []
    for match in _DEST_START.finditer(text):
        close = match.start()
        if _inside(close, code) or (regions and close < regions[-1][1]):
            continue
        inline = match.group() == "]("
        opening = brackets.get(close)
        if inline:
            image = opening is None or (opening > 0 and text[opening - 1] == "!")
        else:
            image = opening is None or _label(text[opening + 1 : close]) in image_labels
        start = match.end()
        while start < len(text) and text[start] in " \t\n":
            start += 1
        scheme, after, head = _scheme(text, start)
        outside = scheme is not None or head.startswith("//")  # `\\` was read as `/`
        if not ((scheme is not None and scheme not in _SAFE_SCHEMES) or (image and outside)):
            continue
        end = _token_end(text, max(after, start), inline)
        # A code span that starts in the destination goes with it.
        index = bisect.bisect_left(code, (start, 0))
        while index < len(code) and code[index][0] < end:
            end = max(end, code[index][1])
            index += 1
        regions.append((start, end))
    return regions


def _safe_prose(text: str, image_labels: set[str]) -> str:
    code = _code_spans(text)
    brackets, plain = _brackets(text, code)
    unsafe = _unsafe_destinations(text, code, brackets, image_labels)
    code = [span for span in code if _inside(span[0], unsafe) is None]
    cuts = sorted([(a, b, "#") for a, b in unsafe] + [(a, b, None) for a, b in code])
    out: list[str] = []
    position = 0
    for start, end, replacement in cuts:
        if start < position:
            continue
        out.append(_escape_text(text, position, start, plain))
        out.append(replacement if replacement is not None else text[start:end])
        position = end
    out.append(_escape_text(text, position, len(text), plain))
    # A `~~~` line here opens no fence (it has no closing line); with its first tilde written
    # as a reference, it cannot make Python-Markdown search the rest of the text for one.
    return _TILDE_FENCE.sub(lambda m: "&#126;" + m.group()[1:], "".join(out))


_SPECIAL = re.compile(r"(\\*)(`+|[<{}\[\]])")
_LONG_RUN = 4  # a stray run of this many backticks or more is shown as code: one match, not n


def _escape_text(text: str, start: int, end: int, plain: set[int]) -> str:
    """Prose outside code, from `start` to `end`. `<` (unless a space follows it) and braces
    become character references: no tag, comment, autolink or attribute list can start. Stray
    backticks, and the brackets in `plain`, get a backslash: Python-Markdown shows them as they
    are, pairs no backtick differently from `_code_spans`, and does not search for links."""

    piece = text[start:end]

    def one(match: re.Match[str]) -> str:
        slashes, char = match.group(1), match.group(2)
        odd = len(slashes) % 2 == 1  # the character was escaped already
        if char == "<":
            following = piece[match.end(2)] if match.end(2) < len(piece) else ""
            return match.group() if following == " " else slashes + "&lt;"
        if char in "{}":
            return (slashes[:-1] if odd else slashes) + f"&#{ord(char)};"
        if char.startswith("`"):
            if odd:  # its first backtick was escaped already
                slashes, char = slashes + "`", char[1:]
            if len(char) >= _LONG_RUN:  # in a code span of longer backtick runs
                fence = "`" * (len(char) + 1)
                return f"{slashes}{fence} {char} {fence}"
            return slashes + "\\`" * len(char)
        if start + match.start(2) in plain:
            return match.group() if odd else slashes + "\\" + char
        return match.group()

    return _SPECIAL.sub(one, piece)


def safe_target(target: str, image: bool = False) -> str:
    """The target if harmless, else `#`: no script schemes; images only from the site itself."""
    scheme, _, head = _scheme(target, 0)
    outside = scheme is not None or head.startswith("//")  # `\\` was read as `/`
    if scheme is not None and scheme not in _SAFE_SCHEMES:
        return "#"
    if image and outside:  # the intranet site loads nothing from another origin
        return "#"
    return target
