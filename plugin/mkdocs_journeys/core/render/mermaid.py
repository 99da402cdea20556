"""Mermaid sources for a journey: the `journey` diagram."""

from __future__ import annotations

from ..model import Journey
from .escape import mermaid_label


def actor_names(journey: Journey) -> dict[str, str]:
    """Display names for the diagram, made unique (Mermaid colours actors by name)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for stakeholder in journey.stakeholders:
        name = mermaid_label(stakeholder.name, max_length=40)
        candidate, count = name, 2
        while candidate in used:
            candidate, count = f"{name} ({count})", count + 1
        used.add(candidate)
        names[stakeholder.id] = candidate
    return names


def journey_diagram(journey: Journey, title: str | None = None) -> str | None:
    """The `journey` diagram: sections are stages, tasks are touchpoints. None if empty."""
    if not any(stage.touchpoints for stage in journey.stages):
        return None
    names = actor_names(journey)
    lines = ["journey", f"  title {mermaid_label(title if title is not None else journey.title)}"]
    for stage in journey.stages:
        if not stage.touchpoints:
            continue
        lines.append(f"  section {mermaid_label(stage.name, max_length=60)}")
        for touchpoint in stage.touchpoints:
            actors = ", ".join(names[a] for a in touchpoint.actors if a in names)
            task = f"    {mermaid_label(touchpoint.name, max_length=60)}: {touchpoint.score}"
            lines.append(f"{task}: {actors}" if actors else task)
    return "\n".join(lines) + "\n"
