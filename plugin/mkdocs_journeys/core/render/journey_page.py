"""Assemble a journey page: Markdown headings and narrative around pre-rendered HTML blocks.

The result is plain Markdown with raw HTML blocks, so it can be handed to MkDocs or to any
other Markdown-based documentation tool (`journeys render --markdown`).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..model import Journey
from ..problems import Problem, Severity
from . import blocks, curve
from .context import RenderContext
from .escape import h, md_inline, one_line
from .narrative import safe_segments

# Default order; blocks before NARRATIVE go above the author's text, the rest below it.
NARRATIVE = "narrative"
DEFAULT_ORDER = ("header", "diagram", "curve", NARRATIVE, "stakeholders", "matrix", "stages")
BLOCKS = tuple(name for name in DEFAULT_ORDER if name != NARRATIVE)


def front_matter(title: str, **extra: object) -> str:
    """Page metadata for MkDocs. Themes print the title as HTML (navigation, <title>, table of
    contents) without escaping it, so it is HTML-escaped here; JSON strings are valid YAML."""
    lines = [f"title: {json.dumps(h(one_line(title)), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _heading(level: int, text: str) -> str:
    return f"{'#' * level} {md_inline(text)}\n\n"


def render_blocks(journey: Journey, ctx: RenderContext) -> dict[str, str]:
    """Each generated block as Markdown (headings) around raw HTML."""
    t = ctx.labels
    stages = _heading(2, t("section.stages")) + "".join(
        _heading(3, stage.name) + blocks.stage_details(stage, journey, ctx) + "\n\n" for stage in journey.stages
    )
    rendered: dict[str, Callable[[], str]] = {
        "header": lambda: blocks.header(journey, ctx) + "\n\n",
        "diagram": lambda: _heading(2, t("section.diagram")) + blocks.diagram(journey, ctx) + "\n\n",
        "curve": lambda: _curve(journey, ctx),
        "stakeholders": lambda: (
            _heading(2, t("section.stakeholders")) + blocks.stakeholders(journey, ctx) + "\n\n" if journey.stakeholders else ""
        ),
        "matrix": lambda: (
            _heading(2, t("section.matrix")) + blocks.matrix(journey, ctx) + "\n\n" if journey.stakeholders else ""
        ),
        "stages": lambda: stages,
    }
    return {name: make() for name, make in rendered.items()}


def _curve(journey: Journey, ctx: RenderContext) -> str:
    html = curve.curve_block(journey, ctx)
    return _heading(2, ctx.labels("section.curve")) + html + "\n\n" if html else ""


def narrative_file(journey: Journey) -> str:
    """The file the journey's narrative was read from: a translated narrative comes from the
    translation file next to the journey (`<name>.<lang>.md`)."""
    if journey.language and "narrative" not in journey.fallback_fields and journey.source.endswith(".md"):
        return f"{journey.source[:-3]}.{journey.language}.md"
    return journey.source


def render_journey_page(journey: Journey, ctx: RenderContext) -> tuple[str, list[Problem]]:
    """The page's Markdown, and warnings about the narrative's markers."""
    problems: list[Problem] = []
    built = render_blocks(journey, ctx)
    segments = safe_segments(journey.narrative)
    placed = {s.marker for s in segments if s.marker in built}
    for segment in segments:
        if segment.marker and segment.marker not in built:
            problems.append(
                Problem(
                    narrative_file(journey),
                    journey.narrative_line + segment.line,
                    "narrative",
                    f"unknown block marker <!-- journeys:{segment.marker} -->",
                    f"Markers name one of: {', '.join(BLOCKS)}.",
                    Severity.WARNING,
                    code="marker",
                )
            )
    before = [built[name] for name in DEFAULT_ORDER[: DEFAULT_ORDER.index(NARRATIVE)] if name not in placed]
    after = [built[name] for name in DEFAULT_ORDER[DEFAULT_ORDER.index(NARRATIVE) + 1 :] if name not in placed]
    body = []
    for segment in segments:
        if segment.marker:
            body.append(built.get(segment.marker, ""))
        else:
            body.append(segment.text.strip("\n") + "\n\n")
    out = [
        front_matter(journey.title),
        _heading(1, journey.title),
        blocks.notice(ctx.notice) + ("\n\n" if ctx.notice else ""),
        blocks.problems_box(ctx.problems, ctx) + ("\n\n" if ctx.problems else ""),
        *before,
        *body,
        *after,
    ]
    return "".join(out).rstrip("\n") + "\n", problems
