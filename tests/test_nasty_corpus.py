"""The nasty-file corpus (tests/nasty/): each file, and what it must give.

Every case must give either a journey or errors naming the file, the line and the field with a
hint on how to fix it, and do so quickly: each is timed, loosely (a hang guard, not a benchmark).
Valid journeys are rendered too, and their page must keep every journey text as text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest

from mkdocs_journeys.core.labels import Labels
from mkdocs_journeys.core.model import BrokenJourney, Journey
from mkdocs_journeys.core.parse import parse_journey
from mkdocs_journeys.core.playbook import load_playbook
from mkdocs_journeys.core.problems import Severity
from mkdocs_journeys.core.render.context import RenderContext
from mkdocs_journeys.core.render.journey_page import render_journey_page
from mkdocs_journeys.core.render.mermaid import journey_diagram
from mkdocs_journeys.core.translate import parse_translation, translate, translate_playbook
from test_properties import MD_EXTENSIONS, check_journey_source, html_problems

NASTY = Path(__file__).parent / "nasty"
sys.path.insert(0, str(NASTY))
import make_corpus

TIME_LIMIT = 3.0  # seconds for parsing and rendering one case, on a busy 2-core machine
CTX = RenderContext(Labels("en"), dt.date(2026, 11, 30))


@dataclasses.dataclass(frozen=True)
class Error:
    """The first error: its line (None: the whole file), field, and words of message and hint."""

    line: int | None
    field: str
    message: str
    hint: str
    max_bytes: int | None = None


VALID = "valid"

CASES: dict[str, Error | str] = {
    # YAML
    "alias-bomb.md": Error(
        4, "b[0]", "YAML aliases (`*name`) are not allowed", "Write the value out"
    ),
    "merge-key.md": Error(
        8, "stages[0].touchpoints[0]", "no lists, mappings or `<<` merges", "`name: value`"
    ),
    "anchor-only.md": Error(
        6, "stages[0].name", "YAML anchors (`&name`) are not allowed", "Remove the `&name`"
    ),
    "python-tag.md": Error(
        2,
        "title",
        "the YAML tag '!!python/object/apply:os.system' is not allowed",
        "Remove the `!tag`",
    ),
    "custom-tag.md": Error(
        4, "owner", "the YAML tag '!person' is not allowed", "Remove the `!tag`"
    ),
    "duplicate-key.md": Error(
        10,
        "stages[0].touchpoints[0].score",
        "the key 'score' appears twice (first on line 9)",
        "Keep one of them",
    ),
    "deep-nesting-block.md": Error(
        38,
        "extra." + ".".join(f"level{i}" for i in range(32)),
        "nested more than 32 levels deep",
        "nest at most a few levels",
    ),
    "deep-nesting-flow.md": Error(
        4, "", "exceeded maximum nesting depth", "close the brackets you opened"
    ),
    "many-values.md": Error(5, "tags[49992]", "more than 50,000 values", "Split the journey"),
    "tab-indent.md": Error(5, "", "invalid YAML", "indent with spaces"),
    "empty-key.md": Error(4, "", "a field has no name (an empty key)", "`name: value`"),
    "complex-key.md": Error(4, "", "only plain names are allowed as keys", "`name: value`"),
    "two-documents.md": Error(4, "", "expected a single document", "starts another YAML document"),
    "invalid-escape.md": Error(2, "", "invalid Unicode character escape code", "use single quotes"),
    "control-char.md": Error(
        2, "", "the character U+0007 is not allowed in YAML", "retype the line"
    ),
    "line-separator.md": Error(
        3, "segment", "expected one of b2b, b2c; got 'b2x'", "Did you mean `b2c`?"
    ),
    "front-matter-list.md": Error(
        2, "", "the front matter must be a mapping of fields", "title: ..."
    ),
    "front-matter-null.md": Error(
        2, "", "the front matter must be a mapping of fields", "title: ..."
    ),
    "front-matter-text.md": Error(
        2, "", "the front matter must be a mapping of fields", "title: ..."
    ),
    "empty-front-matter.md": Error(2, "", "the front matter is empty", "Add at least `title:`"),
    "only-fences.md": Error(2, "", "the front matter is empty", "Add at least `title:`"),
    # Files
    "empty.md": Error(1, "", "the file is empty", "`journeys new"),
    "whitespace-only.md": Error(1, "", "the file is empty", "`journeys new"),
    "latin1.md": Error(2, "", "not valid UTF-8 (byte 0xe9 at offset 14)", "Save the file as UTF-8"),
    "utf16.md": Error(1, "", "not valid UTF-8 (byte 0xff at offset 0)", "Save the file as UTF-8"),
    "nul-byte.md": Error(3, "", "contains a NUL byte", "UTF-8 text"),
    "unclosed-front-matter.md": Error(
        1, "", "the front matter opened on line 1 is never closed", "Add a line with only `---`"
    ),
    "no-front-matter.md": Error(
        1, "", "expected the first line to be `---`", "between a `---` line"
    ),
    "over-size-limit.md": Error(
        None,
        "",
        "the file is 3,000 bytes, over the limit of 2,048 bytes",
        "`max_file_bytes`",
        max_bytes=2048,
    ),
    "over-default-limit.md": Error(
        None, "", "the file is 530,000 bytes, over the limit of 524,288 bytes", "`max_file_bytes`"
    ),
    "crlf-error.md": Error(
        3, "segment", "expected one of b2b, b2c; got 'B2C'", "Did you mean `b2c`?"
    ),
    "bom-crlf.md": VALID,
    "cr-only.md": VALID,
    "closing-dots.md": VALID,
    # Values
    "score-huge.md": Error(
        8,
        "stages[0].touchpoints[0].score",
        "expected a score from 1 to 5, got 9999",
        "Use 1 (bad) to 5 (great)",
    ),
    "score-yes.md": Error(
        9,
        "stages[0].touchpoints[0].score",
        "expected a whole number, got true/false",
        "whole number without quotes",
    ),
    "score-infinite.md": Error(
        9, "stages[0].touchpoints[0].score", "got inf", "Use 1 (bad) to 5 (great)"
    ),
    "long-title.md": Error(
        2, "title", "is too long (99999 characters; at most 2000)", "Shorten it"
    ),
    "id-script.md": Error(2, "id", "expected an id of lowercase letters", "saas-procurement"),
    "stage-id-javascript.md": Error(
        5, "stages[0].id", "got 'javascript:alert(1)'", "saas-procurement"
    ),
    "duplicate-stage-id.md": Error(
        7, "stages[1].id", "the stage id 'evaluation' is already used by stages[0]", "its own id"
    ),
    # Hostile text: valid journeys whose text must stay text
    "hostile-text.md": VALID,
    "hostile-counterpart.md": VALID,
    "hostile-narrative.md": VALID,
    "mermaid-grammar.md": VALID,
    "javascript-link.md": VALID,
    "unknown-marker.md": VALID,
    "many-stages.md": VALID,
    "pathological-narrative.md": VALID,
}


def corpus() -> dict[str, bytes]:
    files = {path.name: path.read_bytes() for path in NASTY.glob("*.md")}
    files.update(make_corpus.BIG_FILES)
    return files


FILES = corpus()


def test_every_corpus_file_has_an_expected_outcome():
    assert sorted(FILES) == sorted(CASES)


def test_generated_corpus_files_are_up_to_date():
    assert make_corpus.main(["--check"]) == 0
    for name, data in make_corpus.FILES.items():  # really bytes on disk, not normalised by git
        assert (NASTY / name).read_bytes() == data


def parse_case(name: str) -> tuple[object, tuple, float]:
    expected = CASES[name]
    max_bytes = (
        expected.max_bytes if isinstance(expected, Error) and expected.max_bytes else 512 * 1024
    )
    parse_journey.cache_clear()
    start = time.perf_counter()
    result, problems = parse_journey(FILES[name], f"journeys/{name}", name[:-3], max_bytes)
    return result, problems, time.perf_counter() - start


@pytest.mark.parametrize("name", sorted(n for n, e in CASES.items() if isinstance(e, Error)))
def test_nasty_file_gives_an_error_with_line_field_and_hint(name):
    expected = CASES[name]
    assert isinstance(expected, Error)
    result, problems, seconds = parse_case(name)
    assert seconds < TIME_LIMIT, f"{name} took {seconds:.2f}s"
    assert isinstance(result, BrokenJourney), (name, result)
    assert result.source == f"journeys/{name}" and result.problems == problems
    first = next(p for p in problems if p.is_error)
    assert (first.file, first.line, first.field) == (
        f"journeys/{name}",
        expected.line,
        expected.field,
    ), first
    assert expected.message in first.message, first.message
    assert expected.hint in first.hint, first.hint
    line = f":{expected.line}" if expected.line else ""
    field = f" {expected.field}:" if expected.field else ""
    assert first.format().startswith(f"journeys/{name}{line}:{field} "), first.format()
    assert len(problems) == len(set(problems)), "a problem is reported twice"


def render_case(name: str) -> tuple[Journey, str, list, float]:
    result, problems, seconds = parse_case(name)
    assert isinstance(result, Journey), (name, [p.format() for p in problems])
    assert problems == ()
    start = time.perf_counter()
    page, warnings = render_journey_page(result, CTX)
    seconds += time.perf_counter() - start
    assert seconds < TIME_LIMIT, f"{name} took {seconds:.2f}s"
    return result, page, warnings, seconds


@pytest.mark.parametrize("name", sorted(n for n, e in CASES.items() if e == VALID))
def test_nasty_valid_file_renders_as_text_quickly(name):
    journey, page, warnings, _ = render_case(name)
    start = time.perf_counter()
    assert html_problems(page) == [], name  # what MkDocs' Markdown makes of it: no foreign markup
    assert time.perf_counter() - start < TIME_LIMIT * 3, f"Python-Markdown took too long on {name}"
    if (source := journey_diagram(journey)) is not None:
        check_journey_source(source, journey)
    assert all(w.severity is Severity.WARNING for w in warnings)


def test_hostile_text_is_escaped_in_every_field():
    journey, page, _, _ = render_case("hostile-text.md")
    assert (
        "<script" not in page
        and "<img" not in page
        and "<iframe" not in page
        and "<svg onload" not in page
    )
    for text in (
        journey.summary,
        journey.owner,
        journey.sales_cycle,
        journey.deal_value,
        *journey.tags,
        *(s.name for s in journey.stakeholders),
        *(g for s in journey.stakeholders for g in (*s.goals, *s.concerns)),
        *(
            t
            for s in journey.stages
            for t in (s.goal, s.duration, s.feedback, *s.pains, *s.opportunities, *s.kpis)
            if t
        ),
        *(t for _, tp in journey.touchpoints() for t in (tp.name, tp.emotion) if t),
    ):
        assert html.escape(text) in page, text  # shown, escaped as text
    assert (
        "&#60;script&#62;window&#46;&#95;&#95;journeysPwned" in page
    )  # the title, as a Markdown heading
    source = journey_diagram(journey)
    assert source.count("\n  section ") == 2 and "%%" not in source
    clicks = [row for row in source.split("\n") if row.lstrip().startswith("click")]
    assert clicks and all(re.fullmatch(r"    click [^:]*: [1-5](: .+)?", row) for row in clicks), (
        clicks
    )  # task text


def test_hostile_narrative_keeps_markdown_and_loses_every_way_to_run_script():
    _, page, _, _ = render_case("hostile-narrative.md")
    body = markdown.markdown(page.split("\n---\n", 1)[1], extensions=MD_EXTENSIONS)
    tags = re.findall(r"<[a-zA-Z][^>]*>", body)
    assert not [
        t
        for t in tags
        if re.match(r"<(script|iframe|object|embed|svg|style|form)", t) or re.search(r"\son\w+=", t)
    ]
    assert sorted(set(re.findall(r'<img [^>]*src="([^"]*)"', body))) == [
        "#",
        "ok.png",
    ]  # remote images gone
    assert not re.search(r'(href|src)="\s*(javascript|data|vbscript)', body, re.IGNORECASE)
    assert 'href="https://example.com/a_(b)"' in body  # a safe link with parentheses survives
    assert (
        "<code>&lt;kept&gt;</code>" in body and "&lt;script&gt;shown as code&lt;/script&gt;" in body
    )
    assert (
        "&lt;script&gt;window.__journeysPwned = 'block'&lt;/script&gt;" in body
    )  # visible as text


def test_javascript_link_leaves_no_stray_parenthesis():  # bug (e)
    _, page, _, _ = render_case("javascript-link.md")
    assert 'Read [the offer](#) before [buying](# "title").' in page
    body = markdown.markdown(page.split("\n---\n", 1)[1], extensions=MD_EXTENSIONS)
    assert '<a href="#">the offer</a> before <a href="#" title="title">buying</a>.' in body


def test_unknown_marker_warning_names_the_markers_own_line():  # bug (a)
    _, _, warnings, _ = render_case("unknown-marker.md")
    lines = FILES["unknown-marker.md"].decode().split("\n")
    assert [(w.file, w.line, w.field) for w in warnings] == [
        ("journeys/unknown-marker.md", lines.index("<!-- journeys:stage -->") + 1, "narrative")
    ]
    assert (
        "<!-- journeys:stage -->" in warnings[0].message and "header, diagram" in warnings[0].hint
    )


def test_duplicate_stage_id_is_one_error_not_also_an_alignment_error():  # bug (b)
    _, problems, _ = parse_case("duplicate-stage-id.md")
    assert [p.field for p in problems] == ["stages[1].id"]
    assert not any("compare_as" in p.field or "align" in p.message for p in problems)


def test_mermaid_grammar_case_neutralises_keywords_and_separators():
    journey, _, _, _ = render_case("mermaid-grammar.md")
    source = journey_diagram(journey)
    rows = source.split("\n")
    assert rows[1].startswith("  title ") and sum(r.startswith("  title ") for r in rows) == 1
    assert sum(r.startswith("  section ") for r in rows) == 3
    assert (
        "#84;itle insurance check: 3" in source
        and "#83;ection 8 review: 4" in source
        and "#74;ourney mapping workshop: 2" in source
    )
    assert "    –: 1: " in source  # a blank name gets a visible placeholder
    assert "مشتری (right-to-left)" in source
    assert "Actor#44; with a comma#58; and a colon (2)" in source  # equal actor names stay apart


# Translations ------------------------------------------------------------------------------------


def _base() -> Journey:
    parse_journey.cache_clear()
    journey, problems = parse_journey(
        (NASTY / "translations/base.md").read_bytes(), "journeys/base.md", "base"
    )
    assert isinstance(journey, Journey), problems
    return journey


def _translation(name: str):
    parse_translation.cache_clear()
    raw = (NASTY / "translations" / name).read_bytes()
    start = time.perf_counter()
    translation = parse_translation(raw, "journeys/base.ru.md", "ru")  # as it would be named
    translated, problems = translate(_base(), translation)
    assert time.perf_counter() - start < TIME_LIMIT
    for problem in (*translation.problems, *problems):
        assert problem.severity is Severity.WARNING and problem.file == "journeys/base.ru.md"
        assert problem.line is not None and 1 <= problem.line <= raw.count(b"\n") + 1, problem
    return translation, translated, [*translation.problems, *problems]


def test_translation_files_in_the_corpus_have_cases():
    assert sorted(p.name for p in (NASTY / "translations").glob("*.md")) == sorted(
        [
            "base.md",
            "bad-fingerprint.ru.md",
            "extra-touchpoints.ru.md",
            "wrong-shapes.ru.md",
            "structure-fields.ru.md",
            "hostile.ru.md",
            "not-utf8.ru.md",
        ]
    )


def test_malformed_fingerprint_says_what_one_looks_like_and_is_not_stale(tmp_path):  # bug (c)
    translation, _, problems = _translation("bad-fingerprint.ru.md")
    (problem,) = problems
    assert (problem.line, problem.field) == (2, "source_fingerprint")
    assert "fp- and 12 hexadecimal digits" in problem.message and "'1a2b3c'" in problem.message
    assert (
        "journeys fingerprint" in problem.hint and "id" not in problem.message.split("(")[0].split()
    )
    assert translation.fingerprint is None
    folder = tmp_path / "journeys"
    folder.mkdir()
    shutil.copy(NASTY / "translations/base.md", folder / "base.md")
    shutil.copy(NASTY / "translations/bad-fingerprint.ru.md", folder / "base.ru.md")
    playbook, files = load_playbook(folder, tmp_path)
    _, _, statuses = translate_playbook(playbook, files, "ru")
    assert [(s.journey_id, s.state) for s in statuses] == [
        ("base", "unknown")
    ]  # "not checked", not "out of date"


def test_extra_translated_touchpoints_are_counted_in_good_english():  # bug (d)
    _, _, problems = _translation("extra-touchpoints.ru.md")
    assert [(p.line, p.field, p.message) for p in problems] == [
        (6, "stages[0].touchpoints[1]", "the stage 'awareness' has only 1 touchpoint"),
        (7, "stages[0].touchpoints[2]", "the stage 'awareness' has only 1 touchpoint"),
    ]


def test_wrongly_shaped_translation_falls_back_instead_of_breaking_the_page():
    _, translated, problems = _translation("wrong-shapes.ru.md")
    assert (
        translated.title == "Shop checkout" and translated.owner is None and translated.tags == ()
    )
    assert translated.stakeholders[0].name == "Shopper" and translated.stakeholders[0].goals == ()
    assert translated.stages[0].name == "Awareness" and translated.stages[0].pains == ()
    assert (
        translated.stages[0].touchpoints[0].name == "Reel"
        and translated.stages[0].touchpoints[0].channel == "social"
    )
    fields = {p.field for p in problems}
    assert {
        "title",
        "owner",
        "tags",
        "stakeholders[0].name",
        "stages[0].name",
        "stages[2].id",
    } <= fields, fields
    page, _ = render_journey_page(translated, RenderContext(Labels("ru"), dt.date(2026, 11, 30)))
    assert html_problems(page) == []


def test_structure_in_a_translation_is_ignored_with_a_warning():
    _, translated, problems = _translation("structure-fields.ru.md")
    messages = [p.message for p in problems]
    for key in ("segment", "compare_with", "purchase", "compare_as", "score", "actors"):
        assert any(m.startswith(f"{key!r} is structure") for m in messages), (key, messages)
    assert translated.segment == "b2c" and translated.stages[0].touchpoints[0].score == 4
    assert translated.stages[0].touchpoints[0].name == "Ролик"


def test_hostile_translation_is_text_and_its_marker_warning_points_into_it():
    _, translated, problems = _translation("hostile.ru.md")
    assert problems == []
    page, warnings = render_journey_page(
        translated, RenderContext(Labels("ru"), dt.date(2026, 11, 30))
    )
    assert html_problems(page) == [] and "<script" not in page and "<img" not in page
    raw = (NASTY / "translations/hostile.ru.md").read_text("utf-8").split("\n")
    assert [(w.file, w.line) for w in warnings] == [
        ("journeys/base.ru.md", raw.index("<!-- journeys:bogus -->") + 1)
    ]
    check_journey_source(journey_diagram(translated), translated)


def test_translation_in_another_encoding_is_a_warning():
    _, translated, problems = _translation("not-utf8.ru.md")
    assert [(p.line, p.field) for p in problems][:1] == [(2, "")] and "not valid UTF-8" in problems[
        0
    ].message
    assert translated.title == "Shop checkout"


# The whole corpus through the command line -----------------------------------------------------


def test_lint_reports_every_broken_corpus_file_without_a_traceback(tmp_path):
    folder = tmp_path / "journeys"
    folder.mkdir()
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_journeys.cli", "lint"],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert time.perf_counter() - start < 60
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for name, expected in CASES.items():
        if isinstance(expected, Error) and expected.max_bytes is None:
            location = f"journeys/{name}:{expected.line}:" if expected.line else f"journeys/{name}:"
            assert location in output, (name, output[:2000])


def test_missing_required_fields_are_each_reported_once():
    parse_journey.cache_clear()
    _, problems = parse_journey(b"---\ntitle: Only a title\n---\n", "journeys/x.md", "x")
    assert [(p.line, p.field, p.message) for p in problems] == [
        (2, "segment", "the required field 'segment' is missing"),
        (2, "stages", "the required field 'stages' is missing"),
    ]
