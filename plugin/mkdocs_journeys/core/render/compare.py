"""Comparison pages: a B2B journey and its B2C counterpart side by side."""

from __future__ import annotations

from collections.abc import Callable

from ..labels import Labels
from ..model import Journey, Pair, Stage
from ..pages import GeneratedPage
from ..urls import COMPARE_INDEX, compare_src, journey_src, relative_url
from .blocks import _list, _table, mermaid_block, noindex
from .context import RenderContext
from .curve import curve_block
from .escape import h, md_inline
from .journey_page import front_matter
from .mermaid import journey_diagram


def comparison_title(pair: Pair, b2b: Journey, b2c: Journey, labels: Labels) -> str:
    return labels("compare.title", b2b=b2b.title, b2c=b2c.title)


def _scores(journey: Journey) -> list[int]:
    return [tp.score for _, tp in journey.touchpoints()]


def _dimensions(journey: Journey, t: Labels) -> list[str]:
    """One cell per dimension of the summary table, in `DIMENSIONS` order."""
    scores = _scores(journey)
    users = [s.name for s in journey.stakeholders if s.is_user]
    buyers = [s.name for s in journey.stakeholders if s.is_buyer]
    if not users or not buyers:
        users_buyers = t("users_buyers.unknown")
    elif set(users) == set(buyers):
        users_buyers = t("users_buyers.same")
    else:
        users_buyers = t("users_buyers.differ", users=", ".join(users), buyers=", ".join(buyers))
    channels = sorted({t.channel(tp.channel) for _, tp in journey.touchpoints() if tp.channel}, key=str.casefold)
    roles = sorted({t(f"role.{s.role}") for s in journey.stakeholders}, key=str.casefold)
    none = h(t("value.none"))
    return [
        h(t.number(len(journey.stakeholders), 0)),
        h(", ".join(roles)) or none,
        h(users_buyers),
        h(journey.sales_cycle) if journey.sales_cycle else none,
        h(journey.deal_value) if journey.deal_value else none,
        h(", ".join(channels)) or none,
        h(t.number(sum(scores) / len(scores))) if scores else none,
        h(t.number(min(scores), 0)) if scores else none,
        h(t.number(len(scores), 0)),
        h(t.number(len(journey.stages), 0)),
        _list(f"{stage.name}: {stage.feedback}" for stage in journey.stages if stage.feedback) or none,
        _list(dict.fromkeys(k for stage in journey.stages for k in stage.kpis)) or none,
    ]


DIMENSIONS = ("stakeholders", "roles", "users_buyers", "sales_cycle", "deal_value", "channels", "avg_score", "min_score", "touchpoints", "stages", "feedback", "kpis")


def aligned_stages(b2b: Journey, b2c: Journey) -> list[tuple[str, Stage | None, Stage | None]]:
    """Stages matched on their alignment id; one-sided stages keep their place in their journey."""
    left = {s.alignment_id: s for s in b2b.stages}
    right = {s.alignment_id: s for s in b2c.stages}
    order = [s.alignment_id for s in b2b.stages]
    previous = -1
    for stage in b2c.stages:
        key = stage.alignment_id
        if key in order:
            previous = order.index(key)
        else:
            order.insert(previous + 1, key)
            previous += 1
    return [(key, left.get(key), right.get(key)) for key in order]


def _stage_cell(stage: Stage | None, other: Journey, t: Labels) -> str:
    if stage is None:
        return f'<em class="journeys-none">{h(t("compare.only_in", segment=t(f"segment.{other.segment}")))}</em>'
    items = "".join(
        f"<li>{h(tp.name)} <small>({h(t.channel(tp.channel)) + ', ' if tp.channel else ''}{h(t('score.value', score=tp.score))})</small></li>"
        for tp in stage.touchpoints
    )
    return f"<strong>{h(stage.name)}</strong>" + (f"<ul>{items}</ul>" if items else "")


def comparison_page(pair: Pair, b2b: Journey, b2c: Journey, ctx: RenderContext) -> GeneratedPage:
    t = ctx.labels
    src = compare_src(pair.slug)
    title = comparison_title(pair, b2b, b2c, t)
    link: Callable[[Journey], str] = lambda j: f'<a href="{h(relative_url(src, journey_src(j.id), ctx.directory_urls))}">{h(j.title)}</a>'
    headers = [t("compare.dimension"), f"{t('segment.b2b')}: {b2b.title}", f"{t('segment.b2c')}: {b2c.title}"]
    left, right = _dimensions(b2b, t), _dimensions(b2c, t)
    summary_rows = [(h(t(f"dim.{d}")), a, b) for d, a, b in zip(DIMENSIONS, left, right)]
    stage_rows = [(_stage_cell(a, b2c, t), _stage_cell(b, b2b, t)) for _, a, b in aligned_stages(b2b, b2c)]
    diagrams = "".join(
        f'<div class="journeys-side"><p class="journeys-side__title">{link(j)}</p>'
        + (mermaid_block(source, "journey", t("diagram.label", title=j.title)) if (source := journey_diagram(j)) else "")
        + "</div>"
        for j in (b2b, b2c)
    )
    curves = "".join(f'<div class="journeys-side">{curve_block(j, ctx)}</div>' for j in (b2b, b2c))
    markdown = "".join(
        [
            front_matter(title),
            f"# {md_inline(title)}\n\n",
            f'<p class="journeys-summary">{h(t("compare.intro"))}</p>\n\n',
            f'<p class="journeys-pair">{link(b2b)} · {link(b2c)} · <a href="{h(relative_url(src, COMPARE_INDEX, ctx.directory_urls))}">{h(t("compare.index.title"))}</a></p>\n\n',
            f"## {md_inline(t('compare.summary'))}\n\n",
            _table(headers, summary_rows, "journeys-compare") + "\n\n",
            f"## {md_inline(t('compare.stages'))}\n\n",
            noindex(_table([headers[1], headers[2]], stage_rows, "journeys-compare-stages")) + "\n\n",
            f"## {md_inline(t('compare.curves'))}\n\n",
            f'<div class="journeys-sides">{curves}</div>\n\n',
            f"## {md_inline(t('compare.diagrams'))}\n\n",
            f'<div class="journeys-sides journeys-sides--stacked">{diagrams}</div>\n',
        ]
    )
    return GeneratedPage(src, title, markdown, "compare")
