"""Property-based tests: any input gives a journey or problems, and no input text gets out as markup.

Hypothesis runs derandomized, without an example database, so every run (and CI) checks the
same examples; `max_examples` keeps the whole file well under a minute.

- arbitrary bytes, and YAML-ish text built from troublesome fragments, through the loader and
  validator (journeys and translations): only `Problem` values come out, each naming the file,
  a line inside the file and a field;
- valid journeys with arbitrary (and hostile) text in every text field, through every renderer:
  the journey page, Mermaid diagrams, the experience curve, comparison and catalog pages, the
  translation overlay with arbitrary translation files. Checked: no `<` from the text reaches
  the Markdown unescaped (the page has as many `<` as the same journey without any `<` in its
  text), the HTML Python-Markdown makes of it has only the plugin's own tags and attributes, and
  every Mermaid label is one line without `;`, `:`, raw `#`, `%%` or a leading keyword (the
  experience curve is inline SVG, covered by the first two checks);
- the narrative sanitiser against Python-Markdown itself: whatever the author writes, the HTML
  has no tag, attribute or URL scheme outside an allow-list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import html.parser
import re
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_journeys.core.labels import Labels
from mkdocs_journeys.core.model import ROLES, BrokenJourney, Journey, Pair, Playbook
from mkdocs_journeys.core.parse import parse_journey
from mkdocs_journeys.core.problems import Problem, Severity
from mkdocs_journeys.core.render.compare import comparison_page
from mkdocs_journeys.core.render.context import RenderContext
from mkdocs_journeys.core.render.journey_page import render_journey_page
from mkdocs_journeys.core.render.mermaid import journey_diagram
from mkdocs_journeys.core.render.narrative import safe_markdown, safe_segments
from mkdocs_journeys.core.site import build_site_pages
from mkdocs_journeys.core.translate import parse_translation, translate

SETTINGS: dict = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "report_multiple_bugs": False,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}
FILE = "journeys/prop.md"
TODAY = dt.date(2026, 11, 30)
CTX = RenderContext(Labels("en"), TODAY)
# The extensions MkDocs always loads (toc, tables, fenced_code) plus the reference site's.
MD_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list"]

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(2)>",
    "<a href=javascript:alert(3)>x</a>",
    "javascript:alert(4)",
    "[link](javascript:alert(5))",
    "![i](https://tracker.example/p.png)",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "click A call alert(6)",
    "<br>",
    "#",
    "#35;",
    ";",
    ":",
    ",",
    '"',
    "'",
    "`",
    "```",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "section x",
    "title y",
    "journey",
    "accTitle: t",
    "&amp;",
    "&#60;",
    "&lt;b&gt;",
    "*bold*",
    "{: onclick=alert(7)}",
    "|",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "\\",
    "=",
    "مرحله آگاهی",
    "\u202e",
    "\u200b",
    "\u2028",
    "🎉",
    "ქართული",
    "x" * 90,
]
# Arbitrary text (any code point but surrogates), or a mix of hostile fragments; 1-2000 chars.
TEXT = st.one_of(
    st.text(min_size=1, max_size=40),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map("".join),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=5)), min_size=1, max_size=6).map(
        "".join
    ),
).filter(lambda s: 1 <= len(s) <= 2000)
IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}", fullmatch=True)


# Checks ---------------------------------------------------------------------------------------


def check_problems(problems: Any, raw: bytes, file: str = FILE) -> None:
    """Problems name their file, a line inside it, and a field (text; empty for whole-file)."""
    last_line = max(1, raw.count(b"\n") + 1 + raw.count(b"\r"))
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert problem.file == file, problem
        assert isinstance(problem.line, int) and 1 <= problem.line <= last_line, problem
        assert (
            isinstance(problem.field, str) and isinstance(problem.message, str) and problem.message
        ), problem
        if problem.code in ("schema", "reference") and "must be a mapping" not in problem.message:
            assert problem.field, problem
        text = problem.format()
        assert text.startswith(f"{file}:{problem.line}: "), text


def check_parse(raw: bytes) -> Journey | BrokenJourney:
    parse_journey.cache_clear()
    result, problems = parse_journey(raw, FILE, "prop")
    assert isinstance(result, (Journey, BrokenJourney))
    check_problems(problems, raw)
    if isinstance(result, BrokenJourney):
        assert any(p.is_error for p in problems), problems
        assert all(p.is_error for p in problems if p.code != "marker")
    else:
        assert not any(p.is_error for p in problems)
    return result


ALLOWED_TAGS = {
    "div", "p", "dl", "dt", "dd", "span", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
    "td", "pre", "code", "strong", "small", "em", "a", "br", "h1", "h2", "h3", "h4", "h5", "h6",
    "img", "blockquote", "hr",
    # the experience curve (inline SVG)
    "svg", "g", "line", "circle", "text", "tspan", "title",
}  # fmt: skip
ALLOWED_ATTRS = {
    "class", "id", "href", "src", "alt", "title", "role", "aria-label", "aria-hidden", "data-diagram", "style",
    "align", "tabindex", "data-search-exclude",
    "xmlns", "width", "height", "viewbox", "font-size", "x", "y", "dy", "x1", "y1", "x2", "y2", "cx", "cy", "r",
    "fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "text-anchor",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


class _HtmlCheck(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRS:
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src") and value is not None:
                url = re.sub(r"[\t\n\r]", "", value.strip("\x00 \t\n\r\f"))
                scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                    self.bad.append(f"{tag}[{name}={value!r}]")
                if name == "src" and (scheme or url.replace("\\", "/").startswith("//")):
                    self.bad.append(f"remote {tag}[src={value!r}]")
            if (
                name == "style"
                and value
                and not re.fullmatch(
                    r"(background:#[0-9A-Fa-f]{6}|text-align: (left|right|center);?)", value
                )
            ):
                self.bad.append(f"{tag}[style={value!r}]")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        if data != "/journeys-noindex":  # the plugin's own marker (render/blocks.py noindex)
            self.bad.append(f"<!--{data}-->")

    def handle_pi(self, data: str) -> None:
        self.bad.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.bad.append(f"<![{data}]>")


def html_problems(page_markdown: str) -> list[str]:
    """What a page's Markdown becomes in MkDocs' renderer, checked against the allow-lists."""
    body = (
        page_markdown.split("\n---\n", 1)[1] if page_markdown.startswith("---\n") else page_markdown
    )
    checker = _HtmlCheck()
    checker.feed(markdown.markdown(body, extensions=MD_EXTENSIONS))
    checker.close()
    return checker.bad


LABEL = r"(?:[^#;:\n%]|#\d+;)+"
KEYWORD = re.compile(r"(?:journey|title|section|acc)", re.IGNORECASE | re.ASCII)


def check_label(label: str) -> None:
    assert re.fullmatch(LABEL, label), repr(label)
    assert label == label.strip() and not KEYWORD.match(label), repr(label)


def check_journey_source(source: str, journey: Journey) -> None:
    lines = source.split("\n")
    assert lines[0] == "journey" and lines[-1] == "", source
    check_label(re.fullmatch(r"  title (.+)", lines[1]).group(1))
    tasks = [(stage, tp) for stage in journey.stages for tp in stage.touchpoints]
    rows = lines[2:-1]
    assert len([r for r in rows if r.startswith("  section ")]) == len(
        [s for s in journey.stages if s.touchpoints]
    )
    task_rows = [r for r in rows if not r.startswith("  section ")]
    assert len(task_rows) == len(tasks), source
    for row in rows:
        if row.startswith("  section "):
            check_label(row[len("  section ") :])
    names = {s.id for s in journey.stakeholders}
    for row, (_, tp) in zip(task_rows, tasks):
        parts = row[4:].split(": ")
        assert row.startswith("    ") and len(parts) in (2, 3), row
        check_label(parts[0])
        assert parts[1] == str(tp.score), row
        actors = [a for a in tp.actors if a in names]
        if actors:
            labels = parts[2].split(", ")
            assert len(labels) == len(actors), row
            for label in labels:
                check_label(label)
        else:
            assert len(parts) == 2, row


def _map_text(value: Any, change: Any) -> Any:
    """Apply `change` to every string held in a model object (ids included; they have no `<`)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple):
        return tuple(_map_text(item, change) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        updates = {
            f.name: _map_text(getattr(value, f.name), change)
            for f in dataclasses.fields(value)
            if f.name != "lines"
        }
        return dataclasses.replace(value, **updates)
    return value


def without_lt(journey: Journey) -> Journey:
    """The journey with no `<` in its text; the narrative is Markdown, kept (its code may hold
    a `<` that Python-Markdown escapes), and checked by `html_problems` instead."""
    return dataclasses.replace(
        _map_text(journey, lambda text: text.replace("<", "\ue000")), narrative=journey.narrative
    )


# Strategies -----------------------------------------------------------------------------------


@st.composite
def journeys(draw: Any, segment: str | None = None, journey_id: str = "prop") -> dict[str, Any]:
    """The front matter of a valid journey, with arbitrary text in every text field."""
    stakeholder_ids = draw(st.lists(IDS, max_size=4, unique=True))
    stakeholders = []
    for sid in stakeholder_ids:
        item: dict[str, Any] = {"id": sid, "name": draw(TEXT), "role": draw(st.sampled_from(ROLES))}
        if draw(st.booleans()):
            item["influence"] = draw(st.sampled_from(["low", "medium", "high"]))
        if draw(st.booleans()):
            item["goals"] = draw(st.lists(TEXT, max_size=2))
        if draw(st.booleans()):
            item["concerns"] = draw(st.lists(TEXT, max_size=2))
        stakeholders.append(item)
    stage_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    touchpoint_ids = iter(draw(st.lists(IDS, min_size=12, max_size=12, unique=True)))
    purchase = draw(st.sampled_from([None, *range(len(stage_ids))]))
    stages = []
    for index, stage_id in enumerate(stage_ids):
        stage: dict[str, Any] = {"id": stage_id, "name": draw(TEXT)}
        for key in ("goal", "duration", "feedback"):
            if draw(st.booleans()):
                stage[key] = draw(TEXT)
        for key in ("pains", "opportunities", "kpis"):
            if draw(st.booleans()):
                stage[key] = draw(st.lists(TEXT, max_size=2))
        if index == purchase:
            stage["purchase"] = True
        touchpoints = []
        for _ in range(draw(st.integers(0, 3))):
            tp: dict[str, Any] = {"name": draw(TEXT), "score": draw(st.integers(1, 5))}
            if draw(st.booleans()):
                tp["id"] = next(touchpoint_ids)
            if draw(st.booleans()):
                tp["channel"] = draw(
                    st.one_of(TEXT, st.sampled_from(["email", "Sales call", "in-product"]))
                )
            if draw(st.booleans()):
                tp["emotion"] = draw(TEXT)
            if len(stakeholder_ids) > 1 or (stakeholder_ids and draw(st.booleans())):
                tp["actors"] = draw(
                    st.lists(
                        st.sampled_from(stakeholder_ids),
                        min_size=1,
                        max_size=len(stakeholder_ids),
                        unique=True,
                    )
                )
            taking_part = tp.get("actors", stakeholder_ids)
            if taking_part and draw(st.booleans()):
                tp["scores"] = {
                    sid: draw(st.integers(1, 5))
                    for sid in draw(st.lists(st.sampled_from(taking_part), max_size=2, unique=True))
                }
            touchpoints.append(tp)
        if touchpoints or draw(st.booleans()):
            stage["touchpoints"] = touchpoints
        stages.append(stage)
    data: dict[str, Any] = {
        "id": journey_id,
        "title": draw(TEXT),
        "segment": segment or draw(st.sampled_from(["b2b", "b2c"])),
    }
    for key in ("summary", "owner", "sales_cycle", "deal_value"):
        if draw(st.booleans()):
            data[key] = draw(TEXT)
    if draw(st.booleans()):
        data["reviewed"] = draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))).isoformat()
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(TEXT, max_size=3, unique=True))
    if stakeholders or draw(st.booleans()):
        data["stakeholders"] = stakeholders
    data["stages"] = stages
    return data


NARRATIVE_FRAGMENTS = [
    "<", ">", "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "<!--", "-->",
    "`", "``", "```", "~~~", "    ", "\t", "\n", "\n\n", "\\", "[", "]", "(", ")", "](", "]:", "!",
    "![", "javascript:", "java\nscript:", "&#106;", "&colon;", "&#x3A;", "alert(1)",
    "//evil.example/x.png", "https://x.example", "{", "}", "{: onclick=x}", "|",
    "| a | b |\n|---|---|\n", "> ", "- ", "1. ", "#", "!!! note", "&lt;", "x", " ", '"', "'", "*",
    "_", ".python", "{.x}", "=", "<a href=javascript:x>", "<div>", "</div>", "\x02", "\x03", "&",
    ";", "data:", "vbscript:", "<https://x.example>", "<x@y.example>", "\\`", "\\\\",
    "<!-- journeys:diagram -->\n", "<!-- journeys:bogus -->\n",
    "[a](javascript:alert(1))", "![i](//evil.example/x.png)", "![i][r]", "[r]: //evil.example/r.png\n",
    "[`x`](", "``````", "\\\\`", "[[[[[[[[[[", "]]]]]]]]]]", "&#96;",
]  # fmt: skip
NARRATIVE = st.lists(st.sampled_from(NARRATIVE_FRAGMENTS), max_size=30).map("".join)


def dump(data: dict[str, Any], narrative: str = "") -> bytes:
    return (
        "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + narrative
    ).encode("utf-8")


# Loading --------------------------------------------------------------------------------------


@settings(max_examples=1500, **SETTINGS)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_journey_or_problems_with_line_and_field(raw: bytes) -> None:
    check_parse(raw)
    check_parse(b"---\n" + raw)
    check_parse(b"---\n" + raw + b"\n---\n")


YAMLISH = [
    "title: ", "segment: b2b", "segment: b2c", "stages:", "stakeholders:", "- id: a", "- id: b",
    "  name: N", "  touchpoints:", "    - name: t", "      score: 3", "score: 7", "score: '4'",
    "actors: [a, b]", "scores: {a: 2}", "compare_with: x", "reviewed: 2026-02-30",
    "reviewed: 2026-10-15", "status: draft", "tags: [a, a]", "&x ", "*x", "<<: *x", "!!binary ",
    "!!python/object/apply:os.system [ls]", "? ", ": ", "{", "}", "[", "]", ",", "'", '"', "|",
    ">", "#", "%YAML 1.1", "---", "...", "\n", "\n  ", "\t", "  ", "- ", "null", "~", "1e999",
    "0x1F", "true", "é", "\ufeff", "\u2028", "\x85", "\r", "- - - - - - - - - - - - - -",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "a: {b: {c: {d: {e: {f: {g: ",
]  # fmt: skip


@settings(max_examples=1500, **SETTINGS)
@given(st.lists(st.sampled_from(YAMLISH), max_size=25), st.booleans())
def test_yaml_like_text_gives_a_journey_or_problems_with_line_and_field(
    parts: list[str], closed: bool
) -> None:
    front = "".join(parts)
    raw = ("---\n" + front + ("\n---\nNarrative.\n" if closed else "")).encode("utf-8")
    check_parse(raw)


@settings(max_examples=500, **SETTINGS)
@given(st.binary(max_size=300), st.lists(st.sampled_from(YAMLISH), max_size=15).map("".join))
def test_any_translation_file_gives_warnings_with_line_and_field(raw: bytes, yamlish: str) -> None:
    for data in (raw, b"---\n" + raw + b"\n---\n", ("---\n" + yamlish + "\n---\nText\n").encode()):
        parse_translation.cache_clear()
        translation = parse_translation(data, "journeys/prop.ru.md", "ru")
        check_problems(translation.problems, data, "journeys/prop.ru.md")
        assert all(p.severity is Severity.WARNING for p in translation.problems)


# Rendering ------------------------------------------------------------------------------------


def _valid(data: dict[str, Any], narrative: str = "") -> Journey:
    raw = dump(data, narrative)
    result = check_parse(raw)
    assert isinstance(result, Journey), result
    return result


def check_rendered_journey(journey: Journey, ctx: RenderContext = CTX) -> str:
    page, problems = render_journey_page(journey, ctx)
    assert all(isinstance(p, Problem) and not p.is_error for p in problems)
    shadow, _ = render_journey_page(without_lt(journey), ctx)
    assert page.count("<") == shadow.count("<"), "a `<` from the journey's text reached the page"
    assert html_problems(page) == []
    for stage in journey.stages:
        for tp in stage.touchpoints:
            assert html.escape(tp.name) in page  # shown, as text, in the stage's table
    for stakeholder in journey.stakeholders:
        assert html.escape(stakeholder.name) in page
    source = journey_diagram(journey)
    if source is not None:
        check_journey_source(source, journey)
    return page


@settings(max_examples=200, **SETTINGS)
@given(journeys(), NARRATIVE)
def test_valid_journeys_with_any_text_render_inert(data: dict[str, Any], narrative: str) -> None:
    check_rendered_journey(_valid(data, narrative))


@settings(max_examples=60, **SETTINGS)
@given(journeys(segment="b2b", journey_id="left"), journeys(segment="b2c", journey_id="right"))
def test_comparison_and_catalog_pages_of_any_journeys_are_inert(
    left: dict[str, Any], right: dict[str, Any]
) -> None:
    b2b, b2c = _valid(left), _valid(right)
    broken, broken_problems = parse_journey(
        b"---\ntitle: '<img src=x onerror=alert(1)>'\nsegment: b2x\n---\n", "journeys/bad.md", "bad"
    )
    assert isinstance(broken, BrokenJourney)
    playbook = Playbook((b2b, b2c), (broken,), broken_problems, (Pair("left", "right"),))
    shadow = Playbook(
        (without_lt(b2b), without_lt(b2c)), (broken,), broken_problems, (Pair("left", "right"),)
    )
    pages = build_site_pages(playbook, today=TODAY, languages=("en", "ru"))
    shadows = {
        page.src: page
        for page in build_site_pages(shadow, today=TODAY, languages=("en", "ru")).pages
    }
    kinds = {page.kind for page in pages.pages}
    assert {"journey", "broken", "index", "compare", "catalog"} <= kinds
    for page in pages.pages:
        assert page.markdown.count("<") == shadows[page.src].markdown.count("<"), page.src
        assert html_problems(page.markdown) == [], page.src
    comparison = comparison_page(Pair("left", "right"), b2b, b2c, CTX)
    sources = [
        html.unescape(s)
        for s in re.findall(
            r'<pre class="journeys-diagram__source">(.*?)</pre>', comparison.markdown, re.DOTALL
        )
    ]
    expected = [source for j in (b2b, b2c) if (source := journey_diagram(j))]
    assert [s for s in sources if s.startswith("journey")] == expected
    for journey in (b2b, b2c):
        if (source := journey_diagram(journey)) is not None:
            check_journey_source(source, journey)
    for problem in pages.problems:
        assert isinstance(problem, Problem)


TRANSLATION_VALUES = st.one_of(
    TEXT,
    st.lists(TEXT, max_size=2),
    st.integers(),
    st.none(),
    st.booleans(),
    st.just({"x": 1}),
    st.just([]),
)


@st.composite
def translations(draw: Any, journey: dict[str, Any]) -> dict[str, Any]:
    """A translation's front matter: right and wrong ids, shapes, fields and fingerprints."""
    keys = [
        "title",
        "summary",
        "owner",
        "sales_cycle",
        "deal_value",
        "tags",
        "segment",
        "score",
        "nme",
    ]
    data: dict[str, Any] = {
        key: draw(TRANSLATION_VALUES)
        for key in draw(st.lists(st.sampled_from(keys), max_size=5, unique=True))
    }
    if draw(st.booleans()):
        data["source_fingerprint"] = draw(
            st.sampled_from(["fp-0123456789ab", "abc", "fp-XYZ", "", "0123456789ab"])
        )
    stage_ids = [s["id"] for s in journey["stages"]] + ["ghost"]
    stages = []
    for stage_id in draw(st.lists(st.sampled_from(stage_ids), max_size=4)):
        item: dict[str, Any] = {"id": stage_id}
        for key in draw(
            st.lists(
                st.sampled_from(["name", "goal", "pains", "feedback", "kpis", "compare_as"]),
                max_size=3,
                unique=True,
            )
        ):
            item[key] = draw(TRANSLATION_VALUES)
        if draw(st.booleans()):
            item["touchpoints"] = [
                {
                    key: draw(TRANSLATION_VALUES)
                    for key in draw(
                        st.lists(
                            st.sampled_from(["id", "name", "channel", "emotion", "score"]),
                            max_size=3,
                            unique=True,
                        )
                    )
                }
                for _ in range(draw(st.integers(0, 4)))
            ]
        stages.append(item)
    if stages:
        data["stages"] = stages
    people = [s["id"] for s in journey.get("stakeholders", [])] + ["ghost"]
    data["stakeholders"] = [
        {
            "id": sid,
            **{
                key: draw(TRANSLATION_VALUES)
                for key in draw(
                    st.lists(st.sampled_from(["name", "goals", "role"]), max_size=2, unique=True)
                )
            },
        }
        for sid in draw(st.lists(st.sampled_from(people), max_size=3))
    ]
    return data


@settings(max_examples=150, **SETTINGS)
@given(st.data())
def test_any_translation_overlay_renders_inert(data: st.DataObject) -> None:
    front = data.draw(journeys())
    journey = _valid(front, "Default narrative.\n")
    overlay = data.draw(translations(front))
    narrative = data.draw(NARRATIVE)
    raw = dump(overlay, narrative)
    parse_translation.cache_clear()
    translation = parse_translation(raw, "journeys/prop.ru.md", "ru")
    check_problems(translation.problems, raw, "journeys/prop.ru.md")
    translated, problems = translate(journey, translation)
    check_problems(problems, raw, "journeys/prop.ru.md")
    assert all(p.severity is Severity.WARNING for p in (*translation.problems, *problems))
    # Structure never changes: ids, scores and actors come from the default-language file.
    assert [
        (s.id, [(t.id, t.score, t.actors) for t in s.touchpoints]) for s in translated.stages
    ] == [(s.id, [(t.id, t.score, t.actors) for t in s.touchpoints]) for s in journey.stages]
    for value in (
        translated.title,
        *(s.name for s in translated.stages),
        *(t.name for _, t in translated.touchpoints()),
    ):
        assert isinstance(value, str)
    assert translation.fingerprint in (None, "fp-0123456789ab")
    check_rendered_journey(translated, RenderContext(Labels("ru"), TODAY))


# The narrative sanitiser against Python-Markdown ---------------------------------------------


@settings(max_examples=3000, **SETTINGS)
@given(NARRATIVE)
def test_no_narrative_becomes_markup_in_python_markdown(text: str) -> None:
    assert html_problems(safe_markdown(text)) == []
    page = "\n\n".join(
        s.text if s.marker is None else '<div class="journeys-x">block</div>'
        for s in safe_segments(text)
    )
    assert html_problems(page) == []


@pytest.mark.parametrize(
    "text", ["<b>x</b>", "[a](javascript:alert(1))", "![i](//evil.example/i.png)", "<!--x-->"]
)
def test_the_html_check_can_fail(text: str) -> None:
    assert html_problems(text) != []  # the allow-list check is not vacuous


@settings(max_examples=300, **SETTINGS)
@given(TEXT)
def test_mermaid_labels_are_single_safe_tokens(text: str) -> None:
    from mkdocs_journeys.core.render.escape import mermaid_label

    for limit in (10, 40, 80):
        label = mermaid_label(text, max_length=limit)
        check_label(label)


def _fences_as_python_markdown_finds_them(text: str) -> list[tuple[int, int]]:
    """Python-Markdown's own search loop (FencedBlockPreprocessor.run), for comparison."""
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    spans, index = [], 0
    while (match := FencedBlockPreprocessor.FENCED_BLOCK_RE.search(text, index)) is not None:
        if match.group("attrs") is not None and not re.fullmatch(
            r"[\w\s.#=:-]*", match.group("attrs")
        ):
            break  # where our search stops trusting fences
        spans.append((match.start(), match.end()))
        index = match.end()
    return spans


FENCE_FRAGMENTS = [
    "```",
    "````",
    "~~~",
    "~~~~",
    "\n",
    " ",
    "x",
    "python",
    ".py",
    "{.x}",
    '{a="}"}',
    'hl_lines="1"',
    "`",
    "\n\n",
    "<b>",
]


@settings(max_examples=1500, **SETTINGS)
@given(st.lists(st.sampled_from(FENCE_FRAGMENTS), max_size=30).map("".join))
def test_fences_are_found_exactly_where_python_markdown_finds_them(text: str) -> None:
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    from mkdocs_journeys.core.render.narrative import FENCED_BLOCK_RE, fence_spans

    assert FENCED_BLOCK_RE.pattern == FencedBlockPreprocessor.FENCED_BLOCK_RE.pattern
    assert fence_spans(text) == _fences_as_python_markdown_finds_them(text)
