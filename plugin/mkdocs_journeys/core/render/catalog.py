"""Catalog pages: the journeys index (more catalogs build on the same table helpers)."""

from __future__ import annotations

from collections.abc import Sequence

from ..labels import Labels
from ..model import SEGMENTS, BrokenJourney, Journey
from ..pages import GeneratedPage
from ..urls import JOURNEYS_INDEX, journey_src, relative_url
from .blocks import _table
from .context import RenderContext
from .escape import h, md_inline
from .journey_page import front_matter


def link(from_src: str, to_src: str, text: str, ctx: RenderContext) -> str:
    return f'<a href="{h(relative_url(from_src, to_src, ctx.directory_urls))}">{h(text)}</a>'


def journeys_index(
    journeys: Sequence[Journey], broken: Sequence[BrokenJourney], labels: Labels, ctx: RenderContext
) -> GeneratedPage:
    t = labels
    parts = [front_matter(t("index.title")), f"# {md_inline(t('index.title'))}\n\n", md_inline(t("index.intro")) + "\n\n"]
    headers = [t(k) for k in ("table.journey", "table.owner", "table.reviewed", "table.stages", "table.stakeholders", "table.tags")]
    for segment in SEGMENTS:
        mine = sorted((j for j in journeys if j.segment == segment), key=lambda j: j.title.casefold())
        if not mine:
            continue
        parts.append(f"## {md_inline(t(f'nav.{segment}'))}\n\n")
        rows = [
            (
                link(JOURNEYS_INDEX, journey_src(j.id), j.title, ctx),
                h(j.owner or ""),
                h(t.date(j.reviewed)) if j.reviewed else h(t("review.never")),
                h(t.number(len(j.stages), 0)),
                h(t.number(len(j.stakeholders), 0)),
                " ".join(f'<span class="journeys-tag">{h(tag)}</span>' for tag in j.tags),
            )
            for j in mine
        ]
        parts.append(_table(headers, rows, f"journeys-index journeys-index--{segment}") + "\n\n")
    if broken:
        parts.append(f"## {md_inline(t('errors.title'))}\n\n")
        items = "".join(f"<li>{link(JOURNEYS_INDEX, journey_src(b.id), b.title or b.id, ctx)} <code>{h(b.source)}</code></li>" for b in broken)
        parts.append(f'<ul class="journeys-broken">{items}</ul>\n')
    return GeneratedPage(JOURNEYS_INDEX, t("index.title"), "".join(parts), "index")
