"""The author's narrative: Markdown kept as Markdown, with every way to inject HTML removed.

Raw HTML (`<` outside code) becomes text, attribute lists (`{: onclick=...}`) lose their
braces, and link or image targets with a scheme other than http(s), mailto or tel are
replaced. Code spans and fenced code blocks are left as written: Markdown escapes them.
Marker lines (`<!-- journeys:diagram -->`) are taken out first, so authors can place the
generated blocks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MARKER = re.compile(r"^\s{0,3}<!--\s*journeys:([a-z-]+)\s*-->\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_LINK_TARGET = re.compile(r"(!?\[[^\]]*\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)([^\s)>]+)", re.M)
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Segment:
    """Either Markdown text (`marker` None) or a marker naming a generated block."""

    text: str = ""
    marker: str | None = None


def split_markers(markdown: str) -> list[Segment]:
    """Cut the narrative at marker lines that are outside fenced code."""
    segments: list[Segment] = []
    current: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opener = _FENCE.match(line)
        if fence is None and opener:
            fence = opener.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            fence = None
        elif fence is None and (match := MARKER.match(line)):
            segments.append(Segment("\n".join(current)))
            segments.append(Segment(marker=match.group(1)))
            current = []
            continue
        current.append(line)
    segments.append(Segment("\n".join(current)))
    return [s for s in segments if s.marker or s.text.strip()]


def safe_markdown(markdown: str) -> str:
    """Neutralise raw HTML, attribute lists and unsafe link targets outside code."""
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if prose:
            out.append(_safe_prose("\n".join(prose)))
            prose.clear()

    for line in markdown.split("\n"):
        opener = _FENCE.match(line)
        if fence is None and opener:
            flush()
            fence = opener.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
        else:
            prose.append(line)
    flush()
    return "\n".join(out)


def _safe_prose(text: str) -> str:
    pieces = []
    last = 0
    for span in _CODE_SPAN.finditer(text):
        pieces.append(_neutralise(text[last : span.start()]))
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(_neutralise(text[last:]))
    return "".join(pieces)


def _neutralise(text: str) -> str:
    text = text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")
    return _LINK_TARGET.sub(lambda m: m.group(1) + safe_target(m.group(2), m.group(1).startswith("!")), text)


def safe_target(target: str, image: bool = False) -> str:
    """The target if harmless, else `#`: no script schemes; images only from the site itself."""
    decoded = _INVISIBLE.sub("", html.unescape(target)).lower()
    scheme = _SCHEME.match(decoded)
    outside = bool(scheme) or decoded.startswith(("//", "\\\\", "/\\"))
    if scheme and scheme.group(1) not in _SAFE_SCHEMES:
        return "#"
    if image and outside:  # the intranet site loads nothing from another origin
        return "#"
    return target
