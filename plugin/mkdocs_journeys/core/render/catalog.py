"""Catalog pages: the journeys index (more catalogs build on the same table helpers)."""

from __future__ import annotations

from collections.abc import Sequence

from ..gaps import Gap
from ..labels import Labels
from ..model import ROLES, SEGMENTS, BrokenJourney, Journey
from ..pages import GeneratedPage
from ..translate import TranslationStatus
from ..urls import (
    COMPARE_INDEX,
    JOURNEYS_INDEX,
    catalog_src,
    compare_src,
    journey_src,
    relative_url,
)
from .blocks import _list, noindex
from .blocks import _table as _plain_table
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
    parts.append(tags_section(journeys, labels, ctx))
    return GeneratedPage(JOURNEYS_INDEX, t("index.title"), "".join(parts), "index")


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], css: str) -> str:
    """Catalog tables repeat the journeys' content: kept out of the search index (see noindex)."""
    return noindex(_plain_table(headers, rows, css))


def _page(src: str, title: str, intro: str, body: str, kind: str = "catalog") -> GeneratedPage:
    markdown = front_matter(title) + f"# {md_inline(title)}\n\n" + (md_inline(intro) + "\n\n" if intro else "") + body
    return GeneratedPage(src, title, markdown, kind)


def tags_section(journeys: Sequence[Journey], labels: Labels, ctx: RenderContext) -> str:
    tags = sorted({tag for j in journeys for tag in j.tags}, key=str.casefold)
    if not tags:
        return ""
    rows = [
        (f'<span class="journeys-tag">{h(tag)}</span>', ", ".join(link(JOURNEYS_INDEX, journey_src(j.id), j.title, ctx) for j in journeys if tag in j.tags))
        for tag in tags
    ]
    return f"## {md_inline(labels('field.tags'))}\n\n" + _table([labels("field.tags"), labels("table.journeys")], rows, "journeys-tags") + "\n"


def roles_page(journeys: Sequence[Journey], labels: Labels, ctx: RenderContext) -> GeneratedPage:
    src = catalog_src("roles")
    t = labels
    body = []
    for role in ROLES:
        rows = []
        for j in journeys:
            for person in j.stakeholders:
                if person.role != role:
                    continue
                stages = [s.name for s in j.stages if any(person.id in tp.actors for tp in s.touchpoints)]
                rows.append((h(person.name), link(src, journey_src(j.id), j.title, ctx), h(t(f"segment.{j.segment}")), h(t(f"influence.{person.influence}")), h(", ".join(stages)) or h(t("matrix.none"))))
        if rows:
            headers = [t("table.role_person"), t("table.journey"), t("table.segment"), t("table.influence"), t("table.engaged_in")]
            body.append(f"## {md_inline(t(f'role.{role}'))}\n\n" + _table(headers, rows, "journeys-roles") + "\n\n")
    return _page(src, t("roles.title"), t("roles.intro"), "".join(body))


def channels_page(journeys: Sequence[Journey], labels: Labels, ctx: RenderContext) -> GeneratedPage:
    src = catalog_src("channels")
    t = labels
    by_channel: dict[str, list[tuple[Journey, str, list[str]]]] = {}
    for j in journeys:
        for stage in j.stages:
            names: dict[str, list[str]] = {}
            for tp in stage.touchpoints:
                if tp.channel:
                    names.setdefault(t.channel(tp.channel), []).append(tp.name)
            for channel, tps in names.items():
                by_channel.setdefault(channel, []).append((j, stage.name, tps))
    body = []
    for channel in sorted(by_channel, key=str.casefold):
        rows = [(link(src, journey_src(j.id), j.title, ctx), h(t(f"segment.{j.segment}")), h(stage), _list(tps)) for j, stage, tps in by_channel[channel]]
        headers = [t("table.journey"), t("table.segment"), t("table.stage"), t("table.touchpoints")]
        body.append(f"## {md_inline(channel)}\n\n" + _table(headers, rows, "journeys-channels") + "\n\n")
    return _page(src, t("channels.title"), t("channels.intro"), "".join(body))


def review_page(journeys: Sequence[Journey], broken: Sequence[BrokenJourney], labels: Labels, ctx: RenderContext) -> GeneratedPage:
    src = catalog_src("review")
    t = labels
    overdue = sorted((j for j in journeys if ctx.is_overdue(j.reviewed)), key=lambda j: (j.reviewed is not None, j.reviewed, j.id))
    rows = [
        (
            link(src, journey_src(j.id), j.title, ctx),
            h(j.owner or t("value.none")),
            h(t.date(j.reviewed)) if j.reviewed else h(t("review.never")),
            h(t("review.days_ago", days=ctx.days_since(j.reviewed))) if j.reviewed else "",
        )
        for j in overdue
    ]
    body = _table([t("table.journey"), t("table.owner"), t("table.reviewed"), ""], rows, "journeys-review") if rows else f"<p>{h(t('review.all_fresh'))}</p>"
    body += "\n\n"
    if broken:
        items = "".join(
            f"<li>{link(src, journey_src(b.id), b.title or b.id, ctx)} <code>{h(b.source)}</code>"
            + _list(p.format() for p in b.problems)
            + "</li>"
            for b in broken
        )
        body += f"## {md_inline(t('review.broken'))}\n\n" + f'<ul class="journeys-broken">{items}</ul>\n'
    return _page(src, t("review.title"), t("review.intro", days=ctx.review_max_age_days), body)


def gaps_page(gaps: Sequence[Gap], labels: Labels, ctx: RenderContext) -> GeneratedPage:
    src = catalog_src("gaps")
    t = labels
    rows = [(link(src, journey_src(g.journey.id), g.journey.title, ctx), h(t(f"segment.{g.journey.segment}")), h(g.text(t))) for g in gaps]
    body = _table([t("table.journey"), t("table.segment"), t("table.finding")], rows, "journeys-gaps") if rows else f"<p>{h(t('gaps.none'))}</p>"
    return _page(src, t("gaps.title"), t("gaps.intro"), body + "\n")


def translations_page(journeys: Sequence[Journey], statuses: Sequence[TranslationStatus], languages: Sequence[str], default: str, labels: Labels, ctx: RenderContext) -> GeneratedPage:
    src = catalog_src("translations")
    t = labels
    state = {(s.journey_id, s.language): s.state for s in statuses}
    others = [lang for lang in languages if lang != default]
    rows = []
    for j in sorted(journeys, key=lambda j: j.id):
        cells = [link(src, journey_src(j.id), j.title, ctx)]
        for lang in others:
            value = state.get((j.id, lang), "missing")
            cells.append(f'<span class="journeys-translation journeys-translation--{value}">{h(t(f"translations.{value}"))}</span>')
        rows.append(cells)
    headers = [t("table.journey"), *(t.language_name(lang) for lang in others)]
    body = _table(headers, rows, "journeys-translations") + f'\n\n<p class="journeys-caption">{h(t("translations.legend"))}</p>\n'
    return _page(src, t("translations.title"), t("translations.intro"), body)


def compare_index(pairs: Sequence[tuple[str, Journey, Journey]], unpaired: Sequence[Journey], labels: Labels, ctx: RenderContext) -> GeneratedPage:
    t = labels
    if pairs:
        rows = [
            (link(COMPARE_INDEX, compare_src(slug), title, ctx), link(COMPARE_INDEX, journey_src(b2b.id), b2b.title, ctx), link(COMPARE_INDEX, journey_src(b2c.id), b2c.title, ctx))
            for slug, title, b2b, b2c in [(s, t("compare.title", b2b=a.title, b2c=b.title), a, b) for s, a, b in pairs]
        ]
        body = _table([t("compare.index.title"), t("segment.b2b"), t("segment.b2c")], rows, "journeys-pairs")
    else:
        body = f"<p>{h(t('compare.index.none'))}</p>"
    if unpaired:
        body += f"\n\n## {md_inline(t('compare.index.unpaired'))}\n\n" + "<ul>" + "".join(f"<li>{link(COMPARE_INDEX, journey_src(j.id), j.title, ctx)} ({h(t(f'segment.{j.segment}'))})</li>" for j in unpaired) + "</ul>"
    return _page(COMPARE_INDEX, t("compare.index.title"), t("compare.index.intro"), body + "\n", kind="compare")
