"""Rendering: everything from a journey reaches the page as text, and Mermaid sources stay valid."""

from __future__ import annotations

import datetime as dt
import html
import re

from conftest import GOOD_B2B, GOOD_B2C
from mkdocs_journeys.core.labels import Labels
from mkdocs_journeys.core.render.context import RenderContext
from mkdocs_journeys.core.render.escape import md_inline, mermaid_label
from mkdocs_journeys.core.render.journey_page import render_journey_page
from mkdocs_journeys.core.render.mermaid import journey_diagram
from mkdocs_journeys.core.render.narrative import safe_markdown, split_markers
from test_loading import parse

CTX = RenderContext(Labels("en"), dt.date(2026, 11, 30))
HOSTILE = 'Evil <script>alert(1)</script> <img src=x onerror=alert(2)> %%{init: {}}%% a:b;c#d, e "q" [l](javascript:x)'


def render(text: str) -> str:
    journey, problems = parse(text)
    assert not [p for p in problems if p.is_error], problems
    markdown, _ = render_journey_page(journey, CTX)
    return markdown


def test_page_has_header_diagram_tables_and_stages():
    page = render(GOOD_B2B)
    assert page.index("# SaaS purchase") < page.index('data-diagram="journey"') < page.index("The committee decides slowly.")
    assert page.index("The committee decides slowly.") < page.index("## Stakeholders") < page.index("## Engagement by stage") < page.index("## Stages")
    assert "<dd>Revenue Operations</dd>" in page and "<dd>3-9 months</dd>" in page
    assert "Economic buyer" in page and "Awareness, Purchase" in page  # role label, engaged stages
    assert "Chief Financial Officer: 2" in page  # a per-stakeholder score that differs
    assert "Win/loss interviews" in page and "Marketing-qualified accounts" in page
    assert "The purchase is decided in this stage." in page


def test_diagram_source_uses_stages_touchpoints_scores_and_actor_names():
    journey, _ = parse(GOOD_B2B)
    assert journey_diagram(journey) == (
        "journey\n"
        "  title SaaS purchase\n"
        "  section Awareness\n"
        "    Analyst report: 3: Chief Financial Officer\n"
        "  section Purchase\n"
        "    Trial: 4: Chief Financial Officer, Support agent\n"
    )


def test_review_overdue_mark_depends_on_the_configured_age():
    journey, _ = parse(GOOD_B2B)  # reviewed 2026-10-15, 46 days before CTX.today
    overdue = RenderContext(Labels("en"), dt.date(2026, 11, 30), review_max_age_days=30)
    assert "Review overdue: last reviewed 46 days ago" in render_journey_page(journey, overdue)[0]
    assert "Review overdue" not in render_journey_page(journey, CTX)[0]


def test_hostile_text_is_inert_in_html_and_mermaid():
    text = GOOD_B2B.replace("name: Chief Financial Officer", f"name: '{HOSTILE}'").replace("name: Analyst report", f"name: '{HOSTILE}'")
    text = text.replace("title: SaaS purchase", f"title: '{HOSTILE}'")
    page = render(text)
    assert "<script>" not in page and "<img" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text in tables
    source = html.unescape(re.search(r'<pre class="journeys-diagram__source">(.*?)</pre>', page, re.DOTALL).group(1))
    bare = re.sub(r"#\d+;", "", source)  # Mermaid entity codes are inert
    assert "%%" not in bare and "#" not in bare and ";" not in bare and "<" not in bare
    for line in source.splitlines()[2:]:  # after `journey` and the title
        if not line.strip().startswith("section "):
            _task, score, actors = line.strip().split(":")
            assert score.strip() == "3" or score.strip() == "4", line
            assert len(actors.split(",")) in (1, 2), line


def test_mermaid_label_escapes_grammar_and_bounds_length():
    assert mermaid_label("a:b;c#d,e") == "a#58;b#59;c#35;d#44;e"
    assert mermaid_label("  two\nlines  ") == "two lines"
    assert mermaid_label("") == "–"
    assert mermaid_label("x" * 200, max_length=10) == "x" * 9 + "…"
    assert mermaid_label("مرحله آگاهی") == "مرحله آگاهی"  # right-to-left text passes unchanged


def test_markdown_heading_text_cannot_become_markup():
    assert md_inline("*bold* [x](y) <b>") == "&#42;bold&#42; &#91;x&#93;&#40;y&#41; &#60;b&#62;"


def test_narrative_keeps_markdown_but_not_html_or_script_links():
    text = "**ok** <b>raw</b> [a](javascript:alert(1)) [b](https://example.org) ![i](https://x.test/a.png) `<code>` {: onclick=x}\n\n```\n<kept>\n```\n"
    safe = safe_markdown(text)
    assert "**ok**" in safe and "&lt;b>raw&lt;/b>" in safe
    assert "[a](#)" in safe and "[b](https://example.org)" in safe and "![i](#)" in safe
    assert "`<code>`" in safe and "<kept>" in safe and "&#123;: onclick=x&#125;" in safe


def test_markers_place_blocks_and_unknown_markers_warn():
    text = GOOD_B2C.replace("One person, one evening.", "Intro.\n\n<!-- journeys:stages -->\n\nMiddle.\n\n<!-- journeys:bogus -->\n")
    journey, _ = parse(text)
    page, problems = render_journey_page(journey, CTX)
    assert page.index("Intro.") < page.index("## Stages") < page.index("Middle.") < page.index("## Stakeholders")
    assert [p.message for p in problems] == ["unknown block marker <!-- journeys:bogus -->"]
    assert [s.marker for s in split_markers(journey.narrative) if s.marker] == ["stages", "bogus"]


def test_labels_follow_the_language_and_site_overrides():
    labels = Labels("en", {"section.stages": "Phases"})
    assert labels("section.stages") == "Phases" and labels("section.stakeholders") == "Stakeholders"
    assert Labels("xx")("section.stakeholders") == "Stakeholders"  # no catalog: English
    assert Labels("en").date(dt.date(2026, 10, 15)) == "Oct 15, 2026"


def test_experience_curve_is_inline_svg_with_one_series_per_engaged_stakeholder():
    from mkdocs_journeys.core.render.curve import curve_svg

    journey, _ = parse(GOOD_B2B.replace("name: Support agent", "name: Support <b>agent</b>"))
    ctx = RenderContext(labels=Labels("en"), today=dt.date(2026, 11, 30))
    svg = curve_svg(journey, ctx)
    assert svg is not None and svg.startswith("<svg") and "<script" not in svg
    series = re.findall(r'<g class="journeys-curve__series">(.*?)</g>', svg)
    assert len(series) == 2  # cfo and agent both have touchpoints
    # The CFO scored 3 at awareness and 2 (own score) at purchase: y grows as the score falls.
    cfo_points = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', series[0])
    assert len(cfo_points) == 2 and float(cfo_points[1][1]) > float(cfo_points[0][1])
    # The agent only appears at purchase: one point, no line.
    assert series[1].count("<circle") == 1 and "<line" not in series[1]
    assert "Support &lt;b&gt;agent&lt;/b&gt;, Purchase: 4" in svg
    # Text is drawn at a fixed, legible size, not scaled into the column.
    assert 'font-size="13"' in svg and 'width="' in svg


def test_experience_curve_bridges_stages_without_touchpoints_with_a_faint_line():
    from mkdocs_journeys.core.render.curve import curve_svg

    text = GOOD_B2B.replace(
        "  - id: purchase\n    name: Purchase\n",
        "  - id: gap\n    name: Gap\n  - id: purchase\n    name: Purchase\n",
    )
    svg = curve_svg(parse(text)[0], RenderContext(labels=Labels("en"), today=dt.date(2026, 11, 30)))
    assert svg is not None
    cfo = re.findall(r'<g class="journeys-curve__series">(.*?)</g>', svg)[0]
    assert cfo.count("<line") == 1 and 'opacity="0.45"' in cfo


def test_problem_hints_show_backtick_spans_as_code_and_stay_escaped():
    from mkdocs_journeys.core.problems import Problem
    from mkdocs_journeys.core.render.blocks import problems_box

    problem = Problem("journeys/x.md", 3, "stakeholders[0].rol", "unknown field 'rol'", "Did you mean `role`? Not `<b>`.")
    box = problems_box([problem], CTX)
    assert "Did you mean <code>role</code>? Not <code>&lt;b&gt;</code>." in box and "`" not in box


def test_relative_paths_match_posixpath_without_the_current_directory():
    import itertools
    import posixpath

    from mkdocs_journeys.core.urls import _relpath

    paths = ["journeys/a", "journeys/b/c", "catalog/roles", "compare", ".", "journeys", "compare/x-vs-y", "a/b/c/d", "journeys/a/"]
    for path, start in itertools.product(paths, repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)
