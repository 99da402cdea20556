"""The experience curve: one line per stakeholder across the stages (a Mermaid xychart).

Mermaid's `journey` diagram gives a touchpoint one score for all its actors; in B2B the user
and the buyer feel different things, so this chart uses each stakeholder's own scores.
"""

from __future__ import annotations

from ..model import Journey
from .blocks import mermaid_block
from .context import RenderContext
from .escape import h, mermaid_label

# Colour-blind-safe palette (Okabe-Ito), shared by the chart and its HTML legend.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


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


def _filled(values: list[float | None]) -> list[float]:
    """Carry the last known score through stages where the stakeholder is not engaged."""
    first = next(v for v in values if v is not None)
    out, last = [], first
    for value in values:
        last = value if value is not None else last
        out.append(last)
    return out


def curve_source(journey: Journey, title: str, axis: str) -> str | None:
    curves = stakeholder_curves(journey)
    if not curves or len(journey.stages) < 2:
        return None
    palette = ", ".join(PALETTE[i % len(PALETTE)] for i in range(len(curves)))
    categories = ", ".join(f'"{mermaid_label(stage.name, max_length=30)}"' for stage in journey.stages)
    lines = [
        "---",
        "config:",
        "  themeVariables:",
        "    xyChart:",
        f'      plotColorPalette: "{palette}"',
        "---",
        "xychart-beta",
        f'  title "{mermaid_label(title)}"',
        f"  x-axis [{categories}]",
        f'  y-axis "{mermaid_label(axis)}" 1 --> 5',
    ]
    for _, values in curves:
        lines.append("  line [" + ", ".join(f"{v:g}" for v in _filled(values)) + "]")
    return "\n".join(lines) + "\n"


def curve_block(journey: Journey, ctx: RenderContext) -> str:
    """The chart plus an HTML legend naming each line's stakeholder."""
    t = ctx.labels
    source = curve_source(journey, t("curve.title", title=journey.title), t("curve.axis"))
    if source is None:
        return ""
    names = {s.id: s.name for s in journey.stakeholders}
    legend = "".join(
        f'<li><span class="journeys-swatch" style="background:{PALETTE[i % len(PALETTE)]}"></span>{h(names[sid])}</li>'
        for i, (sid, _) in enumerate(stakeholder_curves(journey))
    )
    return (
        mermaid_block(source, "curve", t("curve.title", title=journey.title))
        + f'<ul class="journeys-legend">{legend}</ul><p class="journeys-caption">{h(t("curve.caption"))}</p>'
    )
