"""Hostile journeys in a real browser, offline, and every generated diagram through Mermaid's parser.

A site is built (non-strict) from the hostile cases of the nasty corpus (tests/nasty/): script
tags, `onerror` images, `javascript:` links, `%%{init}%%` directives, `click` lines and `<br>`
tricks in every field and in the narrative, plus a broken file whose error box quotes them. Each
page is opened in Chromium with every outside request aborted, `alert`/`confirm`/`prompt`
hooked, and a sentinel (`window.__journeysPwned`, which every payload tries to set) watched:
nothing may run, every diagram must render, and the hostile text must be visible as text.

Then every diagram source that the hostile site and the reference playbook (mkdocs.yml at the
repository root, all languages) put in their pages goes through the vendored Mermaid's own
`mermaid.parse()`, and its parsed tasks are compared with what the journey says, so a label that
Mermaid would read as syntax (a `title`, a `section`, a comment) is caught, not eyeballed.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NASTY = ROOT / "tests" / "nasty"
MERMAID_DIR = ROOT / "plugin" / "mkdocs_journeys" / "assets" / "mermaid"
HOSTILE_FILES = (
    "hostile-text.md",
    "hostile-counterpart.md",
    "hostile-narrative.md",
    "mermaid-grammar.md",
    "id-script.md",
)

MKDOCS_YML = """\
site_name: Hostile playbook
theme:
  name: material
  font: false
plugins:
  - search
  - journeys:
      gap_level: info
"""

# Runs before any page script: records dialogs and every write to the sentinel, and makes the
# sentinel impossible to delete or redefine quietly.
WATCH_JS = """
window.__journeysLog = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__journeysLog.push(name + ':' + args.join(' ')); };
}
Object.defineProperty(window, '__journeysPwned', {
  configurable: false,
  get() { return undefined; },
  set(value) { window.__journeysLog.push('sentinel:' + value); },
});
"""

SOURCE_RE = re.compile(
    r'<div class="journeys-diagram" data-diagram="(\w+)"[^>]*><pre class="journeys-diagram__source">(.*?)</pre>',
    re.DOTALL,
)


def _build(root: Path, *args: str) -> Path:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(root / "site"),
            *args,
        ],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (root / "journeys").mkdir()
    for name in HOSTILE_FILES:
        shutil.copy(NASTY / name, root / "journeys" / name)
    return _build(root)


@pytest.fixture(scope="module")
def hostile_url(hostile_site, serve_dir) -> str:
    return serve_dir(hostile_site)


@pytest.fixture(scope="module")
def reference_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("reference") / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def _pages(site: Path) -> list[str]:
    """The plugin's pages of a built site, as URL paths."""
    found = []
    for folder in ("journeys", "compare", "catalog"):
        for page in sorted((site / folder).rglob("index.html")):
            found.append(page.parent.relative_to(site).as_posix() + "/")
    return found


def _open(offline_page, url: str):
    probe = offline_page(url)
    probe.page.add_init_script(WATCH_JS)
    return probe.open_rendered()


# Nothing from a journey runs ---------------------------------------------------------------------


def test_hostile_site_has_every_kind_of_page(hostile_site):
    pages = _pages(hostile_site)
    for expected in (
        "journeys/hostile-text/",
        "journeys/hostile-counterpart/",
        "journeys/hostile-narrative/",
        "journeys/mermaid-grammar/",
        "journeys/script-alert-1-script/",  # the broken file's error page (its bad id, slugged)
        "compare/hostile-text-vs-hostile-counterpart/",
        "catalog/roles/",
        "catalog/channels/",
        "catalog/review/",
    ):
        assert expected in pages, pages


PAGES = [
    "",
    "journeys/",
    "journeys/hostile-text/",
    "journeys/hostile-counterpart/",
    "journeys/hostile-narrative/",
    "journeys/mermaid-grammar/",
    "journeys/script-alert-1-script/",
    "compare/",
    "compare/hostile-text-vs-hostile-counterpart/",
    "catalog/roles/",
    "catalog/channels/",
    "catalog/review/",
    "catalog/gaps/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_script_from_a_journey_runs_and_diagrams_render(hostile_url, offline_page, path):
    probe = _open(offline_page, hostile_url + path)
    page = probe.page
    # Poke everything a payload could hang a handler on, and open every <details>.
    page.evaluate(
        """() => {
          for (const el of document.querySelectorAll('.md-content *')) {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'toggle', 'load', 'error', 'animationstart']) {
              el.dispatchEvent(new Event(type, {bubbles: false}));
            }
            if (el.localName === 'details') el.open = true;
          }
        }"""
    )
    page.wait_for_timeout(200)
    log = page.evaluate("window.__journeysLog")
    assert log == [], log
    assert probe.dialogs == [] and probe.page_errors == [], (probe.dialogs, probe.page_errors)
    assert probe.blocked == [], probe.blocked
    # The narrative's local image (ok.png) is not in the test site: a 404, not an error of ours.
    assert [e for e in probe.console_errors if not e.endswith("/ok.png)")] == []
    states = page.evaluate(
        "[...document.querySelectorAll('.journeys-diagram')].map(d => d.dataset.state)"
    )
    assert all(state == "rendered" for state in states), states
    if states:  # Mermaid ran in strict mode, whatever `%%{init}%%` the journey tried
        level = page.evaluate(
            """async () => {
              const script = document.querySelector('script[src$="journeys/journeys.js"]').src;
              const url = new URL('./mermaid/mermaid.esm.min.mjs', script).href;  // journeys.js's own
              return (await import(url)).default.mermaidAPI.getConfig().securityLevel;
            }"""
        )
        assert level == "strict"
    dangerous = page.evaluate(
        """() => [...document.querySelectorAll('.md-content *')].flatMap((el) => {
          const found = [];
          const mermaidSvg = el.closest('.journeys-diagram__svg');  // Mermaid's output has its own <style>
          if (['script', 'iframe', 'object', 'embed', 'form', 'marquee', 'math', 'details'].includes(el.localName) ||
              (el.localName === 'style' && !mermaidSvg))
            found.push(el.localName);
          for (const attr of el.attributes) {
            if (/^on/i.test(attr.name)) found.push(`${el.localName}[${attr.name}]`);
            if (/^\\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(`${el.localName}[${attr.name}=${attr.value}]`);
          }
          if (el.localName === 'img' && !/^(#|ok\\.png|data:)/.test(el.getAttribute('src') || '')) found.push(`img[src=${el.getAttribute('src')}]`);
          return found;
        })"""
    )
    assert dangerous == [], dangerous


def test_the_sentinel_and_the_dialog_hooks_do_record(hostile_url, offline_page):
    probe = _open(offline_page, hostile_url)
    probe.page.evaluate("window.__journeysPwned = 'probe'; alert('probe')")
    assert probe.page.evaluate("window.__journeysLog") == ["sentinel:probe", "alert:probe"]


def test_hostile_text_is_visible_as_text(hostile_url, offline_page):
    probe = _open(offline_page, hostile_url + "journeys/hostile-text/")
    page = probe.page
    text = page.inner_text(".md-content")
    assert (
        page.inner_text("h1").strip() == "<script>window.__journeysPwned = 'title'</script> Title"
    )
    for visible in (
        "<a href=\"javascript:alert('owner')\">Owner</a>",
        "</dd></dl><script>window.__journeysPwned='sales_cycle'</script>",
        "<iframe src=javascript:alert('deal_value')></iframe>",
        "<svg onload=alert('tag')>",
        "%%{init: {'securityLevel': 'loose'}}%%",
        '<img src=x onerror="window.__journeysPwned=\'stakeholder\'"> CFO; #1: chief, "finance"',
        "[goal](javascript:alert('goal'))",
        "{: onclick=alert('concern')}",
        "<script>window.__journeysPwned='touchpoint'</script>",
        "<marquee onstart=alert('channel')>email</marquee>",
        "<script>window.__journeysPwned = 'narrative'</script>",
    ):
        assert visible in text, visible
    assert page.title().startswith("<script>window.__journeysPwned = 'title'</script> Title")
    # In the diagram too: Mermaid draws the touchpoint's text, it does not run it.
    diagram = page.evaluate(
        "[...document.querySelectorAll('.journeys-diagram__svg')].map(d => d.textContent).join(' ')"
    )
    assert "<script>window.__journeysPwned='touchpoint'</script>" in diagram
    assert "click cfo call alert('click-line')" in diagram
    assert (
        "a<br>b<br/>c: 5: cfo; #35; %% comment" in diagram
        or "a<br>b<br/>c: 5: cfo; #35; %% comment"[:40] in diagram
    )


def test_broken_file_page_quotes_the_hostile_value_as_text(hostile_url, offline_page):
    probe = _open(offline_page, hostile_url + "journeys/script-alert-1-script/")
    box = probe.page.inner_text(".journeys-problems")
    assert "got '<script>alert(1)</script>'" in box
    assert (
        probe.page.inner_text("h1").strip()
        == "<img src=x onerror=\"window.__journeysPwned='broken-title'\"> Script as an id"
    )
    review = _open(offline_page, hostile_url + "catalog/review/")
    assert "journeys/id-script.md" in review.page.inner_text(".md-content")


def test_searching_for_hostile_text_runs_nothing(hostile_url, offline_page):
    probe = _open(offline_page, hostile_url)
    page = probe.page
    page.click("input.md-search__input")
    page.keyboard.type("counterpart")  # a word of the hostile titles; Material searches as you type
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__journeysLog") == []
    assert probe.dialogs == [] and probe.page_errors == []
    results = page.inner_text(".md-search-result")
    assert (
        "Counterpart <img src=x onerror=\"window.__journeysPwned='counterpart'\">" in results
    )  # as text
    assert (
        page.evaluate(
            "document.querySelectorAll('.md-search-result img, .md-search-result script').length"
        )
        == 0
    )


# Mermaid's own parser on every generated diagram ----------------------------------------------


PARSE_JS = """async (sources) => {
  const mermaid = (await import(new URL('assets/journeys/mermaid/mermaid.esm.min.mjs', document.baseURI).href)).default;
  mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
  const decode = (text) => text
    .replace(/\\uFB02\\u00B0\\u00B0(\\d+)\\u00B6\\u00DF/g, (m, n) => String.fromCodePoint(Number(n)))
    .replace(/\\uFB02\\u00B0(\\w+)\\u00B6\\u00DF/g, (m, name) => { const t = document.createElement('textarea'); t.innerHTML = `&${name};`; return t.value; });
  const out = [];
  for (const source of sources) {
    try {
      const parsed = await mermaid.parse(source);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
      const db = diagram.db;
      out.push({ok: true, type: parsed.diagramType, title: decode(db.getDiagramTitle ? db.getDiagramTitle() : ''),
                sections: db.getSections().map(decode),
                tasks: db.getTasks().map(t => ({section: decode(t.section), task: decode(t.task), score: t.score, people: t.people.map(decode)}))});
    } catch (error) {
      out.push({ok: false, error: String(error && error.message || error)});
    }
  }
  return out;
}"""


def _sources(site: Path) -> dict[str, list[str]]:
    """Every diagram source in the site's pages, as journeys.js reads it (the <pre>'s text)."""
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for kind, escaped in SOURCE_RE.findall(page.read_text("utf-8")):
            assert kind == "journey", (page, kind)
            found.setdefault(html.unescape(escaped), []).append(page.relative_to(site).as_posix())
    return found


def _expected(source: str) -> dict:
    """What the source means, read the way the plugin wrote it: entity codes decoded."""
    decode = lambda text: re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)
    lines = source.rstrip("\n").split("\n")
    title = decode(lines[1][len("  title ") :])
    sections, tasks, section = [], [], None
    for line in lines[2:]:
        if line.startswith("  section "):
            section = decode(line[len("  section ") :])
            sections.append(section)
        else:
            name, score, *people = line.strip().split(": ")
            tasks.append(
                {
                    "section": section,
                    "task": decode(name),
                    "score": int(score),
                    "people": [decode(p) for p in people[0].split(", ")] if people else [],
                }
            )
    return {"title": title, "sections": sections, "tasks": tasks}


def _check_parsed(browser, base_url: str, sources: dict[str, list[str]], offline_page) -> int:
    probe = offline_page(base_url)
    probe.page.goto(base_url)
    results = probe.page.evaluate(PARSE_JS, list(sources))
    assert len(results) == len(sources)
    for (source, pages), result in zip(sources.items(), results):
        assert result["ok"], (pages[:3], result.get("error"), source)
        assert result["type"] == "journey"
        expected = _expected(source)
        assert result["sections"] == expected["sections"], (pages[:1], source)
        got = [(t["section"], t["task"], t["score"], t["people"]) for t in result["tasks"]]
        want = [(t["section"], t["task"], t["score"], t["people"]) for t in expected["tasks"]]
        assert got == want, (pages[:1], source)
        assert result["title"] in ("", expected["title"]), (result["title"], expected["title"])
    assert probe.blocked == [] and probe.page_errors == []
    return len(results)


def test_every_diagram_of_the_hostile_site_parses_as_written(
    browser, hostile_site, hostile_url, offline_page
):
    sources = _sources(hostile_site)
    assert len(sources) >= 4  # hostile-text, its counterpart, hostile-narrative, mermaid-grammar
    assert _check_parsed(browser, hostile_url, sources, offline_page) == len(sources)


def test_every_diagram_of_the_reference_playbook_parses_as_written(
    browser, reference_site, serve_dir, offline_page
):
    sources = _sources(reference_site)
    pages = {page for pages in sources.values() for page in pages}
    assert len(pages) >= 6 * 6, sorted(pages)  # 4 journeys and 2 comparisons in six languages
    assert _check_parsed(browser, serve_dir(reference_site), sources, offline_page) == len(sources)


def test_the_parser_check_can_fail(browser, hostile_url, offline_page):
    bad = "journey\n  title T\n  section S\n    section injected: 3: A\n"
    misread = "journey\n  title T\n  section S\n    title Stolen: 3: A\n"
    probe = offline_page(hostile_url)
    probe.page.goto(hostile_url)
    broken, stolen = probe.page.evaluate(PARSE_JS, [bad, misread])
    assert not broken["ok"]
    assert (
        stolen["ok"]
        and stolen["tasks"] == []
        and json.dumps(stolen) != json.dumps(_expected(misread))
    )
