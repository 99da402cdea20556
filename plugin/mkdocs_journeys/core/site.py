"""All generated pages of one language build, as (path, Markdown) pairs."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .gaps import LOGGED_KINDS, find_gaps
from .labels import Labels
from .memo import IdentityMemo, no_memo
from .model import BrokenJourney, Journey, Playbook
from .pages import GeneratedPage
from .playbook import JourneyFile
from .problems import Problem, Severity
from .render import catalog
from .render.blocks import problems_box
from .render.compare import comparison_page, comparison_title
from .render.context import RenderContext
from .render.escape import md_inline
from .render.journey_page import front_matter, render_journey_page
from .translate import translate_playbook
from .urls import compare_src, journey_src

# With `search_detail: auto`, playbooks up to this many journeys index every word of their pages.
SEARCH_FULL_UP_TO = 200

GAP_LEVELS = {"info": None, "warning": Severity.WARNING, "error": Severity.ERROR}


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
    languages: Sequence[str] = (),
    labels_overrides: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    review_max_age_days: int = 180,
    directory_urls: bool = True,
    gap_level: str = "warning",
    memo: IdentityMemo | None = None,
    search_detail: str = "auto",
) -> SitePages:
    """Render every page the plugin adds for one language.

    With a `memo` (kept across `mkdocs serve` rebuilds), pages of journeys that did not change
    since the last rebuild are not rendered again.
    """
    remember = memo.get if memo is not None else no_memo
    labels = Labels(language, labels_overrides)
    today = today or dt.date.today()
    problems = list(playbook.problems)
    shown, translation_problems, statuses = translate_playbook(playbook, translation_files, language, memo=memo)
    problems += translation_problems
    languages = list(languages) or [default_language]
    journeys = list(shown.journeys)
    detail = search_detail if search_detail != "auto" else ("full" if len(journeys) <= SEARCH_FULL_UP_TO else "summary")
    by_id = {j.id: j for j in journeys}

    gaps = find_gaps(shown)
    severity = GAP_LEVELS[gap_level]
    if severity is not None:
        problems += [gap.problem(severity) for gap in find_gaps(playbook) if gap.kind in LOGGED_KINDS]

    def context(source: str = "", comparisons: tuple[tuple[str, str], ...] = (), notice: str | None = None) -> RenderContext:
        own = tuple(p for p in playbook.problems if p.file == source) if source else ()
        return RenderContext(labels, today, review_max_age_days, directory_urls, comparisons, own, notice, detail)

    pages: list[GeneratedPage] = []
    pairs = [(p, by_id[p.b2b], by_id[p.b2c]) for p in shown.pairs]
    for journey in journeys:
        links = tuple(
            (comparison_title(pair, b2b, b2c, labels), compare_src(pair.slug))
            for pair, b2b, b2c in pairs
            if journey.id in (pair.b2b, pair.b2c)
        )
        ctx = context(journey.source, links, _fallback(journey, language, default_language, labels))
        markdown, page_problems = remember((journey,), ("page", language, _frozen(labels_overrides), ctx.today, review_max_age_days, directory_urls, links, ctx.problems, ctx.notice, detail), functools.partial(render_journey_page, journey, ctx))
        problems.extend(page_problems)
        pages.append(GeneratedPage(journey_src(journey.id), journey.title, markdown, "journey", journey.segment))
    for broken in playbook.broken:
        pages.append(_broken_page(broken, context(broken.source), labels))
    ctx = context()
    pages.append(catalog.journeys_index(journeys, playbook.broken, labels, ctx))
    paired = {j for p in shown.pairs for j in (p.b2b, p.b2c)}
    pages.append(catalog.compare_index([(p.slug, a, b) for p, a, b in pairs], [j for j in journeys if j.id not in paired], labels, ctx))
    pages.extend(
        remember((b2b, b2c), ("compare", language, _frozen(labels_overrides), pair, ctx.today, directory_urls), functools.partial(comparison_page, pair, b2b, b2c, ctx))
        for pair, b2b, b2c in pairs
    )
    pages.append(catalog.roles_page(journeys, labels, ctx))
    pages.append(catalog.channels_page(journeys, labels, ctx))
    pages.append(catalog.review_page(journeys, playbook.broken, labels, ctx))
    pages.append(catalog.gaps_page(gaps, labels, ctx))
    if len(languages) > 1:
        pages.append(catalog.translations_page(list(playbook.journeys), statuses, languages, default_language, labels, ctx))
    return SitePages(language, tuple(pages), tuple(dict.fromkeys(problems)), labels)


def check_playbook(
    playbook: Playbook,
    translation_files: Sequence[JourneyFile] = (),
    *,
    default_language: str = "en",
    gap_level: str = "warning",
    today: dt.date | None = None,
) -> list[Problem]:
    """Everything a build of every language would report, once (what `journeys lint` prints).

    Each language's build merges only its own translations, so each language is rendered once.
    """
    languages = [default_language, *sorted({f.language for f in translation_files if f.language} - {default_language})]
    problems: dict[Problem, None] = dict.fromkeys(playbook.problems)
    for language in languages:
        pages = build_site_pages(
            playbook,
            translation_files,
            language=language,
            default_language=default_language,
            languages=languages,
            today=today,
            gap_level=gap_level,
        )
        problems.update(dict.fromkeys(pages.problems))
    return list(problems)


def _frozen(overrides: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((overrides or {}).items()))


def _fallback(journey: Journey, language: str, default: str, labels: Labels) -> str | None:
    """The localized notice for a page shown (partly) in the default language."""
    if language == default:
        return None
    names = {"language": labels.language_name(language), "default": labels.language_name(default)}
    if journey.language is None:
        return labels("fallback.page", **names)
    if journey.fallback_fields:
        return labels("fallback.partial", **names)
    return None


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
