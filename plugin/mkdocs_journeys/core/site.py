"""All generated pages of one language build, as (path, Markdown) pairs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .labels import Labels
from .model import BrokenJourney, Playbook
from .pages import GeneratedPage
from .playbook import JourneyFile
from .problems import Problem
from .render import catalog
from .render.blocks import problems_box
from .render.context import RenderContext
from .render.escape import md_inline
from .render.journey_page import front_matter, render_journey_page
from .urls import journey_src


@dataclass(frozen=True)
class SitePages:
    language: str
    pages: tuple[GeneratedPage, ...]
    problems: tuple[Problem, ...]
    labels: Labels

    def of_kind(self, kind: str) -> list[GeneratedPage]:
        return [page for page in self.pages if page.kind == kind]


def build_site_pages(
    playbook: Playbook,
    translation_files: Sequence[JourneyFile] = (),
    *,
    language: str = "en",
    default_language: str = "en",
    labels_overrides: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    review_max_age_days: int = 180,
    directory_urls: bool = True,
) -> SitePages:
    """Render every page the plugin adds for one language."""
    labels = Labels(language, labels_overrides)
    today = today or dt.date.today()
    problems = list(playbook.problems)
    journeys = list(playbook.journeys)

    def context(journey_source: str, comparisons: tuple[tuple[str, str], ...] = ()) -> RenderContext:
        own = tuple(p for p in playbook.problems if p.file == journey_source)
        return RenderContext(labels, today, review_max_age_days, directory_urls, comparisons, own)

    pages: list[GeneratedPage] = []
    for journey in journeys:
        markdown, page_problems = render_journey_page(journey, context(journey.source))
        problems.extend(page_problems)
        pages.append(GeneratedPage(journey_src(journey.id), journey.title, markdown, "journey", journey.segment))
    for broken in playbook.broken:
        pages.append(_broken_page(broken, context(broken.source), labels))
    pages.append(catalog.journeys_index(journeys, playbook.broken, labels, context("")))
    return SitePages(language, tuple(pages), tuple(dict.fromkeys(problems)), labels)


def _broken_page(broken: BrokenJourney, ctx: RenderContext, labels: Labels) -> GeneratedPage:
    title = broken.title or labels("broken.title", id=broken.id)
    markdown = (
        front_matter(title)
        + f"# {md_inline(title)}\n\n"
        + problems_box(broken.problems, ctx)
        + "\n\n"
        + md_inline(labels("broken.body", file=broken.source))
        + "\n"
    )
    return GeneratedPage(journey_src(broken.id), title, markdown, "broken")

