"""HTML blocks of a journey page. Every value from the journey goes through `h()`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Journey, Stage, Touchpoint
from ..problems import Problem
from ..urls import journey_src, relative_url
from .context import RenderContext
from .escape import code_spans, h
from .mermaid import journey_diagram


def _list(items: Iterable[str], css: str = "") -> str:
    items = list(items)
    if not items:
        return ""
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>" + "".join(f"<li>{h(item)}</li>" for item in items) + "</ul>"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], css: str) -> str:
    """A table Material styles (no class on <table>), wrapped so it scrolls on small screens."""
    head = "".join(f"<th>{h(cell)}</th>" for cell in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<div class="journeys-table {css}"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def noindex(html: str) -> str:
    """Content that repeats what the journey pages say (catalogs, comparison grids, the
    engagement matrix): search indexes that honour `data-search-exclude` (Material's does) skip
    it, so a search leads to the journey itself, and the index stays small at scale. The closing
    comment lets the MkDocs adapter find the block's end without parsing HTML."""
    return f'<div class="journeys-noindex" data-search-exclude>{html}<!--/journeys-noindex--></div>'


def header(journey: Journey, ctx: RenderContext) -> str:
    t = ctx.labels
    meta: list[tuple[str, str]] = [
        (t("field.segment"), f'<span class="journeys-segment journeys-segment--{h(journey.segment)}" title="{h(t(f"segment.{journey.segment}.long"))}">{h(t(f"segment.{journey.segment}"))}</span>')
    ]
    if journey.owner:
        meta.append((t("field.owner"), h(journey.owner)))
    review = h(ctx.labels.date(journey.reviewed)) if journey.reviewed else h(t("review.never"))
    if ctx.is_overdue(journey.reviewed):
        note = t("review.overdue", days=ctx.days_since(journey.reviewed)) if journey.reviewed else t("review.never")
        review += f' <span class="journeys-overdue">{h(note)}</span>' if journey.reviewed else ""
        review = f'<span class="journeys-review journeys-review--overdue">{review}</span>'
    meta.append((t("field.reviewed"), review))
    if journey.sales_cycle:
        meta.append((t("field.sales_cycle"), h(journey.sales_cycle)))
    if journey.deal_value:
        meta.append((t("field.deal_value"), h(journey.deal_value)))
    if journey.is_draft:
        meta.append((t("field.status"), h(t("status.draft"))))
    if journey.tags:
        tags = "".join(f'<span class="journeys-tag">{h(tag)}</span>' for tag in journey.tags)
        meta.append((t("field.tags"), tags))
    if ctx.comparisons:
        here = journey_src(journey.id)
        links = ", ".join(
            f'<a href="{h(relative_url(here, src, ctx.directory_urls))}">{h(title)}</a>' for title, src in ctx.comparisons
        )
        meta.append((t("field.compared_with"), links))
    rows = "".join(f"<dt>{h(label)}</dt><dd>{value}</dd>" for label, value in meta)
    summary = f'<p class="journeys-summary">{h(journey.summary)}</p>' if journey.summary else ""
    return f'<div class="journeys-header">{summary}<dl class="journeys-meta">{rows}</dl></div>'


def notice(text: str | None) -> str:
    """A localized notice, such as the fallback to the default language."""
    if not text:
        return ""
    return f'<div class="admonition info journeys-notice"><p>{h(text)}</p></div>'


def problems_box(problems: Sequence[Problem], ctx: RenderContext) -> str:
    """The visible error box a non-strict build shows on a broken journey's page."""
    if not problems:
        return ""
    t = ctx.labels
    errors = [p for p in problems if p.is_error]
    kind, title = ("failure", t("errors.title")) if errors else ("warning", t("warnings.title"))
    items = "".join(
        f"<li><code>{h(p.location())}</code> {('<code>' + h(p.field) + '</code> ') if p.field else ''}{h(p.message)}"
        f"{(' <em>' + code_spans(p.hint) + '</em>') if p.hint else ''}</li>"
        for p in problems
    )
    intro = f"<p>{h(t('errors.intro'))}</p>" if errors else ""
    return f'<div class="admonition {kind} journeys-problems"><p class="admonition-title">{h(title)}</p>{intro}<ul>{items}</ul></div>'


def diagram(journey: Journey, ctx: RenderContext) -> str:
    source = journey_diagram(journey)
    if source is None:
        return f'<p class="journeys-empty">{h(ctx.labels("diagram.empty"))}</p>'
    return mermaid_block(source, "journey", ctx.labels("diagram.label", title=journey.title))


def mermaid_block(source: str, kind: str, label: str) -> str:
    """The markup contract with journeys.js, which renders it in the browser."""
    return (
        f'<div class="journeys-diagram" data-diagram="{h(kind)}" role="img" aria-label="{h(label)}">'
        f'<pre class="journeys-diagram__source">{h(source)}</pre></div>'
    )


def engaged_stages(journey: Journey) -> dict[str, list[Stage]]:
    """For each stakeholder, the stages where they take part in a touchpoint."""
    engaged: dict[str, list[Stage]] = {s.id: [] for s in journey.stakeholders}
    for stage in journey.stages:
        for stakeholder_id, stages in engaged.items():
            if any(stakeholder_id in tp.actors for tp in stage.touchpoints):
                stages.append(stage)
    return engaged


def stakeholders(journey: Journey, ctx: RenderContext) -> str:
    t = ctx.labels
    engaged = engaged_stages(journey)
    rows = [
        (
            f'<strong>{h(s.name)}</strong>',
            h(t(f"role.{s.role}")),
            f'<span class="journeys-influence journeys-influence--{h(s.influence)}">{h(t(f"influence.{s.influence}"))}</span>',
            _list(s.goals),
            _list(s.concerns),
            h(", ".join(stage.name for stage in engaged[s.id])) or h(t("matrix.none")),
        )
        for s in journey.stakeholders
    ]
    headers = [t(k) for k in ("table.name", "table.role", "table.influence", "table.goals", "table.concerns", "table.engaged_in")]
    return _table(headers, rows, "journeys-stakeholders")


def matrix(journey: Journey, ctx: RenderContext) -> str:
    """Stakeholder x stage: how many touchpoints each takes part in, and how they felt."""
    t = ctx.labels
    rows = []
    for s in journey.stakeholders:
        cells = [f"<strong>{h(s.name)}</strong>"]
        for stage in journey.stages:
            mine = [tp for tp in stage.touchpoints if s.id in tp.actors]
            if mine:
                average = sum(tp.score_for(s.id) for tp in mine) / len(mine)
                cells.append(h(t("matrix.cell", count=len(mine), score=t.number(average))))
            else:
                cells.append(f'<span class="journeys-none">{h(t("matrix.none"))}</span>')
        rows.append(cells)
    headers = [t("table.stakeholder"), *(stage.name for stage in journey.stages)]
    caption = f'<p class="journeys-caption">{h(t("matrix.caption"))}</p>'
    return noindex(_table(headers, rows, "journeys-matrix") + caption)


def _score(touchpoint: Touchpoint, journey: Journey, ctx: RenderContext) -> str:
    t = ctx.labels
    text = h(t("score.value", score=touchpoint.score))
    overrides = []
    for stakeholder_id, score in touchpoint.scores:
        stakeholder = journey.stakeholder(stakeholder_id)
        if stakeholder and score != touchpoint.score:
            overrides.append(t("score.override", name=stakeholder.name, score=score))
    extra = f'<br><small>{h("; ".join(overrides))}</small>' if overrides else ""
    return f'<span class="journeys-score journeys-score--{touchpoint.score}">{text}</span>{extra}'


def stage_details(stage: Stage, journey: Journey, ctx: RenderContext) -> str:
    t = ctx.labels
    parts = []
    facts = [(t("stage.goal"), stage.goal), (t("stage.duration"), stage.duration), (t("stage.feedback"), stage.feedback)]
    rows = "".join(f"<dt>{h(label)}</dt><dd>{h(value)}</dd>" for label, value in facts if value)
    if rows:
        facts_html = f'<dl class="journeys-stage-facts">{rows}</dl>'
        parts.append(noindex(facts_html) if ctx.search_detail == "summary" else facts_html)
    if stage.purchase or journey.purchase_stage_index() == journey.stages.index(stage):
        parts.append(f'<p class="journeys-purchase">{h(t("stage.purchase"))}</p>')
    if stage.touchpoints:
        names = {s.id: s.name for s in journey.stakeholders}
        rows_tp = [
            (
                h(tp.name),
                h(t.channel(tp.channel)) if tp.channel else "",
                h(", ".join(names.get(a, a) for a in tp.actors)),
                _score(tp, journey, ctx),
                h(tp.emotion or ""),
            )
            for tp in stage.touchpoints
        ]
        headers = [t(k) for k in ("table.touchpoint", "table.channel", "table.who", "table.score", "table.emotion")]
        parts.append(_table(headers, rows_tp, "journeys-touchpoints"))
    else:
        parts.append(f'<p class="journeys-empty">{h(t("stage.no_touchpoints"))}</p>')
    lists = [
        (t("stage.pains"), stage.pains, "pains"),
        (t("stage.opportunities"), stage.opportunities, "opportunities"),
        (t("stage.kpis"), stage.kpis, "kpis"),
    ]
    columns = "".join(
        f'<div class="journeys-list journeys-list--{css}"><p class="journeys-list__title">{h(title)}</p>{_list(items)}</div>'
        for title, items, css in lists
        if items
    )
    if columns:
        lists_html = f'<div class="journeys-lists">{columns}</div>'
        parts.append(noindex(lists_html) if ctx.search_detail == "summary" else lists_html)
    return f'<div class="journeys-stage" id="stage-{h(stage.id)}">' + "".join(parts) + "</div>"
