"""journeys.js on small static pages, in Chromium, with no network.

The assets are copied to <site>/sub/assets/journeys/ (the layout of a built
site hosted under a sub-path) and the pages sit at different depths, so the
relative loading through import.meta.url is exercised too.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parents[2] / "plugin" / "mkdocs_journeys" / "assets"
MERMAID_DIR = ASSETS / "mermaid"
# Bytes of Mermaid JS (uncompressed response bodies) a page may download.
# A journey page needs 780,022 bytes (entry + 21 chunks of mermaid 11.17.2).
MERMAID_BUDGET = 800_000
# (The experience curve is inline SVG drawn by the plugin, so no page needs
# more Mermaid than the journey diagram.)
MIN_FONT_PX = 11.0

TRICKY_JOURNEY = """\
journey
  title Onboarding #35;1 #59; café #58; ☕ سفر مشتری
  section Discover #58; آشنایی
    Visit site #35;42 #59; compare: 5: Customer#44; new, Agent
    ثبت‌نام در سامانه: 3: مشتری
    ანგარიშის შექმნა 🎉: 4: მომხმარებელი
  section Pay 💳
    Pay by card #59; get receipt: 2: Customer#44; new
"""

TRICKY_TEXTS = [
    "Onboarding #1 ; café : ☕ سفر مشتری",
    "Discover : آشنایی",
    "Visit site #42 ; compare",
    "Customer, new",
    "ثبت‌نام در سامانه",
    "ანგარიშის შექმნა 🎉",
    "მომხმარებელი",
    "Pay 💳",
    "Pay by card ; get receipt",
]

SECOND_JOURNEY = """\
journey
  title Satisfaction by stage
  section Sign up
    Create account: 4: Customer
"""

INVALID = """\
journey
  title Broken
  section A
    This task has no score at all
"""

XSS_JOURNEY = """\
journey
  title <script>alert('title')</script>
  section <img src=x onerror=alert('section')>
    <script>alert('task')</script> go: 5: Me
    click Me call alert('click'): 3: Me
    <a href="javascript#58;alert('link')">link</a>: 4: <svg onload=alert('actor')>
"""

XSS_CLICK = """\
journey
  title Click
  click Me call alert('click-directive')
  section S
    Task: 5: Me
"""


def wide_journey(n: int = 15) -> str:
    lines = ["journey", "  title A fifteen step journey"]
    for i in range(n):
        if i % 5 == 0:
            lines.append(f"  section Stage {i // 5 + 1}")
        lines.append(
            f"    Touchpoint number {i + 1} with a longer label: {i % 5 + 1}: Customer, Support"
        )
    return "\n".join(lines) + "\n"


def diagram_markup(kind: str, source: str) -> str:
    return (
        f'<div class="journeys-diagram" data-diagram="{kind}">\n'
        f'  <pre class="journeys-diagram__source">{html.escape(source)}</pre>\n'
        "</div>\n"
    )


# The Material rules that fight a wide diagram: SVGs shrunk to the column,
# a tall line height.
MATERIAL_LIKE_CSS = """<style>
  .md-typeset { font-size: 16px; line-height: 1.6; max-width: 700px; }
  .md-typeset img, .md-typeset svg, .md-typeset video { max-width: 100%; height: auto; }
</style>
"""


def write_page(
    root: Path, rel: str, diagrams: list[tuple[str, str]], head: str = "", body_attrs: str = ""
) -> str:
    """Write root/sub/<rel>/index.html; return its URL path under the server root."""
    page_dir = root / "sub" / rel
    page_dir.mkdir(parents=True, exist_ok=True)
    depth = len([p for p in rel.split("/") if p])
    up = "../" * depth
    body = "\n".join(diagram_markup(kind, src) for kind, src in diagrams)
    (page_dir / "index.html").write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{rel or 'home'}</title>\n"
        f'<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{up}assets/journeys/journeys.css">\n'
        f"{MATERIAL_LIKE_CSS}{head}</head>\n<body {body_attrs}>\n"
        f'<article class="md-typeset">\n<h1>{rel}</h1>\n{body}</article>\n'
        f'<script type="module" src="{up}assets/journeys/journeys.js"></script>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    return f"sub/{rel}/" if rel else "sub/"


FAKE_DOCUMENT_SUBJECT = """<script>
  // Stands in for Material's document$ (an RxJS ReplaySubject of Document).
  window.__journeysSubscribers = [];
  window.document$ = {
    subscribe(fn) {
      window.__journeysSubscribers.push(fn);
      document.addEventListener("DOMContentLoaded", () => fn(document), {once: true});
      if (document.readyState !== "loading") fn(document);
      return {unsubscribe() {}};
    },
  };
  window.__navigate = () => window.__journeysSubscribers.forEach((fn) => fn(document));
</script>
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory, serve_dir):
    root = tmp_path_factory.mktemp("standalone")
    shutil.copytree(ASSETS, root / "sub" / "assets" / "journeys")
    pages = {
        "tricky": write_page(root, "fa/journeys/tricky", [("journey", TRICKY_JOURNEY)]),
        "both": write_page(
            root, "journeys/both", [("journey", TRICKY_JOURNEY), ("journey", SECOND_JOURNEY)]
        ),
        "invalid": write_page(root, "invalid", [("journey", INVALID), ("journey", TRICKY_JOURNEY)]),
        "wide": write_page(root, "journeys/wide", [("journey", wide_journey(15))]),
        "xss": write_page(root, "xss", [("journey", XSS_JOURNEY), ("journey", XSS_CLICK)]),
        "plain": write_page(root, "plain", []),
        "dark": write_page(
            root, "dark", [("journey", TRICKY_JOURNEY)], body_attrs='data-md-color-scheme="slate"'
        ),
        "instant": write_page(
            root, "instant", [("journey", TRICKY_JOURNEY)], head=FAKE_DOCUMENT_SUBJECT
        ),
        "rtl": write_page(root, "rtl", [("journey", wide_journey(15))]),
    }
    pages["hidden"] = write_page(root, "hidden", [])
    hidden = root / "sub" / "hidden" / "index.html"
    hidden.write_text(
        hidden.read_text(encoding="utf-8").replace(
            "</h1>\n",
            "</h1>\n<details><summary>more</summary>\n"
            + diagram_markup("journey", TRICKY_JOURNEY)
            + "</details>\n",
        ),
        encoding="utf-8",
    )
    rtl = root / "sub" / "rtl" / "index.html"
    rtl.write_text(
        rtl.read_text(encoding="utf-8").replace('<html lang="en">', '<html lang="fa" dir="rtl">'),
        encoding="utf-8",
    )
    base = serve_dir(root)
    return {name: base + path for name, path in pages.items()}


def open_rendered(offline_page, url: str, width: int = 1280):
    return offline_page(url, width=width).open_rendered()


def assert_clean(probe):
    assert probe.blocked == [], f"requests to other origins: {probe.blocked}"
    assert probe.page_errors == [], f"uncaught exceptions: {probe.page_errors}"
    assert probe.failed == [], f"failed requests: {probe.failed}"
    bad = [f"{r.status} {r.url}" for r in probe.responses if r.status >= 400]
    assert bad == [], f"error responses: {bad}"


STATE_JS = """() => {
 const visibleText = (svg) => {
  const parts = [];
  const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.closest('style') && n.textContent.trim()) parts.push(n.textContent.trim());
  }
  return parts.join(' | ');
 };
 return Array.from(document.querySelectorAll('.journeys-diagram')).map((c) => {
  const svg = c.querySelector('.journeys-diagram__svg > svg');
  const pre = c.querySelector('.journeys-diagram__source');
  const err = c.querySelector('.journeys-diagram__error');
  return {
    state: c.getAttribute('data-state'),
    theme: c.getAttribute('data-theme'),
    svgWidth: svg ? svg.getBoundingClientRect().width : 0,
    svgHeight: svg ? svg.getBoundingClientRect().height : 0,
    text: svg ? visibleText(svg) : null,
    svgMarkup: svg ? svg.outerHTML : '',
    preVisible: pre ? pre.getBoundingClientRect().height > 0 : false,
    error: err ? err.textContent : null,
    errorHtml: err ? err.innerHTML : null,
    inShadow: c.shadowRoot !== null,
  };
});
}"""


def states(page):
    return page.evaluate(STATE_JS)


def mermaid_files() -> set[str]:
    return {p.relative_to(MERMAID_DIR).as_posix() for p in MERMAID_DIR.rglob("*.mjs")}


def requested_mermaid_files(probe) -> set[str]:
    return {p.split("/mermaid/", 1)[1] for p in probe.paths_under("/assets/journeys/mermaid/")}


def test_vendored_mermaid_is_pinned():
    assert (MERMAID_DIR / "VERSION").read_text().strip() == "11.17.2"
    assert (MERMAID_DIR / "LICENSE").is_file()
    assert (MERMAID_DIR / "mermaid.esm.min.mjs").is_file()
    for path in MERMAID_DIR.rglob("*.mjs"):
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path


def test_tricky_journey_renders(offline_page, pages):
    probe = open_rendered(offline_page, pages["tricky"])
    [d] = states(probe.page)
    assert d["state"] == "rendered", d
    assert not d["inShadow"]
    assert d["svgWidth"] > 0 and d["svgHeight"] > 0
    assert not d["preVisible"]
    assert d["theme"] == "default"
    text = " ".join(d["text"].split())
    for expected in TRICKY_TEXTS:
        assert expected in text, f"{expected!r} not in {text!r}"
    assert "#35;" not in text and "#59;" not in text and "#44;" not in text
    assert probe.console_errors == []
    assert_clean(probe)
    # Mermaid downloaded for a journey-only page.
    sent = probe.body_bytes_under("/assets/journeys/mermaid/")
    files = requested_mermaid_files(probe)
    print(f"\njourney-only page: {sent} bytes of Mermaid JS in {len(files)} files")
    assert sent <= MERMAID_BUDGET


def test_two_diagrams_render_with_exactly_the_vendored_files(offline_page, pages):
    probe = open_rendered(offline_page, pages["both"])
    journey, second = states(probe.page)
    assert journey["state"] == "rendered", journey
    assert second["state"] == "rendered", second
    assert second["svgWidth"] > 0
    assert "Satisfaction by stage" in second["text"]
    assert "Create account" in second["text"]
    assert probe.console_errors == []
    assert_clean(probe)
    files = requested_mermaid_files(probe)
    sent = probe.body_bytes_under("/assets/journeys/mermaid/")
    print(f"\ntwo-diagram page: {sent} bytes of Mermaid JS in {len(files)} files")
    # Every vendored file is needed by a journey diagram, and every file the
    # browser asked for is vendored (assert_clean: no 404).
    assert files == mermaid_files()
    assert sent <= MERMAID_BUDGET, f"{sent} bytes of Mermaid JS > {MERMAID_BUDGET}"


def test_page_without_diagrams_loads_no_mermaid(offline_page, pages):
    probe = open_rendered(offline_page, pages["plain"])
    assert probe.paths_under("/mermaid/") == set()
    assert_clean(probe)
    assert probe.console_errors == []


def test_invalid_diagram_reports_error_and_others_still_render(offline_page, pages):
    probe = open_rendered(offline_page, pages["invalid"])
    broken, good = states(probe.page)
    assert broken["state"] == "error", broken
    assert broken["error"] and len(broken["error"].strip()) > len("Diagram error: ")
    assert "<" not in (broken["errorHtml"] or "") or "&lt;" in broken["errorHtml"]
    assert broken["preVisible"]
    assert good["state"] == "rendered", good
    assert probe.page_errors == []
    assert_clean(probe)
    # Mermaid leaves no error graphic in the page.
    assert (
        probe.page.evaluate(
            "document.querySelectorAll('body > div[id^=djourneys], body > svg').length"
        )
        == 0
    )


def test_script_and_click_in_labels_do_not_run(offline_page, pages):
    probe = open_rendered(offline_page, pages["xss"])
    probe.page.wait_for_timeout(300)
    results = states(probe.page)
    assert all(r["state"] in ("rendered", "error") for r in results), results
    assert results[0]["state"] == "rendered", results[0]
    # Click every part of the diagrams in case a handler got wired up.
    for element in probe.page.query_selector_all(
        ".journeys-diagram__svg svg, .journeys-diagram__svg svg *"
    ):
        element.dispatch_event("click")
    probe.page.wait_for_timeout(200)
    assert probe.dialogs == []
    # The payloads are shown as text, never turned into elements or handlers.
    text = " ".join(r["text"] or "" for r in results)
    assert "alert('task')" in text and "click Me call alert('click')" in text
    dangerous = probe.page.evaluate(
        """() => Array.from(document.querySelectorAll('.journeys-diagram *')).flatMap((el) => {
          const found = [];
          if (['script', 'iframe', 'object', 'embed', 'img', 'a', 'input', 'form'].includes(el.localName.toLowerCase()))
            found.push(el.localName);
          for (const attr of el.attributes) {
            if (attr.name.toLowerCase().startsWith('on')) found.push(`${el.localName}[${attr.name}]`);
            if (/^\\s*javascript:/i.test(attr.value)) found.push(`${el.localName}[${attr.name}=${attr.value}]`);
          }
          return found;
        })"""
    )
    assert dangerous == []
    # The dialog listener works: a real alert would have been recorded.
    probe.page.evaluate("alert('probe')")
    assert probe.dialogs == ["alert: probe"]
    assert probe.blocked == [] and probe.page_errors == []


# Every element that directly holds visible text: SVG <text>/<tspan> and the
# HTML labels Mermaid puts in <foreignObject>s (journey tasks and sections).
# "rendered" is the CSS font size times the scale the SVG is drawn at.
TEXT_METRICS_JS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('.journeys-diagram__svg svg')) {
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || seen.has(el) || el.closest('style')) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const graphic = el instanceof SVGGraphicsElement ? el : el.closest('foreignObject');
      const m = graphic ? graphic.getScreenCTM() : null;
      const scale = m ? Math.hypot(m.a, m.b) : 1;
      const css = parseFloat(getComputedStyle(el).fontSize);
      out.push({text: el.textContent.trim(), tag: el.localName, css, rendered: css * scale});
    }
  }
  return out;
}"""


def text_metrics(page):
    return page.evaluate(TEXT_METRICS_JS)


def test_wide_journey_stays_legible_and_scrolls(offline_page, pages):
    probe = open_rendered(offline_page, pages["wide"], width=1280)
    [d] = states(probe.page)
    assert d["state"] == "rendered", d
    metrics = text_metrics(probe.page)
    assert metrics
    smallest = min(metrics, key=lambda m: m["rendered"])
    assert any(m["tag"] == "div" and "Touchpoint number 15" in m["text"] for m in metrics), (
        "task labels not measured"
    )
    print(
        f"\n15-touchpoint journey at 1280px: smallest text {smallest['rendered']:.2f}px ({smallest['text']!r})"
    )
    assert smallest["rendered"] >= MIN_FONT_PX
    assert min(m["css"] for m in metrics) >= MIN_FONT_PX
    box = probe.page.evaluate(
        """() => {
          const c = document.querySelector('.journeys-diagram__svg');
          const svg = c.querySelector('svg');
          const s = svg.getBoundingClientRect();
          let bottom = -Infinity, top = Infinity;
          for (const el of svg.querySelectorAll('text, rect, path, circle, line, polygon, ellipse')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            bottom = Math.max(bottom, r.bottom); top = Math.min(top, r.top);
          }
          return {scrollWidth: c.scrollWidth, clientWidth: c.clientWidth, overflowX: getComputedStyle(c).overflowX,
                  pageScrollWidth: document.documentElement.scrollWidth,
                  blankBelow: s.bottom - bottom, blankAbove: top - s.top, svgHeight: s.height};
        }"""
    )
    print(f"wide journey box: {box}")
    assert box["overflowX"] == "auto"
    assert box["scrollWidth"] > box["clientWidth"], "a wide journey should scroll sideways"
    assert box["pageScrollWidth"] <= 1280, "the page itself must not scroll sideways"
    assert box["blankBelow"] < 24 and box["blankAbove"] < 24, box
    # On paper it cannot scroll: it shrinks to the column instead.
    probe.page.emulate_media(media="print")
    printed = probe.page.evaluate(
        """() => { const c = document.querySelector('.journeys-diagram__svg');
                   return [c.querySelector('svg').getBoundingClientRect().width, c.getBoundingClientRect().width]; }"""
    )
    assert printed[0] <= printed[1] + 0.5, printed
    probe.page.emulate_media(media="screen")
    assert_clean(probe)
    assert probe.console_errors == []


def test_rtl_page_keeps_diagram_start_visible(offline_page, pages):
    probe = open_rendered(offline_page, pages["rtl"])
    [d] = states(probe.page)
    assert d["state"] == "rendered"
    pos = probe.page.evaluate(
        """() => { const c = document.querySelector('.journeys-diagram__svg');
                   return {scrollLeft: c.scrollLeft, svgLeft: c.querySelector('svg').getBoundingClientRect().left,
                           boxLeft: c.getBoundingClientRect().left,
                           pageScrollWidth: document.documentElement.scrollWidth}; }"""
    )
    assert abs(pos["svgLeft"] - pos["boxLeft"]) < 1, pos
    assert pos["pageScrollWidth"] <= 1280, pos


def test_follows_material_palette(offline_page, pages):
    probe = open_rendered(offline_page, pages["dark"])
    [d] = states(probe.page)
    assert d["state"] == "rendered" and d["theme"] == "dark"
    dark_markup = d["svgMarkup"]
    probe.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    probe.page.evaluate("window.journeysDiagrams.ready")
    [light] = states(probe.page)
    assert light["state"] == "rendered" and light["theme"] == "default"
    assert light["svgMarkup"] != dark_markup
    assert probe.page.evaluate("document.querySelectorAll('.journeys-diagram__svg').length") == 1
    probe.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    probe.page.evaluate("window.journeysDiagrams.ready")
    [again] = states(probe.page)
    assert again["theme"] == "dark"
    assert probe.console_errors == []
    assert_clean(probe)


def test_material_instant_navigation(offline_page, pages):
    probe = open_rendered(offline_page, pages["instant"])
    [d] = states(probe.page)
    assert d["state"] == "rendered"
    # Instant navigation: Material swaps the content and document$ emits.
    probe.page.evaluate(
        """(src) => {
          const c = document.createElement('div');
          c.className = 'journeys-diagram';
          c.dataset.diagram = 'journey';
          const pre = document.createElement('pre');
          pre.className = 'journeys-diagram__source';
          pre.textContent = src;
          c.appendChild(pre);
          document.querySelector('.journeys-diagram').replaceWith(c);
          window.__navigate();
        }""",
        SECOND_JOURNEY,
    )
    probe.page.evaluate("window.journeysDiagrams.ready")
    [second] = states(probe.page)
    assert second["state"] == "rendered", second
    assert "Satisfaction by stage" in second["text"]
    assert probe.console_errors == []
    assert_clean(probe)


def test_diagram_in_closed_details_gets_its_size(offline_page, pages):
    probe = open_rendered(offline_page, pages["hidden"])
    [d] = states(probe.page)
    assert d["state"] == "rendered", d
    size = probe.page.evaluate(
        "(() => { const s = document.querySelector('.journeys-diagram__svg svg');"
        " return [Number(s.getAttribute('width')), Number(s.getAttribute('height')), s.getAttribute('viewBox')]; })()"
    )
    assert size[0] > 300 and size[1] > 200, size
    probe.page.click("summary")
    [shown] = states(probe.page)
    assert shown["svgWidth"] == size[0] and shown["svgHeight"] == size[1]
    assert_clean(probe)
    assert probe.console_errors == []
