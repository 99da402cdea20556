"""A generated page: where it goes and its Markdown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # path as if in docs/, such as journeys/saas-procurement.md
    title: str
    markdown: str
    kind: str  # journey | broken | index | compare | catalog
    segment: str | None = None
