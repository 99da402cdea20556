"""The experience curve: one line per stakeholder across the stages, drawn as inline SVG.

Mermaid's `journey` diagram gives a touchpoint one score for all its actors; in B2B the user
and the buyer feel different things, so this chart uses each stakeholder's own scores. It is
plain SVG written here, not a Mermaid chart: it shows without JavaScript, prints, and keeps
the page's Mermaid download to the journey diagram alone.
"""

from __future__ import annotations

import itertools

from ..model import Journey
from .context import RenderContext
from .escape import h

# Colour-blind-safe palette (Okabe-Ito), shared by the chart and its HTML legend; dash
# patterns tell lines apart in print and for readers who cannot rely on colour at all.
# The seventh colour is the text colour, so it shows in both light and dark palettes.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "currentColor", "#F0E442")
DASHES = ("", "8 4", "2 4", "12 4 2 4")

# Geometry in CSS pixels: the chart is drawn at its natural size and scrolls sideways when
# wider than the column, so its 13 px text never shrinks.
COLUMN, LEFT, RIGHT, TOP, PLOT, BOTTOM, FONT = 128, 44, 16, 12, 180, 56, 13
LINE_CHARS = 17  # a stage name wraps to two lines of this many characters, then ends in "…"


def stakeholder_curves(journey: Journey) -> list[tuple[str, list[float | None]]]:
    """Per stakeholder, the average of their scores in each stage (None: not engaged there)."""
    curves = []
    for stakeholder in journey.stakeholders:
        values: list[float | None] = []
        for stage in journey.stages:
            mine = [tp.score_for(stakeholder.id) for tp in stage.touchpoints if stakeholder.id in tp.actors]
            values.append(round(sum(mine) / len(mine), 2) if mine else None)
        if any(v is not None for v in values):
            curves.append((stakeholder.id, values))
    return curves


def _wrapped(text: str) -> list[str]:
    """At most two lines of LINE_CHARS, broken between words where possible."""
    lines: list[str] = []
    rest = " ".join(text.split())
    while rest and len(lines) < 2:
        if len(rest) <= LINE_CHARS:
            lines.append(rest)
            rest = ""
            break
        cut = rest.rfind(" ", 0, LINE_CHARS + 1)
        cut = cut if cut > 0 else LINE_CHARS
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines[-1] = lines[-1][: LINE_CHARS - 1].rstrip() + "…"
    return lines


def _stage_label(index: int, name: str) -> str:
    x = _x(index)
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if n == 0 else FONT + 3}">{h(line)}</tspan>' for n, line in enumerate(_wrapped(name))
    )
    return f'<text x="{x:g}" y="{TOP + PLOT + 22}" text-anchor="middle"><title>{h(name)}</title>{spans}</text>'


def _x(index: int) -> float:
    return LEFT + COLUMN * index + COLUMN / 2


def _y(score: float) -> float:
    return TOP + PLOT * (5 - score) / 4


def _series(index: int, name: str, values: list[float | None], stage_names: list[str], ctx: RenderContext) -> str:
    """One stakeholder: solid segments between adjacent stages, dashed across stages without them."""
    colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    parts = []
    for (i, a), (j, b) in itertools.pairwise(points):
        style = f' stroke-dasharray="{dash}"' if dash else ""
        gap = ' opacity="0.45"' if j - i > 1 else ""
        parts.append(
            f'<line x1="{_x(i):g}" y1="{_y(a):g}" x2="{_x(j):g}" y2="{_y(b):g}" stroke="{colour}" '
            f'stroke-width="2.5"{style}{gap}/>'
        )
    for i, v in points:
        tip = ctx.labels("curve.point", name=name, stage=stage_names[i], score=ctx.labels.number(v))
        parts.append(
            f'<circle cx="{_x(i):g}" cy="{_y(v):g}" r="4.5" fill="{colour}"><title>{h(tip)}</title></circle>'
        )
    return f'<g class="journeys-curve__series">{"".join(parts)}</g>'


def curve_svg(journey: Journey, ctx: RenderContext) -> str | None:
    """The chart, or None when there is nothing to draw (no scores, or a single stage)."""
    curves = stakeholder_curves(journey)
    if not curves or len(journey.stages) < 2:
        return None
    t = ctx.labels
    names = {s.id: s.name for s in journey.stakeholders}
    stage_names = [stage.name for stage in journey.stages]
    width = LEFT + COLUMN * len(stage_names) + RIGHT
    height = TOP + PLOT + BOTTOM
    grid = []
    for score in range(1, 6):
        y = _y(score)
        grid.append(
            f'<line x1="{LEFT}" y1="{y:g}" x2="{width - RIGHT}" y2="{y:g}" class="journeys-curve__grid"/>'
            f'<text x="{LEFT - 10}" y="{y + FONT / 3:g}" text-anchor="end">{h(t.number(score))}</text>'
        )
    labels = "".join(_stage_label(i, name) for i, name in enumerate(stage_names))
    series = "".join(_series(i, names[sid], values, stage_names, ctx) for i, (sid, values) in enumerate(curves))
    title = t("curve.title", title=journey.title)
    return (
        f'<svg class="journeys-curve__svg" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{h(title)}" font-size="{FONT}">'
        f"<title>{h(title)}</title>"
        f'<g class="journeys-curve__axis">{"".join(grid)}{labels}</g>{series}</svg>'
    )


def curve_block(journey: Journey, ctx: RenderContext) -> str:
    """The chart plus an HTML legend naming each line's stakeholder."""
    svg = curve_svg(journey, ctx)
    if svg is None:
        return ""
    t = ctx.labels
    names = {s.id: s.name for s in journey.stakeholders}
    legend = "".join(
        f'<li><svg class="journeys-swatch" width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" '
        f'stroke="{PALETTE[i % len(PALETTE)]}" stroke-width="3"'
        + (f' stroke-dasharray="{DASHES[i % len(DASHES)]}"' if DASHES[i % len(DASHES)] else "")
        + f"/></svg>{h(names[sid])}</li>"
        for i, (sid, _) in enumerate(stakeholder_curves(journey))
    )
    return (
        f'<div class="journeys-curve"><div class="journeys-curve__scroll" tabindex="0">{svg}</div>'
        f'<ul class="journeys-legend">{legend}</ul><p class="journeys-caption">{h(t("curve.caption"))}</p></div>'
    )
